"""Report figures as JSON: the dashboard's numbers (KPIs and every table), with its filters.
The same rules as the pages (permissions.py)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from tandem.api.schemas import ERRORS
from tandem.insights import permissions
from tandem.insights.figures import ROW_HEADINGS, Dashboard, dashboard
from tandem.insights.forms import DashboardFilterForm
from tandem.insights.outcomes import CAUSATION, MIN_GROUP, outcome_report, outcome_tables
from tandem.programs.models import Program, ProgramStatus

router = Router(tags=["insights"])


class ReportQuery(Schema):
    department: int | None = Field(None, description="A department's id.")
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


class OverviewQuery(ReportQuery):
    program: str | None = Field(None, description="One program's slug (the cohort).")


class KpiOut(Schema):
    id: str
    label: str
    value: float | None
    unit: str
    detail: str


class SeriesOut(Schema):
    name: str
    values: list[float | None]


class TableOut(Schema):
    id: str
    title: str
    description: str
    row_heading: str
    labels: list[str]
    series: list[SeriesOut]


class FiltersOut(Schema):
    programs: list[str]
    department: int | None
    date_from: datetime.date | None
    date_to: datetime.date | None


class ReportOut(Schema):
    filters: FiltersOut
    kpis: list[KpiOut]
    tables: list[TableOut]


def _report(query: dict, *, programs, program: Program | None) -> dict:
    data = {k: v for k, v in query.items() if v is not None}
    form = DashboardFilterForm(data, programs=programs, choose_program=program is None)
    if not form.is_valid():
        raise ValidationError({f: [str(e) for e in errors] for f, errors in form.errors.items()})
    board: Dashboard = dashboard(form.filters(), cross_program=program is None)
    filters = board.filters
    return {
        "filters": {
            "programs": list(filters.programs.values_list("slug", flat=True)),
            "department": filters.department.pk if filters.department else None,
            "date_from": filters.date_from,
            "date_to": filters.date_to,
        },
        "kpis": [k.__dict__ for k in board.kpis],
        "tables": [
            {
                "id": c.id,
                "title": c.title,
                "description": c.description,
                "row_heading": ROW_HEADINGS.get(c.id, ""),
                "labels": c.labels,
                "series": [{"name": s.name, "values": s.values} for s in c.series],
            }
            for c in board.charts
        ],
    }


@router.get("/programs/{slug}/report", response={200: ReportOut, **ERRORS})
def program_report(request, slug: str, query: Query[ReportQuery]):
    """A program's dashboard figures (its admins)."""
    program = get_object_or_404(Program, slug=slug)
    if not permissions.can_view_program_dashboard(request.user, program):
        if program.status == ProgramStatus.DRAFT:
            raise Http404
        raise PermissionDenied("A program's figures are for its admins.")
    programs = Program.objects.filter(pk=program.pk)
    return _report(query.dict(), programs=programs, program=program)


@router.get("/report", response={200: ReportOut, **ERRORS})
def overview_report(request, query: Query[OverviewQuery]):
    """Every program's figures together, and side by side (global admins)."""
    if not permissions.can_view_cross_program(request.user):
        raise PermissionDenied("The cross-program figures are for global admins.")
    return _report(query.dict(), programs=Program.objects.all(), program=None)


# --- the outcome report ----------------------------------------------------------------------


class OutcomeQuery(Schema):
    program: str | None = Field(None, description="One program's slug (the cohort).")


class OutcomeTableOut(Schema):
    id: str
    title: str
    columns: list[str]
    rows: list[list[str | float | int | None]]


class OutcomeGroupsOut(Schema):
    mentored: int = Field(..., description="People in the mentored group.")
    not_yet_mentored: int
    since: datetime.date = Field(..., description="Career events after this day count.")
    until: datetime.date


class OutcomesOut(Schema):
    programs: list[str]
    groups: OutcomeGroupsOut
    imports_in_period: int
    min_group: int = Field(..., description="Below this in either group: too small to conclude.")
    too_small: bool
    causation: str
    tables: list[OutcomeTableOut]


def _outcomes(programs) -> dict:
    report = outcome_report(programs)
    groups = report.groups
    return {
        "programs": list(programs.values_list("slug", flat=True)),
        "groups": {
            "mentored": len(groups.mentored),
            "not_yet_mentored": len(groups.waiting),
            "since": groups.since,
            "until": groups.until,
        },
        "imports_in_period": report.imports_in_period,
        "min_group": MIN_GROUP,
        "too_small": report.too_small,
        "causation": CAUSATION,
        "tables": [t.__dict__ for t in outcome_tables(report)],
    }


@router.get("/programs/{slug}/outcomes", response={200: OutcomesOut, **ERRORS})
def program_outcomes(request, slug: str):
    """The outcome report of a program (its admins): mentored vs not yet mentored people,
    every rate with its group size and 95% interval."""
    program = get_object_or_404(Program, slug=slug)
    if not permissions.can_view_program_dashboard(request.user, program):
        if program.status == ProgramStatus.DRAFT:
            raise Http404
        raise PermissionDenied("A program's outcomes are for its admins.")
    return _outcomes(Program.objects.filter(pk=program.pk))


@router.get("/outcomes", response={200: OutcomesOut, **ERRORS})
def overview_outcomes(request, query: Query[OutcomeQuery]):
    """The outcome report across programs, or of one cohort (global admins)."""
    if not permissions.can_view_cross_program(request.user):
        raise PermissionDenied("The cross-program outcomes are for global admins.")
    programs = Program.objects.all()
    if query.program:
        programs = programs.filter(slug=query.program)
        if not programs.exists():
            raise ValidationError({"program": f"No program “{query.program}”."})
    return _outcomes(programs)
