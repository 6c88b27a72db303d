"""Mentoring programs, their enrollment questions, and who enrolled in what role."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone


class Purpose(models.TextChoices):
    ONBOARDING = "onboarding", "Onboarding new hires"
    LEADERSHIP = "leadership", "Leadership development"
    SKILLS = "skills", "Skill building"
    CAREER = "career", "Career guidance"
    INCLUSION = "inclusion", "Diversity and inclusion"
    REVERSE = "reverse", "Reverse mentoring"
    PEER = "peer", "Peer learning"


class MeetingFrequency(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    FORTNIGHTLY = "fortnightly", "Every two weeks"
    MONTHLY = "monthly", "Monthly"


class MatchingMode(models.TextChoices):
    ADMIN = "admin", "Admin-matched"
    SELF_SELECT = "self_select", "Mentees choose from a shortlist"
    HYBRID = "hybrid", "Hybrid (admin proposes, mentees may request)"


class ProgramFormat(models.TextChoices):
    MENTORING = "mentoring", "Mentees and mentors"
    MUTUAL = "mutual", "Mutual (peers mentor each other)"


class ProgramStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ENROLLING = "enrolling", "Enrolling"
    MATCHING = "matching", "Matching"
    RUNNING = "running", "Running"
    CLOSED = "closed", "Closed"


# The lifecycle of a program; anything not listed here is refused.
PROGRAM_TRANSITIONS: dict[str, set[str]] = {
    ProgramStatus.DRAFT: {ProgramStatus.ENROLLING},
    ProgramStatus.ENROLLING: {ProgramStatus.DRAFT, ProgramStatus.MATCHING},
    ProgramStatus.MATCHING: {ProgramStatus.ENROLLING, ProgramStatus.RUNNING},
    ProgramStatus.RUNNING: {ProgramStatus.CLOSED},
    ProgramStatus.CLOSED: set(),
}


class ProgramQuerySet(models.QuerySet):
    def open_for_enrollment(self) -> "ProgramQuerySet":
        return self.filter(status=ProgramStatus.ENROLLING)

    def visible_to(self, user) -> "ProgramQuerySet":
        """Participants see programs past draft; admins also see drafts they manage."""
        if user.is_global_admin:
            return self
        return self.filter(models.Q(admins=user) | ~models.Q(status=ProgramStatus.DRAFT)).distinct()

    def managed_by(self, user) -> "ProgramQuerySet":
        if user.is_global_admin:
            return self
        return self.filter(admins=user)


class Program(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    format = models.CharField(
        max_length=12, choices=ProgramFormat.choices, default=ProgramFormat.MENTORING
    )
    description = models.TextField(blank=True)
    start_date = models.DateField()
    end_date = models.DateField()
    enrollment_deadline = models.DateField(null=True, blank=True)
    meeting_frequency = models.CharField(
        "default meeting frequency",
        max_length=12,
        choices=MeetingFrequency.choices,
        default=MeetingFrequency.FORTNIGHTLY,
    )
    matching_mode = models.CharField(
        max_length=12, choices=MatchingMode.choices, default=MatchingMode.ADMIN
    )
    mentor_capacity_default = models.PositiveSmallIntegerField(
        "default mentor capacity",
        default=2,
        validators=[MaxValueValidator(20)],
        help_text="How many mentees a mentor takes unless they say otherwise.",
    )
    request_expiry_days = models.PositiveSmallIntegerField(
        "days a mentor has to answer a request",
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Mentee-chosen matching: a request left unanswered this long expires.",
    )
    max_pending_requests = models.PositiveSmallIntegerField(
        "requests a mentee may have waiting at once",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    mentor_guidelines = models.TextField("guidelines for mentors", blank=True)
    mentee_guidelines = models.TextField("guidelines for mentees", blank=True)
    status = models.CharField(
        max_length=12, choices=ProgramStatus.choices, default=ProgramStatus.DRAFT
    )
    admins = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="administered_programs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="program_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(mentor_capacity_default__lte=20),
                name="program_capacity_default_max",
            ),
            models.CheckConstraint(
                condition=models.Q(request_expiry_days__gte=1, request_expiry_days__lte=60),
                name="program_request_expiry_range",
            ),
            models.CheckConstraint(
                condition=models.Q(max_pending_requests__gte=1, max_pending_requests__lte=10),
                name="program_pending_requests_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programs:detail", args=[self.slug])

    @property
    def is_mutual(self) -> bool:
        return self.format == ProgramFormat.MUTUAL

    @property
    def mentees_choose(self) -> bool:
        """Mentees may request a mentor themselves (self-select and hybrid matching)."""
        return not self.is_mutual and self.matching_mode in (
            MatchingMode.SELF_SELECT,
            MatchingMode.HYBRID,
        )

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The program must end after it starts."})
        if self.enrollment_deadline and self.end_date and self.enrollment_deadline > self.end_date:
            raise ValidationError(
                {"enrollment_deadline": "Enrollment must close before the program ends."}
            )

    def allowed_transitions(self) -> list[str]:
        return sorted(PROGRAM_TRANSITIONS[self.status], key=list(ProgramStatus.values).index)

    def can_transition_to(self, status: str) -> bool:
        return status in PROGRAM_TRANSITIONS.get(self.status, set())

    def roles(self) -> list[str]:
        """The roles one can enroll as in this program."""
        if self.is_mutual:
            return [EnrollmentRole.PEER]
        return [EnrollmentRole.MENTEE, EnrollmentRole.MENTOR]

    def is_managed_by(self, user) -> bool:
        if not user.is_authenticated:
            return False
        return user.is_global_admin or self.admins.filter(pk=user.pk).exists()


class ProgramStatusChange(models.Model):
    """The program's lifecycle, step by step: who moved it, from what, to what, when."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=ProgramStatus.choices)
    to_status = models.CharField(max_length=12, choices=ProgramStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.program}: {self.from_status} → {self.to_status}"


class QuestionKind(models.TextChoices):
    TEXT = "text", "Free text"
    CHOICE = "choice", "One of a list"
    SCALE = "scale", "Scale 1–5"


class EnrollmentQuestion(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField("question", max_length=240)
    help_text = models.CharField(max_length=240, blank=True)
    kind = models.CharField(max_length=8, choices=QuestionKind.choices, default=QuestionKind.TEXT)
    choices = models.TextField(blank=True, help_text="For 'one of a list': one option per line.")
    required = models.BooleanField(default=True)
    for_role = models.CharField(
        max_length=8,
        blank=True,
        help_text="Ask only people enrolling in this role (blank: everyone).",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text

    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self) -> None:
        if self.kind == QuestionKind.CHOICE and len(self.choice_list()) < 2:
            raise ValidationError({"choices": "Give at least two options, one per line."})


class EnrollmentRole(models.TextChoices):
    MENTEE = "mentee", "Mentee"
    MENTOR = "mentor", "Mentor"
    PEER = "peer", "Peer (mutual mentoring)"


class EnrollmentStatus(models.TextChoices):
    PENDING = "pending", "Awaiting approval"
    APPROVED = "approved", "Approved"
    WAITLISTED = "waitlisted", "Waitlisted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


class EnrollmentQuerySet(models.QuerySet):
    def approved(self) -> "EnrollmentQuerySet":
        return self.filter(status=EnrollmentStatus.APPROVED)

    def mentors(self) -> "EnrollmentQuerySet":
        return self.filter(role=EnrollmentRole.MENTOR)

    def mentees(self) -> "EnrollmentQuerySet":
        return self.filter(role=EnrollmentRole.MENTEE)

    def peers(self) -> "EnrollmentQuerySet":
        return self.filter(role=EnrollmentRole.PEER)


class Enrollment(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="enrollments")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    role = models.CharField(max_length=8, choices=EnrollmentRole.choices)
    status = models.CharField(
        max_length=12, choices=EnrollmentStatus.choices, default=EnrollmentStatus.PENDING
    )
    capacity = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(20)],
        help_text="Mentors: how many mentees you can take on in this program.",
    )
    motivation = models.TextField("why I am joining", blank=True)
    load = models.PositiveSmallIntegerField(
        default=0,
        editable=False,
        help_text="Open mentorships (proposed, active or paused) this enrollment takes part in.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=240, blank=True)

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "person", "role"], name="enrollment_one_per_role"
            ),
            models.CheckConstraint(
                condition=models.Q(role="mentor", capacity__isnull=False, capacity__lte=20)
                | (~models.Q(role="mentor") & models.Q(capacity__isnull=True)),
                name="enrollment_capacity_for_mentors_only",
            ),
            # Capacity lives in the database: a mentor never holds more mentorships than their
            # capacity, a mentee or a peer never more than one per program and role.
            models.CheckConstraint(
                condition=models.Q(role="mentor", load__lte=models.F("capacity"))
                | (~models.Q(role="mentor") & models.Q(load__lte=1)),
                name="enrollment_load_within_capacity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()} in {self.program}"

    @property
    def places(self) -> int:
        """How many open mentorships this enrollment may hold."""
        return (self.capacity or 0) if self.role == EnrollmentRole.MENTOR else 1

    @property
    def has_room(self) -> bool:
        return self.load < self.places

    @property
    def places_left(self) -> int:
        return max(self.places - self.load, 0)


class EnrollmentAnswer(models.Model):
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        EnrollmentQuestion, on_delete=models.CASCADE, related_name="answers"
    )
    answer = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "question"], name="enrollment_answer_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.answer[:40]}"
