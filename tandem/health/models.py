"""Relationship health: the program's check-in cadence, check-ins, feedback between partners,
introductions a mentor makes, each mentorship's health score and the risks it raised.

Confidentiality (DESIGN.md, Privacy; the rules are in permissions.py): a check-in's ratings are
seen by its author and the program's admins; its learning text by its author only; its comment
by its author, and by the partner when the author chose to share it. Feedback and introductions
are the pair's; admins count them."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from tandem.mentorships.models import Mentorship
from tandem.programs.models import Program

# --- the program's cadence -------------------------------------------------------------------


def default_at_risk_below() -> int:
    """The site-wide threshold (settings.HEALTH_AT_RISK_BELOW) a program uses unless it sets one."""
    return int(getattr(settings, "HEALTH_AT_RISK_BELOW", 50))


class HealthSettings(models.Model):
    """How often a program's pairs check in, and when the program calls a pair at risk.
    A program without a row uses the defaults (HealthSettings.for_program)."""

    program = models.OneToOneField(
        Program, on_delete=models.CASCADE, primary_key=True, related_name="health_settings"
    )
    first_check_in_days = models.PositiveSmallIntegerField(
        "first check-in after (days)",
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="Days after the mentorship began, if the pair has not met by then: the "
        "first check-in (“is this a good fit?”) opens after their first meeting held.",
    )
    check_in_every_days = models.PositiveSmallIntegerField(
        "then a check-in every (days)",
        default=60,
        validators=[MinValueValidator(7), MaxValueValidator(365)],
    )
    reminder_after_days = models.PositiveSmallIntegerField(
        "remind after (days)",
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="One reminder to whoever has not answered by then.",
    )
    at_risk_below = models.PositiveSmallIntegerField(
        "at risk below (health score)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Blank: the site's default.",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "health settings"
        constraints = [
            models.CheckConstraint(
                condition=Q(first_check_in_days__gte=1, first_check_in_days__lte=365),
                name="health_first_check_in_range",
            ),
            models.CheckConstraint(
                condition=Q(check_in_every_days__gte=7, check_in_every_days__lte=365),
                name="health_check_in_every_range",
            ),
            models.CheckConstraint(
                condition=Q(reminder_after_days__gte=1, reminder_after_days__lte=60),
                name="health_reminder_range",
            ),
            models.CheckConstraint(
                condition=Q(at_risk_below__isnull=True)
                | Q(at_risk_below__gte=1, at_risk_below__lte=100),
                name="health_at_risk_below_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Health settings of {self.program}"

    @classmethod
    def for_program(cls, program: Program) -> "HealthSettings":
        """The program's settings, or the defaults (unsaved) if it never changed them."""
        try:
            return cls.objects.get(program=program)
        except cls.DoesNotExist:
            return cls(program=program)

    @classmethod
    def for_programs(cls, program_ids) -> dict[int, "HealthSettings"]:
        program_ids = set(program_ids)
        stored = {s.program_id: s for s in cls.objects.filter(program_id__in=program_ids)}
        return {pk: stored.get(pk) or cls(program_id=pk) for pk in program_ids}

    @property
    def threshold(self) -> int:
        return self.at_risk_below or default_at_risk_below()

    def round_due_on(self, started_on: datetime.date, round_number: int) -> datetime.date:
        """The day check-in `round_number` (1 = the first) opens."""
        days = self.first_check_in_days + (round_number - 1) * self.check_in_every_days
        return started_on + datetime.timedelta(days=days)

    def current_round(self, started_on: datetime.date, today: datetime.date) -> int:
        """The latest round due by `today` (0: the first is not due yet)."""
        elapsed = (today - started_on).days - self.first_check_in_days
        if elapsed < 0:
            return 0
        return 1 + elapsed // self.check_in_every_days


def started_on(mentorship: Mentorship) -> datetime.date | None:
    """The day a mentorship began, in UTC (check-in rounds count from it the same everywhere)."""
    if mentorship.started_at is None:
        return None
    return mentorship.started_at.astimezone(datetime.UTC).date()


# --- check-ins -------------------------------------------------------------------------------

# The four qualities of successful mentoring relationships, and overall satisfaction: each
# with the one plain sentence the check-in form shows.
QUALITIES = {
    "engagement": (
        "Engagement",
        "We both turn up, prepared, and give this relationship our full attention.",
    ),
    "flexibility": (
        "Flexibility",
        "We adapt to each other's schedules, ways of working and changing needs.",
    ),
    "authenticity": (
        "Authenticity",
        "We are honest and open with each other, difficulties included.",
    ),
    "reciprocity": (
        "Reciprocity",
        "We both give and we both learn: it is not a one-way street.",
    ),
}
SATISFACTION = ("Overall satisfaction", "How satisfied I am with this mentorship overall.")
RATINGS = (*QUALITIES, "satisfaction")
RATING_LABELS = {name: label for name, (label, _) in QUALITIES.items()} | {
    "satisfaction": SATISFACTION[0]
}


class CheckInStatus(models.TextChoices):
    OPEN = "open", "Open"
    ANSWERED = "answered", "Answered"
    CLOSED = "closed", "Closed unanswered"


class CheckInQuerySet(models.QuerySet):
    def open(self) -> "CheckInQuerySet":
        return self.filter(status=CheckInStatus.OPEN)

    def answered(self) -> "CheckInQuerySet":
        return self.filter(status=CheckInStatus.ANSWERED)

    def due_for(self, person) -> "CheckInQuerySet":
        """What a person has to answer now."""
        return (
            self.open()
            .filter(respondent=person)
            .select_related("mentorship__program", "mentorship__mentor", "mentorship__mentee")
        )


def _rating_field(label: str):
    return models.PositiveSmallIntegerField(
        label, null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class CheckIn(models.Model):
    """One side's answer to one round of check-ins. Each round opens one per side of the pair."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="checkins")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins"
    )
    round = models.PositiveSmallIntegerField(help_text="1 is the first check-in.")
    due_on = models.DateField()
    status = models.CharField(
        max_length=10, choices=CheckInStatus.choices, default=CheckInStatus.OPEN
    )
    opened_at = models.DateTimeField(default=timezone.now)
    notified_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    engagement = _rating_field("engagement")
    flexibility = _rating_field("flexibility")
    authenticity = _rating_field("authenticity")
    reciprocity = _rating_field("reciprocity")
    satisfaction = _rating_field("overall satisfaction")
    good_fit = models.BooleanField(
        "is this a good fit?", null=True, blank=True, help_text="Asked in the first check-in."
    )
    learned = models.TextField("what I learned from my partner this period", blank=True)
    comment = models.TextField(blank=True)
    share_comment = models.BooleanField("share my comment with my partner", default=False)

    objects = CheckInQuerySet.as_manager()

    class Meta:
        ordering = ["-round", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship", "respondent", "round"], name="checkin_one_per_side_and_round"
            ),
            models.CheckConstraint(condition=Q(round__gte=1), name="checkin_round_positive"),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__isnull": True})
                    | Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"checkin_{name}_1_to_5",
                )
                for name in RATINGS
            ],
            models.CheckConstraint(
                condition=~Q(status=CheckInStatus.ANSWERED)
                | Q(
                    answered_at__isnull=False,
                    **{f"{name}__isnull": False for name in RATINGS},
                ),
                name="checkin_answered_has_ratings",
            ),
            models.CheckConstraint(
                condition=Q(round=1) | Q(good_fit__isnull=True),
                name="checkin_good_fit_first_round_only",
            ),
        ]
        # Only open check-ins are looked up by status (what to answer, announce, remind);
        # the reports read answered ones by scanning, which an index on status would slow.
        indexes = [
            models.Index(
                fields=["respondent", "notified_at"],
                condition=Q(status=CheckInStatus.OPEN),
                name="checkin_open",
            )
        ]

    def __str__(self) -> str:
        return f"Check-in {self.round} of {self.respondent} in {self.mentorship}"

    def get_absolute_url(self) -> str:
        return reverse("health:checkin_answer", args=[self.pk])

    @property
    def is_first(self) -> bool:
        return self.round == 1

    @property
    def is_open(self) -> bool:
        return self.status == CheckInStatus.OPEN

    @property
    def is_answered(self) -> bool:
        return self.status == CheckInStatus.ANSWERED

    def ratings(self) -> dict[str, int | None]:
        return {name: getattr(self, name) for name in RATINGS}

    def rating_mean(self) -> float | None:
        values = [v for v in self.ratings().values() if v is not None]
        return sum(values) / len(values) if values else None


# --- feedback and introductions --------------------------------------------------------------


class Feedback(models.Model):
    """Structured feedback one partner gives the other; the pair's alone."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_given"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_received"
    )
    went_well = models.TextField("what went well")
    do_differently = models.TextField("what to do differently")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "feedback"
        constraints = [
            models.CheckConstraint(
                condition=~Q(author=models.F("recipient")), name="feedback_to_someone_else"
            )
        ]
        indexes = [models.Index(fields=["mentorship", "created_at"], name="feedback_mentorship")]

    def __str__(self) -> str:
        return f"Feedback from {self.author} to {self.recipient}"


class Introduction(models.Model):
    """A contact a mentor opened for the mentee: a colleague with an account, or someone
    outside by name and organisation. The networking side of mentoring, counted in reports."""

    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.CASCADE, related_name="introductions"
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="introductions_made"
    )
    made_for = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="introductions_received"
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="introductions_as_contact",
        help_text="A colleague with an account.",
    )
    contact_name = models.CharField(
        max_length=120, blank=True, help_text="Someone outside (or without an account)."
    )
    contact_organisation = models.CharField(max_length=120, blank=True)
    purpose = models.TextField()
    made_on = models.DateField(default=timezone.localdate)
    outcome = models.TextField(blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-made_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(contact__isnull=False) | ~Q(contact_name=""),
                name="introduction_names_a_contact",
            ),
            models.CheckConstraint(
                condition=~Q(made_by=models.F("made_for")), name="introduction_for_the_partner"
            ),
        ]
        indexes = [models.Index(fields=["mentorship", "made_on"], name="introduction_mentorship")]

    def __str__(self) -> str:
        return f"{self.made_by} introduced {self.made_for} to {self.contact_label}"

    @property
    def is_colleague(self) -> bool:
        return self.contact_id is not None

    @property
    def contact_label(self) -> str:
        if self.contact_id is not None:
            return str(self.contact)
        if self.contact_organisation:
            return f"{self.contact_name} ({self.contact_organisation})"
        return self.contact_name


# --- the health score and risks --------------------------------------------------------------


class HealthScore(models.Model):
    """The latest computed health score of an active mentorship (see score.py); the dashboards
    aggregate it. The breakdown is recomputed on demand, never stored: no stale explanations."""

    mentorship = models.OneToOneField(
        Mentorship, on_delete=models.CASCADE, primary_key=True, related_name="health"
    )
    score = models.PositiveSmallIntegerField()
    red_flags = models.PositiveSmallIntegerField(default=0)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(score__lte=100), name="health_score_0_to_100")
        ]

    def __str__(self) -> str:
        return f"{self.mentorship}: {self.score}"


LOW_SCORE = "low_score"


class RiskQuerySet(models.QuerySet):
    def open(self) -> "RiskQuerySet":
        return self.filter(resolved_at__isnull=True)

    def live(self) -> "RiskQuerySet":
        """Risks whose cause is still there (open, or resolved by an admin while it lasts)."""
        return self.filter(cleared_at__isnull=True)


class Risk(models.Model):
    """One reason a pair is at risk: a red flag of a signal (its key is the kind) or a score
    below the program's threshold (LOW_SCORE). The program's admins hear of it once, when it
    opens. It is resolved by an admin (with an action) or clears itself when its cause goes;
    while its cause lasts no second risk of the same kind opens (the database holds that)."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="risks")
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=120)
    reason = models.TextField()
    score = models.PositiveSmallIntegerField(help_text="The health score when the risk opened.")
    opened_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)
    cleared_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution = models.CharField(max_length=200, blank=True)

    objects = RiskQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship", "kind"],
                condition=Q(cleared_at__isnull=True),
                name="risk_one_live_per_kind",
            )
        ]
        indexes = [models.Index(fields=["resolved_at", "mentorship"], name="risk_open")]

    def __str__(self) -> str:
        return f"{self.title}: {self.mentorship}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class ActionKind(models.TextChoices):
    CONTACTED = "contacted", "Contacted the pair"
    REMATCHED = "rematched", "Re-matched"
    CLOSED = "closed", "Closed the mentorship"
    OTHER = "other", "Other"


class RiskAction(models.Model):
    """What a program admin did about a pair at risk; it may resolve the pair's open risks."""

    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.CASCADE, related_name="risk_actions"
    )
    kind = models.CharField(max_length=10, choices=ActionKind.choices)
    note = models.TextField(blank=True)
    resolves = models.BooleanField(default=False)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=ActionKind.OTHER) | ~Q(note=""), name="risk_action_other_noted"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.mentorship}"
