"""Report figures as JSON, with the dashboard's filters and rules."""

import pytest

from tandem.insights.tests.factories import counted_program
from tandem.tests.roles import ROLES

pytestmark = pytest.mark.django_db

MANAGERS = {"program_manager", "program_admin", "superuser"}
GLOBAL = {"program_admin", "superuser"}


def _expected(role, allowed):
    if role == "anonymous":
        return 401
    return 200 if role in allowed else 403


@pytest.mark.parametrize("role", ROLES)
def test_program_report_figures(role, as_role, program):
    response = as_role(role).get(f"/api/v1/insights/programs/{program.slug}/report")
    assert response.status_code == _expected(role, MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_cross_program_figures(role, as_role, program):
    response = as_role(role).get("/api/v1/insights/report")
    assert response.status_code == _expected(role, GLOBAL)


def test_the_figures_are_the_dashboards(client, program_admin):
    counted = counted_program(program_admin)
    client.force_login(program_admin)
    body = client.get(f"/api/v1/insights/programs/{counted.slug}/report").json()
    assert body["filters"]["programs"] == ["counted"]
    kpis = {k["id"]: k["value"] for k in body["kpis"]}
    assert (kpis["match_rate"], kpis["time_to_match"], kpis["at_risk"]) == (80.0, 19.5, 1)
    tables = {t["id"]: t for t in body["tables"]}
    assert tables["funnel"]["row_heading"] == "Stage"
    assert tables["funnel"]["series"][0]["values"] == [6, 5, 4, 3, 3, 1]
    filtered = client.get(
        f"/api/v1/insights/programs/{counted.slug}/report",
        {"date_from": "2026-09-01", "date_to": "2026-09-30"},
    ).json()
    assert {t["id"]: t for t in filtered["tables"]}["funnel"]["series"][0]["values"][0] == 5


def test_bad_filters_name_the_field(client, program_admin, program):
    client.force_login(program_admin)
    url = f"/api/v1/insights/programs/{program.slug}/report"
    response = client.get(url, {"date_from": "2026-10-01", "date_to": "2026-09-01"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "date_to"
    response = client.get(url, {"date_from": "not a date"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "date_from"
    response = client.get("/api/v1/insights/report", {"department": 424242})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "department"


def test_an_unknown_program_is_a_404(client, program_admin):
    client.force_login(program_admin)
    assert client.get("/api/v1/insights/programs/nope/report").status_code == 404
