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

Figures built on other apps' data (meetings held vs agreed per month, goal completion) are
added as functions listed in `MORE_FIGURES`, each `more(scope) -> Figures` (KPIs and charts)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    DateTimeField,
    Exists,
    FloatField,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

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
from tandem.people.models import Department, Profile
from tandem.programs.models import Enrollment, EnrollmentRole, EnrollmentStatus


class MonthOf(Func):
    """'YYYY-MM' of a date, or of a datetime in UTC, in plain SQL on both databases (SQLite's
    TruncMonth calls a Python function on every row: too slow over a large program)."""

    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra):
        # Django stores dates and UTC datetimes in SQLite as ISO text ('2026-11-25 10:30:00'):
        # the month is its first seven characters, cut without parsing (strftime parses).
        template = "substr(%(expressions)s, 1, 7)"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        template = "to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM')"
        if not isinstance(self.source_expressions[0].output_field, DateTimeField):
            template = "to_char(%(expressions)s, 'YYYY-MM')"
        return self.as_sql(compiler, connection, template=template, **extra)


class DaysBetween(Func):
    """Days (fractional) from one datetime to a later one, computed by the database itself
    (Django's SQLite difference calls a Python function on every row)."""

    arity = 2
    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra):
        template = "(julianday(%(expressions)s))"
        return self.as_sql(
            compiler, connection, template=template, arg_joiner=") - julianday(", **extra
        )

    def as_postgresql(self, compiler, connection, **extra):
        template = "(EXTRACT(EPOCH FROM (%(expressions)s)) / 86400.0)"
        return self.as_sql(compiler, connection, template=template, arg_joiner=" - ", **extra)


class DayNumber(Func):
    """The proleptic ordinal (`date.toordinal()`) of a date, or of a datetime's UTC date, computed
    by the database: reading thousands of dates back through Django's converters costs more
    than the figure they feed."""

    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        # julianday() of midnight of 0001-01-01 is 1721425.5, which is ordinal 1.
        template = "CAST(julianday(date(%(expressions)s)) - 1721424.5 AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        template = "((%(expressions)s)::date - DATE '0001-01-01' + 1)"
        if isinstance(self.source_expressions[0].output_field, DateTimeField):
            template = "((%(expressions)s AT TIME ZONE 'UTC')::date - DATE '0001-01-01' + 1)"
        return self.as_sql(compiler, connection, template=template, **extra)


COUNTED = {"programs", "funnel", "time_to_match", "health", "early_endings", "mentor_load"}
COUNTED |= {"introductions"}


def counting(chart: Chart) -> Chart:
    """Whole numbers on the value axis: these charts count people and pairs."""
    axis = "x" if chart.kind == "horizontal_bar" else "y"
    scales = chart.config()["options"].get("scales", {})
    scales.setdefault(axis, {}).update(beginAtZero=True, ticks={"precision": 0})
    chart.options = {**chart.options, "scales": scales}
    return chart


def _month(value: str) -> str:
    """'2026-09' → 'Sep 2026'."""
    return datetime.datetime.strptime(value, "%Y-%m").strftime("%b %Y") if value else "—"


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
    """The querysets every figure starts from, with the filters applied once. Filters are
    written so that the database can use its indexes: people of a department as one IN
    (subquery), date ranges as ranges of the stored value (no per-row date conversion)."""

    def __init__(self, filters: Filters):
        self.filters = filters
        self.department = filters.department

    def _dated(self, queryset: QuerySet, field: str) -> QuerySet:
        """Rows whose `field` (a date) falls between the dates, both included."""
        if self.filters.date_from:
            queryset = queryset.filter(**{f"{field}__gte": self.filters.date_from})
        if self.filters.date_to:
            queryset = queryset.filter(**{f"{field}__lte": self.filters.date_to})
        return queryset

    def _timed(self, queryset: QuerySet, field: str) -> QuerySet:
        """Rows whose `field` (a moment) falls on the dates, both included, in the viewer's
        time zone: from the first day's midnight to the midnight after the last day."""
        if self.filters.date_from:
            queryset = queryset.filter(**{f"{field}__gte": _midnight(self.filters.date_from)})
        if self.filters.date_to:
            end = self.filters.date_to + datetime.timedelta(days=1)
            queryset = queryset.filter(**{f"{field}__lt": _midnight(end)})
        return queryset

    def _in_department(self, queryset: QuerySet, *people: str) -> QuerySet:
        """Rows where one of the `people` fields is someone of the department."""
        if self.department is None:
            return queryset
        members = Profile.objects.filter(department=self.department).values("user_id")
        condition = Q()
        for person in people:
            condition |= Q(**{f"{person}__in": members})
        return queryset.filter(condition)

    def participants(self) -> QuerySet:
        """Enrollments of the people a program is for: mentees, and peers in mutual programs."""
        queryset = Enrollment.objects.filter(
            program__in=self.filters.programs, role__in=[EnrollmentRole.MENTEE, EnrollmentRole.PEER]
        )
        return self._timed(self._in_department(queryset, "person_id"), "created_at")

    def mentors(self) -> QuerySet:
        queryset = Enrollment.objects.filter(
            program__in=self.filters.programs,
            role=EnrollmentRole.MENTOR,
            status=EnrollmentStatus.APPROVED,
        )
        return self._in_department(queryset, "person_id")

    def mentorships(self) -> QuerySet:
        """Mentorships that began (between the dates)."""
        queryset = Mentorship.objects.filter(
            program__in=self.filters.programs, started_at__isnull=False
        )
        queryset = self._in_department(queryset, "mentor_id", "mentee_id")
        return self._timed(queryset, "started_at")

    def checkins(self) -> QuerySet:
        queryset = CheckIn.objects.filter(mentorship__program__in=self.filters.programs)
        return self._in_department(queryset, "respondent_id")

    def introductions(self) -> QuerySet:
        queryset = Introduction.objects.filter(mentorship__program__in=self.filters.programs)
        return self._dated(self._in_department(queryset, "made_for_id"), "made_on")


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


# --- the enrolment funnel and matching -------------------------------------------------------

FUNNEL = ["Enrolled", "Approved", "Matched", "Agreement signed", "Active", "Completed"]


def _signed() -> Exists:
    """The mentorship has an agreement version signed by both people."""
    both = AgreementSignature.objects.filter(
        agreement__mentorship=OuterRef("pk"),
        person=OuterRef("mentor"),
        agreement__signatures__person=OuterRef("mentee"),
    )
    return Exists(both)


def _pairing_stage() -> Case:
    """How far one pairing got: 2 paired, 3 agreement signed, 4 begun (with a signed
    agreement), 5 completed. The signatures are looked up once per pairing."""
    return Case(
        When(~Q(_signed()), then=Value(2)),
        When(started_at__isnull=True, then=Value(3)),
        When(status=MentorshipStatus.COMPLETED, then=Value(5)),
        default=Value(4),
        output_field=IntegerField(),
    )


def _furthest_on(side: str) -> Coalesce:
    """The furthest stage of the enrollment's pairings (not declined) on one side, or 0."""
    pairings = (
        Mentorship.objects.exclude(status=MentorshipStatus.DECLINED)
        .filter(**{side: OuterRef("pk")})
        .annotate(stage=_pairing_stage())
        .order_by("-stage")
        .values("stage")[:1]
    )
    return Coalesce(Subquery(pairings, output_field=IntegerField()), Value(0))


def funnel_stages(scope: Scope) -> list[int]:
    """How many participants reached each stage. Each enrollment is placed once at the
    furthest stage it reached (one subquery per side: a mentee's enrollment is the mentee
    side of its pairings, a peer's may be either), grouped, then the stages are summed up."""
    paired = Case(
        When(
            role=EnrollmentRole.PEER,
            then=Greatest(_furthest_on("mentee_enrollment"), _furthest_on("mentor_enrollment")),
        ),
        default=_furthest_on("mentee_enrollment"),
    )
    approved = Case(When(status=EnrollmentStatus.APPROVED, then=Value(1)), default=Value(0))
    rows = (
        scope.participants()
        .annotate(stage=Greatest(paired, approved, output_field=IntegerField()))
        .values("stage")
        .annotate(n=Count("pk"))
    )
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


def _first_pairings(scope: Scope, side: str, role: str) -> QuerySet:
    """Per enrollment of `role`: days from enrolling to its first pairing on `side`."""
    return (
        Mentorship.objects.exclude(status=MentorshipStatus.DECLINED)
        .filter(**{f"{side}__in": scope.participants().filter(role=role)})
        .values(side)
        .annotate(days=DaysBetween(Min("created_at"), Min(f"{side}__created_at")))
    )


def _wait_bucket(days: float) -> int:
    return next(i for i, (_, upper) in enumerate(WAITS) if upper is None or days <= upper)


def _matching_waits(scope: Scope) -> dict:
    """How long participants waited for their first pairing (not declined): the count, the
    total in days and the count per bucket of WAITS.

    A mentee's enrollment is only ever the mentee side of its pairings: the database groups
    them per enrollment and counts the buckets over that (one query). A peer's may be either
    side: each side is grouped in the database and the two merged here, per enrollment."""
    buckets, lower = {}, None
    for index, (_, upper) in enumerate(WAITS):
        condition = Q() if lower is None else Q(days__gt=lower)
        if upper is not None:
            condition &= Q(days__lte=upper)
        buckets[f"b{index}"] = Count("days", filter=condition)
        lower = upper
    mentees = _first_pairings(scope, "mentee_enrollment", EnrollmentRole.MENTEE)
    figures = mentees.aggregate(count=Count("days"), total=Sum("days"), **buckets)
    figures["total"] = figures["total"] or 0.0
    for days in _peer_waits(scope):
        figures["count"] += 1
        figures["total"] += days
        figures[f"b{_wait_bucket(days)}"] += 1
    return figures


def _peer_waits(scope: Scope) -> list[float]:
    first: dict[int, float] = {}
    for side in ("mentee_enrollment", "mentor_enrollment"):
        rows = _first_pairings(scope, side, EnrollmentRole.PEER).values_list(side, "days")
        for enrollment_id, days in rows:
            first[enrollment_id] = min(days, first.get(enrollment_id, days))
    return list(first.values())


def time_to_match(scope: Scope) -> tuple[Chart, float | None]:
    figures = _matching_waits(scope)
    chart = Chart(
        id="time_to_match",
        title="Time to match",
        description="From enrolling to the first pairing (proposed or begun).",
        labels=[label for label, _ in WAITS],
        series=[Series("Participants", [figures[f"b{i}"] for i in range(len(WAITS))])],
    )
    average = figures["total"] / figures["count"] if figures["count"] else None
    return chart, average


# --- check-ins -------------------------------------------------------------------------------


def checkin_trends(scope: Scope) -> Chart:
    """The average of each quality, month by month (check-ins answered that month)."""
    rows = (
        scope._timed(scope.checkins().answered(), "answered_at")
        .annotate(month=MonthOf("answered_at"))
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
        .annotate(month=MonthOf("made_on"))
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
    for more in MORE_FIGURES:
        figures = more(scope)
        board.kpis += figures.kpis
        board.charts += figures.charts
    if cross_program:
        board.charts.insert(0, programs_side_by_side(scope))
    for chart in board.charts:
        if chart.id in COUNTED:
            counting(chart)
    return board


def _active_pairs(scope: Scope) -> int:
    return scope.mentorships().filter(status=MentorshipStatus.ACTIVE).count()


@dataclass
class Figures:
    """What a later part of the dashboard adds: its KPI tiles and its charts."""

    kpis: list[Kpi] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


# Parts of the dashboard other apps' data brings (meetings held vs agreed per month, goal
# completion…): `more(scope: Scope) -> Figures`, appended here; the page draws them, the CSV
# export and the API serve them like the others (name each table's first column in
# ROW_HEADINGS; call `counting(chart)` for charts of counts).
MORE_FIGURES: list[Callable[[Scope], Figures]] = []

# The heading of each table's first column, on the page and in its CSV.
ROW_HEADINGS = {
    "kpis": "Figure",
    "programs": "Program",
    "funnel": "Stage",
    "time_to_match": "Time to match",
    "checkin_trends": "Month",
    "health": "Health score",
    "retention": "Status",
    "early_endings": "Reason",
    "mentor_load": "Department",
    "introductions": "Month",
}
