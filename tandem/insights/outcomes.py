"""The outcome report: mentored people compared with people not mentored yet, on what the
platform knows — retention in the organisation and career moves (from people imports'
`CareerEvent`s), 360° skill change and goal attainment (from growth) — every figure with its
group size and a 95% interval (stats.py), never a bare percentage.

The two groups (for one program; across programs, the union over the programs chosen):

- **Mentored**: the mentees — and, in mutual programs, both peers — of the program's
  mentorships that began (under way, paused, completed or ended early: counting the early
  endings keeps the comparison honest).
- **Not yet mentored**: people who asked to be mentored — enrolled as mentee or peer, approved
  or waitlisted — in the program or in a program that starts later (a later cohort), and who
  have never begun a mentorship as mentee or peer in any program. They chose mentoring too,
  which makes them closer to the mentored than colleagues who never signed up; colleagues
  never enrolled are left out on purpose.

The period: career events recorded by imports dated after the program's start (across
programs: the earliest start among them) up to today, the same for both groups. Retention:
not left the organisation by the end of the period (the latest of LEFT / REJOINED decides).
Promotion: moved up a seniority level; new job title: a title change (both as imports saw
them). Below MIN_GROUP people in either group the report says the groups are too small to
conclude. Nothing here claims that mentoring caused a difference.

360° skill change and goal attainment exist only inside mentorships (personal goals are their
owner's alone), so they are shown for the mentored group, with no comparison group."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tandem.growth.models import Assessment, AssessmentStatus, Goal, GoalStatus
from tandem.growth.results import assessment_change
from tandem.insights.stats import (
    Difference,
    Mean,
    Proportion,
    difference,
    mean_interval,
    proportion,
)
from tandem.mentorships.models import Mentorship, MentorshipKind, MentorshipStatus
from tandem.people.models import CareerEvent, CareerEventKind, PeopleImport, Profile, Seniority
from tandem.programs.models import Enrollment, EnrollmentRole, EnrollmentStatus, Program

MIN_GROUP = 20  # fewer people than this in either group: too small to conclude
BEGUN = (
    MentorshipStatus.ACTIVE,
    MentorshipStatus.PAUSED,
    MentorshipStatus.COMPLETED,
    MentorshipStatus.ENDED,
)
WAITING = (EnrollmentStatus.APPROVED, EnrollmentStatus.WAITLISTED)
CAUSATION = (
    "These figures compare two groups; they do not show that mentoring caused any difference: "
    "people who are mentored may differ in other ways (motivation, manager, role, timing)."
)
SENIORITY_BANDS = [
    ("Entry level and junior", (Seniority.ENTRY, Seniority.JUNIOR)),
    ("Mid-level", (Seniority.MID,)),
    (
        "Senior and above",
        (Seniority.SENIOR, Seniority.LEAD, Seniority.DIRECTOR, Seniority.EXECUTIVE),
    ),
]


@dataclass
class Groups:
    mentored: set[int]
    waiting: set[int]
    since: datetime.date
    until: datetime.date


@dataclass
class Comparison:
    """One career measure, both groups and the difference (mentored − not yet mentored)."""

    id: str
    label: str
    mentored: Proportion
    waiting: Proportion
    difference: Difference | None
    verdict: str


@dataclass
class SkillRow:
    name: str
    change: Mean


@dataclass
class OutcomeReport:
    groups: Groups
    imports_in_period: int
    composition: list[tuple[str, int, int]] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    skills_overall: Mean | None = None
    skills: list[SkillRow] = field(default_factory=list)
    goal_people: Proportion | None = None
    goals_reached: Proportion | None = None
    min_group: int = MIN_GROUP
    causation: str = CAUSATION

    @property
    def not_begun(self) -> bool:
        """The program starts later: there is no period to read yet."""
        return self.groups.since > self.groups.until

    @property
    def too_small(self) -> bool:
        return min(len(self.groups.mentored), len(self.groups.waiting)) < self.min_group


# --- the groups ------------------------------------------------------------------------------


def _begun(programs) -> QuerySet:
    return Mentorship.objects.filter(
        program__in=programs, started_at__isnull=False, status__in=BEGUN
    )


def _grown(rows) -> set[int]:
    """The people a mentorship is for: its mentee, and both peers of a mutual one."""
    people = set()
    for mentee_id, mentor_id, kind in rows:
        people.add(mentee_id)
        if kind == MentorshipKind.MUTUAL:
            people.add(mentor_id)
    return people


def outcome_groups(programs: QuerySet, *, today: datetime.date | None = None) -> Groups:
    today = today or timezone.localdate()
    programs = list(programs)
    mentored = _grown(_begun(programs).values_list("mentee_id", "mentor_id", "kind"))
    ever = _grown(
        Mentorship.objects.filter(started_at__isnull=False, status__in=BEGUN).values_list(
            "mentee_id", "mentor_id", "kind"
        )
    )
    starts = [p.start_date for p in programs if p.start_date]
    since = min(starts) if starts else today
    later = Program.objects.filter(start_date__gt=since) if starts else Program.objects.none()
    asked = Enrollment.objects.filter(
        Q(program__in=programs) | Q(program__in=later),
        role__in=[EnrollmentRole.MENTEE, EnrollmentRole.PEER],
        status__in=WAITING,
    ).values_list("person_id", flat=True)
    return Groups(mentored=mentored, waiting=set(asked) - ever, since=since, until=today)


# --- career measures -------------------------------------------------------------------------


def _events(groups: Groups) -> dict[int, list[tuple[str, datetime.date]]]:
    events = defaultdict(list)
    rows = (
        CareerEvent.objects.filter(
            person_id__in=groups.mentored | groups.waiting,
            on__gt=groups.since,
            on__lte=groups.until,
            kind__in=[
                CareerEventKind.LEFT,
                CareerEventKind.REJOINED,
                CareerEventKind.PROMOTED,
                CareerEventKind.TITLE_CHANGED,
            ],
        )
        .order_by("on", "pk")
        .values_list("person_id", "kind", "on")
    )
    for person_id, kind, on in rows:
        events[person_id].append((kind, on))
    return events


def _stayed(events: list) -> bool:
    moves = [kind for kind, _ in events if kind in (CareerEventKind.LEFT, CareerEventKind.REJOINED)]
    return not moves or moves[-1] != CareerEventKind.LEFT


MEASURES = [
    ("retention", "Still in the organisation", _stayed),
    (
        "promoted",
        "Moved up a seniority level",
        lambda events: any(kind == CareerEventKind.PROMOTED for kind, _ in events),
    ),
    (
        "new_title",
        "New job title",
        lambda events: any(kind == CareerEventKind.TITLE_CHANGED for kind, _ in events),
    ),
]


def verdict(mentored: Proportion, waiting: Proportion, change: Difference | None) -> str:
    if min(mentored.n, waiting.n) < MIN_GROUP or change is None:
        return (
            f"Too few people to conclude: at least {MIN_GROUP} are needed in each group "
            f"({mentored.n} mentored, {waiting.n} not yet mentored)."
        )
    if not change.excludes_zero:
        return "No clear difference: the interval of the difference includes zero."
    direction = "higher" if change.value > 0 else "lower"
    return (
        f"{direction.capitalize()} among mentored people: the interval of the difference "
        "excludes zero. An association, not proof that mentoring caused it."
    )


def career_comparisons(groups: Groups) -> list[Comparison]:
    events = _events(groups)
    comparisons = []
    for key, label, holds in MEASURES:
        mentored = proportion(
            sum(holds(events.get(p, [])) for p in groups.mentored), len(groups.mentored)
        )
        waiting = proportion(
            sum(holds(events.get(p, [])) for p in groups.waiting), len(groups.waiting)
        )
        change = difference(mentored, waiting)
        comparisons.append(
            Comparison(key, label, mentored, waiting, change, verdict(mentored, waiting, change))
        )
    return comparisons


def composition(groups: Groups) -> list[tuple[str, int, int]]:
    """Each seniority band: how many of each group are in it (to judge how alike they are)."""
    seniority = dict(
        Profile.objects.filter(user_id__in=groups.mentored | groups.waiting).values_list(
            "user_id", "seniority"
        )
    )
    rows = []
    for label, levels in SENIORITY_BANDS:
        rows.append(
            (
                label,
                sum(seniority.get(p) in levels for p in groups.mentored),
                sum(seniority.get(p) in levels for p in groups.waiting),
            )
        )
    return rows


# --- growth (mentored only) ------------------------------------------------------------------


def skill_changes(programs, mentored: set[int]) -> tuple[Mean, list[SkillRow]]:
    """For each mentored person with two closed 360° assessments in one mentorship: the change
    from the first to the latest, in others' eyes — per person (the mean over the shared
    competencies) and per competency."""
    closed = Assessment.objects.filter(
        mentorship__program__in=programs,
        status=AssessmentStatus.CLOSED,
        subject_id__in=mentored,
    ).order_by("created_at", "pk")
    series = defaultdict(list)
    for assessment in closed:
        series[(assessment.mentorship_id, assessment.subject_id)].append(assessment)
    per_person, per_skill, names = [], defaultdict(list), {}
    for runs in series.values():
        if len(runs) < 2:
            continue
        changes = assessment_change(runs[-1], before=runs[0])[1]
        moved = [c.others_change for c in changes if c.others_change is not None]
        if moved:
            per_person.append(sum(moved) / len(moved))
        for change in changes:
            if change.others_change is not None:
                names[change.skill_id] = change.name
                per_skill[change.skill_id].append(change.others_change)
    rows = [SkillRow(names[s], mean_interval(per_skill[s])) for s in per_skill]
    return mean_interval(per_person), sorted(rows, key=lambda r: r.name)


def goal_attainment(programs, mentored: set[int]) -> tuple[Proportion, Proportion]:
    """People who reached at least one goal set in their mentorship (of those who set one), and
    goals reached of goals set (goals of one person are not independent: read it as a count)."""
    rows = (
        Goal.objects.filter(mentorship__in=_begun(programs), owner_id__in=mentored)
        .values("owner_id")
        .annotate(set=Count("pk"), reached=Count("pk", filter=Q(status=GoalStatus.REACHED)))
    )
    rows = list(rows)
    people = proportion(sum(1 for r in rows if r["reached"]), len(rows))
    goals = proportion(sum(r["reached"] for r in rows), sum(r["set"] for r in rows))
    return people, goals


# --- the report ------------------------------------------------------------------------------


def outcome_report(programs: QuerySet, *, today: datetime.date | None = None) -> OutcomeReport:
    groups = outcome_groups(programs, today=today)
    report = OutcomeReport(
        groups=groups,
        imports_in_period=PeopleImport.objects.filter(
            as_of__gt=groups.since, as_of__lte=groups.until
        ).count(),
    )
    report.composition = composition(groups)
    report.comparisons = career_comparisons(groups)
    report.skills_overall, report.skills = skill_changes(programs, groups.mentored)
    report.goal_people, report.goals_reached = goal_attainment(programs, groups.mentored)
    return report


# --- tables (the page's figures as rows: CSV and API) ----------------------------------------


@dataclass
class Table:
    id: str
    title: str
    columns: list[str]
    rows: list[list]


def _pct(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def _num(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def _share(p: Proportion) -> list:
    return [p.n, p.k, _pct(p.rate), _pct(p.low), _pct(p.high)]


def _mean(m: Mean) -> list:
    return [m.n, _num(m.mean), _num(m.low), _num(m.high)]


SHARE = ["people", "count", "%", "95% CI low (%)", "95% CI high (%)"]


def outcome_tables(report: OutcomeReport) -> list[Table]:
    groups = report.groups
    make_up = [[label, a, b] for label, a, b in report.composition]
    make_up.append(["All", len(groups.mentored), len(groups.waiting)])
    career = []
    for c in report.comparisons:
        d = c.difference
        gap = [_pct(d.value), _pct(d.low), _pct(d.high)] if d else [None, None, None]
        career.append([c.label, *_share(c.mentored), *_share(c.waiting), *gap, c.verdict])
    skills = [["All competencies (per person)", *_mean(report.skills_overall)]]
    skills += [[row.name, *_mean(row.change)] for row in report.skills]
    goals = [
        ["Mentored people who reached a goal (of those who set one)", *_share(report.goal_people)],
        ["Goals reached (of goals set)", *_share(report.goals_reached)],
    ]
    return [
        Table(
            "groups",
            "Who is in each group (by seniority)",
            ["Seniority", "Mentored", "Not yet mentored"],
            make_up,
        ),  # fmt: skip
        Table(
            "career",
            "Retention and career moves",
            ["Measure"]
            + [f"Mentored: {c}" for c in SHARE]
            + [f"Not yet mentored: {c}" for c in SHARE]
            + ["Difference (points)", "Difference 95% CI low", "Difference 95% CI high", "Verdict"],
            career,
        ),
        Table(
            "skills",
            "360° skill change, mentored people (others' view, points on the 1–5 scale)",
            ["Competency", "People", "Mean change", "95% CI low", "95% CI high"],
            skills,
        ),
        Table("goals", "Goal attainment, mentored people", ["Measure", *SHARE], goals),
    ]
