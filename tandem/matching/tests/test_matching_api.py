"""The matching API: each endpoint's happy path, the refusals for every role, and bad payloads
answered with the field at fault."""

import pytest
from django.test import Client

from tandem.api.services import api_token_create
from tandem.matching.models import MatchRun
from tandem.matching.services import proposal_remove
from tandem.matching.tests.factories import enroll_mentor, finished_run
from tandem.mentorships.models import Mentorship
from tandem.tests.roles import ROLES

pytestmark = pytest.mark.django_db

MANAGERS = {"program_manager", "program_admin", "superuser"}
BASE = "/api/v1/matching"


@pytest.fixture
def api(request):
    """An API client with a personal token for a member of the cast ('anonymous': none)."""

    def _as(role: str) -> Client:
        if role == "anonymous":
            return Client()
        _, key = api_token_create(user=request.getfixturevalue(role), name="tests")
        return Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    return _as


@pytest.fixture
def run(cohort, program_admin):
    return finished_run(cohort.program, program_admin)


@pytest.fixture
def spare(cohort):
    return enroll_mentor(cohort.program, offers=["SQL"], capacity=1, first_name="Sara")


def _expected(role: str, success: int = 200) -> int:
    if role == "anonymous":
        return 401
    return success if role in MANAGERS else 403


def _post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


# --- the role matrix -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_list_runs(role, api, run):
    response = api(role).get(f"{BASE}/programs/{run.program.slug}/runs")
    assert response.status_code == _expected(role)


@pytest.mark.parametrize("role", ROLES)
def test_create_a_run(role, api, cohort):
    response = _post(api(role), f"{BASE}/programs/{cohort.program.slug}/runs")
    assert response.status_code == _expected(role, success=201)
    assert MatchRun.objects.exists() == (role in MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_read_a_run_its_proposals_and_unmatched(role, api, run):
    client = api(role)
    for url in (f"/runs/{run.pk}", f"/runs/{run.pk}/proposals", f"/runs/{run.pk}/unmatched"):
        assert client.get(BASE + url).status_code == _expected(role), url


@pytest.mark.parametrize("role", ROLES)
def test_preview_a_pair(role, api, run, cohort, spare):
    response = _post(
        api(role),
        f"{BASE}/runs/{run.pk}/preview",
        {"person": cohort.theo.person_id, "partner": spare.person_id},
    )
    assert response.status_code == _expected(role)


@pytest.mark.parametrize("role", ROLES)
def test_swap_a_proposal(role, api, run, cohort, spare):
    theo = run.proposals.get(mentee_enrollment=cohort.theo)
    response = _post(api(role), f"{BASE}/proposals/{theo.pk}/swap", {"partner": spare.person_id})
    assert response.status_code == _expected(role)
    theo.refresh_from_db()
    assert (theo.mentor_enrollment == spare) == (role in MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_remove_a_proposal(role, api, run, cohort):
    ben = run.proposals.get(mentee_enrollment=cohort.ben)
    response = api(role).delete(f"{BASE}/proposals/{ben.pk}")
    assert response.status_code == _expected(role, success=204)
    assert run.proposals.filter(pk=ben.pk).exists() == (role not in MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_pair_someone_by_hand(role, api, run, cohort, spare, program_admin):
    proposal_remove(proposal=run.proposals.get(mentee_enrollment=cohort.ben), by=program_admin)
    response = _post(
        api(role),
        f"{BASE}/runs/{run.pk}/proposals",
        {"person": cohort.ben.person_id, "partner": spare.person_id},
    )
    assert response.status_code == _expected(role, success=201)


@pytest.mark.parametrize("role", ROLES)
def test_compare_two_runs(role, api, run, cohort, program_admin):
    other = finished_run(cohort.program, program_admin, objective="stable")
    response = api(role).get(f"{BASE}/runs/{run.pk}/compare/{other.pk}")
    assert response.status_code == _expected(role)


@pytest.mark.parametrize("role", ROLES)
def test_publish_a_run(role, api, run):
    response = _post(api(role), f"{BASE}/runs/{run.pk}/publish")
    assert response.status_code == _expected(role)
    assert Mentorship.objects.exists() == (role in MANAGERS)


def test_a_draft_program_is_a_404_for_those_who_cannot_see_it(api, cohort):
    from tandem.programs.models import Program

    Program.objects.filter(pk=cohort.program.pk).update(status="draft")
    assert api("mentor").get(f"{BASE}/programs/{cohort.program.slug}/runs").status_code == 404
    assert (
        api("program_manager").get(f"{BASE}/programs/{cohort.program.slug}/runs").status_code == 200
    )


# --- what the endpoints answer ---------------------------------------------------------------


def test_create_runs_at_once_and_returns_the_totals(api, cohort):
    response = _post(
        api("program_manager"),
        f"{BASE}/programs/{cohort.program.slug}/runs",
        {"objective": "max_coverage", "weights": {"skills": 0.7}, "constraints": {}},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "done" and body["objective"] == "max_coverage"
    assert body["weights"]["skills"] == 0.7 and body["constraints"]["reporting_line"] is True
    assert body["totals"] == {
        "people": 3,
        "matched": 3,
        "proposals": 3,
        "unmatched": 0,
        "coverage": 100,
        "total_score": pytest.approx(body["totals"]["total_score"]),
        "mean_score": pytest.approx(body["totals"]["total_score"] / 3),
    }
    assert body["created_by"]["name"] == "Pat Manager"


def test_a_large_run_is_accepted_for_the_worker(api, cohort, settings):
    settings.MATCH_RUN_BACKGROUND_ABOVE = 2
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    response = _post(api("program_admin"), f"{BASE}/programs/{cohort.program.slug}/runs")
    assert response.status_code == 202
    assert response.json()["status"] == "queued" and response.json()["totals"] is None


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({"objective": "fastest"}, 400, "objective"),
        ({"weights": {"charisma": 1}}, 400, "weights.charisma"),
        ({"weights": {"skills": 2}}, 400, "weights.skills"),
        ({"weights": {"skills": True}}, 400, "weights.skills"),
        ({"constraints": {"shared_language": "sometimes"}}, 400, "constraints.shared_language"),
        ({"weights": ["skills"]}, 422, "weights"),
    ],
)
def test_a_bad_run_payload_names_the_field(api, cohort, payload, status, field):
    response = _post(api("program_admin"), f"{BASE}/programs/{cohort.program.slug}/runs", payload)
    assert response.status_code == status
    assert field in [error["field"] for error in response.json()["errors"]]
    assert not MatchRun.objects.exists()


def test_runs_filter_by_status(api, run):
    client = api("program_admin")
    url = f"{BASE}/programs/{run.program.slug}/runs"
    assert client.get(url, {"status": "done"}).json()["count"] == 1
    assert client.get(url, {"status": "failed"}).json()["count"] == 0
    response = client.get(url, {"status": "bogus"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "status"


def test_proposals_carry_the_score_explanation_and_factors(api, run, cohort):
    body = api("program_admin").get(f"{BASE}/runs/{run.pk}/proposals", {"limit": 10}).json()
    assert body["count"] == 3
    theo = next(p for p in body["items"] if p["mentee"]["id"] == cohort.theo.person_id)
    assert theo["mentor"] == {"id": cohort.maria.person_id, "name": "Maria Mentor"}
    assert "SQL" in theo["explanation"] and 0 < theo["score"] <= 1
    assert {f["factor"] for f in theo["factors"]} >= {"skills", "language"}
    assert theo["mentorship_id"] is None and theo["overridden"] is False


def test_unmatched_people_say_why(api, run, cohort, program_admin):
    proposal_remove(proposal=run.proposals.get(mentee_enrollment=cohort.ben), by=program_admin)
    body = api("program_admin").get(f"{BASE}/runs/{run.pk}/unmatched").json()
    assert body["items"] == [
        {
            "person": {"id": cohort.ben.person_id, "name": "Ben Brown"},
            "reason": "removed",
            "reason_label": "Removed by hand",
            "detail": "removed by Lena Lead",
            "help": "An admin removed their proposal.",
        }
    ]


def test_the_preview_says_what_a_pair_breaks(api, run, cohort):
    german = enroll_mentor(cohort.program, languages=["de"], capacity=1, first_name="Greta")
    response = _post(
        api("program_admin"),
        f"{BASE}/runs/{run.pk}/preview",
        {"person": cohort.theo.person_id, "partner": german.person_id},
    )
    body = response.json()
    assert body["broken"] == ["they share no language"] and body["can_save"] is True
    assert body["partner"]["name"] == "Greta " + german.person.last_name


def test_a_swap_that_breaks_a_rule_needs_the_override(api, run, cohort):
    german = enroll_mentor(cohort.program, languages=["de"], capacity=1, first_name="Greta")
    theo = run.proposals.get(mentee_enrollment=cohort.theo)
    client = api("program_admin")
    url = f"{BASE}/proposals/{theo.pk}/swap"
    refused = _post(client, url, {"partner": german.person_id})
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "override"
    accepted = _post(client, url, {"partner": german.person_id, "override": True})
    assert accepted.status_code == 200
    assert accepted.json()["overridden"] is True
    assert accepted.json()["broken"] == ["they share no language"]


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({"partner": 999999}, 400, "partner"),
        ({}, 422, "partner"),
        ({"partner": "Maria"}, 422, "partner"),
    ],
)
def test_a_bad_swap_names_the_field(api, run, cohort, payload, status, field):
    theo = run.proposals.get(mentee_enrollment=cohort.theo)
    response = _post(api("program_admin"), f"{BASE}/proposals/{theo.pk}/swap", payload)
    assert response.status_code == status
    assert field in [error["field"] for error in response.json()["errors"]]


def test_a_swap_to_a_full_mentor_is_refused(api, run, cohort):
    ben = run.proposals.get(mentee_enrollment=cohort.ben)
    response = _post(
        api("program_admin"),
        f"{BASE}/proposals/{ben.pk}/swap",
        {"partner": cohort.maria.person_id, "override": True},
    )
    assert response.status_code == 400
    assert "no place left" in response.json()["detail"]


def test_a_peer_swap_must_say_who_stays(api, circle, program_manager):
    run = finished_run(circle.program, program_manager)
    pair = run.proposals.first()
    response = _post(api("program_manager"), f"{BASE}/proposals/{pair.pk}/swap", {"partner": 1})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "keep"


def test_compare_lists_pairs_and_parameters(api, run, cohort, program_admin):
    other = finished_run(cohort.program, program_admin, objective="stable")
    body = api("program_admin").get(f"{BASE}/runs/{run.pk}/compare/{other.pk}").json()
    assert len(body["common"]) == 3 and body["only_a"] == [] and body["only_b"] == []
    assert body["parameters"][0] == {
        "parameter": "Objective",
        "a": "Best total fit",
        "b": "Stable",
        "differs": True,
    }
    assert [p["parameter"] for p in body["parameters"] if p["differs"]] == ["Objective"]


def test_compare_refuses_runs_of_two_programs(api, run, circle, program_manager):
    peers = finished_run(circle.program, program_manager)
    response = api("program_manager").get(f"{BASE}/runs/{run.pk}/compare/{peers.pk}")
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "b"


def test_publish_reports_proposed_and_skipped_and_happens_once(api, run):
    client = api("program_admin")
    body = _post(client, f"{BASE}/runs/{run.pk}/publish").json()
    assert body["proposed"] == 3 and body["skipped"] == []
    assert body["run"]["published_by"]["name"] == "Lena Lead"
    again = _post(client, f"{BASE}/runs/{run.pk}/publish")
    assert again.status_code == 400 and "already published" in again.json()["detail"]


def test_an_unknown_run_is_a_404(api):
    assert api("program_admin").get(f"{BASE}/runs/999999").status_code == 404


def test_the_endpoints_are_in_the_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/matching/programs/{slug}/runs" in paths
    assert "/api/v1/matching/runs/{run_id}/publish" in paths


def test_a_large_run_is_published_by_the_worker(api, run, settings):
    settings.MATCH_RUN_BACKGROUND_ABOVE = 4
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    response = _post(api("program_admin"), f"{BASE}/runs/{run.pk}/publish")
    assert response.status_code == 202
    assert response.json()["publish_queued_at"] and response.json()["published_at"] is None
