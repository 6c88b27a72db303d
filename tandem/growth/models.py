"""Growth: what the mentoring is for (DESIGN.md §5).

- SMART goals with milestones and an update log; reaching one is celebrated on the
  mentorship's feed and the partner can congratulate.
- Development plans the mentee drafts and the mentor reviews; every submitted version is kept.
- 360° skills assessments: self, mentor, supervisor and co-workers rate competencies through
  signed single-use links; co-workers only ever appear as an average of three or more.
- A training catalogue that plan items link to, including knowledge-sharing sessions.

Confidentiality: goals, plans and assessment results belong to the pair (tandem/growth/
permissions.py); admins read counts and completion only (tandem/growth/reports.py).
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from tandem.mentorships.models import Mentorship
from tandem.people.models import Skill
from tandem.programs.models import Program

USER = settings.AUTH_USER_MODEL

# --- goals and milestones --------------------------------------------------------------------


class GoalStatus(models.TextChoices):
    ACTIVE = "active", "In progress"
    REACHED = "reached", "Reached"
    DROPPED = "dropped", "Set aside"


class GoalQuerySet(models.QuerySet):
    def visible_to(self, user) -> "GoalQuerySet":
        """The owner's, and in a mentorship the partner's too; never an admin's view."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(owner=user) | Q(mentorship__mentor=user) | Q(mentorship__mentee=user)
        ).distinct()

    def with_milestone_counts(self) -> "GoalQuerySet":
        return self.annotate(
            milestone_count=Count("milestones", distinct=True),
            milestones_reached=Count(
                "milestones", filter=Q(milestones__reached_at__isnull=False), distinct=True
            ),
        )

    def reached(self) -> "GoalQuerySet":
        return self.filter(status=GoalStatus.REACHED)

    def personal(self) -> "GoalQuerySet":
        return self.filter(mentorship__isnull=True)


class Goal(models.Model):
    """A SMART goal: specific, measured by its criteria, relevant to a career goal, dated."""

    owner = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="growth_goals")
    mentorship = models.ForeignKey(
        Mentorship,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="goals",
        help_text="Empty for a personal goal (seen by its owner only).",
    )
    title = models.CharField(max_length=160)
    specific = models.TextField(
        "what specifically", help_text="The outcome you want, concretely: what will be different?"
    )
    success_criteria = models.TextField(
        "how success is measured", help_text="How you and your partner will know it is reached."
    )
    career_goal = models.TextField(
        "the career goal it serves", blank=True, help_text="From your profile's career goals."
    )
    why_it_matters = models.TextField("why it matters", blank=True)
    target_date = models.DateField()
    progress = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(100)],
        help_text="Your own estimate, 0–100%.",
    )
    status = models.CharField(max_length=8, choices=GoalStatus.choices, default=GoalStatus.ACTIVE)
    reached_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["status", "target_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="goal_progress_0_100"),
            models.CheckConstraint(
                condition=Q(status=GoalStatus.REACHED, reached_at__isnull=False)
                | (~Q(status=GoalStatus.REACHED) & Q(reached_at__isnull=True)),
                name="goal_reached_has_a_date",
            ),
        ]
        indexes = [models.Index(fields=["mentorship", "status"], name="goal_mentorship_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("growth:goal_detail", args=[self.pk])

    @property
    def is_reached(self) -> bool:
        return self.status == GoalStatus.REACHED

    @property
    def is_open(self) -> bool:
        return self.status == GoalStatus.ACTIVE

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.target_date < today


class Milestone(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=160)
    due_date = models.DateField()
    reached_at = models.DateTimeField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["due_date", "position", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_reached(self) -> bool:
        return self.reached_at is not None


class GoalUpdateKind(models.TextChoices):
    PROGRESS = "progress", "Progress update"
    COMMENT = "comment", "Comment"
    MILESTONE = "milestone", "Milestone reached"
    REACHED = "reached", "Goal reached"
    SET_ASIDE = "set_aside", "Set aside"


class GoalUpdate(models.Model):
    """One line of a goal's log: the owner's progress, the partner's comments, what was reached."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=10, choices=GoalUpdateKind.choices)
    text = models.TextField(blank=True)
    progress = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The progress value after a progress update."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.goal}"


class CelebrationKind(models.TextChoices):
    GOAL = "goal", "Goal reached"
    MILESTONE = "milestone", "Milestone reached"


class Celebration(models.Model):
    """A goal or milestone reached, on the mentorship's feed, for the partner to congratulate."""

    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.CASCADE, related_name="celebrations"
    )
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=CelebrationKind.choices)
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="celebrations")
    milestone = models.ForeignKey(
        Milestone, null=True, blank=True, on_delete=models.CASCADE, related_name="celebrations"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["milestone"],
                condition=Q(kind=CelebrationKind.MILESTONE),
                name="celebration_once_per_milestone",
            ),
            models.UniqueConstraint(
                fields=["goal"],
                condition=Q(kind=CelebrationKind.GOAL),
                name="celebration_once_per_goal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.title}"

    @property
    def title(self) -> str:
        return self.milestone.title if self.milestone_id else self.goal.title


class Congratulation(models.Model):
    celebration = models.ForeignKey(Celebration, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["celebration", "author"], name="congratulation_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.author} congratulates: {self.text[:40]}"


# --- training catalogue ----------------------------------------------------------------------


class TrainingKind(models.TextChoices):
    INTERNAL = "internal", "Internal session by a company expert"
    COURSE = "course", "Outside course"
    SOURCE = "source", "Outside source (book, talk, article)"
    SHARING = "sharing", "Knowledge-sharing session by a colleague"


OUTSIDE_KINDS = (TrainingKind.COURSE, TrainingKind.SOURCE)


class TrainingFormat(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIRTUAL = "virtual", "Virtual"
    SELF_PACED = "self_paced", "Self-paced"


class TrainingQuerySet(models.QuerySet):
    def active(self) -> "TrainingQuerySet":
        return self.filter(is_active=True)


class Training(models.Model):
    """Something to learn from: an internal session, an outside course or source, or a colleague
    passing on what they learnt outside ("bring the new aptitude back and teach others")."""

    title = models.CharField(max_length=160)
    kind = models.CharField(max_length=10, choices=TrainingKind.choices)
    description = models.TextField(blank=True)
    provider = models.CharField(
        max_length=120, blank=True, help_text="Who offers it: a school, a publisher, a team."
    )
    expert = models.ForeignKey(
        USER,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainings_led",
        help_text="The colleague who runs it (internal and knowledge-sharing sessions).",
    )
    url = models.URLField("link", blank=True)
    format = models.CharField(
        max_length=10, choices=TrainingFormat.choices, default=TrainingFormat.VIRTUAL
    )
    duration = models.CharField(
        max_length=60, blank=True, help_text="For example “2 hours” or “6 weeks, 3 h a week”."
    )
    starts_on = models.DateField(null=True, blank=True, help_text="For a scheduled session.")
    location = models.CharField(max_length=120, blank=True)
    skills = models.ManyToManyField(Skill, blank=True, related_name="trainings")
    based_on = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sharing_sessions",
        help_text="The outside training a knowledge-sharing session passes on.",
    )
    added_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    is_active = models.BooleanField(default=True, help_text="Shown in the catalogue.")
    created_at = models.DateTimeField(default=timezone.now)

    objects = TrainingQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=TrainingKind.SHARING) | Q(expert__isnull=False),
                name="training_sharing_has_a_colleague",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("growth:training_detail", args=[self.pk])

    @property
    def is_outside(self) -> bool:
        return self.kind in OUTSIDE_KINDS


class TrainingCompletion(models.Model):
    """A person completed a training (said so, or finished a plan item that used it)."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="completions")
    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="training_completions")
    completed_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["-completed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["training", "person"], name="training_completion_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} completed {self.training}"


# --- competencies ----------------------------------------------------------------------------


class ProgramCompetency(models.Model):
    """A competency a program develops, taken from the skills taxonomy; assessments start
    from this list."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="competencies")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    description = models.CharField(
        "what good looks like", max_length=240, blank=True, help_text="Shown to raters."
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "skill__name"]
        verbose_name_plural = "program competencies"
        constraints = [
            models.UniqueConstraint(fields=["program", "skill"], name="program_competency_unique")
        ]

    def __str__(self) -> str:
        return f"{self.skill} in {self.program}"


# --- development plans -----------------------------------------------------------------------


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for review"
    CHANGES = "changes", "Changes suggested"
    AGREED = "agreed", "Agreed"


# The review workflow; anything not listed here is refused.
PLAN_TRANSITIONS: dict[str, set[str]] = {
    PlanStatus.DRAFT: {PlanStatus.SUBMITTED},
    PlanStatus.SUBMITTED: {PlanStatus.CHANGES, PlanStatus.AGREED},
    PlanStatus.CHANGES: {PlanStatus.SUBMITTED},
    PlanStatus.AGREED: {PlanStatus.DRAFT},
}
EDITABLE_PLAN_STATUSES = (PlanStatus.DRAFT, PlanStatus.CHANGES)


class ActivityKind(models.TextChoices):
    ON_THE_JOB = "on_the_job", "Practice on the job"
    MENTOR = "mentor", "Learn from my mentor"
    EXPERT = "expert", "Learn from another company expert"
    OUTSIDE = "outside", "An outside course or source"
    TEACHING = "teaching", "Teach others what I learnt"


class ItemStatus(models.TextChoices):
    PLANNED = "planned", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class DevelopmentPlan(models.Model):
    """The mentee's plan in one mentorship (in a mutual mentorship, each peer has one)."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="plans")
    owner = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="development_plans")
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    career_goals = models.TextField(
        "my career goals", blank=True, help_text="Where you want your career to go."
    )
    job_demands = models.TextField(
        "what my job demands now",
        blank=True,
        help_text="The skills your current role asks of you, now and in the coming months.",
    )
    version = models.PositiveSmallIntegerField(
        default=0, help_text="The number of the latest submitted version (0: never submitted)."
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    agreed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["mentorship", "owner"]
        constraints = [
            models.UniqueConstraint(fields=["mentorship", "owner"], name="plan_one_per_person")
        ]

    def __str__(self) -> str:
        return f"Development plan of {self.owner}"

    def get_absolute_url(self) -> str:
        return reverse("growth:plan_of", args=[self.mentorship_id, self.owner_id])

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_PLAN_STATUSES

    def can_transition_to(self, status: str) -> bool:
        return status in PLAN_TRANSITIONS.get(self.status, set())

    def reviewer(self):
        return self.mentorship.partner_of(self.owner)


class PlanItem(models.Model):
    """One development item of the live plan (its submitted versions are frozen copies)."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="items")
    skill = models.ForeignKey(
        Skill, on_delete=models.PROTECT, related_name="+", verbose_name="competency or skill"
    )
    activity = models.CharField(max_length=12, choices=ActivityKind.choices)
    description = models.TextField("what I will do")
    resources = models.TextField(blank=True, help_text="People, books, courses, time, budget.")
    training = models.ForeignKey(
        Training,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_items",
        help_text="From the training catalogue.",
    )
    target_date = models.DateField()
    status = models.CharField(max_length=12, choices=ItemStatus.choices, default=ItemStatus.PLANNED)
    position = models.PositiveSmallIntegerField(default=0)
    source_assessment = models.ForeignKey(
        "Assessment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The 360° assessment whose gap this item works on.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "target_date", "pk"]

    def __str__(self) -> str:
        return f"{self.skill}: {self.description[:40]}"


class ReviewOutcome(models.TextChoices):
    PENDING = "pending", "Awaiting review"
    CHANGES = "changes", "Changes suggested"
    AGREED = "agreed", "Agreed"


class PlanVersion(models.Model):
    """A plan as it was submitted for review: kept for good, compared with the one before."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    career_goals = models.TextField(blank=True)
    job_demands = models.TextField(blank=True)
    note = models.TextField("message to the reviewer", blank=True)
    submitted_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(
        max_length=8, choices=ReviewOutcome.choices, default=ReviewOutcome.PENDING
    )
    reviewed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique")
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of {self.plan}"


class PlanVersionItem(models.Model):
    """A frozen copy of one item as submitted; `item_key` follows the live item across
    versions so that the differences can be shown item by item."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="items")
    item_key = models.PositiveIntegerField()
    position = models.PositiveSmallIntegerField(default=0)
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    activity = models.CharField(max_length=12, choices=ActivityKind.choices)
    description = models.TextField()
    resources = models.TextField(blank=True)
    training_title = models.CharField(max_length=160, blank=True)
    target_date = models.DateField()
    status = models.CharField(max_length=12, choices=ItemStatus.choices)

    class Meta:
        ordering = ["position", "target_date", "item_key"]
        constraints = [
            models.UniqueConstraint(fields=["version", "item_key"], name="plan_version_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.skill}: {self.description[:40]}"


class SuggestionField(models.TextChoices):
    """What a reviewer can propose to change in an item; empty for a plain comment."""

    COMMENT = "", "Comment"
    DESCRIPTION = "description", "What I will do"
    RESOURCES = "resources", "Resources"
    TARGET_DATE = "target_date", "Target date"
    ACTIVITY = "activity", "Activity"


class SuggestionState(models.TextChoices):
    OPEN = "open", "Awaiting an answer"
    ACCEPTED = "accepted", "Accepted"
    ANSWERED = "answered", "Answered"


class PlanSuggestion(models.Model):
    """The reviewer's inline suggestion (a new wording, date or activity) or comment on an item
    (or on the plan as a whole); the owner accepts it or answers it."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="suggestions")
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="suggestions")
    item = models.ForeignKey(
        PlanItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="suggestions"
    )
    author = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    field = models.CharField(max_length=12, choices=SuggestionField.choices, blank=True)
    suggested_value = models.TextField(blank=True)
    comment = models.TextField(blank=True)
    state = models.CharField(
        max_length=8, choices=SuggestionState.choices, default=SuggestionState.OPEN
    )
    answer = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_field_display()} by {self.author}"

    @property
    def is_change(self) -> bool:
        return bool(self.field)

    @property
    def is_open(self) -> bool:
        return self.state == SuggestionState.OPEN

    def suggested_display(self) -> str:
        if self.field == SuggestionField.ACTIVITY and self.suggested_value in ActivityKind.values:
            return ActivityKind(self.suggested_value).label
        if self.field == SuggestionField.TARGET_DATE and self.suggested_value:
            return f"{datetime.date.fromisoformat(self.suggested_value):%-d %B %Y}"
        return self.suggested_value


# --- 360° assessments ------------------------------------------------------------------------


class AssessmentStatus(models.TextChoices):
    OPEN = "open", "Collecting answers"
    CLOSED = "closed", "Closed"


class AssessmentQuerySet(models.QuerySet):
    def closed(self) -> "AssessmentQuerySet":
        return self.filter(status=AssessmentStatus.CLOSED)

    def visible_to(self, user) -> "AssessmentQuerySet":
        """The subject and their partner in the mentorship; raters see only their own answers,
        through their invitation, not the assessment."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(subject=user) | Q(mentorship__mentor=user) | Q(mentorship__mentee=user)
        ).distinct()


class Assessment(models.Model):
    """A 360° skills assessment of one person in a mentorship."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="assessments")
    subject = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="assessments")
    started_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(max_length=160)
    message = models.TextField(
        "message to raters", blank=True, help_text="Why you ask; shown on the rating page."
    )
    closes_on = models.DateField(help_text="Answers are collected until this day.")
    status = models.CharField(
        max_length=8, choices=AssessmentStatus.choices, default=AssessmentStatus.OPEN
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("growth:assessment_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == AssessmentStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == AssessmentStatus.CLOSED


class AssessmentCompetency(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="competencies"
    )
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    description = models.CharField(max_length=240, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name_plural = "assessment competencies"
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "skill"], name="assessment_competency_unique"
            )
        ]

    def __str__(self) -> str:
        return self.skill.name


class RaterGroup(models.TextChoices):
    SELF = "self", "Self"
    MENTOR = "mentor", "Mentor"
    SUPERVISOR = "supervisor", "Supervisor"
    COWORKER = "coworker", "Co-workers"


# Groups of one person each: their answers are attributable by nature, and shown as such.
SINGLE_GROUPS = (RaterGroup.SELF, RaterGroup.MENTOR, RaterGroup.SUPERVISOR)


class Rater(models.Model):
    """Someone asked to rate the subject. Answers come through a signed, expiring link carrying a
    one-time token (tandem/growth/links.py); answering uses it up."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="raters")
    group = models.CharField(max_length=10, choices=RaterGroup.choices)
    person = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="rater_invitations"
    )
    email = models.EmailField(blank=True)
    name = models.CharField(max_length=120, blank=True)
    token = models.CharField(max_length=43, blank=True, help_text="The link's one-time token.")
    invited_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["group", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "email"],
                condition=~Q(email=""),
                name="rater_once_per_email",
            ),
            models.UniqueConstraint(
                fields=["assessment", "group"],
                condition=Q(group__in=SINGLE_GROUPS),
                name="rater_one_self_mentor_supervisor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_group_display()} rater of {self.assessment}"

    @property
    def display_name(self) -> str:
        if self.person_id:
            return str(self.person)
        return self.name or self.email or "A former rater"

    @property
    def has_answered(self) -> bool:
        return self.answered_at is not None


class Rating(models.Model):
    """One rater's rating of one competency: 1–5, or empty for "not observed"."""

    rater = models.ForeignKey(Rater, on_delete=models.CASCADE, related_name="ratings")
    competency = models.ForeignKey(
        AssessmentCompetency, on_delete=models.CASCADE, related_name="ratings"
    )
    score = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["competency__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["rater", "competency"], name="rating_once"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="rating_score_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency}: {self.score or 'not observed'}"
