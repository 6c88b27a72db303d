"""Programs and enrollments over the API: the rules of tandem/programs/permissions.py, the
services of tandem/programs/services.py."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from tandem.api.schemas import ERRORS, BodyId, Filters, Id, InputSchema, PersonRef, Slug
from tandem.programs import permissions
from tandem.programs.models import (
    Enrollment,
    EnrollmentRole,
    EnrollmentStatus,
    MatchingMode,
    MeetingFrequency,
    Program,
    ProgramFormat,
    ProgramStatus,
    Purpose,
    QuestionKind,
)
from tandem.programs.services import (
    DECISIONS,
    enrollment_create,
    enrollment_decide,
    enrollment_decide_many,
    enrollment_withdraw,
    program_admins_from_emails,
    program_create,
    program_transition,
    program_update,
)

router = Router(tags=["programs"])

# --- schemas ---------------------------------------------------------------------------------


class QuestionOut(Schema):
    id: int
    text: str
    help_text: str
    kind: QuestionKind
    choices: list[str]
    required: bool
    for_role: str

    @staticmethod
    def resolve_choices(question) -> list[str]:
        return question.choice_list()


class ProgramOut(Schema):
    slug: Slug
    name: str
    purpose: Purpose
    format: ProgramFormat
    status: ProgramStatus
    description: str
    start_date: date
    end_date: date
    enrollment_deadline: date | None
    meeting_frequency: MeetingFrequency
    matching_mode: MatchingMode
    mentor_capacity_default: int


class ProgramDetailOut(ProgramOut):
    mentor_guidelines: str
    mentee_guidelines: str
    roles: list[EnrollmentRole]
    allowed_transitions: list[ProgramStatus]
    questions: list[QuestionOut]

    @staticmethod
    def resolve_roles(program) -> list[str]:
        return program.roles()

    @staticmethod
    def resolve_allowed_transitions(program) -> list[str]:
        return program.allowed_transitions()

    @staticmethod
    def resolve_questions(program):
        return list(program.questions.all())


class ProgramIn(InputSchema):
    name: str = Field(..., min_length=1, max_length=120)
    purpose: Purpose
    format: ProgramFormat = ProgramFormat.MENTORING
    description: str = Field("", max_length=10_000)
    start_date: date
    end_date: date
    enrollment_deadline: date | None = None
    meeting_frequency: MeetingFrequency = MeetingFrequency.FORTNIGHTLY
    matching_mode: MatchingMode = MatchingMode.ADMIN
    mentor_capacity_default: int = Field(2, ge=0, le=20)
    mentor_guidelines: str = Field("", max_length=20_000)
    mentee_guidelines: str = Field("", max_length=20_000)
    admin_emails: list[str] | None = Field(
        None, max_length=50, description="Who runs it (default: you)."
    )


class ProgramPatch(InputSchema):
    """Only the fields sent change. `admin_emails`, when sent, replaces the program's admins."""

    name: str | None = Field(None, min_length=1, max_length=120)
    purpose: Purpose | None = None
    format: ProgramFormat | None = None
    description: str | None = Field(None, max_length=10_000)
    start_date: date | None = None
    end_date: date | None = None
    enrollment_deadline: date | None = None
    meeting_frequency: MeetingFrequency | None = None
    matching_mode: MatchingMode | None = None
    mentor_capacity_default: int | None = Field(None, ge=0, le=20)
    mentor_guidelines: str | None = Field(None, max_length=20_000)
    mentee_guidelines: str | None = Field(None, max_length=20_000)
    admin_emails: list[str] | None = Field(None, max_length=50)


class TransitionIn(InputSchema):
    status: ProgramStatus


class ProgramFilters(Filters):
    status: ProgramStatus | None = None
    purpose: Purpose | None = None
    format: ProgramFormat | None = None
    q: str | None = Field(None, max_length=120, description="Part of the program's name")

    def filter_programs(self, programs):
        for name in ("status", "purpose", "format"):
            value = getattr(self, name)
            if value:
                programs = programs.filter(**{name: value})
        if self.q:
            programs = programs.filter(name__icontains=self.q)
        return programs


class AnswerOut(Schema):
    question: int = Field(..., alias="question_id")
    answer: str


class EnrollmentOut(Schema):
    id: int
    program: str = Field(..., alias="program.slug")
    person: PersonRef
    role: EnrollmentRole
    status: EnrollmentStatus
    capacity: int | None
    load: int
    motivation: str
    created_at: datetime
    decided_at: datetime | None
    decision_note: str
    answers: list[AnswerOut]

    @staticmethod
    def resolve_answers(enrollment):
        return list(enrollment.answers.all())


class EnrollIn(InputSchema):
    role: EnrollmentRole
    capacity: int | None = Field(None, ge=1, le=20, description="Mentors: mentees you can take")
    motivation: str = Field("", max_length=5_000)
    answers: dict[str, str] = Field(
        default_factory=dict,
        max_length=50,
        description='The program\'s questions by id: {"12": "my answer"}',
    )
    read_guidelines: bool = Field(..., description="I have read the program's guidelines.")


class DecisionIn(InputSchema):
    status: EnrollmentStatus = Field(..., description="approved, waitlisted or declined")
    note: str = Field("", max_length=240)
    capacity: int | None = Field(None, ge=0, le=20)


class BulkDecisionIn(InputSchema):
    enrollments: list[BodyId] = Field(..., min_length=1, max_length=1000)
    status: EnrollmentStatus
    note: str = Field("", max_length=240)


class BulkDecisionOut(Schema):
    decided: int


class EnrollmentFilters(Filters):
    role: EnrollmentRole | None = None
    status: EnrollmentStatus | None = None
    q: str | None = Field(None, max_length=120, description="Part of a name or e-mail")


# --- helpers (the same as the pages') --------------------------------------------------------


def _get_program_for_user(user, slug: Slug) -> Program:
    program = get_object_or_404(Program, slug=slug)
    if not permissions.can_view_program(user, program):
        raise Http404
    return program


def _get_managed_program(user, slug: Slug) -> Program:
    program = _get_program_for_user(user, slug)
    if not permissions.can_manage_program(user, program):
        raise PermissionDenied
    return program


def _enrollments():
    return Enrollment.objects.select_related("program", "person").prefetch_related("answers")


def _answers(raw: dict[str, str]) -> dict[int, str]:
    answers = {}
    for key, value in raw.items():
        if not key.isdigit() or len(key) > 15:
            raise ValidationError({f"answers.{key}": "Answers are keyed by question id."})
        answers[int(key)] = value
    return answers


# --- programs --------------------------------------------------------------------------------


@router.get("/", response={200: list[ProgramOut], **ERRORS})
@paginate
def program_list(request, filters: Query[ProgramFilters]):
    """The programs I may see: past draft, and the drafts I run."""
    programs = Program.objects.visible_to(request.user)
    return filters.filter_programs(programs).order_by("status", "-start_date", "pk")


@router.post("/", response={201: ProgramDetailOut, **ERRORS})
def program_create_endpoint(request, payload: ProgramIn):
    """Create a draft program (global program admins)."""
    if not permissions.can_create_program(request.user):
        raise PermissionDenied
    data = payload.dict()
    emails = data.pop("admin_emails")
    admins = program_admins_from_emails(emails) if emails is not None else None
    program = program_create(by=request.user, admins=admins, **data)
    return Status(201, program)


@router.get("/enrollments/mine", response={200: list[EnrollmentOut], **ERRORS})
@paginate
def my_enrollments(request):
    """My enrollments in every program."""
    return _enrollments().filter(person=request.user).order_by("-created_at", "-pk")


@router.post("/enrollments/{int:enrollment_id}/withdraw", response={200: EnrollmentOut, **ERRORS})
def enrollment_withdraw_endpoint(request, enrollment_id: Id):
    """Withdraw my enrollment while the program is enrolling or matching."""
    enrollment = get_object_or_404(_enrollments(), pk=enrollment_id, person=request.user)
    return enrollment_withdraw(enrollment=enrollment, by=request.user)


@router.get("/{slug:slug}", response={200: ProgramDetailOut, **ERRORS})
def program_detail(request, slug: Slug):
    """A program, its guidelines and its enrollment questions."""
    return _get_program_for_user(request.user, slug)


@router.patch("/{slug:slug}", response={200: ProgramDetailOut, **ERRORS})
def program_update_endpoint(request, slug: Slug, payload: ProgramPatch):
    """Change a program's settings (its admins)."""
    program = _get_managed_program(request.user, slug)
    data = payload.dict(exclude_unset=True)
    emails = data.pop("admin_emails", None)
    admins = program_admins_from_emails(emails) if emails is not None else None
    return program_update(program=program, by=request.user, admins=admins, **data)


@router.post("/{slug:slug}/transition", response={200: ProgramDetailOut, **ERRORS})
def program_transition_endpoint(request, slug: Slug, payload: TransitionIn):
    """Move the program along its lifecycle: draft → enrolling → matching → running → closed."""
    program = _get_managed_program(request.user, slug)
    return program_transition(program=program, to_status=payload.status, by=request.user)


# --- enrollments -----------------------------------------------------------------------------


@router.post("/{slug:slug}/enrollments", response={201: EnrollmentOut, **ERRORS})
def enroll(request, slug: Slug, payload: EnrollIn):
    """Enroll myself, with my answers to the program's questions."""
    program = _get_program_for_user(request.user, slug)
    if not payload.read_guidelines:
        raise ValidationError({"read_guidelines": "Please read the program's guidelines first."})
    enrollment = enrollment_create(
        program=program,
        person=request.user,
        role=payload.role,
        capacity=payload.capacity,
        motivation=payload.motivation,
        answers=_answers(payload.answers),
    )
    return Status(201, _enrollments().get(pk=enrollment.pk))


@router.get("/{slug:slug}/enrollments", response={200: list[EnrollmentOut], **ERRORS})
@paginate
def program_enrollments(request, slug: Slug, filters: Query[EnrollmentFilters]):
    """Who enrolled, with their answers (the program's admins)."""
    program = _get_managed_program(request.user, slug)
    enrollments = _enrollments().filter(program=program)
    if filters.role:
        enrollments = enrollments.filter(role=filters.role)
    if filters.status:
        enrollments = enrollments.filter(status=filters.status)
    if filters.q:
        q = filters.q
        enrollments = enrollments.filter(
            Q(person__first_name__icontains=q)
            | Q(person__last_name__icontains=q)
            | Q(person__email__icontains=q)
        )
    return enrollments.order_by("role", "status", "person__last_name", "pk")


@router.post(
    "/{slug:slug}/enrollments/{int:enrollment_id}/decision",
    response={200: EnrollmentOut, **ERRORS},
)
def enrollment_decide_endpoint(request, slug: Slug, enrollment_id: Id, payload: DecisionIn):
    """Approve, waitlist or decline one enrollment (and adjust a mentor's capacity)."""
    program = _get_managed_program(request.user, slug)
    enrollment = get_object_or_404(Enrollment, pk=enrollment_id, program=program)
    enrollment_decide(
        enrollment=enrollment,
        status=payload.status,
        note=payload.note,
        capacity=payload.capacity,
        by=request.user,
    )
    return _enrollments().get(pk=enrollment.pk)


@router.post("/{slug:slug}/enrollments/decisions", response={200: BulkDecisionOut, **ERRORS})
def enrollment_decide_bulk(request, slug: Slug, payload: BulkDecisionIn):
    """The same decision for several enrollments at once (all or none)."""
    program = _get_managed_program(request.user, slug)
    if payload.status not in DECISIONS:
        raise ValidationError({"status": "Choose approved, waitlisted or declined."})
    decided = enrollment_decide_many(
        program=program,
        ids=payload.enrollments,
        status=payload.status,
        note=payload.note,
        by=request.user,
    )
    return {"decided": decided}
