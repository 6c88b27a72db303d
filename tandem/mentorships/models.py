"""Mentoring relationships: who mentors whom in which program, how the pairing started, where it
stands, and the written agreement the pair signs."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from tandem.programs.models import Enrollment, MeetingFrequency, Program


class MentorshipKind(models.TextChoices):
    ONE_WAY = "one_way", "Mentor and mentee"
    MUTUAL = "mutual", "Mutual (each mentors the other)"


class MentorshipStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    COMPLETED = "completed", "Completed"
    ENDED = "ended", "Ended early"
    DECLINED = "declined", "Declined"


# A mentorship holds its people's places (mentor capacity, a mentee's one mentor) while open.
OPEN_STATUSES = (MentorshipStatus.PROPOSED, MentorshipStatus.ACTIVE, MentorshipStatus.PAUSED)
CLOSED_STATUSES = (MentorshipStatus.COMPLETED, MentorshipStatus.ENDED, MentorshipStatus.DECLINED)

# The lifecycle; anything not listed here is refused.
MENTORSHIP_TRANSITIONS: dict[str, set[str]] = {
    MentorshipStatus.PROPOSED: {MentorshipStatus.ACTIVE, MentorshipStatus.DECLINED},
    MentorshipStatus.ACTIVE: {
        MentorshipStatus.PAUSED,
        MentorshipStatus.COMPLETED,
        MentorshipStatus.ENDED,
    },
    MentorshipStatus.PAUSED: {
        MentorshipStatus.ACTIVE,
        MentorshipStatus.COMPLETED,
        MentorshipStatus.ENDED,
    },
    MentorshipStatus.COMPLETED: set(),
    MentorshipStatus.ENDED: set(),
    MentorshipStatus.DECLINED: set(),
}


class MentorshipOrigin(models.TextChoices):
    MATCH_RUN = "match_run", "Proposed by a match run"
    REQUEST = "request", "Requested by the mentee"
    ADMIN = "admin", "Paired by a program admin"


class EndReason(models.TextChoices):
    GOALS_MET = "goals_met", "Goals met"
    PROGRAM_ENDED = "program_ended", "The program ended"
    POOR_FIT = "poor_fit", "Not a good fit"
    NO_TIME = "no_time", "Not enough time"
    LEFT_ORGANISATION = "left_organisation", "Left the organisation"
    ROLE_CHANGE = "role_change", "Changed role or team"
    OTHER = "other", "Other"


class MentorshipQuerySet(models.QuerySet):
    def open(self) -> "MentorshipQuerySet":
        return self.filter(status__in=OPEN_STATUSES)

    def active(self) -> "MentorshipQuerySet":
        return self.filter(status=MentorshipStatus.ACTIVE)

    def involving(self, person) -> "MentorshipQuerySet":
        return self.filter(Q(mentor=person) | Q(mentee=person))

    def managed_by(self, user) -> "MentorshipQuerySet":
        if user.is_global_admin:
            return self
        return self.filter(program__admins=user)

    def visible_to(self, user) -> "MentorshipQuerySet":
        """The pair sees their mentorship; program admins see it (metadata, not content)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_global_admin:
            return self
        return self.filter(Q(mentor=user) | Q(mentee=user) | Q(program__admins=user)).distinct()


class Mentorship(models.Model):
    """Two people in a program. In a mutual mentorship both are mentor and mentee of each other;
    `mentor` and `mentee` are then simply its two sides (the lower id first)."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="mentorships")
    kind = models.CharField(
        max_length=8, choices=MentorshipKind.choices, default=MentorshipKind.ONE_WAY
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentorships_as_mentor"
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentorships_as_mentee"
    )
    mentor_enrollment = models.ForeignKey(
        Enrollment, on_delete=models.PROTECT, related_name="mentorships_as_mentor"
    )
    mentee_enrollment = models.ForeignKey(
        Enrollment, on_delete=models.PROTECT, related_name="mentorships_as_mentee"
    )
    status = models.CharField(
        max_length=10, choices=MentorshipStatus.choices, default=MentorshipStatus.PROPOSED
    )
    origin = models.CharField(
        max_length=10, choices=MentorshipOrigin.choices, default=MentorshipOrigin.ADMIN
    )
    score = models.FloatField(
        null=True, blank=True, help_text="The match score (0–1) when the pairing was proposed."
    )
    mentor_accepted_at = models.DateTimeField(null=True, blank=True)
    mentee_accepted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)
    end_note = models.TextField(blank=True)

    objects = MentorshipQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(mentor=F("mentee")), name="mentorship_two_different_people"
            ),
            models.CheckConstraint(
                condition=Q(kind=MentorshipKind.ONE_WAY) | Q(mentor__lt=F("mentee")),
                name="mentorship_mutual_sides_ordered",
            ),
            models.UniqueConstraint(
                fields=["program", "mentor", "mentee"],
                condition=Q(status__in=OPEN_STATUSES),
                name="mentorship_one_open_per_pair",
            ),
        ]
        indexes = [models.Index(fields=["program", "status"], name="mentorship_program_status")]

    def __str__(self) -> str:
        joiner = " ⟷ " if self.is_mutual else " → "
        return f"{self.mentor}{joiner}{self.mentee}"

    def get_absolute_url(self) -> str:
        return reverse("mentorships:detail", args=[self.pk])

    @property
    def is_mutual(self) -> bool:
        return self.kind == MentorshipKind.MUTUAL

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def people(self) -> tuple:
        return (self.mentor, self.mentee)

    def involves(self, person) -> bool:
        return person is not None and person.pk in (self.mentor_id, self.mentee_id)

    def partner_of(self, person):
        """The other side of the pair, for one of its two people."""
        if person.pk == self.mentor_id:
            return self.mentee
        if person.pk == self.mentee_id:
            return self.mentor
        raise ValueError(f"{person} is not in this mentorship.")

    def role_of(self, person) -> str:
        """'mentor', 'mentee' or 'peer' (both, in a mutual mentorship); '' for anyone else."""
        if not self.involves(person):
            return ""
        if self.is_mutual:
            return "peer"
        return "mentor" if person.pk == self.mentor_id else "mentee"

    def is_growing(self, person) -> bool:
        """Whose development this mentorship is for: the mentee, or both peers."""
        return (self.is_mutual and self.involves(person)) or person.pk == self.mentee_id

    def can_transition_to(self, status: str) -> bool:
        return status in MENTORSHIP_TRANSITIONS.get(self.status, set())

    def current_agreement(self) -> "Agreement | None":
        """The latest version both people have signed."""
        return self.agreements.signed().order_by("-version").first()

    def latest_agreement(self) -> "Agreement | None":
        """The newest version, signed or not (an amendment in progress)."""
        return self.agreements.order_by("-version").first()


class MentorshipEvent(models.Model):
    """The lifecycle step by step: who moved the mentorship, from what, to what, when, why."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=10, choices=MentorshipStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=MentorshipStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.mentorship}: {self.from_status or '—'} → {self.to_status}"


class MeetingStyle(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIRTUAL = "virtual", "Virtual"
    MIXED = "mixed", "Mixed"


DEFAULT_CONFIDENTIALITY = (
    "What we share in our conversations stays between us. Neither of us repeats it to "
    "colleagues or managers without the other's explicit agreement."
)


class AgreementQuerySet(models.QuerySet):
    def signed(self) -> "AgreementQuerySet":
        """Versions signed by both people (a signature per side)."""
        return self.annotate(signature_count=models.Count("signatures")).filter(
            signature_count__gte=2
        )


class Agreement(models.Model):
    """One version of the pair's written agreement. An amendment is a new version, signed again."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="agreements")
    version = models.PositiveSmallIntegerField(default=1)
    consultation_held_on = models.DateField(
        "initial consultation held on",
        null=True,
        blank=True,
        help_text="The first conversation where you set this agreement up together.",
    )
    goals = models.TextField("our goals in brief")
    meeting_frequency = models.CharField(
        max_length=12, choices=MeetingFrequency.choices, default=MeetingFrequency.FORTNIGHTLY
    )
    meeting_style = models.CharField(
        max_length=10, choices=MeetingStyle.choices, default=MeetingStyle.MIXED
    )
    meeting_minutes = models.PositiveSmallIntegerField("meeting length (minutes)", default=60)
    start_date = models.DateField()
    end_date = models.DateField()
    confidentiality = models.TextField(default=DEFAULT_CONFIDENTIALITY)
    punctuality = models.TextField("punctuality", blank=True)
    preparation = models.TextField("preparation", blank=True)
    cancellation = models.TextField("how to cancel or move a meeting", blank=True)
    mentor_expectations = models.TextField("what the mentee can expect of the mentor", blank=True)
    mentee_expectations = models.TextField("what the mentor can expect of the mentee", blank=True)
    feedback = models.TextField("how we give each other feedback", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship", "version"], name="agreement_one_per_version"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")), name="agreement_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(meeting_minutes__gte=15, meeting_minutes__lte=480),
                name="agreement_meeting_minutes_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Agreement v{self.version} of {self.mentorship}"

    def signed_by(self, person) -> bool:
        return self.signatures.filter(person=person).exists()

    @property
    def is_signed(self) -> bool:
        return self.signatures.count() >= 2

    @property
    def frequency_days(self) -> int:
        return FREQUENCY_DAYS[self.meeting_frequency]


FREQUENCY_DAYS = {
    MeetingFrequency.WEEKLY: 7,
    MeetingFrequency.FORTNIGHTLY: 14,
    MeetingFrequency.MONTHLY: 30,
}


class AgreementSignature(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signatures")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    signed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["signed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "person"], name="agreement_signature_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} signed {self.agreement}"
