import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tandem.charts import Chart
from tandem.insights import permissions
from tandem.insights.figures import ROW_HEADINGS, Filters, dashboard
from tandem.insights.forms import DashboardFilterForm
from tandem.insights.outcomes import MIN_GROUP, outcome_report, outcome_tables
from tandem.programs.models import Program, ProgramStatus


def _get_program_for_dashboard(user, slug: str) -> Program:
    program = get_object_or_404(Program, slug=slug)
    if not permissions.can_view_program_dashboard(user, program):
        if program.status == ProgramStatus.DRAFT:
            raise Http404
        raise PermissionDenied
    return program


def _scope(user, slug: str | None):
    """(the program or None for the cross-program view, the programs it covers)."""
    if slug is not None:
        program = _get_program_for_dashboard(user, slug)
        return program, Program.objects.filter(pk=program.pk)
    if not permissions.can_view_cross_program(user):
        raise PermissionDenied
    return None, Program.objects.all()


def _board(request, program, programs):
    form = DashboardFilterForm(
        request.GET or None, programs=programs, choose_program=program is None
    )
    if form.is_bound and not form.is_valid():
        return form, None
    filters = form.filters() if form.is_bound else Filters(programs=programs)
    return form, dashboard(filters, cross_program=program is None)


@login_required
@require_GET
def overview(request):
    """Global admins: every program together. A program's admins: their programs' dashboards."""
    if not permissions.can_view_cross_program(request.user):
        programs = permissions.dashboard_programs(request.user)
        if not programs.exists():
            raise PermissionDenied
        return render(request, "insights/index.html", {"programs": programs.order_by("name")})
    return _render_dashboard(request, None, "insights/dashboard.html")


@login_required
@require_GET
def program_dashboard(request, slug: str):
    return _render_dashboard(request, slug, "insights/dashboard.html")


@login_required
@require_GET
def overview_report(request):
    return _render_dashboard(request, None, "insights/report.html")


@login_required
@require_GET
def program_report(request, slug: str):
    return _render_dashboard(request, slug, "insights/report.html")


def _render_dashboard(request, slug, template):
    program, programs = _scope(request.user, slug)
    form, board = _board(request, program, programs)
    context = {
        "program": program,
        "form": form,
        "board": board,
        "query": request.GET.urlencode(),
        "row_headings": ROW_HEADINGS,
        "generated_at": timezone.now(),
    }
    return render(request, template, context, status=200 if board else 400)


@login_required
@require_GET
def export(request, table: str, slug: str | None = None):
    """Any dashboard table as CSV, with the dashboard's filters."""
    program, programs = _scope(request.user, slug)
    form, board = _board(request, program, programs)
    if board is None:
        errors = "; ".join(f"{field}: {' '.join(e)}" for field, e in form.errors.items())
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    chart = board.kpi_chart() if table == "kpis" else board.chart(table)
    if chart is None:
        raise Http404
    name = program.slug if program else "all-programs"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{table}.csv"'
    _write_csv(response, chart)
    return response


def _write_csv(response, chart: Chart) -> None:
    writer = csv.writer(response)
    unit = f" ({chart.unit})" if chart.unit else ""
    writer.writerow([ROW_HEADINGS.get(chart.id, ""), *[s.name + unit for s in chart.series]])
    for label, values in chart.rows():
        writer.writerow([label, *["" if v is None else v for v in values]])


# --- the outcome report ----------------------------------------------------------------------


def _outcome_scope(request, slug: str | None):
    """(the program or None, the programs compared, the cohort chosen on the cross view)."""
    program, programs = _scope(request.user, slug)
    choice = request.GET.get("program", "") if program is None else ""
    if choice:
        chosen = programs.filter(slug=choice)
        if not chosen.exists():
            raise Http404("No such program.")
        programs = chosen
    return program, programs, choice


@login_required
@require_GET
def program_outcomes(request, slug: str):
    return _render_outcomes(request, slug)


@login_required
@require_GET
def overview_outcomes(request):
    return _render_outcomes(request, None)


def _render_outcomes(request, slug):
    program, programs, choice = _outcome_scope(request, slug)
    report = outcome_report(programs)
    context = {
        "program": program,
        "programs": Program.objects.order_by("-start_date", "name") if program is None else None,
        "choice": choice,
        "query": request.GET.urlencode(),
        "report": report,
        "tables": outcome_tables(report),
        "min_group": MIN_GROUP,
        "generated_at": timezone.now(),
    }
    return render(request, "insights/outcomes.html", context)


@login_required
@require_GET
def outcomes_export(request, table: str, slug: str | None = None):
    """One table of the outcome report as CSV."""
    program, programs, _ = _outcome_scope(request, slug)
    tables = {t.id: t for t in outcome_tables(outcome_report(programs))}
    if table not in tables:
        raise Http404
    name = program.slug if program else "all-programs"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-outcomes-{table}.csv"'
    writer = csv.writer(response)
    writer.writerow(tables[table].columns)
    for row in tables[table].rows:
        writer.writerow(["" if value is None else value for value in row])
    return response
