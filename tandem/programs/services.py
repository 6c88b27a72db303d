"""Program lifecycle and enrollment workflows."""

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tandem.people.models import User
from tandem.programs.models import (
    Enrollment,
    EnrollmentAnswer,
    EnrollmentQuestion,
    EnrollmentRole,
    EnrollmentStatus,
    Program,
    ProgramStatus,
    ProgramStatusChange,
)


@transaction.atomic
def program_transition(*, program: Program, to_status: str, by: User) -> Program:
    """Move a program one step along its lifecycle, or refuse with the reason."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    if to_status not in ProgramStatus.values:
        raise ValidationError({"status": f"“{to_status}” is not a program status."})
    if not program.can_transition_to(to_status):
        current = ProgramStatus(program.status).label
        target = ProgramStatus(to_status).label
        raise ValidationError({"status": f"A program cannot go from {current} to {target}."})
    ProgramStatusChange.objects.create(
        program=program, from_status=program.status, to_status=to_status, by=by
    )
    program.status = to_status
    program.save(update_fields=["status"])
    return program


@transaction.atomic
def enrollment_create(
    *,
    program: Program,
    person: User,
    role: str,
    capacity: int | None = None,
    motivation: str = "",
    answers: dict[int, str] | None = None,
) -> Enrollment:
    """Enroll a person in a role, with their answers; all of it or nothing."""
    _check_can_enroll(program=program, person=person, role=role)
    if role == EnrollmentRole.MENTOR:
        capacity = program.mentor_capacity_default if capacity is None else capacity
    else:
        capacity = None
    try:
        with transaction.atomic():
            enrollment = Enrollment.objects.create(
                program=program, person=person, role=role, capacity=capacity, motivation=motivation
            )
    except IntegrityError:
        raise ValidationError(
            {"role": f"You are already enrolled as {EnrollmentRole(role).label.lower()}."}
        ) from None
    _save_answers(enrollment=enrollment, answers=answers or {})
    return enrollment


def _check_can_enroll(*, program: Program, person: User, role: str) -> None:
    if program.status != ProgramStatus.ENROLLING:
        raise ValidationError("This program is not open for enrollment.")
    if role not in program.roles():
        allowed = " or ".join(EnrollmentRole(r).label.lower() for r in program.roles())
        raise ValidationError({"role": f"In this program you can enroll as {allowed}."})
    existing = Enrollment.objects.filter(program=program, person=person, role=role)
    if existing.exclude(status=EnrollmentStatus.WITHDRAWN).exists():
        raise ValidationError(
            {"role": f"You are already enrolled as {EnrollmentRole(role).label.lower()}."}
        )
    # A withdrawn enrollment makes way for a fresh one.
    existing.delete()


def _save_answers(*, enrollment: Enrollment, answers: dict[int, str]) -> None:
    questions = questions_for_role(program=enrollment.program, role=enrollment.role)
    missing = [q for q in questions if q.required and not str(answers.get(q.pk, "")).strip()]
    if missing:
        raise ValidationError({f"question_{q.pk}": "Please answer this question." for q in missing})
    EnrollmentAnswer.objects.bulk_create(
        EnrollmentAnswer(enrollment=enrollment, question=q, answer=str(answers[q.pk]).strip())
        for q in questions
        if str(answers.get(q.pk, "")).strip()
    )


def questions_for_role(*, program: Program, role: str) -> list[EnrollmentQuestion]:
    return [q for q in program.questions.all() if not q.for_role or q.for_role == role]


@transaction.atomic
def enrollment_withdraw(*, enrollment: Enrollment, by: User) -> Enrollment:
    if enrollment.person_id != by.pk:
        raise ValidationError("Only the person enrolled can withdraw.")
    if enrollment.program.status not in (ProgramStatus.ENROLLING, ProgramStatus.MATCHING):
        raise ValidationError("Enrollment can no longer be withdrawn: the program is under way.")
    enrollment.status = EnrollmentStatus.WITHDRAWN
    enrollment.save(update_fields=["status"])
    return enrollment


DECISIONS = (EnrollmentStatus.APPROVED, EnrollmentStatus.WAITLISTED, EnrollmentStatus.DECLINED)


@transaction.atomic
def enrollment_decide(
    *, enrollment: Enrollment, status: str, by: User, note: str = "", capacity: int | None = None
) -> Enrollment:
    """An admin approves, waitlists or declines an enrollment (and may adjust a capacity)."""
    if status not in DECISIONS:
        raise ValidationError({"status": "Choose approve, waitlist or decline."})
    # The row as it is now, locked: a mentorship may have just taken a place (load), another
    # admin may have just decided; the caller's copy may be stale.
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    if enrollment.status == EnrollmentStatus.WITHDRAWN:
        raise ValidationError("This person has withdrawn their enrollment.")
    if capacity is not None:
        if enrollment.role != EnrollmentRole.MENTOR:
            raise ValidationError({"capacity": "Only mentors have a capacity."})
        if not 0 <= capacity <= 20:
            raise ValidationError({"capacity": "Capacity must be between 0 and 20."})
        if capacity < enrollment.load:
            raise ValidationError(
                {
                    "capacity": f"This mentor already has {enrollment.load} open mentorship(s); "
                    "the capacity cannot go below that."
                }
            )
        enrollment.capacity = capacity
    enrollment.status = status
    enrollment.decided_by = by
    enrollment.decided_at = timezone.now()
    enrollment.decision_note = note[:240]
    enrollment.save(
        update_fields=["capacity", "status", "decided_by", "decided_at", "decision_note"]
    )
    return enrollment


def enrollment_counts(*, program: Program) -> dict:
    """Who is in, per role and status, and mentor capacity against approved mentees."""
    counts: dict[str, dict[str, int]] = {}
    capacity = 0
    for role, status, cap in program.enrollments.values_list("role", "status", "capacity"):
        counts.setdefault(role, {}).setdefault(status, 0)
        counts[role][status] += 1
        if role == EnrollmentRole.MENTOR and status == EnrollmentStatus.APPROVED:
            capacity += cap or 0
    approved_mentees = counts.get(EnrollmentRole.MENTEE, {}).get(EnrollmentStatus.APPROVED, 0)
    return {"by_role": counts, "mentor_capacity": capacity, "approved_mentees": approved_mentees}


# Fields an admin sets on a program (the edit page's, the API's).
PROGRAM_FIELDS = (
    "name",
    "purpose",
    "format",
    "description",
    "start_date",
    "end_date",
    "enrollment_deadline",
    "meeting_frequency",
    "matching_mode",
    "mentor_capacity_default",
    "mentor_guidelines",
    "mentee_guidelines",
)


@transaction.atomic
def program_create(*, by: User, admins: list[User] | None = None, **fields) -> Program:
    """A new draft program; its creator runs it unless other admins are named."""
    from tandem.programs.forms import _unique_slug

    program = Program(created_by=by, **_program_fields(fields))
    program.slug = _unique_slug(program.name or "program")
    program.full_clean()
    try:
        with transaction.atomic():
            program.save()
    except IntegrityError:
        # Another program took the same slug a moment ago: add a distinguishing suffix.
        program.slug = f"{program.slug[:120]}-{secrets.token_hex(3)}"
        program.save()
    program.admins.set(admins or [by])
    return program


@transaction.atomic
def program_update(*, program: Program, by: User, admins: list[User] | None = None, **fields):
    """Change a program's settings (not its status: see program_transition); `admins`, when
    given, replaces the list of its admins."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    for name, value in _program_fields(fields).items():
        setattr(program, name, value)
    # Who created it is history, not a setting (older programs may have no creator).
    program.full_clean(exclude=["created_by"])
    program.save()
    if admins is not None:
        program.admins.set(admins)
    return program


def _program_fields(fields: dict) -> dict:
    unknown = set(fields) - set(PROGRAM_FIELDS)
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, "This field cannot be set here."))
    return fields


def program_admins_from_emails(emails: list[str]) -> list[User]:
    """The active people with these e-mail addresses, or an error naming the unknown ones."""
    wanted = [email.strip().lower() for email in emails if email.strip()]
    found = {u.email.lower(): u for u in User.objects.filter(email__in=wanted, is_active=True)}
    unknown = [email for email in wanted if email not in found]
    if unknown:
        raise ValidationError(
            {"admin_emails": f"No active person with e-mail {', '.join(unknown)}."}
        )
    return list(found.values())


@transaction.atomic
def enrollment_decide_many(
    *, program: Program, ids: list[int], status: str, by: User, note: str = ""
) -> int:
    """The same decision for several enrollments of one program, all or none."""
    # Locked in id order, so that two bulk decisions at once wait for each other, never deadlock.
    enrollments = (
        program.enrollments.select_for_update()
        .filter(pk__in=ids)
        .exclude(status=EnrollmentStatus.WITHDRAWN)
        .order_by("pk")
    )
    decided = 0
    for enrollment in enrollments:
        enrollment_decide(enrollment=enrollment, status=status, note=note, by=by)
        decided += 1
    return decided
