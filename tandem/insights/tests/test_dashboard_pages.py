"""Dashboards for every role; filters; CSV export of every table; the printable report."""

import csv
import io

import pytest
from django.urls import reverse

from tandem.insights.tests.factories import counted_program
from tandem.programs.models import Program
from tandem.tests.roles import ROLES

pytestmark = pytest.mark.django_db

MANAGERS = {"program_manager", "program_admin", "superuser"}
GLOBAL = {"program_admin", "superuser"}


def _expected(role, allowed, refused=403):
    if role == "anonymous":
        return 302
    return 200 if role in allowed else refused


@pytest.mark.parametrize("role", ROLES)
def test_program_dashboard(role, as_role, program):
    response = as_role(role).get(reverse("insights:program_dashboard", args=[program.slug]))
    assert response.status_code == _expected(role, MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_a_draft_programs_dashboard_is_not_found_by_others(role, as_role, program):
    Program.objects.filter(pk=program.pk).update(status="draft")
    response = as_role(role).get(reverse("insights:program_dashboard", args=[program.slug]))
    assert response.status_code == _expected(role, MANAGERS, refused=404)


@pytest.mark.parametrize("role", ROLES)
def test_overview(role, as_role, program, other_program_admin):
    response = as_role(role).get(reverse("insights:overview"))
    assert response.status_code == _expected(role, MANAGERS | {"other_program_admin"})
    if role in GLOBAL:
        assert response.context["board"] is not None
    elif role in {"program_manager", "other_program_admin"}:
        assert "insights/index.html" in [t.name for t in response.templates]


@pytest.mark.parametrize("role", ROLES)
def test_program_report(role, as_role, program):
    response = as_role(role).get(reverse("insights:program_report", args=[program.slug]))
    assert response.status_code == _expected(role, MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_overview_report(role, as_role, program):
    response = as_role(role).get(reverse("insights:report"))
    assert response.status_code == _expected(role, GLOBAL)


@pytest.mark.parametrize("role", ROLES)
def test_program_export(role, as_role, program):
    response = as_role(role).get(reverse("insights:program_export", args=[program.slug, "funnel"]))
    assert response.status_code == _expected(role, MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_overview_export(role, as_role, program):
    response = as_role(role).get(reverse("insights:export", args=["funnel"]))
    assert response.status_code == _expected(role, GLOBAL)


# --- what the pages show ---------------------------------------------------------------------


@pytest.fixture
def counted(program_admin):
    return counted_program(program_admin)


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_dashboard_shows_kpis_charts_and_their_tables(client, program_admin, counted):
    client.force_login(program_admin)
    page = client.get(reverse("insights:program_dashboard", args=[counted.slug])).content.decode()
    assert 'id="kpi-match_rate"' in page and "80.0%" in page
    for chart in (
        "funnel",
        "time_to_match",
        "checkin_trends",
        "health",
        "retention",
        "early_endings",
        "mentor_load",
        "introductions",
    ):
        assert f'data-chart="chart-config-{chart}"' in page
        assert reverse("insights:program_export", args=[counted.slug, chart]) in page
    assert '<th scope="row">Agreement signed</th><td>3</td>' in page


def test_every_table_exports_as_csv(client, program_admin, counted):
    client.force_login(program_admin)
    funnel = client.get(reverse("insights:program_export", args=[counted.slug, "funnel"]))
    assert funnel["Content-Type"] == "text/csv; charset=utf-8"
    assert funnel["Content-Disposition"] == 'attachment; filename="counted-funnel.csv"'
    assert _csv(funnel) == [
        ["Stage", "Participants"],
        ["Enrolled", "6"],
        ["Approved", "5"],
        ["Matched", "4"],
        ["Agreement signed", "3"],
        ["Active", "3"],
        ["Completed", "1"],
    ]
    trends = _csv(
        client.get(reverse("insights:program_export", args=[counted.slug, "checkin_trends"]))
    )
    assert trends[0] == [
        "Month",
        "Engagement",
        "Flexibility",
        "Authenticity",
        "Reciprocity",
        "Overall satisfaction",
    ]
    assert trends[1] == ["Sep 2026", "3.0", "4.0", "4.0", "4.0", "3.0"]
    kpis = dict(_csv(client.get(reverse("insights:program_export", args=[counted.slug, "kpis"]))))
    assert kpis["Match rate"] == "80.0"
    board = client.get(reverse("insights:program_dashboard", args=[counted.slug])).context["board"]
    for chart in board.charts:
        rows = _csv(client.get(reverse("insights:program_export", args=[counted.slug, chart.id])))
        assert len(rows) == len(chart.labels) + 1


def test_exports_follow_the_filters(client, program_admin, counted):
    client.force_login(program_admin)
    url = reverse("insights:program_export", args=[counted.slug, "funnel"])
    rows = _csv(client.get(url, {"date_from": "2026-09-01", "date_to": "2026-09-30"}))
    assert rows[1] == ["Enrolled", "5"]


def test_an_unknown_table_is_a_404(client, program_admin, counted):
    client.force_login(program_admin)
    response = client.get(reverse("insights:program_export", args=[counted.slug, "salaries"]))
    assert response.status_code == 404


def test_bad_filters_are_a_400_naming_the_field(client, program_admin, counted):
    client.force_login(program_admin)
    url = reverse("insights:program_dashboard", args=[counted.slug])
    response = client.get(url, {"date_from": "2026-10-01", "date_to": "2026-09-01"})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "date_to": ["The end date must be on or after the start date."]
    }
    response = client.get(url, {"department": "999999"})
    assert response.status_code == 400
    assert "department" in response.context["form"].errors
    export = client.get(
        reverse("insights:program_export", args=[counted.slug, "funnel"]), {"date_from": "soon"}
    )
    assert export.status_code == 400
    assert "date_from" in export.content.decode()


def test_the_overview_filters_by_cohort(client, program_admin, counted):
    client.force_login(program_admin)
    board = client.get(reverse("insights:overview"), {"program": "another"}).context["board"]
    assert board.chart("funnel").series[0].values[0] == 1
    response = client.get(reverse("insights:overview"), {"program": "nope"})
    assert response.status_code == 400


def test_the_report_is_printable_and_holds_no_content(client, program_admin, counted):
    client.force_login(program_admin)
    page = client.get(reverse("insights:program_report", args=[counted.slug])).content.decode()
    assert "Counted cohort: program report" in page
    assert "data-print" in page and "insights/report.js" in page
    assert "something" not in page  # what people learned is never in a report


def test_the_dashboard_queries_do_not_grow_with_the_data(
    client, program_admin, counted, django_assert_max_num_queries
):
    client.force_login(program_admin)
    with django_assert_max_num_queries(25):
        client.get(reverse("insights:program_dashboard", args=[counted.slug]))
