"""A 360° assessment's results, computed in one place for every page, API response, export and
report, so that the co-worker rule holds everywhere:

    Co-workers' ratings are shown only as an average, and only for a competency that at least
    COWORKER_MINIMUM co-workers rated. No individual co-worker score ever leaves this module.

Self, mentor and supervisor are groups of one and appear as such. "Others" is the mean of the
group values that can be shown (mentor, supervisor, co-workers' average), never a pool of
individual scores — pooling would let a reader who knows the mentor's score work out the
co-workers'. The gap is self minus others: a blind spot when self is higher by GAP_THRESHOLD or
more, a hidden strength when lower.

Results exist once an assessment is closed: while answers still arrive, watching an average
move would tell who said what."""

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import fmean

from django.core.exceptions import ValidationError
from django.db.models import Count, Q

from tandem.growth.models import Assessment, AssessmentStatus, Rater, RaterGroup, Rating

COWORKER_MINIMUM = 3
GAP_THRESHOLD = 1.0


@dataclass
class Comment:
    group: str  # the group's label; co-workers' comments are pooled and unattributed
    text: str


@dataclass
class CompetencyResult:
    skill_id: int
    name: str
    self_score: float | None = None
    mentor_score: float | None = None
    supervisor_score: float | None = None
    coworker_average: float | None = None
    coworkers_rated: bool = False  # some co-workers rated it, fewer than the minimum
    comments: list[Comment] = field(default_factory=list)

    @property
    def others(self) -> float | None:
        groups = (self.mentor_score, self.supervisor_score, self.coworker_average)
        values = [value for value in groups if value is not None]
        return round(fmean(values), 2) if values else None

    @property
    def gap(self) -> float | None:
        if self.self_score is None or self.others is None:
            return None
        return round(self.self_score - self.others, 2)

    @property
    def gap_kind(self) -> str:
        """blind_spot | hidden_strength | '' (self and others agree within the threshold)."""
        if self.gap is None:
            return ""
        if self.gap >= GAP_THRESHOLD:
            return "blind_spot"
        if self.gap <= -GAP_THRESHOLD:
            return "hidden_strength"
        return ""


@dataclass
class GroupProgress:
    group: str
    label: str
    invited: int
    answered: int


@dataclass
class AssessmentResults:
    assessment: Assessment
    competencies: list[CompetencyResult]
    coworkers_answered: int

    @property
    def coworkers_shown(self) -> bool:
        return any(c.coworker_average is not None for c in self.competencies)

    @property
    def coworker_note(self) -> str:
        if self.coworkers_answered >= COWORKER_MINIMUM and self.coworkers_shown:
            return (
                f"Co-workers' ratings appear as an average, for competencies that at least "
                f"{COWORKER_MINIMUM} of them rated."
            )
        return (
            f"Co-workers' ratings are shown only when at least {COWORKER_MINIMUM} co-workers "
            f"rated a competency; "
            + (
                "fewer did, so they are not shown."
                if self.coworkers_answered
                else "no co-worker answered."
            )
        )

    def gaps(self) -> list[CompetencyResult]:
        return [c for c in self.competencies if c.gap_kind]


def assessment_progress(assessment: Assessment) -> list[GroupProgress]:
    """Who has answered, as counts per group — never which co-worker."""
    counts = {
        row["group"]: row
        for row in Rater.objects.filter(assessment=assessment)
        .values("group")
        .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False)))
    }
    return [
        GroupProgress(group, label, counts[group]["invited"], counts[group]["answered"])
        for group, label in RaterGroup.choices
        if group in counts
    ]


def assessment_results(assessment: Assessment) -> AssessmentResults:
    """Per competency: self, mentor, supervisor, co-workers' average (under the rule above)."""
    if assessment.status != AssessmentStatus.CLOSED:
        raise ValidationError(
            {"status": "Results appear once the assessment is closed (answers still arrive)."}
        )
    ratings = (
        Rating.objects.filter(rater__assessment=assessment, rater__answered_at__isnull=False)
        .select_related("rater")
        .order_by("pk")
    )
    by_competency = defaultdict(list)
    for rating in ratings:
        by_competency[rating.competency_id].append(rating)
    competencies = [
        _competency_result(competency, by_competency[competency.pk])
        for competency in assessment.competencies.select_related("skill")
    ]
    answered = assessment.raters.filter(
        group=RaterGroup.COWORKER, answered_at__isnull=False
    ).count()
    return AssessmentResults(assessment, competencies, answered)


def _competency_result(competency, ratings: list[Rating]) -> CompetencyResult:
    result = CompetencyResult(skill_id=competency.skill_id, name=competency.skill.name)
    coworkers = [r for r in ratings if r.rater.group == RaterGroup.COWORKER]
    for rating in ratings:
        group = rating.rater.group
        if group != RaterGroup.COWORKER:
            setattr(result, f"{group}_score", rating.score)
            if rating.comment:
                result.comments.append(Comment(RaterGroup(group).label, rating.comment))
    scores = [r.score for r in coworkers if r.score is not None]
    if len(scores) >= COWORKER_MINIMUM:
        result.coworker_average = round(fmean(scores), 2)
        # Sorted, so that their order says nothing about who wrote which.
        for text in sorted(r.comment for r in coworkers if r.comment):
            result.comments.append(Comment(RaterGroup.COWORKER.label, text))
    else:
        result.coworkers_rated = bool(scores)
    return result


# --- change over time ------------------------------------------------------------------------


@dataclass
class CompetencyChange:
    skill_id: int
    name: str
    self_before: float | None
    self_after: float | None
    others_before: float | None
    others_after: float | None

    @property
    def others_change(self) -> float | None:
        if self.others_before is None or self.others_after is None:
            return None
        return round(self.others_after - self.others_before, 2)

    @property
    def self_change(self) -> float | None:
        if self.self_before is None or self.self_after is None:
            return None
        return round(self.self_after - self.self_before, 2)


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The subject's closed assessment before this one, in the same mentorship."""
    return (
        Assessment.objects.closed()
        .filter(
            subject_id=assessment.subject_id,
            mentorship_id=assessment.mentorship_id,
            created_at__lt=assessment.created_at,
        )
        .order_by("-created_at")
        .first()
    )


def assessment_change(
    assessment: Assessment, before: Assessment | None = None
) -> tuple[Assessment | None, list[CompetencyChange]]:
    """How the competencies both assessments share moved, in self and others' eyes."""
    before = before or previous_assessment(assessment)
    if before is None:
        return None, []
    old = {c.skill_id: c for c in assessment_results(before).competencies}
    changes = []
    for now in assessment_results(assessment).competencies:
        then = old.get(now.skill_id)
        if then is not None:
            changes.append(
                CompetencyChange(
                    now.skill_id, now.name, then.self_score, now.self_score, then.others, now.others
                )
            )
    return before, changes
