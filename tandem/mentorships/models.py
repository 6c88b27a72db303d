"""Mentoring relationships: who mentors whom in which program, how the pairing started, where it
stands, and the written agreement the pair signs."""

import datetime
import difflib
from dataclasses import dataclass

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from tandem.programs.models import Enrollment, MeetingFrequency, Program


@dataclass(frozen=True)
class NextAction:
    """The one thing a person should do next in a mentorship, or what they are waiting for."""

    code: str
    label: str
    url: str
    needs_me: bool = False


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

    def closed(self) -> "MentorshipQuerySet":
        return self.filter(status__in=CLOSED_STATUSES)

    def with_progress(self) -> "MentorshipQuerySet":
        """Everything `next_action` reads, in a fixed number of queries for the whole list."""
        return self.select_related("program", "mentor", "mentee").prefetch_related(
            models.Prefetch("agreements", Agreement.objects.prefetch_related("signatures")),
            "reflections",
        )

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

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def accepted_at_of(self, person):
        """When this side accepted the proposal (None: not yet)."""
        return self.mentor_accepted_at if person.pk == self.mentor_id else self.mentee_accepted_at

    def side_label(self, person) -> str:
        """How a side is named on the pages: mentor, mentee, or peer in a mutual mentorship."""
        if self.is_mutual:
            return "Peer"
        return "Mentor" if person.pk == self.mentor_id else "Mentee"

    def next_action(self, person) -> "NextAction | None":
        """What this person should do next (or is waiting for). Reads the agreements and the
        reflections through `.all()`, so a list built `with_progress()` costs no query."""
        if not self.involves(person):
            return None
        partner = self.partner_of(person)
        if self.status == MentorshipStatus.PROPOSED:
            if self.accepted_at_of(person):
                return NextAction(
                    "await_answer", f"Waiting for {partner} to answer", self.get_absolute_url()
                )
            return NextAction(
                "answer_proposal", "Accept or decline the proposal", self.get_absolute_url(), True
            )
        if self.status == MentorshipStatus.ACTIVE:
            return self._agreement_action(person, partner)
        if self.status == MentorshipStatus.PAUSED:
            return NextAction(
                "paused", "Paused: resume when you are both ready", self.get_absolute_url()
            )
        if self.asks_reflection_of(person):
            url = reverse("mentorships:reflection", args=[self.pk])
            return NextAction("reflect", "Write your closing reflection", url, True)
        return None

    def asks_reflection_of(self, person) -> bool:
        """A completed or ended mentorship asks each side for a reflection, once."""
        return (
            self.status in (MentorshipStatus.COMPLETED, MentorshipStatus.ENDED)
            and self.involves(person)
            and not any(r.author_id == person.pk for r in self.reflections.all())
        )

    def _agreement_action(self, person, partner) -> "NextAction":
        url = reverse("mentorships:agreement", args=[self.pk])
        versions = sorted(self.agreements.all(), key=lambda a: a.version)
        if not versions:
            return NextAction(
                "write_agreement",
                "Hold your initial consultation and write the agreement",
                url,
                True,
            )
        latest = versions[-1]
        signers = latest.signer_ids()
        if person.pk not in signers:
            return NextAction(
                "sign_agreement", f"Sign the agreement (version {latest.version})", url, True
            )
        if partner.pk not in signers:
            return NextAction("await_signature", f"Waiting for {partner} to sign", url)
        frequency = MeetingFrequency(latest.meeting_frequency).label.lower()
        return NextAction("meet", f"Agreement in force: meet {frequency}", self.get_absolute_url())


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
    meeting_minutes = models.PositiveSmallIntegerField(
        "meeting length (minutes)",
        default=60,
        validators=[MinValueValidator(15), MaxValueValidator(480)],
    )
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

    def changes_from(self, previous: "Agreement | None") -> list["AgreementChange"]:
        """Term by term, what this version changed from an earlier one (all terms for v1)."""
        changes = []
        for name in AGREEMENT_TERMS:
            before = _shown(previous, name) if previous is not None else ""
            after = _shown(self, name)
            if before != after:
                label = str(self._meta.get_field(name).verbose_name)
                changes.append(AgreementChange(name, label[:1].upper() + label[1:], before, after))
        return changes

    def signer_ids(self) -> set[int]:
        """Who signed this version (from prefetched signatures when there are)."""
        return {signature.person_id for signature in self.signatures.all()}

    @property
    def is_signed(self) -> bool:
        return self.signatures.count() >= 2

    @property
    def frequency_days(self) -> int:
        return FREQUENCY_DAYS[self.meeting_frequency]


# The terms of an agreement, in the order the form asks for them.
AGREEMENT_TERMS = (
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


@dataclass(frozen=True)
class AgreementChange:
    """One term that differs between two versions, as people read it."""

    field: str
    label: str
    before: str
    after: str

    def words(self) -> list[tuple[str, str]]:
        """The change word by word: ("same" | "removed" | "added", text) pieces."""
        old, new = self.before.split(), self.after.split()
        pieces = []
        matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                pieces.append(("same", " ".join(old[a1:a2])))
                continue
            if a2 > a1:
                pieces.append(("removed", " ".join(old[a1:a2])))
            if b2 > b1:
                pieces.append(("added", " ".join(new[b1:b2])))
        return pieces


def _shown(agreement: "Agreement", name: str) -> str:
    """A term as the pages show it: choices by label, dates in words."""
    value = getattr(agreement, name)
    if value is None or value == "":
        return ""
    field = agreement._meta.get_field(name)
    if field.choices:
        return str(getattr(agreement, f"get_{name}_display")())
    if isinstance(value, datetime.date):
        return f"{value.day} {value:%B %Y}"
    return str(value)


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


# --- mentees choosing their mentor ------------------------------------------------------------


class RequestStatus(models.TextChoices):
    PENDING = "pending", "Awaiting the mentor's answer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"
    EXPIRED = "expired", "Expired (no answer in time)"


class MentorshipRequestQuerySet(models.QuerySet):
    def pending(self) -> "MentorshipRequestQuerySet":
        return self.filter(status=RequestStatus.PENDING)

    def due(self, now) -> "MentorshipRequestQuerySet":
        """Pending requests whose mentor has let the answer time run out."""
        return self.pending().filter(expires_at__lte=now)

    def involving(self, person) -> "MentorshipRequestQuerySet":
        return self.filter(Q(mentor=person) | Q(mentee=person))


class MentorshipRequest(models.Model):
    """A mentee asks a mentor of their program to mentor them, saying why. Accepting it begins
    the mentorship; a request nobody answers expires after the program's number of days."""

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="mentorship_requests"
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentorship_requests_sent"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mentorship_requests_received",
    )
    mentee_enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="requests_sent"
    )
    mentor_enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="requests_received"
    )
    admire = models.TextField(
        "what I admire in your path",
        help_text="What in their experience, skills or way of working draws you to them.",
    )
    hope_to_gain = models.TextField(
        "what I hope to gain",
        help_text="What you would like to be able to do, or understand, after the mentorship.",
    )
    score = models.FloatField(
        null=True, blank=True, help_text="The match score (0–1) when the mentee asked."
    )
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(help_text="Unanswered by then, the request expires.")
    answered_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was accepted, declined, withdrawn or expired."
    )
    response = models.TextField(
        "message from the mentor", blank=True, help_text="Optional, with the answer."
    )
    closing_note = models.CharField(max_length=240, blank=True)
    mentorship = models.ForeignKey(
        Mentorship, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests"
    )

    objects = MentorshipRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(mentor=F("mentee")), name="request_two_different_people"
            ),
            models.UniqueConstraint(
                fields=["program", "mentee", "mentor"],
                condition=Q(status="pending"),
                name="request_one_pending_per_pair",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "expires_at"], name="request_status_expiry"),
        ]

    def __str__(self) -> str:
        return f"{self.mentee} asks {self.mentor} ({self.program})"

    def get_absolute_url(self) -> str:
        return reverse("mentorships:request_detail", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.status == RequestStatus.PENDING

    @property
    def percent(self) -> int | None:
        return None if self.score is None else round(100 * self.score)

    def has_run_out(self, now=None) -> bool:
        """Past its answer time, even if the expiry job has not passed by yet."""
        return self.is_pending and self.expires_at <= (now or timezone.now())


# --- closing: each side's reflection -------------------------------------------------------


class Recommendation(models.TextChoices):
    YES = "yes", "Yes, without hesitation"
    WITH_RESERVATIONS = "with_reservations", "Yes, with some reservations"
    NO = "no", "No"


class Reflection(models.Model):
    """What one side takes away when a mentorship closes. The pair reads both; the program's
    admins see only that it was given, the recommendation and the reason code."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="reflections")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    gained = models.TextField("what I gained")
    partner_gained = models.TextField("what my partner gained")
    recommend = models.CharField(
        "would I recommend my partner", max_length=20, choices=Recommendation.choices
    )
    reason = models.CharField("why it ended, in a word", max_length=20, choices=EndReason.choices)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship", "author"], name="reflection_one_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.author}'s reflection on {self.mentorship}"
