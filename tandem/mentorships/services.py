"""Mentorship workflows: proposing a pair, both people accepting, the lifecycle and the
written agreement. Capacity is counted in the database (Enrollment.load and its check
constraint), so two acceptances at once can never overfill a mentor."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from tandem.mentorships.models import (
    Agreement,
    AgreementSignature,
    EndReason,
    Mentorship,
    MentorshipEvent,
    MentorshipKind,
    MentorshipOrigin,
    MentorshipStatus,
)
from tandem.mentorships.permissions import can_manage_mentorship
from tandem.notifications.services import notify
from tandem.people.models import User
from tandem.programs.models import Enrollment, EnrollmentRole, EnrollmentStatus, Program

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
) -> Mentorship:
    """Start a mentorship both people already agreed to (an accepted request, say)."""
    mentorship = _create(
        program=program,
        mentor_enrollment=mentor_enrollment,
        mentee_enrollment=mentee_enrollment,
        by=by,
        origin=origin,
        score=score,
        status=MentorshipStatus.ACTIVE,
    )
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
        _announce_start(mentorship)
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
    *, mentorship: Mentorship, to_status: str, by: User, reason: str = "", note: str = ""
) -> Mentorship:
    """Pause, resume, complete or end early; the pair or the program's admins may."""
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    if not (mentorship.involves(by) or can_manage_mentorship(by, mentorship)):
        raise ValidationError("Only the pair or the program's admins can change this mentorship.")
    if to_status in (MentorshipStatus.ACTIVE, MentorshipStatus.DECLINED) and (
        mentorship.status == MentorshipStatus.PROPOSED
    ):
        raise ValidationError("A proposal is accepted or declined by the two people themselves.")
    if to_status == MentorshipStatus.ENDED and reason not in EndReason.values:
        raise ValidationError({"reason": "Choose why the mentorship ends early."})
    if to_status in (MentorshipStatus.COMPLETED, MentorshipStatus.ENDED):
        mentorship.end_reason = reason or EndReason.GOALS_MET
        mentorship.end_note = note
    _move(mentorship, to_status, by=by, note=note)
    return mentorship


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

AGREEMENT_FIELDS = (
    "consultation_held_on",
    "goals",
    "meeting_frequency",
    "meeting_style",
    "meeting_minutes",
    "start_date",
    "end_date",
    "confidentiality",
    "punctuality",
    "preparation",
    "cancellation",
    "mentor_expectations",
    "mentee_expectations",
    "feedback",
)


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
