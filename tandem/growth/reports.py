"""Counts and completion for program admins and the insights reports: how many goals were set
and reached, where plans stand, how many assessments ran and how skills moved between two of
them. Nothing here carries a title, a text or an individual rating (confidentiality: admins see
activity, not content); skill change is computed from results.py, under the co-worker rule."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from statistics import fmean

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from tandem.growth.models import (
    Assessment,
    AssessmentStatus,
    DevelopmentPlan,
    Goal,
    GoalStatus,
    Milestone,
    Rater,
)
from tandem.growth.results import assessment_change
from tandem.mentorships.models import Mentorship
from tandem.programs.models import Program


@dataclass
class GoalCounts:
    goals: int = 0
    reached: int = 0
    active: int = 0
    set_aside: int = 0
    overdue: int = 0
    milestones: int = 0
    milestones_reached: int = 0
    average_progress: float | None = None

    @property
    def completion_rate(self) -> float | None:
        """Reached goals out of all goals set (None when there are none)."""
        return round(self.reached / self.goals, 3) if self.goals else None


def goal_counts(goals: QuerySet, today: datetime.date | None = None) -> GoalCounts:
    today = today or timezone.localdate()
    totals = goals.aggregate(
        goals=Count("pk"),
        reached=Count("pk", filter=Q(status=GoalStatus.REACHED)),
        active=Count("pk", filter=Q(status=GoalStatus.ACTIVE)),
        set_aside=Count("pk", filter=Q(status=GoalStatus.DROPPED)),
        overdue=Count("pk", filter=Q(status=GoalStatus.ACTIVE, target_date__lt=today)),
        average_progress=Avg("progress", filter=~Q(status=GoalStatus.DROPPED)),
    )
    milestones = Milestone.objects.filter(goal__in=goals).aggregate(
        milestones=Count("pk"), milestones_reached=Count("pk", filter=Q(reached_at__isnull=False))
    )
    if totals["average_progress"] is not None:
        totals["average_progress"] = round(totals["average_progress"], 1)
    return GoalCounts(**totals, **milestones)


def program_goal_counts(*, program: Program, today: datetime.date | None = None) -> GoalCounts:
    """Goals set in a program's mentorships (personal goals are nobody else's business)."""
    return goal_counts(Goal.objects.filter(mentorship__program=program), today)


@dataclass
class PersonGrowth:
    """What an admin may know of one person's growth in a mentorship: counts and states."""

    person: object
    goals: GoalCounts
    plan_status: str
    plan_version: int
    assessments: int
    assessments_closed: int
    raters_invited: int
    raters_answered: int


def mentorship_growth_summary(
    *, mentorship: Mentorship, today: datetime.date | None = None
) -> list[PersonGrowth]:
    growing = [p for p in mentorship.people() if mentorship.is_growing(p)]
    plans = {p.owner_id: p for p in DevelopmentPlan.objects.filter(mentorship=mentorship)}
    return [_person_growth(mentorship, person, plans.get(person.pk), today) for person in growing]


def _person_growth(mentorship, person, plan, today) -> PersonGrowth:
    assessments = Assessment.objects.filter(mentorship=mentorship, subject=person)
    raters = Rater.objects.filter(assessment__in=assessments).aggregate(
        invited=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False))
    )
    return PersonGrowth(
        person=person,
        goals=goal_counts(Goal.objects.filter(mentorship=mentorship, owner=person), today),
        plan_status=plan.get_status_display() if plan else "Not started",
        plan_version=plan.version if plan else 0,
        assessments=assessments.count(),
        assessments_closed=assessments.filter(status=AssessmentStatus.CLOSED).count(),
        raters_invited=raters["invited"],
        raters_answered=raters["answered"],
    )


def program_plan_counts(*, program: Program) -> dict[str, int]:
    """How many development plans are in each state."""
    rows = (
        DevelopmentPlan.objects.filter(mentorship__program=program)
        .values("status")
        .annotate(n=Count("pk"))
    )
    return {row["status"]: row["n"] for row in rows}


@dataclass
class SkillChange:
    """How one competency moved, on average, between people's first and latest assessment."""

    skill_id: int
    name: str
    people: int
    others_change: float | None
    self_change: float | None


def program_skill_change(*, program: Program) -> list[SkillChange]:
    """The outcome report's "360° skill change": for everyone with two closed assessments in
    one of the program's mentorships, the change from the first to the latest, per competency
    — in others' eyes (the shown group values) and in their own."""
    others, selves, names = defaultdict(list), defaultdict(list), {}
    for first, latest in _first_and_latest(program):
        for change in assessment_change(latest, before=first)[1]:
            names[change.skill_id] = change.name
            if change.others_change is not None:
                others[change.skill_id].append(change.others_change)
            if change.self_change is not None:
                selves[change.skill_id].append(change.self_change)
    return sorted(
        (
            SkillChange(
                skill_id,
                name,
                max(len(others[skill_id]), len(selves[skill_id])),
                round(fmean(others[skill_id]), 2) if others[skill_id] else None,
                round(fmean(selves[skill_id]), 2) if selves[skill_id] else None,
            )
            for skill_id, name in names.items()
        ),
        key=lambda change: change.name,
    )


def _first_and_latest(program: Program):
    closed = Assessment.objects.filter(
        mentorship__program=program, status=AssessmentStatus.CLOSED
    ).order_by("created_at", "pk")
    series = defaultdict(list)
    for assessment in closed:
        series[(assessment.mentorship_id, assessment.subject_id)].append(assessment)
    return [(runs[0], runs[-1]) for runs in series.values() if len(runs) >= 2]


def program_assessment_counts(*, program: Program) -> dict[str, int]:
    assessments = Assessment.objects.filter(mentorship__program=program)
    raters = Rater.objects.filter(assessment__in=assessments).aggregate(
        invited=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False))
    )
    return {
        "assessments": assessments.count(),
        "closed": assessments.filter(status=AssessmentStatus.CLOSED).count(),
        "raters_invited": raters["invited"],
        "raters_answered": raters["answered"],
    }
