"""A program's figures (or several programs'), computed in the database: each figure is one
query with conditional aggregates, so a dashboard over 10,000 participants stays fast
(bench/dashboard.py). Every figure is a `tandem.charts.Chart`: its labels and series are the
table under the chart, the CSV export and the JSON the API returns.

What the filters select:
- programs (the cohort): everything is limited to these programs;
- department: participants of that department (a pair counts if either person is in it;
  mentors' load counts the mentor's department);
- dates: enrolments made between the dates (funnel, match rate, time to match), mentorships
  begun between them (retention, endings, health), check-ins answered and introductions made
  between them. Mentor load is always as it stands today.

The second pass adds its figures (meetings held vs agreed per month, goal completion) as more
functions listed in `FIGURES`, each `figure(scope) -> Chart` (and KPIs in `KPIS`)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import (
    Avg,
    Case,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import TruncMonth

from tandem.charts import Chart, Series
from tandem.health.models import (
    RATING_LABELS,
    RATINGS,
    CheckIn,
    CheckInStatus,
    HealthScore,
    Introduction,
    Risk,
)
from tandem.mentorships.models import (
    AgreementSignature,
    EndReason,
    Mentorship,
    MentorshipStatus,
)
from tandem.people.models import Department
from tandem.programs.models import Enrollment, EnrollmentRole, EnrollmentStatus


@dataclass
class Filters:
    programs: QuerySet
    department: Department | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    def as_query(self) -> dict:
        """The filters as the dashboard's query string has them (for exports and links)."""
        query = {}
        if self.department is not None:
            query["department"] = self.department.pk
        if self.date_from:
            query["date_from"] = self.date_from.isoformat()
        if self.date_to:
            query["date_to"] = self.date_to.isoformat()
        return query


@dataclass
class Kpi:
    id: str
    label: str
    value: float | int | None
    unit: str = ""
    detail: str = ""

    @property
    def display(self) -> str:
        if self.value is None:
            return "—"
        if isinstance(self.value, float):
            return f"{self.value:.1f}{self.unit}"
        return f"{self.value:,}{self.unit}"


@dataclass
class Dashboard:
    filters: Filters
    kpis: list[Kpi] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)

    def chart(self, chart_id: str) -> Chart | None:
        return next((c for c in self.charts if c.id == chart_id), None)

    def kpi_chart(self) -> Chart:
        """The KPI tiles as a table, for the CSV export."""
        return Chart(
            id="kpis",
            title="Key figures",
            labels=[k.label for k in self.kpis],
            series=[Series("Value", [k.value for k in self.kpis])],
        )


class Scope:
    """The querysets every figure starts from, with the filters applied once."""

    def __init__(self, filters: Filters):
        self.filters = filters
        self.department = filters.department

    def _dated(self, queryset: QuerySet, lookup: str) -> QuerySet:
        if self.filters.date_from:
            queryset = queryset.filter(**{f"{lookup}__gte": self.filters.date_from})
        if self.filters.date_to:
            queryset = queryset.filter(**{f"{lookup}__lte": self.filters.date_to})
        return queryset

    def participants(self) -> QuerySet:
        """Enrollments of the people a program is for: mentees, and peers in mutual programs."""
        queryset = Enrollment.objects.filter(
            program__in=self.filters.programs, role__in=[EnrollmentRole.MENTEE, EnrollmentRole.PEER]
        )
        if self.department is not None:
            queryset = queryset.filter(person__profile__department=self.department)
        return self._dated(queryset, "created_at__date")

    def mentors(self) -> QuerySet:
        queryset = Enrollment.objects.filter(
            program__in=self.filters.programs,
            role=EnrollmentRole.MENTOR,
            status=EnrollmentStatus.APPROVED,
        )
        if self.department is not None:
            queryset = queryset.filter(person__profile__department=self.department)
        return queryset

    def mentorships(self) -> QuerySet:
        """Mentorships that began (between the dates)."""
        queryset = Mentorship.objects.filter(
            program__in=self.filters.programs, started_at__isnull=False
        )
        if self.department is not None:
            queryset = queryset.filter(
                Q(mentor__profile__department=self.department)
                | Q(mentee__profile__department=self.department)
            )
        return self._dated(queryset, "started_at__date")

    def checkins(self) -> QuerySet:
        queryset = CheckIn.objects.filter(mentorship__program__in=self.filters.programs)
        if self.department is not None:
            queryset = queryset.filter(respondent__profile__department=self.department)
        return queryset

    def introductions(self) -> QuerySet:
        queryset = Introduction.objects.filter(mentorship__program__in=self.filters.programs)
        if self.department is not None:
            queryset = queryset.filter(made_for__profile__department=self.department)
        return self._dated(queryset, "made_on")


# --- the enrolment funnel and matching -------------------------------------------------------

FUNNEL = ["Enrolled", "Approved", "Matched", "Agreement signed", "Active", "Completed"]


def _pairings_of_enrollment() -> QuerySet:
    """Pairings (not declined) an enrollment takes part in, on either side (peers may be on
    either side; a mentee's enrollment only ever is the mentee side)."""
    return Mentorship.objects.exclude(status=MentorshipStatus.DECLINED).filter(
        Q(mentee_enrollment=OuterRef("pk")) | Q(mentor_enrollment=OuterRef("pk"))
    )


def _signed() -> Exists:
    """The mentorship has an agreement version signed by both people."""
    both = AgreementSignature.objects.filter(
        agreement__mentorship=OuterRef("pk"),
        person=OuterRef("mentor"),
        agreement__signatures__person=OuterRef("mentee"),
    )
    return Exists(both)


def funnel_stages(scope: Scope) -> list[int]:
    """How many participants reached each stage. Each enrollment is placed at the furthest
    stage it reached, once (one CASE per row, grouped), then the stages are summed up."""
    pairings = _pairings_of_enrollment()
    signed = pairings.filter(_signed())
    started = signed.filter(started_at__isnull=False)
    completed = started.filter(status=MentorshipStatus.COMPLETED)
    stage = Case(
        When(Exists(completed), then=Value(5)),
        When(Exists(started), then=Value(4)),
        When(Exists(signed), then=Value(3)),
        When(Exists(pairings), then=Value(2)),
        When(status=EnrollmentStatus.APPROVED, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    rows = scope.participants().annotate(stage=stage).values("stage").annotate(n=Count("pk"))
    at_stage = {row["stage"]: row["n"] for row in rows}
    return [sum(n for s, n in at_stage.items() if s >= level) for level in range(len(FUNNEL))]


def funnel(stages: list[int]) -> Chart:
    return Chart(
        id="funnel",
        title="Enrolment funnel",
        description="Participants (mentees, or peers) who reached each stage.",
        labels=FUNNEL,
        series=[Series("Participants", stages)],
    )


WAITS = [
    ("Within a week", 7),
    ("1–2 weeks", 14),
    ("2–4 weeks", 28),
    ("1–2 months", 61),
    ("Over 2 months", None),
]


def _matching_waits(scope: Scope) -> dict:
    first_pairing = _pairings_of_enrollment().order_by("created_at").values("created_at")[:1]
    waits = (
        scope.participants()
        .annotate(matched_at=Subquery(first_pairing))
        .filter(matched_at__isnull=False)
        .annotate(wait=ExpressionWrapper(F("matched_at") - F("created_at"), DurationField()))
    )
    buckets, lower = {}, None
    for index, (_, days) in enumerate(WAITS):
        condition = Q()
        if lower is not None:
            condition &= Q(wait__gt=datetime.timedelta(days=lower))
        if days is not None:
            condition &= Q(wait__lte=datetime.timedelta(days=days))
        buckets[f"b{index}"] = Count("pk", filter=condition)
        lower = days
    return waits.aggregate(average=Avg("wait"), **buckets)


def time_to_match(scope: Scope) -> tuple[Chart, float | None]:
    figures = _matching_waits(scope)
    chart = Chart(
        id="time_to_match",
        title="Time to match",
        description="From enrolling to the first pairing (proposed or begun).",
        labels=[label for label, _ in WAITS],
        series=[Series("Participants", [figures[f"b{i}"] for i in range(len(WAITS))])],
    )
    average = figures["average"]
    return chart, (average.total_seconds() / 86400 if average is not None else None)


# --- check-ins -------------------------------------------------------------------------------


def checkin_trends(scope: Scope) -> Chart:
    """The average of each quality, month by month (check-ins answered that month)."""
    rows = (
        scope._dated(scope.checkins().answered(), "answered_at__date")
        .annotate(month=TruncMonth("answered_at"))
        .values("month")
        .annotate(**{name: Avg(name) for name in RATINGS})
        .order_by("month")
    )
    rows = list(rows)
    months = [row["month"] for row in rows]
    return Chart(
        id="checkin_trends",
        title="Check-in ratings over time",
        description="Average rating (1–5) of check-ins answered each month.",
        kind="line",
        y_max=5,
        labels=[_month(m) for m in months],
        series=[
            Series(RATING_LABELS[name], [_round(row[name]) for row in rows]) for name in RATINGS
        ],
    )


def _month(value) -> str:
    return value.strftime("%b %Y") if value else "—"


def _round(value, digits: int = 2):
    return round(float(value), digits) if value is not None else None


def checkin_response(scope: Scope) -> dict:
    """Answered vs closed unanswered check-ins due between the dates, and mean satisfaction."""
    return scope._dated(scope.checkins(), "due_on").aggregate(
        answered=Count("pk", filter=Q(status=CheckInStatus.ANSWERED)),
        missed=Count("pk", filter=Q(status=CheckInStatus.CLOSED)),
        satisfaction=Avg("satisfaction", filter=Q(status=CheckInStatus.ANSWERED)),
        learned=Count("pk", filter=Q(status=CheckInStatus.ANSWERED) & ~Q(learned="")),
    )


# --- health ----------------------------------------------------------------------------------

HEALTH_BANDS = [
    ("0–19", 0, 19),
    ("20–39", 20, 39),
    ("40–59", 40, 59),
    ("60–79", 60, 79),
    ("80–100", 80, 100),
]


def health_distribution(scope: Scope) -> tuple[Chart, dict]:
    scores = HealthScore.objects.filter(
        mentorship__in=scope.mentorships().filter(status=MentorshipStatus.ACTIVE)
    )
    figures = scores.aggregate(
        average=Avg("score"),
        **{
            f"b{i}": Count("pk", filter=Q(score__gte=low, score__lte=high))
            for i, (_, low, high) in enumerate(HEALTH_BANDS)
        },
    )
    chart = Chart(
        id="health",
        title="Health of active pairs",
        description="Active mentorships by health score (0–100).",
        labels=[label for label, _, _ in HEALTH_BANDS],
        series=[Series("Pairs", [figures[f"b{i}"] for i in range(len(HEALTH_BANDS))])],
    )
    return chart, figures


def at_risk_count(scope: Scope) -> int:
    open_risks = Risk.objects.open().filter(mentorship=OuterRef("pk"))
    return (
        scope.mentorships()
        .filter(status=MentorshipStatus.ACTIVE)
        .filter(Exists(open_risks))
        .count()
    )


# --- retention and endings -------------------------------------------------------------------


def _outcomes(scope: Scope) -> dict:
    rows = scope.mentorships().values("status", "end_reason").annotate(n=Count("pk"))
    outcomes = {"ongoing": 0, "completed": 0, "ended": 0, "reasons": {}}
    for row in rows:
        if row["status"] == MentorshipStatus.COMPLETED:
            outcomes["completed"] += row["n"]
        elif row["status"] == MentorshipStatus.ENDED:
            outcomes["ended"] += row["n"]
            reason = row["end_reason"] or EndReason.OTHER
            outcomes["reasons"][reason] = outcomes["reasons"].get(reason, 0) + row["n"]
        else:
            outcomes["ongoing"] += row["n"]
    return outcomes


def retention(outcomes: dict) -> Chart:
    return Chart(
        id="retention",
        title="How mentorships stand",
        description="Mentorships that began: still under way, completed, or ended early.",
        kind="doughnut",
        labels=["Under way", "Completed", "Ended early"],
        series=[
            Series("Mentorships", [outcomes["ongoing"], outcomes["completed"], outcomes["ended"]])
        ],
    )


def early_endings(outcomes: dict) -> Chart:
    reasons = [r for r in EndReason if r != EndReason.GOALS_MET]
    return Chart(
        id="early_endings",
        title="Early endings by reason",
        kind="horizontal_bar",
        labels=[r.label for r in reasons],
        series=[Series("Mentorships", [outcomes["reasons"].get(r.value, 0) for r in reasons])],
    )


# --- mentors ---------------------------------------------------------------------------------


def mentor_load(scope: Scope) -> tuple[Chart, dict]:
    rows = list(
        scope.mentors()
        .values("person__profile__department__name")
        .annotate(mentors=Count("pk"), capacity=Sum("capacity"), load=Sum("load"))
        .order_by("-capacity", "person__profile__department__name")
    )
    totals = {
        "mentors": sum(r["mentors"] for r in rows),
        "capacity": sum(r["capacity"] or 0 for r in rows),
        "load": sum(r["load"] or 0 for r in rows),
    }
    chart = Chart(
        id="mentor_load",
        title="Mentor load vs capacity",
        description="Approved mentors' places, by department: taken (open pairings) and offered.",
        labels=[r["person__profile__department__name"] or "No department" for r in rows],
        series=[
            Series("Places offered", [r["capacity"] or 0 for r in rows]),
            Series("Places taken", [r["load"] or 0 for r in rows]),
        ],
    )
    return chart, totals


# --- introductions ---------------------------------------------------------------------------


def introductions(scope: Scope) -> tuple[Chart, dict]:
    rows = list(
        scope.introductions()
        .annotate(month=TruncMonth("made_on"))
        .values("month")
        .annotate(
            colleague=Count("pk", filter=Q(contact__isnull=False)),
            outside=Count("pk", filter=Q(contact__isnull=True)),
            with_outcome=Count("pk", filter=~Q(outcome="")),
        )
        .order_by("month")
    )
    chart = Chart(
        id="introductions",
        title="Introductions made",
        description="Introductions mentors made for their mentees, by month.",
        kind="stacked_bar",
        labels=[_month(r["month"]) for r in rows],
        series=[
            Series("To a colleague", [r["colleague"] for r in rows]),
            Series("To an outside contact", [r["outside"] for r in rows]),
        ],
    )
    totals = {
        "total": sum(r["colleague"] + r["outside"] for r in rows),
        "with_outcome": sum(r["with_outcome"] for r in rows),
    }
    return chart, totals


# --- programs side by side (the cross-program view) ------------------------------------------


def programs_side_by_side(scope: Scope) -> Chart:
    programs = list(scope.filters.programs.order_by("-start_date", "name"))
    participants = dict(
        scope.participants().values("program").annotate(n=Count("pk")).values_list("program", "n")
    )
    active = dict(
        scope.mentorships()
        .filter(status=MentorshipStatus.ACTIVE)
        .values("program")
        .annotate(n=Count("pk"))
        .values_list("program", "n")
    )
    open_risks = Risk.objects.open().filter(mentorship=OuterRef("pk"))
    at_risk = dict(
        scope.mentorships()
        .filter(status=MentorshipStatus.ACTIVE)
        .filter(Exists(open_risks))
        .values("program")
        .annotate(n=Count("pk"))
        .values_list("program", "n")
    )
    return Chart(
        id="programs",
        title="Programs side by side",
        kind="horizontal_bar",
        labels=[p.name for p in programs],
        series=[
            Series("Participants", [participants.get(p.pk, 0) for p in programs]),
            Series("Active pairs", [active.get(p.pk, 0) for p in programs]),
            Series("Pairs at risk", [at_risk.get(p.pk, 0) for p in programs]),
        ],
    )


# --- the whole dashboard ---------------------------------------------------------------------


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def dashboard(filters: Filters, *, cross_program: bool = False) -> Dashboard:
    """Every figure of the dashboard, in the order the page shows them."""
    scope = Scope(filters)
    board = Dashboard(filters=filters)
    stages = funnel_stages(scope)
    wait_chart, average_wait = time_to_match(scope)
    response = checkin_response(scope)
    health_chart, health = health_distribution(scope)
    outcomes = _outcomes(scope)
    load_chart, load = mentor_load(scope)
    intro_chart, intros = introductions(scope)
    started = outcomes["ongoing"] + outcomes["completed"] + outcomes["ended"]
    due = response["answered"] + response["missed"]
    board.kpis = [
        Kpi("participants", "Participants", stages[0], detail=f"{stages[1]:,} approved"),
        Kpi(
            "match_rate",
            "Match rate",
            _percent(stages[2], stages[1]),
            "%",
            "of approved participants matched",
        ),
        Kpi("time_to_match", "Days to match", _round(average_wait, 1), detail="on average"),
        Kpi("active", "Active pairs", _active_pairs(scope), detail=f"{started:,} begun in all"),
        Kpi("at_risk", "Pairs at risk", at_risk_count(scope), detail="with an open risk"),
        Kpi(
            "health",
            "Average health",
            _round(health["average"], 1),
            detail="of active pairs (0–100)",
        ),
        Kpi(
            "response_rate",
            "Check-ins answered",
            _percent(response["answered"], due),
            "%",
            f"{response['answered']:,} of {due:,} due",
        ),
        Kpi(
            "satisfaction",
            "Satisfaction",
            _round(response["satisfaction"], 2),
            " / 5",
            "average in check-ins",
        ),
        Kpi(
            "retention",
            "Retention",
            _percent(started - outcomes["ended"], started),
            "%",
            f"{outcomes['ended']:,} ended early",
        ),
        Kpi(
            "mentor_load",
            "Mentor places taken",
            _percent(load["load"], load["capacity"]),
            "%",
            f"{load['load']:,} of {load['capacity']:,} places",
        ),
        Kpi(
            "introductions",
            "Introductions",
            intros["total"],
            detail=f"{intros['with_outcome']:,} with an outcome",
        ),
    ]
    board.charts = [
        funnel(stages),
        wait_chart,
        checkin_trends(scope),
        health_chart,
        retention(outcomes),
        early_endings(outcomes),
        load_chart,
        intro_chart,
    ]
    for figure in FIGURES:
        board.charts.append(figure(scope))
    if cross_program:
        board.charts.insert(0, programs_side_by_side(scope))
    return board


def _active_pairs(scope: Scope) -> int:
    return scope.mentorships().filter(status=MentorshipStatus.ACTIVE).count()


# Figures the second pass adds (meetings held vs agreed per month, goal completion…):
# `figure(scope: Scope) -> Chart`, appended here, drawn and exported like the others.
FIGURES: list[Callable[[Scope], Chart]] = []
