"""360° skills assessments: starting one, inviting raters, answering through a link, reminders,
closing, and turning the gaps into development-plan items. The results themselves (and the
co-worker rule) are computed in tandem/growth/results.py."""

import datetime
from email.utils import parseaddr

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from tandem.growth import permissions
from tandem.growth.emails import rater_invitation_email
from tandem.growth.links import LinkRefused, rater_token_new
from tandem.growth.models import (
    ActivityKind,
    Assessment,
    AssessmentCompetency,
    AssessmentStatus,
    PlanItem,
    PlanStatus,
    ProgramCompetency,
    Rater,
    RaterGroup,
    Rating,
)
from tandem.growth.results import assessment_results
from tandem.growth.services.plans import plan_get_or_start, plan_item_add, plan_revise
from tandem.mentorships.models import Mentorship
from tandem.notifications.services import notify
from tandem.people.models import Skill, User

MAX_COMPETENCIES = 12
MAX_COWORKERS = 15
MAX_OPEN_DAYS = 90
REMINDER_EVERY = datetime.timedelta(days=3)
MAX_REMINDERS = 3
MANUAL_REMINDER_GAP = datetime.timedelta(hours=20)
COMMENT_MAX = 2000


# --- starting --------------------------------------------------------------------------------


@transaction.atomic
def assessment_start(
    *,
    mentorship: Mentorship,
    subject: User,
    by: User,
    skills: list[Skill],
    closes_on: datetime.date | None,
    title: str = "",
    message: str = "",
    coworkers: list[str] | tuple = (),
) -> Assessment:
    """Start an assessment of `subject` (by themself or their mentor): self, mentor and
    supervisor are asked at once; co-workers are the subject's to choose."""
    if not permissions.can_start_assessment(by, mentorship, subject):
        raise ValidationError(
            "A 360° assessment is started by the person growing in this mentorship or their "
            "mentor, while it is under way."
        )
    if coworkers and by.pk != subject.pk:
        raise ValidationError({"coworkers": "Co-workers are chosen by the person assessed."})
    _check_no_open_assessment(mentorship, subject)
    skills = _check_skills(skills)
    _check_closes_on(closes_on)
    assessment = Assessment.objects.create(
        mentorship=mentorship,
        subject=subject,
        started_by=by,
        title=(title or "").strip()[:160] or f"360° skills assessment of {subject}",
        message=(message or "").strip(),
        closes_on=closes_on,
    )
    _add_competencies(assessment, skills)
    for rater in _first_raters(assessment, mentorship, subject):
        _invite(rater, by=by)
    if coworkers:
        assessment_invite_coworkers(assessment=assessment, by=by, coworkers=coworkers)
    if by.pk != subject.pk:
        notify(
            recipient=subject,
            kind="assessment_started",
            title=f"{by} started a 360° skills assessment for you",
            body="Rate yourself, and choose at least three co-workers to ask.",
            url=assessment.get_absolute_url(),
            needs_action=True,
        )
    return assessment


def _check_no_open_assessment(mentorship: Mentorship, subject: User) -> None:
    if Assessment.objects.filter(
        mentorship=mentorship, subject=subject, status=AssessmentStatus.OPEN
    ).exists():
        raise ValidationError("An assessment is already collecting answers: close it first.")


def _check_skills(skills) -> list[Skill]:
    unique = list(dict.fromkeys(skills))
    if not unique:
        raise ValidationError({"skills": "Choose at least one competency to assess."})
    if len(unique) > MAX_COMPETENCIES:
        raise ValidationError(
            {"skills": f"Choose at most {MAX_COMPETENCIES} competencies: raters tire."}
        )
    return unique


def _check_closes_on(closes_on: datetime.date | None) -> None:
    today = timezone.localdate()
    if closes_on is None:
        raise ValidationError({"closes_on": "Choose the day answers close."})
    if closes_on <= today:
        raise ValidationError({"closes_on": "Give raters until a day after today."})
    if closes_on > today + datetime.timedelta(days=MAX_OPEN_DAYS):
        raise ValidationError({"closes_on": f"Close it within {MAX_OPEN_DAYS} days."})


def _add_competencies(assessment: Assessment, skills: list[Skill]) -> None:
    described = dict(
        ProgramCompetency.objects.filter(
            program=assessment.mentorship.program_id, skill__in=skills
        ).values_list("skill_id", "description")
    )
    AssessmentCompetency.objects.bulk_create(
        AssessmentCompetency(
            assessment=assessment, skill=skill, description=described.get(skill.pk, ""), position=i
        )
        for i, skill in enumerate(skills)
    )


def _first_raters(assessment: Assessment, mentorship: Mentorship, subject: User) -> list[Rater]:
    partner = mentorship.partner_of(subject)
    manager = getattr(getattr(subject, "profile", None), "manager", None)
    people = [(RaterGroup.SELF, subject), (RaterGroup.MENTOR, partner)]
    if manager is not None and manager.pk not in (subject.pk, partner.pk) and manager.is_active:
        people.append((RaterGroup.SUPERVISOR, manager))
    return [_new_rater(assessment, group, person=person) for group, person in people]


def _new_rater(assessment, group, *, person=None, email="", name="") -> Rater:
    rater = Rater(
        assessment=assessment,
        group=group,
        person=person,
        email=(person.email if person else email).lower(),
        name=str(person) if person else name,
    )
    rater_token_new(rater)
    rater.save()
    return rater


def _invite(rater: Rater, *, by: User) -> None:
    """E-mail the link (after commit); an account holder also finds it in the app."""
    rater.invited_at = timezone.now()
    rater.save(update_fields=["invited_at"])
    if rater.person_id == by.pk:
        return  # they are in the app, starting it: the page asks them directly
    transaction.on_commit(lambda: rater_invitation_email(rater=rater))
    # The subject hears of an assessment started for them once (assessment_start says so).
    if rater.person_id and rater.group != RaterGroup.SELF:
        notify(
            recipient=rater.person,
            kind="assessment_rating",
            title=f"{rater.assessment.subject} asks for your view of their skills",
            url=reverse("growth:rate_in_app", args=[rater.pk]),
            needs_action=True,
            email=False,  # the invitation e-mail above carries the link
        )


# --- co-workers ------------------------------------------------------------------------------


@transaction.atomic
def assessment_invite_coworkers(
    *, assessment: Assessment, by: User, coworkers: list
) -> list[Rater]:
    """The subject asks co-workers: people with an account (a User, or their e-mail) or anyone
    by e-mail (“Name <address>” or the bare address)."""
    if not permissions.can_invite_coworkers(by, assessment):
        raise ValidationError("Co-workers are chosen by the person assessed, while it is open.")
    wanted = [_coworker(entry) for entry in coworkers if entry]
    if not wanted:
        raise ValidationError({"coworkers": "Give at least one co-worker's e-mail address."})
    _check_coworkers(assessment, wanted)
    raters = [
        _new_rater(assessment, RaterGroup.COWORKER, person=person, email=email, name=name)
        for person, email, name in wanted
    ]
    for rater in raters:
        _invite(rater, by=by)
    return raters


def _coworker(entry) -> tuple[User | None, str, str]:
    if isinstance(entry, User):
        return entry, entry.email.lower(), str(entry)
    name, email = parseaddr(str(entry).strip())
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"coworkers": f"“{str(entry).strip()}” is not an e-mail address."}
        ) from None
    person = User.objects.filter(email__iexact=email, is_active=True).first()
    return person, email, str(person) if person else name.strip()[:120]


def _check_coworkers(assessment: Assessment, wanted) -> None:
    emails = [email for _, email, _ in wanted]
    if len(set(emails)) != len(emails):
        raise ValidationError({"coworkers": "The same address appears twice."})
    asked = dict(assessment.raters.exclude(email="").values_list("email", "group"))
    for person, email, _ in wanted:
        if person is not None and person.pk == assessment.subject_id:
            raise ValidationError({"coworkers": "You rate yourself already, as “self”."})
        if email in asked:
            group = RaterGroup(asked[email]).label.lower()
            raise ValidationError({"coworkers": f"{email} is already asked (as {group})."})
    total = assessment.raters.filter(group=RaterGroup.COWORKER).count() + len(wanted)
    if total > MAX_COWORKERS:
        raise ValidationError({"coworkers": f"Ask at most {MAX_COWORKERS} co-workers."})


# --- answering -------------------------------------------------------------------------------


@transaction.atomic
def rater_answer(*, rater: Rater, answers: dict[int, tuple[int | None, str]]) -> Rater:
    """A rater's ratings, all at once: for each competency a score 1–5 or None (not observed)
    and an optional comment. Answering uses the link up (a conditional UPDATE, so that two
    submissions of the same link cannot both count)."""
    competencies = list(rater.assessment.competencies.all())
    _check_answers(competencies, answers)
    claimed = Rater.objects.filter(
        pk=rater.pk, answered_at__isnull=True, assessment__status=AssessmentStatus.OPEN
    ).update(answered_at=timezone.now())
    if not claimed:
        rater.refresh_from_db()
        raise LinkRefused("used" if rater.has_answered else "closed")
    Rating.objects.bulk_create(
        Rating(
            rater=rater,
            competency=c,
            score=answers[c.pk][0],
            comment=(answers[c.pk][1] or "").strip(),
        )
        for c in competencies
    )
    rater.refresh_from_db()
    _tell_subject_when_all_answered(rater.assessment)
    return rater


def _check_answers(competencies, answers) -> None:
    errors = {}
    for competency in competencies:
        score, comment = answers.get(competency.pk, ("missing", ""))
        if score == "missing":
            errors[f"score_{competency.pk}"] = "Rate this competency, or choose “not observed”."
        elif score is not None and (
            isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5
        ):
            errors[f"score_{competency.pk}"] = "A rating is a whole number from 1 to 5."
        if len(comment or "") > COMMENT_MAX:
            errors[f"comment_{competency.pk}"] = f"At most {COMMENT_MAX} characters."
    if errors:
        raise ValidationError(errors)
    if all(answers[c.pk][0] is None for c in competencies):
        raise ValidationError("Rate at least one competency (all are “not observed”).")


def _tell_subject_when_all_answered(assessment: Assessment) -> None:
    if assessment.raters.filter(answered_at__isnull=True).exists():
        return
    notify(
        recipient=assessment.subject,
        kind="assessment_answered",
        title=f"Everyone has answered “{assessment.title}”",
        body="Close the assessment to see the results.",
        url=assessment.get_absolute_url(),
        needs_action=True,
    )


# --- reminders and closing -------------------------------------------------------------------


def _unanswered(now: datetime.datetime):
    return Rater.objects.filter(
        answered_at__isnull=True,
        invited_at__isnull=False,
        assessment__status=AssessmentStatus.OPEN,
        assessment__closes_on__gte=timezone.localdate(now),
    ).select_related("assessment__subject", "person")


def assessment_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind raters who have not answered, every few days, a few times. Each reminder is
    claimed by a conditional UPDATE first, so two runs at once never send it twice."""
    now = now or timezone.now()
    due = (
        _unanswered(now)
        .filter(invited_at__lte=now - REMINDER_EVERY, reminders_sent__lt=MAX_REMINDERS)
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=now - REMINDER_EVERY))
    )
    return sum(_remind(rater, now) for rater in due)


def _remind(rater: Rater, now: datetime.datetime) -> int:
    with transaction.atomic():
        claimed = Rater.objects.filter(
            pk=rater.pk, reminders_sent=rater.reminders_sent, answered_at__isnull=True
        ).update(reminders_sent=rater.reminders_sent + 1, reminded_at=now)
        if claimed:
            transaction.on_commit(lambda: rater_invitation_email(rater=rater, reminder=True))
    return claimed


@transaction.atomic
def assessment_remind(*, assessment: Assessment, by: User) -> int:
    """Remind, now, everyone who has not answered (nobody is named: who is left is private)."""
    if not permissions.can_manage_assessment(by, assessment):
        raise ValidationError("Only the person assessed or their mentor can send reminders.")
    now = timezone.now()
    due = _unanswered(now).filter(assessment=assessment).exclude(person=by)
    due = due.filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=now - MANUAL_REMINDER_GAP))
    due = due.filter(invited_at__lte=now - MANUAL_REMINDER_GAP)
    return sum(_remind(rater, now) for rater in due)


@transaction.atomic
def assessment_close(*, assessment: Assessment, by: User | None = None) -> Assessment:
    """Stop collecting answers; the results appear. `by` is None when the deadline closes it."""
    if by is not None and not permissions.can_manage_assessment(by, assessment):
        raise ValidationError("Only the person assessed or their mentor can close it.")
    closed = Assessment.objects.filter(pk=assessment.pk, status=AssessmentStatus.OPEN).update(
        status=AssessmentStatus.CLOSED, closed_at=timezone.now()
    )
    if not closed:
        raise ValidationError("This assessment is already closed.")
    assessment.refresh_from_db()
    for person in assessment.mentorship.people():
        if by is None or person.pk != by.pk:
            notify(
                recipient=person,
                kind="assessment_closed",
                title=f"The results of “{assessment.title}” are ready",
                url=assessment.get_absolute_url(),
            )
    return assessment


def assessments_close_due(*, today: datetime.date | None = None) -> int:
    """Close every assessment whose last day has passed (safe to run twice: closing is a
    conditional UPDATE)."""
    today = today or timezone.localdate()
    closed = 0
    for assessment in Assessment.objects.filter(
        status=AssessmentStatus.OPEN, closes_on__lt=today
    ).select_related("mentorship__mentor", "mentorship__mentee"):
        try:
            assessment_close(assessment=assessment)
        except ValidationError:
            continue  # another worker closed it a moment ago
        closed += 1
    return closed


# --- from gaps to the development plan -------------------------------------------------------


@transaction.atomic
def assessment_gaps_to_plan(
    *, assessment: Assessment, by: User, skill_ids: list[int] | None = None
) -> list[PlanItem]:
    """Turn blind spots and hidden strengths into development-plan items in one step (all the
    gaps, or those of `skill_ids`). An agreed plan is reopened for revision; items already made
    from this assessment are not made twice."""
    if not permissions.can_plan_from_gaps(by, assessment):
        raise ValidationError("Only the person assessed turns the gaps into their plan.")
    gaps = _chosen_gaps(assessment, skill_ids)
    plan = plan_get_or_start(mentorship=assessment.mentorship, owner=by)
    if plan.status == PlanStatus.SUBMITTED:
        raise ValidationError(
            "Your plan is waiting for its review; add the gaps once it is reviewed."
        )
    if plan.status == PlanStatus.AGREED:
        plan = plan_revise(plan=plan, by=by)
    done = set(plan.items.filter(source_assessment=assessment).values_list("skill_id", flat=True))
    target = timezone.localdate() + datetime.timedelta(days=90)
    return [
        plan_item_add(
            plan=plan, by=by, source_assessment=assessment, target_date=target, **_item(gap)
        )
        for gap in gaps
        if gap.skill_id not in done
    ]


def _chosen_gaps(assessment: Assessment, skill_ids):
    gaps = assessment_results(assessment).gaps()
    if skill_ids is not None:
        known = {gap.skill_id for gap in gaps}
        unknown = set(skill_ids) - known
        if unknown:
            raise ValidationError({"skills": "Choose among the gaps the results show."})
        gaps = [gap for gap in gaps if gap.skill_id in set(skill_ids)]
    if not gaps:
        raise ValidationError({"skills": "There is no gap to plan for."})
    return gaps


def _item(gap) -> dict:
    skill = Skill.objects.get(pk=gap.skill_id)
    if gap.gap_kind == "blind_spot":
        return {
            "skill": skill,
            "activity": ActivityKind.MENTOR,
            "description": f"Close the gap in {gap.name}: I rated myself {gap.self_score}, "
            f"others {gap.others:g} on average. Ask for concrete feedback and practise it "
            "where others can see.",
        }
    return {
        "skill": skill,
        "activity": ActivityKind.TEACHING,
        "description": f"Build on {gap.name}: others rate me {gap.others:g}, higher than my "
        f"own {gap.self_score}. Take on work that uses it and share it with others.",
    }
