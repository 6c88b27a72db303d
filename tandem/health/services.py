"""Health workflows: the program's cadence, opening and answering check-ins, feedback,
introductions, recomputing health scores and the risks they raise, and admins' actions.

The periodic jobs (tasks.py) call `checkins_open_due`, `checkins_remind` and `health_recompute`.
Each is safe to run twice, even at once: a check-in round is one row per side (a unique
constraint), a notification is sent only by whoever claims the row with a conditional UPDATE,
and a risk is one live row per mentorship and kind (a unique constraint), announced by whoever
created it."""

import datetime
from collections import Counter
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, Min, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone

from tandem.health.models import (
    LOW_SCORE,
    RATING_LABELS,
    ActionKind,
    CheckIn,
    CheckInStatus,
    Feedback,
    HealthScore,
    HealthSettings,
    Introduction,
    Risk,
    RiskAction,
    started_on,
)
from tandem.health.permissions import can_record_introduction
from tandem.health.score import HealthReport, health_reports
from tandem.meetings.models import Meeting, Outcome
from tandem.mentorships.models import CLOSED_STATUSES, Mentorship, MentorshipStatus
from tandem.mentorships.permissions import can_manage_mentorship, can_work_in
from tandem.notifications.services import notify
from tandem.people.models import User
from tandem.programs.models import Program

BATCH = 300

# --- the program's cadence -------------------------------------------------------------------

SETTINGS_FIELDS = (
    "first_check_in_days",
    "check_in_every_days",
    "reminder_after_days",
    "at_risk_below",
)


@transaction.atomic
def health_settings_save(*, program: Program, by: User, **fields) -> HealthSettings:
    """A program admin sets the check-in cadence and the at-risk threshold."""
    if not program.is_managed_by(by):
        raise ValidationError("Only the program's admins change its health settings.")
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown setting(s): {', '.join(sorted(unknown))}.")
    settings = HealthSettings.for_program(program)
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.updated_by, settings.updated_at = by, timezone.now()
    settings.full_clean(exclude=["program", "updated_by"])
    settings.save()
    return settings


# --- opening check-ins -----------------------------------------------------------------------


def _batches(queryset: QuerySet, size: int = BATCH) -> Iterator[list]:
    batch = []
    for item in queryset.iterator(chunk_size=size):
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def checkins_open_due(*, now: datetime.datetime | None = None) -> int:
    """Open the round now due for each side of every active mentorship, close the rounds it
    supersedes, and tell each person once. Returns how many people were told.

    The first round ("is this a good fit?") opens after the pair's first meeting that took
    place, or the program's `first_check_in_days` after the start if they have not met by
    then; the later rounds keep the program's rhythm from the start."""
    now = now or timezone.now()
    active = Mentorship.objects.active().filter(started_at__isnull=False).order_by("pk")
    for batch in _batches(active):
        _open_rounds(batch, now)
    _close_superseded(now)
    return _announce_open_checkins(now)


def _open_rounds(mentorships: list[Mentorship], now: datetime.datetime) -> None:
    today = now.astimezone(datetime.UTC).date()
    settings = HealthSettings.for_programs(m.program_id for m in mentorships)
    latest = dict(
        CheckIn.objects.filter(mentorship__in=mentorships)
        .values("mentorship_id")
        .annotate(latest=Max("round"))
        .values_list("mentorship_id", "latest")
    )
    first_met = _first_meetings([m for m in mentorships if m.pk not in latest], now)
    rows = []
    for mentorship in mentorships:
        cadence, began = settings[mentorship.program_id], started_on(mentorship)
        current = cadence.current_round(began, today)
        met_on = first_met.get(mentorship.pk)
        if current == 0 and met_on is not None:
            current = 1
        if current == 0 or latest.get(mentorship.pk, 0) >= current:
            continue
        due_on = cadence.round_due_on(began, current)
        if current == 1 and met_on is not None:
            due_on = min(due_on, met_on)
        rows += [
            CheckIn(
                mentorship=mentorship,
                respondent_id=person_id,
                round=current,
                due_on=due_on,
                opened_at=now,
            )
            for person_id in (mentorship.mentor_id, mentorship.mentee_id)
        ]
    # Another worker may have opened the same rounds a moment ago: the unique constraint
    # keeps one row per side and round, and the duplicates are dropped.
    CheckIn.objects.bulk_create(rows, ignore_conflicts=True)


def _first_meetings(mentorships: list[Mentorship], now) -> dict[int, datetime.date]:
    """The day each pair's first meeting that took place began (the pair said so: held)."""
    if not mentorships:
        return {}
    held = (
        Meeting.objects.filter(mentorship__in=mentorships, outcome=Outcome.HELD, starts_at__lte=now)
        .values("mentorship_id")
        .annotate(first=Min("starts_at"))
    )
    return {row["mentorship_id"]: row["first"].astimezone(datetime.UTC).date() for row in held}


def _close_superseded(now: datetime.datetime) -> None:
    """An unanswered check-in closes when the next round opens or the mentorship ends."""
    newer = CheckIn.objects.filter(
        mentorship=OuterRef("mentorship"),
        respondent=OuterRef("respondent"),
        round__gt=OuterRef("round"),
    )
    CheckIn.objects.open().filter(Exists(newer)).update(status=CheckInStatus.CLOSED, closed_at=now)
    CheckIn.objects.open().filter(mentorship__status__in=CLOSED_STATUSES).update(
        status=CheckInStatus.CLOSED, closed_at=now
    )


def _announce_open_checkins(now: datetime.datetime) -> int:
    told = 0
    waiting = CheckIn.objects.open().filter(notified_at__isnull=True)
    for checkin in waiting.select_related("mentorship__mentor", "mentorship__mentee", "respondent"):
        with transaction.atomic():
            if not _claim(checkin, "notified_at", now):
                continue
            partner = checkin.mentorship.partner_of(checkin.respondent)
            notify(
                recipient=checkin.respondent,
                kind="checkin_due",
                title=f"Time for your check-in with {partner}",
                body=_checkin_body(checkin),
                url=checkin.get_absolute_url(),
                needs_action=True,
            )
            told += 1
    return told


def _claim(checkin: CheckIn, field: str, now: datetime.datetime) -> bool:
    """Only one worker may act on a check-in: the one whose conditional UPDATE matched."""
    claimed = CheckIn.objects.filter(
        pk=checkin.pk, status=CheckInStatus.OPEN, **{f"{field}__isnull": True}
    )
    return claimed.update(**{field: now}) == 1


def _checkin_body(checkin: CheckIn) -> str:
    body = (
        "Five quick ratings, what you learned from each other, and a comment if you like: "
        "about three minutes. Your partner never sees your ratings; your comment only if you "
        "choose to share it."
    )
    if checkin.is_first:
        body += " This first check-in also asks whether the pairing is a good fit."
        body += " A “no” goes to the program's admins only, so they can help or re-match."
    return body


def checkins_remind(*, now: datetime.datetime | None = None) -> int:
    """One reminder per check-in still unanswered after the program's reminder delay."""
    now = now or timezone.now()
    reminded = 0
    waiting = CheckIn.objects.open().filter(notified_at__isnull=False, reminded_at__isnull=True)
    settings: dict[int, HealthSettings] = {}
    for checkin in waiting.select_related(
        "mentorship__program", "mentorship__mentor", "mentorship__mentee", "respondent"
    ):
        program_id = checkin.mentorship.program_id
        if program_id not in settings:
            settings[program_id] = HealthSettings.for_program(checkin.mentorship.program)
        delay = datetime.timedelta(days=settings[program_id].reminder_after_days)
        if now - checkin.opened_at < delay:
            continue
        with transaction.atomic():
            if not _claim(checkin, "reminded_at", now):
                continue
            partner = checkin.mentorship.partner_of(checkin.respondent)
            notify(
                recipient=checkin.respondent,
                kind="checkin_reminder",
                title=f"Reminder: your check-in with {partner} is waiting",
                body="It closes when the next one opens. " + _checkin_body(checkin),
                url=checkin.get_absolute_url(),
                needs_action=True,
            )
            reminded += 1
    return reminded


# --- answering a check-in --------------------------------------------------------------------


@transaction.atomic
def checkin_answer(
    *,
    checkin: CheckIn,
    by: User,
    engagement: int,
    flexibility: int,
    authenticity: int,
    reciprocity: int,
    satisfaction: int,
    learned: str = "",
    comment: str = "",
    share_comment: bool = False,
    good_fit: bool | None = None,
) -> CheckIn:
    """One side answers its check-in. A "not a good fit" in the first round alerts the
    program's admins (once: it opens a risk); a shared comment is announced to the partner."""
    checkin = CheckIn.objects.select_for_update().select_related("mentorship").get(pk=checkin.pk)
    _check_can_answer(checkin, by)
    ratings = {
        "engagement": engagement,
        "flexibility": flexibility,
        "authenticity": authenticity,
        "reciprocity": reciprocity,
        "satisfaction": satisfaction,
    }
    _check_answers(checkin, ratings, good_fit)
    for name, value in ratings.items():
        setattr(checkin, name, value)
    checkin.learned, checkin.comment = learned.strip(), comment.strip()
    checkin.share_comment = bool(share_comment and checkin.comment)
    checkin.good_fit = good_fit if checkin.is_first else None
    checkin.status, checkin.answered_at = CheckInStatus.ANSWERED, timezone.now()
    checkin.save()
    if checkin.share_comment:
        _announce_shared_comment(checkin, by)
    health_recompute(mentorships=Mentorship.objects.filter(pk=checkin.mentorship_id))
    return checkin


def _check_can_answer(checkin: CheckIn, by: User) -> None:
    if checkin.respondent_id != by.pk:
        raise ValidationError("Only the person it was sent to answers a check-in.")
    if not can_work_in(by, checkin.mentorship):
        raise ValidationError("This mentorship is no longer under way.")
    if checkin.status == CheckInStatus.ANSWERED:
        raise ValidationError("You have already answered this check-in.")
    if checkin.status == CheckInStatus.CLOSED:
        raise ValidationError("This check-in has closed; answer the newest one instead.")


def _check_answers(checkin: CheckIn, ratings: dict, good_fit: bool | None) -> None:
    errors = {}
    for name, value in ratings.items():
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
            errors[name] = f"Rate {RATING_LABELS[name].lower()} from 1 to 5."
    if checkin.is_first and good_fit is None:
        errors["good_fit"] = "Say whether this pairing is a good fit."
    if errors:
        raise ValidationError(errors)


def _announce_shared_comment(checkin: CheckIn, by: User) -> None:
    mentorship = checkin.mentorship
    notify(
        recipient=mentorship.partner_of(by),
        kind="checkin_comment_shared",
        title=f"{by} shared a comment from their check-in",
        body=checkin.comment[:300],
        url=reverse("health:checkins", args=[mentorship.pk]),
    )


# --- feedback and introductions --------------------------------------------------------------


def _check_pair_at_work(mentorship: Mentorship, by: User, what: str) -> None:
    if not can_work_in(by, mentorship):
        raise ValidationError(f"Only the two people in a mentorship under way {what}.")


@transaction.atomic
def feedback_give(
    *, mentorship: Mentorship, by: User, went_well: str, do_differently: str
) -> Feedback:
    """One partner gives the other feedback: what went well, what to do differently."""
    _check_pair_at_work(mentorship, by, "give each other feedback")
    went_well, do_differently = went_well.strip(), do_differently.strip()
    if not (went_well or do_differently):
        raise ValidationError({"went_well": "Say what went well, what to do differently, or both."})
    recipient = mentorship.partner_of(by)
    feedback = Feedback.objects.create(
        mentorship=mentorship,
        author=by,
        recipient=recipient,
        went_well=went_well,
        do_differently=do_differently,
    )
    notify(
        recipient=recipient,
        kind="feedback_received",
        title=f"{by} gave you feedback",
        body=went_well[:200] or do_differently[:200],
        url=reverse("health:feedback", args=[mentorship.pk]),
    )
    return feedback


@transaction.atomic
def introduction_record(
    *,
    mentorship: Mentorship,
    by: User,
    purpose: str,
    contact: User | None = None,
    contact_name: str = "",
    contact_organisation: str = "",
    made_on: datetime.date | None = None,
) -> Introduction:
    """The mentor records an introduction made for the mentee: to a colleague with an account,
    or to someone outside by name and organisation, and why."""
    _check_pair_at_work(mentorship, by, "record introductions")
    if not can_record_introduction(by, mentorship):
        raise ValidationError("In this mentorship the mentor records introductions for the mentee.")
    made_on = made_on or timezone.localdate()
    contact_name, contact_organisation = contact_name.strip(), contact_organisation.strip()
    _check_introduction(mentorship, contact, contact_name, purpose, made_on)
    made_for = mentorship.partner_of(by)
    introduction = Introduction.objects.create(
        mentorship=mentorship,
        made_by=by,
        made_for=made_for,
        contact=contact,
        contact_name="" if contact else contact_name,
        contact_organisation="" if contact else contact_organisation,
        purpose=purpose.strip(),
        made_on=made_on,
    )
    notify(
        recipient=made_for,
        kind="introduction_made",
        title=f"{by} recorded an introduction for you: {introduction.contact_label}",
        body=introduction.purpose[:200],
        url=reverse("health:introductions", args=[mentorship.pk]),
    )
    return introduction


def _check_introduction(mentorship, contact, contact_name, purpose, made_on) -> None:
    errors = {}
    if contact is None and not contact_name:
        errors["contact"] = "Name the colleague, or the outside contact's name."
    elif contact is not None and mentorship.involves(contact):
        errors["contact"] = "Introduce someone other than the two of you."
    elif contact is not None and not contact.is_active:
        errors["contact"] = f"{contact} no longer has an active account."
    if not purpose.strip():
        errors["purpose"] = "Say what the introduction is for."
    if made_on > timezone.localdate():
        errors["made_on"] = "Record an introduction once it is made: the date is in the future."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def introduction_outcome(*, introduction: Introduction, by: User, outcome: str) -> Introduction:
    """Either partner writes down what came of an introduction (and may update it later)."""
    _check_pair_at_work(introduction.mentorship, by, "record what came of an introduction")
    if not outcome.strip():
        raise ValidationError({"outcome": "Say what came of the introduction."})
    introduction.outcome, introduction.outcome_at = outcome.strip(), timezone.now()
    introduction.save(update_fields=["outcome", "outcome_at"])
    return introduction


# --- health scores and risks -----------------------------------------------------------------


def health_recompute(
    *, mentorships: QuerySet | None = None, now: datetime.datetime | None = None
) -> Counter:
    """Score every active mentorship (or those given), store the scores, open a risk for each
    new red flag or low score (the program's admins hear of it once) and clear risks whose
    cause has gone. Returns counts: scored, opened, cleared."""
    now = now or timezone.now()
    scope = Mentorship.objects.all() if mentorships is None else mentorships
    active = scope.active().select_related("program", "mentor", "mentee").order_by("pk")
    summary: Counter = Counter()
    for batch in _batches(active):
        reports = health_reports(batch, now=now)
        _save_scores(reports.values(), now)
        summary["scored"] += len(reports)
        summary += _update_risks(reports, now)
    summary["cleared"] += _clear_risks_of_idle_pairs(scope, now)
    return summary


def _save_scores(reports, now: datetime.datetime) -> None:
    HealthScore.objects.bulk_create(
        [
            HealthScore(
                mentorship=r.mentorship,
                score=r.score,
                red_flags=len(r.red_flags),
                computed_at=now,
            )
            for r in reports
        ],
        update_conflicts=True,
        unique_fields=["mentorship"],
        update_fields=["score", "red_flags", "computed_at"],
    )


def wanted_risks(report: HealthReport) -> dict[str, tuple[str, str]]:
    """The risks a report calls for: kind → (title, reason)."""
    wanted = {s.key: (s.label, _sentence(s.reason)) for s in report.red_flags}
    if report.score < report.threshold:
        worst = sorted((s for s in report.signals if s.points < 0), key=lambda s: s.points)
        causes = "; ".join(s.reason for s in worst[:3])
        reason = f"Health score {report.score}, below {report.threshold}"
        wanted[LOW_SCORE] = ("Low health score", f"{reason}: {causes}." if causes else reason + ".")
    return wanted


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _update_risks(reports: dict[int, HealthReport], now: datetime.datetime) -> Counter:
    counts: Counter = Counter()
    live: dict[int, dict[str, Risk]] = {}
    for risk in Risk.objects.live().filter(mentorship_id__in=list(reports)):
        live.setdefault(risk.mentorship_id, {})[risk.kind] = risk
    seen = []
    for pk, report in reports.items():
        wanted, existing = wanted_risks(report), live.get(pk, {})
        for kind, (title, reason) in wanted.items():
            risk = existing.get(kind)
            if risk is None:
                counts["opened"] += _open_risk(report, kind, title, reason, now)
            elif risk.is_open:
                risk.reason, risk.last_seen_at = reason, now
                seen.append(risk)
        for kind, risk in existing.items():
            if kind not in wanted:
                counts["cleared"] += _clear(
                    risk, now, f"Cleared by itself: {risk.title.lower()} no longer a concern."
                )
    Risk.objects.bulk_update(seen, ["reason", "last_seen_at"])
    return counts


def _open_risk(report: HealthReport, kind: str, title: str, reason: str, now) -> int:
    """Open a risk and tell the program's admins, or nothing if another run just opened it."""
    mentorship = report.mentorship
    try:
        with transaction.atomic():
            Risk.objects.create(
                mentorship=mentorship,
                kind=kind,
                title=title,
                reason=reason,
                score=report.score,
                opened_at=now,
                last_seen_at=now,
            )
            for admin in program_alert_recipients(mentorship.program):
                notify(
                    recipient=admin,
                    kind="mentorship_at_risk",
                    title=_risk_title(kind, title, mentorship),
                    body=f"{reason} Health score {report.score}/100.",
                    url=reverse("health:checkins", args=[mentorship.pk]),
                    needs_action=True,
                )
    except IntegrityError:
        return 0
    return 1


def _risk_title(kind: str, title: str, mentorship: Mentorship) -> str:
    if kind == "good_fit":
        return f"Not a good fit — consider re-matching: {mentorship}"
    return f"At risk ({title.lower()}): {mentorship}"


def program_alert_recipients(program: Program) -> list[User]:
    """Who hears about a program's pairs at risk: its admins, else the global admins."""
    admins = list(program.admins.filter(is_active=True))
    if admins:
        return admins
    return list(User.objects.filter(is_active=True, is_program_admin=True))


def _clear(risk: Risk, now: datetime.datetime, resolution: str) -> int:
    if risk.is_open:
        Risk.objects.filter(pk=risk.pk, cleared_at__isnull=True).update(
            cleared_at=now, resolved_at=now, resolution=resolution
        )
    else:
        Risk.objects.filter(pk=risk.pk, cleared_at__isnull=True).update(cleared_at=now)
    return 1


def _clear_risks_of_idle_pairs(scope: QuerySet, now: datetime.datetime) -> int:
    """A paused or closed mentorship is not scored; its risks go with its activity."""
    idle = Risk.objects.live().filter(mentorship__in=scope.exclude(status=MentorshipStatus.ACTIVE))
    cleared = 0
    for risk in idle.select_related("mentorship"):
        status = risk.mentorship.get_status_display().lower()
        cleared += _clear(risk, now, f"The mentorship is {status}.")
    return cleared


@transaction.atomic
def risk_action_record(
    *, mentorship: Mentorship, by: User, kind: str, note: str = "", resolve: bool = False
) -> RiskAction:
    """A program admin records what they did about a pair; it may resolve its open risks."""
    if not can_manage_mentorship(by, mentorship):
        raise ValidationError("Only the program's admins record actions on a mentorship.")
    note = note.strip()
    if kind not in ActionKind.values:
        raise ValidationError(
            {"kind": "Choose what you did: contacted, re-matched, closed or other."}
        )
    if kind == ActionKind.OTHER and not note:
        raise ValidationError({"note": "Say what you did."})
    action = RiskAction.objects.create(
        mentorship=mentorship, kind=kind, note=note, resolves=resolve, by=by
    )
    if resolve:
        label = ActionKind(kind).label
        Risk.objects.open().filter(mentorship=mentorship).update(
            resolved_at=action.at,
            resolved_by=by,
            resolution=f"{label}: {note}" if note else label,
        )
    return action
