"""Dashboard parts built on the meetings' and growth's data, listed in `figures.MORE_FIGURES`
(InsightsConfig.ready registers them): meetings held against what the agreements call for,
month by month; goal completion; development plans and 360° assessments.

What the filters select here (as on the rest of the dashboard): the programs; pairs where
either person is of the department; meetings whose time falls between the dates, goals set
between them (their completion as it stands today), plans and assessments begun between them.
Only counts and dates are read, never a meeting's notes or a goal's words."""

import datetime

import numpy as np
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from tandem.charts import Chart, Series
from tandem.growth.models import (
    Assessment,
    AssessmentStatus,
    DevelopmentPlan,
    Goal,
    GoalStatus,
    PlanStatus,
)
from tandem.insights.figures import (
    DayNumber,
    Figures,
    Kpi,
    MonthOf,
    Scope,
    _month,
    _percent,
    counting,
)
from tandem.meetings.models import Meeting, MeetingStatus, Outcome
from tandem.mentorships.models import FREQUENCY_DAYS, Agreement, AgreementSignature, Mentorship

ROW_HEADINGS = {
    "meetings": "Month",
    "goals_by_month": "Month",
    "goal_completion": "Goal status",
    "plans": "Plan status",
}


def _pairs(scope: Scope) -> QuerySet:
    """The programs' mentorships that began, of the department (whenever they began)."""
    queryset = Mentorship.objects.filter(
        program__in=scope.filters.programs, started_at__isnull=False
    )
    return scope._in_department(queryset, "mentor_id", "mentee_id")


def _today() -> datetime.date:
    return timezone.now().astimezone(datetime.UTC).date()


# --- meetings held vs agreed -----------------------------------------------------------------


def meetings_by_month(scope: Scope) -> dict[str, dict]:
    """Agreed meetings whose time has come, by month (UTC): held (or over and not recorded
    yet, as the health score counts them), did not take place, called off."""
    meetings = Meeting.objects.filter(
        mentorship__in=_pairs(scope), confirmed_at__isnull=False, starts_at__lt=timezone.now()
    )
    rows = (
        scope._timed(meetings, "starts_at")
        .annotate(month=MonthOf("starts_at"))
        .values("month")
        .annotate(
            held=Count("pk", filter=Q(outcome=Outcome.HELD) & ~Q(status=MeetingStatus.CANCELLED)),
            unmarked=Count(
                "pk", filter=Q(outcome=Outcome.UNMARKED) & ~Q(status=MeetingStatus.CANCELLED)
            ),
            cancelled=Count("pk", filter=Q(status=MeetingStatus.CANCELLED)),
        )
    )
    return {row.pop("month"): row for row in rows}


def expected_by_month(scope: Scope) -> dict[str, float]:
    """Meetings the signed agreements called for, month by month: for each pair, the days of
    the month within its latest signed agreement's dates while the mentorship ran (from its
    start to its end or today; paused stretches are not taken out), over the agreed interval
    (7, 14 or 30 days). Summed over thousands of pairs with numpy, month by month."""
    latest: dict[int, tuple] = {}
    for row in _signed_agreement_spans(scope):
        if row[0] not in latest or row[1] > latest[row[0]][1]:
            latest[row[0]] = row
    if not latest:
        return {}
    first, last = _window(scope)
    floor, until = first.toordinal() if first else 0, last.toordinal()
    spans = np.array(
        [
            (max(start, began, floor), min(end, ended or until, until), FREQUENCY_DAYS[frequency])
            for _, _, frequency, start, end, began, ended in latest.values()
        ],
        dtype=np.int64,
    )
    starts, ends, every = spans[:, 0], spans[:, 1], spans[:, 2]
    expected = {}
    for key, month_first, month_last in _months(int(starts.min()), int(ends.max())):
        days = np.minimum(ends, month_last) - np.maximum(starts, month_first) + 1
        expected[key] = float((np.clip(days, 0, None) / every).sum())
    return expected


def _signed_agreement_spans(scope: Scope) -> QuerySet:
    """(mentorship, version, frequency, then as day numbers: the agreement's start and end,
    the mentorship's start and end) of every agreement version both people signed."""
    signatures = AgreementSignature.objects.filter(agreement=OuterRef("pk"))
    signed_by_both = Exists(signatures.filter(person=OuterRef("mentorship__mentor"))) & Exists(
        signatures.filter(person=OuterRef("mentorship__mentee"))
    )
    return (
        Agreement.objects.filter(signed_by_both, mentorship__in=_pairs(scope))
        .order_by()
        .values_list(
            "mentorship_id",
            "version",
            "meeting_frequency",
            DayNumber("start_date"),
            DayNumber("end_date"),
            DayNumber("mentorship__started_at"),
            DayNumber("mentorship__ended_at"),
        )
    )


def _window(scope: Scope) -> tuple[datetime.date | None, datetime.date]:
    """The dates the filters allow, up to today."""
    last = min(scope.filters.date_to or _today(), _today())
    return scope.filters.date_from, last


def _months(first: int, last: int):
    """('YYYY-MM', first day, last day) of each month from one day to another (ordinals)."""
    day = datetime.date.fromordinal(first).replace(day=1)
    while day.toordinal() <= last:
        following = (day + datetime.timedelta(days=32)).replace(day=1)
        yield f"{day:%Y-%m}", day.toordinal(), following.toordinal() - 1
        day = following


def meeting_figures(scope: Scope) -> Figures:
    actual = meetings_by_month(scope)
    expected = expected_by_month(scope)
    months = sorted(set(actual) | {m for m, n in expected.items() if n >= 0.05})
    held = [actual.get(m, {}).get("held", 0) + actual.get(m, {}).get("unmarked", 0) for m in months]
    cancelled = [actual.get(m, {}).get("cancelled", 0) for m in months]
    called_for = [round(expected.get(m, 0.0), 1) for m in months]
    chart = Chart(
        id="meetings",
        title="Meetings held vs agreed",
        description="Each month: the meetings the pairs' signed agreements called for, those "
        "held (or over and not recorded yet) and those called off after both had agreed.",
        labels=[_month(m) for m in months],
        series=[
            Series("Called for by the agreements", called_for),
            Series("Held", held),
            Series("Called off", cancelled),
        ],
    )
    total_expected, total_held = sum(expected.values()), sum(held)
    unmarked = sum(row["unmarked"] for row in actual.values())
    return Figures(
        kpis=[
            Kpi(
                "meetings_held",
                "Meetings held",
                total_held,
                detail=f"{_percent(total_held, round(total_expected)) or 0:.0f}% of the "
                f"{round(total_expected):,} agreed"
                + (f" · {unmarked:,} not recorded yet" if unmarked else ""),
            ),
            Kpi(
                "meetings_cancelled",
                "Meetings called off",
                sum(cancelled),
                detail=f"{_percent(sum(cancelled), sum(cancelled) + total_held) or 0:.0f}% "
                "of agreed meetings",
            ),
        ],
        charts=[counting(chart)],
    )


# --- goals -----------------------------------------------------------------------------------


def _goals(scope: Scope) -> QuerySet:
    goals = Goal.objects.filter(mentorship__in=_pairs(scope))
    return scope._timed(goals, "created_at")


GOAL_STATES = ("reached", "on_track", "overdue", "set_aside")


def goals_by_state_and_month(scope: Scope) -> dict[str, dict[str, int]]:
    """Goals set each month (one grouped query), by where each stands today."""
    today = timezone.localdate()
    rows = (
        _goals(scope)
        .annotate(month=MonthOf("created_at"))
        .values("month")
        .annotate(
            reached=Count("pk", filter=Q(status=GoalStatus.REACHED)),
            on_track=Count("pk", filter=Q(status=GoalStatus.ACTIVE, target_date__gte=today)),
            overdue=Count("pk", filter=Q(status=GoalStatus.ACTIVE, target_date__lt=today)),
            set_aside=Count("pk", filter=Q(status=GoalStatus.DROPPED)),
        )
    )
    return {row.pop("month"): row for row in rows}


def goal_completion(by_month: dict[str, dict[str, int]]) -> tuple[Chart, dict]:
    counts = {state: sum(row[state] for row in by_month.values()) for state in GOAL_STATES}
    counts["set"] = sum(counts.values())
    chart = Chart(
        id="goal_completion",
        title="Goal completion",
        description="Goals set in the pairs' mentorships, as they stand today.",
        kind="doughnut",
        labels=["Reached", "In progress", "Past their target date", "Set aside"],
        series=[Series("Goals", [counts[state] for state in GOAL_STATES])],
    )
    return chart, counts


def goals_by_month(scope: Scope, by_month: dict[str, dict[str, int]]) -> Chart:
    set_rows = {month: sum(row.values()) for month, row in by_month.items()}
    reached = _goals(scope).filter(status=GoalStatus.REACHED)
    reached_rows = dict(
        reached.annotate(month=MonthOf("reached_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    months = sorted(set(set_rows) | set(reached_rows))
    return Chart(
        id="goals_by_month",
        title="Goals set and reached",
        description="Goals set each month, and goals reached each month (of those set between "
        "the dates).",
        kind="line",
        labels=[_month(m) for m in months],
        series=[
            Series("Set", [set_rows.get(m, 0) for m in months]),
            Series("Reached", [reached_rows.get(m, 0) for m in months]),
        ],
    )


def plans(scope: Scope) -> tuple[Chart, dict]:
    rows = dict(
        scope._timed(DevelopmentPlan.objects.filter(mentorship__in=_pairs(scope)), "created_at")
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    chart = Chart(
        id="plans",
        title="Development plans",
        description="Plans by where their review stands.",
        kind="horizontal_bar",
        labels=[s.label for s in PlanStatus],
        series=[Series("Plans", [rows.get(s.value, 0) for s in PlanStatus])],
    )
    return chart, rows


def assessments(scope: Scope) -> dict:
    queryset = Assessment.objects.filter(mentorship__in=_pairs(scope))
    return scope._timed(queryset, "created_at").aggregate(
        run=Count("pk"), closed=Count("pk", filter=Q(status=AssessmentStatus.CLOSED))
    )


def goal_figures(scope: Scope) -> Figures:
    by_month = goals_by_state_and_month(scope)
    completion, counts = goal_completion(by_month)
    plan_chart, plan_counts = plans(scope)
    assessed = assessments(scope)
    agreed = plan_counts.get(PlanStatus.AGREED, 0)
    return Figures(
        kpis=[
            Kpi(
                "goals_reached",
                "Goals reached",
                _percent(counts["reached"], counts["set"]),
                "%",
                f"{counts['reached']:,} of {counts['set']:,} goals set",
            ),
            Kpi(
                "plans_agreed",
                "Plans agreed",
                agreed,
                detail=f"of {sum(plan_counts.values()):,} development plans",
            ),
            Kpi(
                "assessments",
                "360° assessments",
                assessed["run"],
                detail=f"{assessed['closed']:,} closed",
            ),
        ],
        charts=[
            completion,  # a doughnut: no value axis
            counting(goals_by_month(scope, by_month)),
            counting(plan_chart),
        ],
    )
