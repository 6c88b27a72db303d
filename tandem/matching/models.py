"""Match runs: one run of the engine over a program's waiting people, with its parameters, its
proposals (each explained factor by factor), the people it left unmatched and why, and what
became of it when an admin published it."""

from django.conf import settings
from django.db import models
from django.db.models import Avg, Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from tandem.programs.models import Enrollment, Program


class Objective(models.TextChoices):
    MAX_TOTAL = "max_total", "Best total fit"
    MAX_COVERAGE = "max_coverage", "Most people matched"
    STABLE = "stable", "Stable"


OBJECTIVE_HELP = {
    Objective.MAX_TOTAL: "The pairs whose fit adds up to the most, even if a few people are left "
    "out to make room for better pairs.",
    Objective.MAX_COVERAGE: "As many people matched as possible; among those pairings, the best "
    "total fit.",
    Objective.STABLE: "No mentee and mentor would both rather be together than with the "
    "partners they were given (mentees' wishes first).",
}


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class MatchRunQuerySet(models.QuerySet):
    def for_program(self, program: Program) -> "MatchRunQuerySet":
        return self.filter(program=program)

    def published(self) -> "MatchRunQuerySet":
        return self.filter(published_at__isnull=False)

    def unfinished(self) -> "MatchRunQuerySet":
        return self.filter(status__in=(RunStatus.QUEUED, RunStatus.RUNNING))

    def with_totals(self) -> "MatchRunQuerySet":
        """Each run's current totals (after any edit by hand), for lists of runs. Subqueries,
        not joins: a join of proposals and unmatched rows would multiply both."""
        proposals = Proposal.objects.filter(run=OuterRef("pk")).order_by().values("run")
        unmatched = Unmatched.objects.filter(run=OuterRef("pk")).order_by().values("run")
        return self.annotate(
            proposal_count=Coalesce(Subquery(proposals.annotate(n=Count("pk")).values("n")), 0),
            unmatched_count=Coalesce(Subquery(unmatched.annotate(n=Count("pk")).values("n")), 0),
            score_mean=Subquery(proposals.annotate(mean=Avg("score")).values("mean")),
        )


class MatchRun(models.Model):
    """One run of the matching engine over a program: who asked for what, and what came out."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="match_runs")
    number = models.PositiveIntegerField(help_text="Runs are numbered 1, 2, 3… in each program.")
    objective = models.CharField(max_length=14, choices=Objective.choices)
    weights = models.JSONField(help_text="Factor → weight, as the engine used them.")
    constraints = models.JSONField(help_text="The hard constraints, as the engine used them.")
    peers = models.BooleanField(default=False, help_text="Peers paired with each other.")
    status = models.CharField(max_length=8, choices=RunStatus.choices, default=RunStatus.QUEUED)
    in_background = models.BooleanField(default=False)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done.")
    stage = models.CharField(max_length=120, blank=True, help_text="What the run is doing now.")
    error = models.TextField(blank=True, help_text="Why the run failed.")
    task_id = models.CharField(max_length=64, blank=True)
    # Who was in the run: the mentees' (or peers') enrollment ids, and each mentor's places
    # at run time — a swap is scored against the same people, the same way.
    mentee_ids = models.JSONField(default=list)
    mentor_places = models.JSONField(default=dict)
    people_count = models.PositiveIntegerField(default=0)
    places_count = models.PositiveIntegerField(default=0)
    # What the engine found (edits by hand change the proposals, not these).
    matched_count = models.PositiveIntegerField(default=0)
    total_score = models.FloatField(default=0)
    stats = models.JSONField(default=dict, blank=True)
    timings = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    # A large run is published by the worker: who asked and when, or why it could not be.
    publish_queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    publish_queued_at = models.DateTimeField(null=True, blank=True)
    publish_error = models.TextField(blank=True)

    objects = MatchRunQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="match_run_number_unique"),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="match_run_progress_percent"
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(status=RunStatus.DONE),
                name="match_run_published_when_done",
            ),
        ]

    def __str__(self) -> str:
        return f"Run #{self.number} of {self.program}"

    def get_absolute_url(self) -> str:
        return reverse("matching:run", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_publishing(self) -> bool:
        """The worker has been asked to publish the run and has not finished."""
        return self.publish_queued_at is not None and not self.is_published

    @property
    def is_editable(self) -> bool:
        """Proposals can be changed by hand until the run is published (or being published)."""
        return self.status == RunStatus.DONE and not self.is_published and not self.is_publishing

    @property
    def seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None

    def objective_help(self) -> str:
        return OBJECTIVE_HELP.get(self.objective, "")


class ProposalQuerySet(models.QuerySet):
    def with_people(self) -> "ProposalQuerySet":
        return self.select_related(
            "mentee_enrollment__person__profile__department",
            "mentor_enrollment__person__profile__department",
            "edited_by",
            "mentorship",
        )

    def involving(self, enrollment: Enrollment) -> "ProposalQuerySet":
        return self.filter(Q(mentee_enrollment=enrollment) | Q(mentor_enrollment=enrollment))


class Proposal(models.Model):
    """A pair a run proposes. In a peer run, `mentee_enrollment` and `mentor_enrollment` are
    simply the pair's two peers."""

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="proposals")
    mentee_enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="+")
    mentor_enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    explanation = models.TextField(blank=True)
    factors = models.JSONField(default=list, help_text="factor, label, value, weight, contribution")
    # Set when an admin paired these two by hand; `broken` lists the hard constraints they
    # chose to override.
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    edited_at = models.DateTimeField(null=True, blank=True)
    overridden = models.BooleanField(default=False)
    broken = models.JSONField(default=list, blank=True)
    # Publishing: the mentorship it became, or why it could not.
    mentorship = models.OneToOneField(
        "mentorships.Mentorship",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="match_proposal",
    )
    skipped_reason = models.CharField(max_length=240, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "mentee_enrollment"], name="proposal_one_per_mentee"
            ),
            models.CheckConstraint(
                condition=~Q(mentee_enrollment=models.F("mentor_enrollment")),
                name="proposal_two_different_people",
            ),
            models.CheckConstraint(
                condition=Q(overridden=False) | Q(edited_at__isnull=False),
                name="proposal_override_is_an_edit",
            ),
        ]

    def __str__(self) -> str:
        joiner = " ⟷ " if self.run.peers else " → "
        return f"{self.mentor_enrollment.person}{joiner}{self.mentee_enrollment.person}"

    @property
    def percent(self) -> int:
        return round(100 * self.score)

    @property
    def is_edited(self) -> bool:
        return self.edited_at is not None

    def people(self) -> tuple:
        return (self.mentee_enrollment.person, self.mentor_enrollment.person)

    def enrollments(self) -> tuple[Enrollment, Enrollment]:
        return (self.mentee_enrollment, self.mentor_enrollment)

    def partner_of(self, enrollment: Enrollment) -> Enrollment:
        if enrollment.pk == self.mentee_enrollment_id:
            return self.mentor_enrollment
        return self.mentee_enrollment

    def pair_key(self) -> tuple[int, int]:
        """The two people, comparable across runs (unordered for peers)."""
        a, b = self.mentee_enrollment.person_id, self.mentor_enrollment.person_id
        return tuple(sorted((a, b))) if self.run.peers else (a, b)


class UnmatchedReason(models.TextChoices):
    NO_ADMISSIBLE = "no_admissible", "No admissible partner"
    CAPACITY = "capacity", "Every admissible partner is taken"
    REMOVED = "removed", "Removed by hand"
    PARTNER_CHANGED = "partner_changed", "Partner re-paired by hand"


UNMATCHED_HELP = {
    UnmatchedReason.NO_ADMISSIBLE: "The hard constraints (reporting line, shared language, past "
    "partners, seniority) rule out everyone. Relax a constraint, or pair them by hand.",
    UnmatchedReason.CAPACITY: "Partners who would fit were all given to others. More mentor "
    "places, or the 'most people matched' objective, would help.",
    UnmatchedReason.REMOVED: "An admin removed their proposal.",
    UnmatchedReason.PARTNER_CHANGED: "An admin gave their proposed partner to someone else.",
}


class Unmatched(models.Model):
    """Someone the run could not (or no longer does) pair, and why."""

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="unmatched")
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=16, choices=UnmatchedReason.choices)
    detail = models.CharField(max_length=240, blank=True, help_text="The engine's own words.")

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["run", "enrollment"], name="unmatched_once_per_run")
        ]

    def __str__(self) -> str:
        return f"{self.enrollment.person}: {self.get_reason_display()}"

    def help(self) -> str:
        return UNMATCHED_HELP.get(self.reason, "")


class ProposalChange(models.Model):
    """The log of edits by hand: who swapped or removed which pair, when, and any override."""

    class Action(models.TextChoices):
        SWAP = "swap", "Swapped"
        ADD = "add", "Paired by hand"
        REMOVE = "remove", "Removed"

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(max_length=8, choices=Action.choices)
    description = models.CharField(max_length=300)
    overridden = models.JSONField(default=list, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return self.description
