"""Mentorship workflows: proposing a pair, both people accepting, a mentee's requests, the
lifecycle, the written agreement and the closing reflections. Capacity is counted in the
database (Enrollment.load and its check constraint), so two acceptances at once can never
overfill a mentor."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from tandem.matching.engine.pairs import PairScore, score_pairs
from tandem.matching.problems import mentors_with_room, person_key, program_problem
from tandem.mentorships.models import (
    AGREEMENT_TERMS,
    DEFAULT_CONFIDENTIALITY,
    Agreement,
    AgreementSignature,
    EndReason,
    Mentorship,
    MentorshipEvent,
    MentorshipKind,
    MentorshipOrigin,
    MentorshipRequest,
    MentorshipStatus,
    Reflection,
    RequestStatus,
)
from tandem.mentorships.permissions import (
    REQUESTING_STATUSES,
    can_manage_mentorship,
    requester_enrollment,
)
from tandem.notifications.services import notify
from tandem.people.models import User
from tandem.programs.models import (
    Enrollment,
    EnrollmentRole,
    EnrollmentStatus,
    Program,
    ProgramFormat,
)

# --- places (capacity) -----------------------------------------------------------------------


def _take_place(enrollment: Enrollment) -> None:
    """Count one more open mentorship against an enrollment; the database refuses overflow."""
    try:
        with transaction.atomic():
            updated = Enrollment.objects.filter(
                pk=enrollment.pk, status=EnrollmentStatus.APPROVED
            ).update(load=F("load") + 1)
    except IntegrityError:
        raise ValidationError({_place_field(enrollment): _full_message(enrollment)}) from None
    if not updated:
        raise ValidationError(
            {_place_field(enrollment): f"{enrollment.person} is not an approved participant."}
        )


def _place_field(enrollment: Enrollment) -> str:
    return "mentor" if enrollment.role == EnrollmentRole.MENTOR else "mentee"


def _full_message(enrollment: Enrollment) -> str:
    if enrollment.role == EnrollmentRole.MENTOR:
        return f"{enrollment.person} has no place left (capacity {enrollment.capacity})."
    return f"{enrollment.person} already has a mentoring partner in this program."


def _release_places(mentorship: Mentorship) -> None:
    Enrollment.objects.filter(
        pk__in=[mentorship.mentor_enrollment_id, mentorship.mentee_enrollment_id], load__gt=0
    ).update(load=F("load") - 1)


# --- starting a mentorship -------------------------------------------------------------------


def _check_pair(*, program: Program, mentor_enrollment: Enrollment, mentee_enrollment: Enrollment):
    if mentor_enrollment.person_id == mentee_enrollment.person_id:
        raise ValidationError({"mentee": "Nobody can be their own mentoring partner."})
    if {mentor_enrollment.program_id, mentee_enrollment.program_id} != {program.pk}:
        raise ValidationError("Both people must be enrolled in this program.")
    expected = (
        (EnrollmentRole.PEER, EnrollmentRole.PEER)
        if program.is_mutual
        else (EnrollmentRole.MENTOR, EnrollmentRole.MENTEE)
    )
    if (mentor_enrollment.role, mentee_enrollment.role) != expected:
        raise ValidationError("These enrollments do not fit this program's format.")


def _ordered(program: Program, mentor_enrollment: Enrollment, mentee_enrollment: Enrollment):
    """In a mutual mentorship the two sides are stored lower id first (one row per pair)."""
    if program.is_mutual and mentor_enrollment.person_id > mentee_enrollment.person_id:
        return mentee_enrollment, mentor_enrollment
    return mentor_enrollment, mentee_enrollment


@transaction.atomic
def mentorship_propose(
    *,
    program: Program,
    mentor_enrollment: Enrollment,
    mentee_enrollment: Enrollment,
    by: User | None,
    origin: str = MentorshipOrigin.MATCH_RUN,
    score: float | None = None,
    notify_people: bool = True,
) -> Mentorship:
    """Offer a pairing to both people; it holds both places until one of them declines."""
    mentorship = _create(
        program=program,
        mentor_enrollment=mentor_enrollment,
        mentee_enrollment=mentee_enrollment,
        by=by,
        origin=origin,
        score=score,
        status=MentorshipStatus.PROPOSED,
    )
    if notify_people:
        for person in mentorship.people():
            partner = mentorship.partner_of(person)
            notify(
                recipient=person,
                kind="proposal_received",
                title=f"Proposed mentoring partner: {partner}",
                body=f"{program.name} proposes that you and {partner} work together. "
                "Please accept or decline.",
                url=mentorship.get_absolute_url(),
                needs_action=True,
            )
    return mentorship


@transaction.atomic
def mentorship_begin(
    *,
    program: Program,
    mentor_enrollment: Enrollment,
    mentee_enrollment: Enrollment,
    by: User | None,
    origin: str = MentorshipOrigin.REQUEST,
    score: float | None = None,
    announce: bool = True,
) -> Mentorship:
    """Start a mentorship both people already agreed to (an accepted request, say). The
    mentee's other pending requests in the program are withdrawn and their mentors told."""
    mentorship = _create(
        program=program,
        mentor_enrollment=mentor_enrollment,
        mentee_enrollment=mentee_enrollment,
        by=by,
        origin=origin,
        score=score,
        status=MentorshipStatus.ACTIVE,
    )
    _withdraw_pending_requests(mentorship)
    if announce:
        _announce_start(mentorship)
    return mentorship


def _create(*, program, mentor_enrollment, mentee_enrollment, by, origin, score, status):
    _check_pair(
        program=program, mentor_enrollment=mentor_enrollment, mentee_enrollment=mentee_enrollment
    )
    mentor_enrollment, mentee_enrollment = _ordered(program, mentor_enrollment, mentee_enrollment)
    if (
        Mentorship.objects.open()
        .filter(
            program=program, mentor=mentor_enrollment.person_id, mentee=mentee_enrollment.person_id
        )
        .exists()
    ):
        raise ValidationError("These two people already have an open mentorship here.")
    _take_place(mentor_enrollment)
    _take_place(mentee_enrollment)
    now = timezone.now()
    active = status == MentorshipStatus.ACTIVE
    mentorship = Mentorship.objects.create(
        program=program,
        kind=MentorshipKind.MUTUAL if program.is_mutual else MentorshipKind.ONE_WAY,
        mentor_id=mentor_enrollment.person_id,
        mentee_id=mentee_enrollment.person_id,
        mentor_enrollment=mentor_enrollment,
        mentee_enrollment=mentee_enrollment,
        status=status,
        origin=origin,
        score=score,
        created_by=by,
        mentor_accepted_at=now if active else None,
        mentee_accepted_at=now if active else None,
        started_at=now if active else None,
    )
    MentorshipEvent.objects.create(mentorship=mentorship, to_status=status, by=by)
    return mentorship


def _announce_start(mentorship: Mentorship) -> None:
    for person in mentorship.people():
        notify(
            recipient=person,
            kind="mentorship_started",
            title=f"Your mentorship with {mentorship.partner_of(person)} has begun",
            body="Hold your initial consultation and write your agreement together.",
            url=mentorship.get_absolute_url(),
            needs_action=True,
        )


# --- accepting and declining a proposal ------------------------------------------------------


@transaction.atomic
def mentorship_accept(*, mentorship: Mentorship, by: User) -> Mentorship:
    """One side accepts a proposal; when both have, the mentorship begins."""
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    _check_answer(mentorship, by)
    field = "mentor_accepted_at" if by.pk == mentorship.mentor_id else "mentee_accepted_at"
    if getattr(mentorship, field):
        raise ValidationError("You have already accepted this proposal.")
    setattr(mentorship, field, timezone.now())
    mentorship.save(update_fields=[field])
    if mentorship.mentor_accepted_at and mentorship.mentee_accepted_at:
        _move(mentorship, MentorshipStatus.ACTIVE, by=by)
        _withdraw_pending_requests(mentorship)
        _announce_start(mentorship)
    else:
        partner = mentorship.partner_of(by)
        notify(
            recipient=partner,
            kind="proposal_accepted",
            title=f"{by} accepted the proposed mentorship",
            body="Your answer is the one still awaited.",
            url=mentorship.get_absolute_url(),
            needs_action=True,
            email=False,
        )
    return mentorship


@transaction.atomic
def mentorship_decline(*, mentorship: Mentorship, by: User, reason: str) -> Mentorship:
    """One side declines a proposal, saying why; both places are freed for a new match."""
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    _check_answer(mentorship, by)
    if not reason.strip():
        raise ValidationError({"reason": "Please say why, so the program admin can re-match."})
    _move(mentorship, MentorshipStatus.DECLINED, by=by, note=reason.strip())
    partner = mentorship.partner_of(by)
    notify(
        recipient=partner,
        kind="proposal_declined",
        title=f"{by} declined the proposed mentorship",
        body="The program admin will propose someone else.",
        url=mentorship.program.get_absolute_url(),
    )
    for admin in mentorship.program.admins.all():
        notify(
            recipient=admin,
            kind="proposal_declined",
            title=f"{by} declined a proposal in {mentorship.program}",
            body=f"Reason: {reason.strip()}. {partner} is free to be matched again.",
            url=mentorship.get_absolute_url(),
            needs_action=True,
        )
    return mentorship


def _check_answer(mentorship: Mentorship, by: User) -> None:
    if not mentorship.involves(by):
        raise ValidationError("Only the two people proposed can answer a proposal.")
    if mentorship.status != MentorshipStatus.PROPOSED:
        raise ValidationError("This proposal has already been answered.")


# --- the lifecycle ---------------------------------------------------------------------------


@transaction.atomic
def mentorship_transition(
    *,
    mentorship: Mentorship,
    to_status: str,
    by: User,
    reason: str = "",
    note: str = "",
    notify_people: bool = True,
) -> Mentorship:
    """Pause, resume, complete or end early; the pair or the program's admins may. Closing
    asks each side for a reflection and invites whoever grew in it to mentor next."""
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    if not (mentorship.involves(by) or can_manage_mentorship(by, mentorship)):
        raise ValidationError("Only the pair or the program's admins can change this mentorship.")
    if to_status in (MentorshipStatus.ACTIVE, MentorshipStatus.DECLINED) and (
        mentorship.status == MentorshipStatus.PROPOSED
    ):
        raise ValidationError("A proposal is accepted or declined by the two people themselves.")
    if to_status == MentorshipStatus.ENDED and reason not in EndReason.values:
        raise ValidationError({"reason": "Choose why the mentorship ends early."})
    if reason and reason not in EndReason.values:
        raise ValidationError({"reason": f"“{reason}” is not a reason code."})
    if to_status in (MentorshipStatus.COMPLETED, MentorshipStatus.ENDED):
        mentorship.end_reason = reason or EndReason.GOALS_MET
        mentorship.end_note = note.strip()
    _move(mentorship, to_status, by=by, note=note.strip())
    if notify_people:
        _announce_transition(mentorship, by=by, note=note.strip())
    return mentorship


TRANSITION_NEWS = {
    MentorshipStatus.PAUSED: ("mentorship_paused", "{by} paused your mentorship with {partner}"),
    MentorshipStatus.ACTIVE: ("mentorship_resumed", "{by} resumed your mentorship with {partner}"),
    MentorshipStatus.COMPLETED: (
        "mentorship_completed",
        "Your mentorship with {partner} is complete: share your reflection",
    ),
    MentorshipStatus.ENDED: (
        "mentorship_ended",
        "Your mentorship with {partner} has ended: share your reflection",
    ),
}


def _announce_transition(mentorship: Mentorship, *, by: User, note: str) -> None:
    """Tell each side the other (or an admin) moved the mentorship; closing asks for a
    reflection, and a completed mentorship invites whoever grew in it to mentor next."""
    kind, title = TRANSITION_NEWS[mentorship.status]
    closing = mentorship.status in (MentorshipStatus.COMPLETED, MentorshipStatus.ENDED)
    url = (
        reverse("mentorships:reflection", args=[mentorship.pk])
        if closing
        else mentorship.get_absolute_url()
    )
    for person in mentorship.people():
        if person.pk != by.pk:
            partner = mentorship.partner_of(person)
            notify(
                recipient=person,
                kind=kind,
                title=title.format(by=by, partner=partner)[:200],
                body=f"Note: {note}" if note else "",
                url=url,
                needs_action=closing,
            )
        if mentorship.status == MentorshipStatus.COMPLETED and mentorship.is_growing(person):
            invite_to_mentor(person=person, mentorship=mentorship)


def _move(mentorship: Mentorship, to_status: str, *, by: User | None, note: str = "") -> None:
    """One legal step of the lifecycle, recorded; closing frees both places."""
    if to_status not in MentorshipStatus.values:
        raise ValidationError({"status": f"“{to_status}” is not a mentorship status."})
    if not mentorship.can_transition_to(to_status):
        current = MentorshipStatus(mentorship.status).label
        target = MentorshipStatus(to_status).label
        raise ValidationError({"status": f"A mentorship cannot go from {current} to {target}."})
    MentorshipEvent.objects.create(
        mentorship=mentorship, from_status=mentorship.status, to_status=to_status, by=by, note=note
    )
    now = timezone.now()
    if to_status == MentorshipStatus.ACTIVE and mentorship.started_at is None:
        mentorship.started_at = now
    if to_status in (
        MentorshipStatus.COMPLETED,
        MentorshipStatus.ENDED,
        MentorshipStatus.DECLINED,
    ):
        mentorship.ended_at = now
        _release_places(mentorship)
    mentorship.status = to_status
    mentorship.save()


# --- the agreement ---------------------------------------------------------------------------

AGREEMENT_FIELDS = AGREEMENT_TERMS


@transaction.atomic
def agreement_save(*, mentorship: Mentorship, by: User, **fields) -> Agreement:
    """Write the agreement. A draft nobody has signed is edited in place; once anyone signed,
    the change is an amendment: a new version that both sign again."""
    if not mentorship.involves(by):
        raise ValidationError("Only the two people in the mentorship write its agreement.")
    if not mentorship.is_open or mentorship.status == MentorshipStatus.PROPOSED:
        raise ValidationError("The agreement is written once the mentorship has begun.")
    unknown = set(fields) - set(AGREEMENT_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown agreement field(s): {', '.join(sorted(unknown))}.")
    latest = mentorship.latest_agreement()
    if latest is not None and not latest.signatures.exists():
        agreement = latest
    else:
        agreement = Agreement(
            mentorship=mentorship, version=(latest.version + 1) if latest else 1, created_by=by
        )
        for name in AGREEMENT_FIELDS:
            if latest is not None:
                setattr(agreement, name, getattr(latest, name))
    for name, value in fields.items():
        setattr(agreement, name, value)
    _check_agreement_dates(agreement)
    agreement.full_clean(exclude=["mentorship", "created_by"])
    if agreement.pk is None and latest is not None and not agreement.changes_from(latest):
        raise ValidationError(
            f"Nothing differs from version {latest.version}: there is nothing new to sign."
        )
    agreement.save()
    partner = mentorship.partner_of(by)
    notify(
        recipient=partner,
        kind="agreement_to_sign",
        title=f"{by} updated your mentoring agreement (version {agreement.version})",
        body="Read it and sign it when you both agree.",
        url=mentorship.get_absolute_url(),
        needs_action=True,
    )
    return agreement


def agreement_initial(*, mentorship: Mentorship) -> dict:
    """What a first agreement starts from: the program's rhythm and dates, the default
    confidentiality clause. The pair changes any of it."""
    program = mentorship.program
    start = timezone.localdate(mentorship.started_at) if mentorship.started_at else None
    start = max(filter(None, [start, program.start_date])) if start else program.start_date
    end = program.end_date if program.end_date > start else start + datetime.timedelta(days=182)
    return {
        "meeting_frequency": program.meeting_frequency,
        "start_date": start,
        "end_date": end,
        "confidentiality": DEFAULT_CONFIDENTIALITY,
    }


def _check_agreement_dates(agreement: Agreement) -> None:
    start: datetime.date | None = agreement.start_date
    end: datetime.date | None = agreement.end_date
    if start and end and end <= start:
        raise ValidationError({"end_date": "The agreement must end after it starts."})


@transaction.atomic
def agreement_sign(*, agreement: Agreement, by: User) -> Agreement:
    """Sign the newest version; an older one has been superseded."""
    mentorship = agreement.mentorship
    if not mentorship.involves(by):
        raise ValidationError("Only the two people in the mentorship sign its agreement.")
    latest = mentorship.latest_agreement()
    if latest is None or latest.pk != agreement.pk:
        raise ValidationError("A newer version of this agreement exists: sign that one.")
    try:
        with transaction.atomic():
            AgreementSignature.objects.create(agreement=agreement, person=by)
    except IntegrityError:
        raise ValidationError("You have already signed this version.") from None
    partner = mentorship.partner_of(by)
    signed = agreement.signed_by(partner)
    notify(
        recipient=partner,
        kind="agreement_signed" if signed else "agreement_to_sign",
        title=f"{by} signed your agreement"
        + ("; it is now in force" if signed else ": your signature is awaited"),
        url=mentorship.get_absolute_url(),
        needs_action=not signed,
    )
    return agreement


# --- closing: reflections and "pass it on" -----------------------------------------------------

REFLECTION_FIELDS = ("gained", "partner_gained", "recommend", "reason")


@transaction.atomic
def reflection_save(
    *,
    mentorship: Mentorship,
    by: User,
    gained: str,
    partner_gained: str,
    recommend: str,
    reason: str,
) -> Reflection:
    """One side's closing reflection (written again, it replaces their earlier one)."""
    mentorship = Mentorship.objects.select_related("mentor", "mentee").get(pk=mentorship.pk)
    if not mentorship.involves(by):
        raise ValidationError("Only the two people in the mentorship reflect on it.")
    if mentorship.status not in (MentorshipStatus.COMPLETED, MentorshipStatus.ENDED):
        raise ValidationError("A reflection is written once the mentorship has closed.")
    reflection = Reflection.objects.filter(mentorship=mentorship, author=by).first()
    is_new = reflection is None
    reflection = reflection or Reflection(mentorship=mentorship, author=by)
    reflection.gained = gained.strip()
    reflection.partner_gained = partner_gained.strip()
    reflection.recommend = recommend
    reflection.reason = reason
    reflection.full_clean(exclude=["mentorship", "author"])
    reflection.save()
    if is_new:
        notify(
            recipient=mentorship.partner_of(by),
            kind="reflection_shared",
            title=f"{by} shared their closing reflection",
            url=mentorship.get_absolute_url(),
            email=False,
        )
    return reflection


def programs_to_mentor_in(*, person: User) -> list[Program]:
    """Programs enrolling mentors now that this person has not joined yet (as a mentor, or as a
    mentee: nobody is invited to mentor in the program they are being mentored in)."""
    joined = Enrollment.objects.filter(
        person=person, role__in=[EnrollmentRole.MENTOR, EnrollmentRole.MENTEE]
    ).exclude(status=EnrollmentStatus.WITHDRAWN)
    return list(
        Program.objects.open_for_enrollment()
        .filter(format=ProgramFormat.MENTORING)
        .exclude(pk__in=joined.values("program"))
        .order_by("start_date", "name")
    )


def invite_to_mentor(*, person: User, mentorship: Mentorship) -> None:
    """Pass it on: someone who grew in a completed mentorship is asked to mentor next, in the
    program's next cohort (a program of the same purpose) or any program enrolling mentors."""
    programs = [p for p in programs_to_mentor_in(person=person) if p.pk != mentorship.program_id]
    same_purpose = [p for p in programs if p.purpose == mentorship.program.purpose]
    target = (same_purpose or programs or [None])[0]
    if target is None:
        body = (
            "No program is enrolling mentors right now; your home page will show the next one "
            "that does."
        )
        url = reverse("home")
    else:
        body = f"{target.name} is enrolling mentors. What you learnt is worth passing on."
        url = target.get_absolute_url()
    notify(
        recipient=person,
        kind="mentor_invitation",
        title="Pass it on: would you mentor someone next?",
        body=body,
        url=url,
        needs_action=target is not None,
    )


# --- mentees choosing their mentor: fit, requests, answers, expiry -----------------------------


def mentor_fits(*, mentee_enrollment: Enrollment, mentor_enrollments) -> dict[int, PairScore]:
    """How well each of these mentors fits the mentee (score, reasons, the rules the pair
    breaks), by mentor enrollment id; one engine call for the whole list. Scored among the
    program's mentors with a place, as the shortlist is, so a percentage reads the same on
    every page; a full mentor gets no score (nobody can ask them)."""
    wanted = {enrollment.pk for enrollment in mentor_enrollments}
    if not wanted:
        return {}
    program = mentee_enrollment.program
    built = program_problem(
        program=program,
        mentees=program.enrollments.filter(pk=mentee_enrollment.pk),
        mentors=mentors_with_room(program),
    )
    mentee_key = person_key(mentee_enrollment.person_id)
    pairs = [
        (mentee_key, key)
        for key, enrollment in built.mentors.items()
        if enrollment.pk in wanted and key != mentee_key
    ]
    return {built.mentors[pair.mentor].pk: pair for pair in score_pairs(built.problem, pairs)}


MOTIVATION_MIN = 20
MOTIVATION_MAX = 2000


@transaction.atomic
def mentorship_request_create(
    *, mentee: User, mentor_enrollment: Enrollment, admire: str, hope_to_gain: str
) -> MentorshipRequest:
    """A mentee asks a mentor with room, saying what they admire and hope to gain."""
    # Read afresh: the mentor's places may have filled since the page was drawn.
    mentor_enrollment = Enrollment.objects.select_related("program", "person").get(
        pk=mentor_enrollment.pk
    )
    program = mentor_enrollment.program
    mentee_enrollment = _requesting_enrollment(program, mentee)
    errors = _motivation_errors(admire=admire, hope_to_gain=hope_to_gain)
    if errors:
        raise ValidationError(errors)
    _check_mentor_requestable(mentor_enrollment, mentee)
    _check_pending_limit(program, mentee, mentor_enrollment)
    fit = mentor_fits(mentee_enrollment=mentee_enrollment, mentor_enrollments=[mentor_enrollment])
    pair = fit[mentor_enrollment.pk]
    if pair.broken:
        who = mentor_enrollment.person
        raise ValidationError({"mentor": f"You cannot ask {who}: {'; '.join(pair.broken)}."})
    request = MentorshipRequest.objects.create(
        program=program,
        mentee=mentee,
        mentor_id=mentor_enrollment.person_id,
        mentee_enrollment=mentee_enrollment,
        mentor_enrollment=mentor_enrollment,
        admire=admire.strip(),
        hope_to_gain=hope_to_gain.strip(),
        score=pair.score,
        expires_at=timezone.now() + datetime.timedelta(days=program.request_expiry_days),
    )
    notify(
        recipient=mentor_enrollment.person,
        kind="request_received",
        title=f"{mentee} asks you to be their mentor in {program}"[:200],
        body=f"Please answer within {program.request_expiry_days} days.",
        url=request.get_absolute_url(),
        needs_action=True,
    )
    return request


def _requesting_enrollment(program: Program, mentee: User) -> Enrollment:
    enrollment = requester_enrollment(mentee, program)
    if enrollment is None:
        if not program.mentees_choose:
            raise ValidationError("In this program the admins propose the pairs.")
        if program.status not in REQUESTING_STATUSES:
            raise ValidationError("This program does not take requests at this stage.")
        raise ValidationError("Only an approved mentee of the program can request a mentor.")
    # Locked: two requests sent at once cannot both slip under the limit.
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if enrollment.load:
        raise ValidationError("You already have a mentor in this program.")
    return enrollment


def _motivation_errors(*, admire: str, hope_to_gain: str) -> dict[str, str]:
    errors = {}
    for field, text, what in (
        ("admire", admire, "what you admire in their path"),
        ("hope_to_gain", hope_to_gain, "what you hope to gain"),
    ):
        length = len((text or "").strip())
        if length < MOTIVATION_MIN:
            errors[field] = f"Tell them {what}, in a sentence or two ({MOTIVATION_MIN}+ letters)."
        elif length > MOTIVATION_MAX:
            errors[field] = f"Keep it under {MOTIVATION_MAX} characters."
    return errors


def _check_mentor_requestable(mentor_enrollment: Enrollment, mentee: User) -> None:
    who = mentor_enrollment.person
    if mentor_enrollment.person_id == mentee.pk:
        raise ValidationError({"mentor": "You cannot be your own mentor."})
    if (
        mentor_enrollment.role != EnrollmentRole.MENTOR
        or mentor_enrollment.status != EnrollmentStatus.APPROVED
    ):
        raise ValidationError({"mentor": f"{who} is not a mentor of this program."})
    if not mentor_enrollment.has_room:
        raise ValidationError({"mentor": f"{who} is full: they have no place left."})


def _check_pending_limit(program: Program, mentee: User, mentor_enrollment: Enrollment) -> None:
    pending = MentorshipRequest.objects.pending().filter(program=program, mentee=mentee)
    if pending.filter(mentor=mentor_enrollment.person_id).exists():
        raise ValidationError(
            {"mentor": f"You have already asked {mentor_enrollment.person}; wait for the answer."}
        )
    if pending.count() >= program.max_pending_requests:
        raise ValidationError(
            f"You already have {program.max_pending_requests} requests waiting for an answer: "
            "withdraw one or wait for a mentor to answer."
        )


@transaction.atomic
def mentorship_request_accept(
    *, request: MentorshipRequest, by: User, message: str = ""
) -> Mentorship:
    """The mentor says yes: the mentorship begins (if they still have a place), and the
    mentee's other pending requests are withdrawn."""
    # Lock order: the mentee's enrollment first, then the request. Two mentors accepting the
    # same mentee at once queue here rather than each holding a request the other must
    # withdraw (a deadlock); the second then finds the mentee taken.
    list(Enrollment.objects.select_for_update().filter(pk=request.mentee_enrollment_id))
    request = _locked_request(request)
    _check_mentor_answers(request, by)
    request.status = RequestStatus.ACCEPTED
    request.answered_at = timezone.now()
    request.response = message.strip()
    request.save(update_fields=["status", "answered_at", "response"])
    try:
        mentorship = mentorship_begin(
            program=request.program,
            mentor_enrollment=request.mentor_enrollment,
            mentee_enrollment=request.mentee_enrollment,
            by=by,
            origin=MentorshipOrigin.REQUEST,
            score=request.score,
            announce=False,
        )
    except ValidationError as error:
        raise _acceptance_refused(error, request) from None
    MentorshipRequest.objects.filter(pk=request.pk).update(mentorship=mentorship)
    _announce_accepted_request(request, mentorship)
    return mentorship


def _locked_request(request: MentorshipRequest) -> MentorshipRequest:
    return (
        MentorshipRequest.objects.select_for_update(of=("self",))
        .select_related("program", "mentor", "mentee", "mentor_enrollment", "mentee_enrollment")
        .get(pk=request.pk)
    )


def _check_mentor_answers(request: MentorshipRequest, by: User) -> None:
    if by.pk != request.mentor_id:
        raise ValidationError("Only the mentor asked can answer this request.")
    if not request.is_pending:
        raise ValidationError(
            f"This request has already been closed ({request.get_status_display().lower()})."
        )
    if request.has_run_out():
        raise ValidationError(
            f"This request ran out of time on {request.expires_at:%d %B %Y}; "
            "the mentee can send a new one."
        )


def _acceptance_refused(error: ValidationError, request: MentorshipRequest) -> ValidationError:
    """Say it from the mentor's side: they are full, or the mentee found someone else."""
    fields = getattr(error, "message_dict", {})
    if "mentor" in fields:
        capacity = request.mentor_enrollment.capacity
        return ValidationError(
            {
                "mentor": f"You have no place left (capacity {capacity}): decline this request, "
                "or ask the program's admins to raise your capacity."
            }
        )
    if "mentee" in fields:
        return ValidationError(
            {"mentee": f"{request.mentee} already has a mentor in this program."}
        )
    return error


def _announce_accepted_request(request: MentorshipRequest, mentorship: Mentorship) -> None:
    said = f"{request.mentor} wrote: “{request.response}”\n\n" if request.response else ""
    notify(
        recipient=request.mentee,
        kind="request_accepted",
        title=f"{request.mentor} accepted your request: your mentorship has begun",
        body=said + "Hold your initial consultation and write your agreement together.",
        url=mentorship.get_absolute_url(),
        needs_action=True,
    )
    notify(
        recipient=request.mentor,
        kind="mentorship_started",
        title=f"Your mentorship with {request.mentee} has begun",
        body="Hold your initial consultation and write your agreement together.",
        url=mentorship.get_absolute_url(),
        needs_action=True,
    )


@transaction.atomic
def mentorship_request_decline(
    *, request: MentorshipRequest, by: User, message: str = ""
) -> MentorshipRequest:
    """The mentor says no, with an optional message; the mentee is free to ask someone else."""
    request = _locked_request(request)
    _check_mentor_answers(request, by)
    request.status = RequestStatus.DECLINED
    request.answered_at = timezone.now()
    request.response = message.strip()
    request.save(update_fields=["status", "answered_at", "response"])
    said = f"{request.mentor} wrote: “{request.response}”\n\n" if request.response else ""
    notify(
        recipient=request.mentee,
        kind="request_declined",
        title=f"{request.mentor} declined your request",
        body=said + "Your shortlist has other mentors with room.",
        url=reverse("mentorships:find", args=[request.program.slug]),
        needs_action=True,
    )
    return request


@transaction.atomic
def mentorship_request_withdraw(*, request: MentorshipRequest, by: User) -> MentorshipRequest:
    """The mentee takes a pending request back."""
    request = _locked_request(request)
    if by.pk != request.mentee_id:
        raise ValidationError("Only the mentee who sent a request can withdraw it.")
    if not request.is_pending:
        raise ValidationError("Only a request still awaiting an answer can be withdrawn.")
    _close_request(request, RequestStatus.WITHDRAWN, note=f"Withdrawn by {by}.")
    notify(
        recipient=request.mentor,
        kind="request_withdrawn",
        title=f"{request.mentee} withdrew their request",
        url=request.get_absolute_url(),
        email=False,
    )
    return request


def _withdraw_pending_requests(mentorship: Mentorship) -> None:
    """A mentee who has begun a mentorship no longer waits on other mentors: tell them."""
    pending = (
        MentorshipRequest.objects.pending()
        .filter(program=mentorship.program_id, mentee=mentorship.mentee_id)
        .select_related("mentor", "mentee")
        .select_for_update(of=("self",))
    )
    for request in pending:
        _close_request(
            request,
            RequestStatus.WITHDRAWN,
            note=f"{request.mentee} began a mentorship with someone else.",
        )
        notify(
            recipient=request.mentor,
            kind="request_withdrawn",
            title=f"{request.mentee}'s request is withdrawn: they found a mentor",
            body="Nothing to do: your place stays free for someone else.",
            url=request.get_absolute_url(),
        )


def _close_request(request: MentorshipRequest, status: str, *, note: str) -> None:
    request.status = status
    request.answered_at = timezone.now()
    request.closing_note = note[:240]
    request.save(update_fields=["status", "answered_at", "closing_note"])


def mentorship_requests_expire(*, now: datetime.datetime | None = None) -> int:
    """Expire requests nobody answered in time, and tell the mentee. Safe to run twice (or in
    two workers at once): each request is claimed with a conditional UPDATE."""
    now = now or timezone.now()
    expired = 0
    for pk in list(MentorshipRequest.objects.due(now).values_list("pk", flat=True)):
        with transaction.atomic():
            claimed = MentorshipRequest.objects.filter(pk=pk, status=RequestStatus.PENDING).update(
                status=RequestStatus.EXPIRED,
                answered_at=now,
                closing_note="No answer in time.",
            )
            if claimed:
                _announce_expiry(
                    MentorshipRequest.objects.select_related("program", "mentor", "mentee").get(
                        pk=pk
                    )
                )
                expired += 1
    return expired


def _announce_expiry(request: MentorshipRequest) -> None:
    notify(
        recipient=request.mentee,
        kind="request_expired",
        title=f"Your request to {request.mentor} expired without an answer",
        body="Mentors are busy people; your shortlist has others with room.",
        url=reverse("mentorships:find", args=[request.program.slug]),
        needs_action=True,
    )
    notify(
        recipient=request.mentor,
        kind="request_expired",
        title=f"{request.mentee}'s request expired before you answered",
        url=request.get_absolute_url(),
        email=False,
    )
