"""The health API: the same rules as the pages, one error format."""

import datetime

import pytest
from django.utils import timezone

from tandem.health.models import CheckIn, Feedback, Introduction, RiskAction
from tandem.health.services import health_recompute
from tandem.health.tests.factories import RATINGS_OK, open_round
from tandem.mentorships.services import mentorship_transition
from tandem.tests.roles import ROLES

pytestmark = pytest.mark.django_db

PAIR = {"mentor", "mentee"}
MANAGERS = {"program_manager", "program_admin", "superuser"}
API = "/api/v1/health"


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


def _refused(role, *, admins=403):
    """What a role outside the allowed ones gets: 401 signed out, 403 for the program's
    admins where they know the mentorship, 404 for anyone else."""
    if role == "anonymous":
        return 401
    return admins if role in MANAGERS else 404


@pytest.fixture
def opened(mentorship):
    return {c.respondent.email.split("@")[0]: c for c in open_round(mentorship, 1)}


# --- check-ins -------------------------------------------------------------------------------


def test_my_due_check_ins(as_role, opened, mutual_mentorship):
    response = as_role("mentee").get(f"{API}/checkins/due")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["id"], item["is_first"], item["is_mine"]) == (opened["mentee"].pk, True, True)
    assert as_role("outsider").get(f"{API}/checkins/due").json()["count"] == 0


def test_answer_a_check_in(as_role, opened):
    response = _post(
        as_role("mentee"),
        f"{API}/checkins/{opened['mentee'].pk}/answer",
        RATINGS_OK | {"good_fit": True, "comment": "Good start", "share_comment": True},
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["ratings"]["authenticity"], body["comment"]) == (
        "answered",
        5,
        "Good start",
    )


@pytest.mark.parametrize("role", ROLES)
def test_only_the_respondent_answers(role, as_role, opened):
    response = _post(
        as_role(role),
        f"{API}/checkins/{opened['mentee'].pk}/answer",
        RATINGS_OK | {"good_fit": True},
    )
    assert response.status_code == (
        200 if role == "mentee" else 401 if role == "anonymous" else 404
    )


def test_a_rating_out_of_range_is_a_422_naming_the_field(as_role, opened):
    response = _post(
        as_role("mentee"),
        f"{API}/checkins/{opened['mentee'].pk}/answer",
        RATINGS_OK | {"engagement": 7},
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["engagement"]
    assert CheckIn.objects.get(pk=opened["mentee"].pk).status == "open"


def test_a_missing_fit_answer_is_a_400_naming_the_field(as_role, opened):
    response = _post(as_role("mentee"), f"{API}/checkins/{opened['mentee'].pk}/answer", RATINGS_OK)
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "good_fit", "message": "Say whether this pairing is a good fit."}
    ]


@pytest.mark.parametrize("role", ROLES)
def test_a_mentorships_check_ins(role, as_role, mentorship, opened):
    response = as_role(role).get(f"{API}/mentorships/{mentorship.pk}/checkins")
    if role in PAIR | MANAGERS:
        assert response.status_code == 200
        assert response.json()["count"] == 2
    else:
        assert response.status_code == (401 if role == "anonymous" else 404)


# --- feedback --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_feedback_list(role, as_role, mentorship):
    Feedback.objects.create(
        mentorship=mentorship,
        author=mentorship.mentee,
        recipient=mentorship.mentor,
        went_well="Clear",
        do_differently="",
    )
    response = as_role(role).get(f"{API}/mentorships/{mentorship.pk}/feedback")
    if role in PAIR:
        assert response.json()["items"][0]["went_well"] == "Clear"
    else:
        assert response.status_code == _refused(role)


@pytest.mark.parametrize("role", ROLES)
def test_feedback_give(role, as_role, mentorship):
    response = _post(
        as_role(role),
        f"{API}/mentorships/{mentorship.pk}/feedback",
        {"went_well": "Great", "do_differently": "More time"},
    )
    if role in PAIR:
        assert response.status_code == 201
        assert (
            response.json()["recipient"]["id"]
            == mentorship.partner_of(
                mentorship.mentor if role == "mentor" else mentorship.mentee
            ).pk
        )
    else:
        assert response.status_code == _refused(role)
    assert Feedback.objects.exists() == (role in PAIR)


def test_empty_feedback_is_a_400_naming_the_field(as_role, mentorship):
    response = _post(as_role("mentor"), f"{API}/mentorships/{mentorship.pk}/feedback", {})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "went_well"


# --- introductions ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_introduction_record(role, as_role, mentorship, outsider):
    response = _post(
        as_role(role),
        f"{API}/mentorships/{mentorship.pk}/introductions",
        {"contact_id": outsider.pk, "purpose": "Billing expert"},
    )
    if role == "mentor":
        assert response.status_code == 201
        assert response.json()["contact"]["name"] == "Olga Outsider"
    elif role == "mentee":
        assert response.status_code == 403  # as on the page: the mentor records them
    else:
        assert response.status_code == _refused(role)
    assert Introduction.objects.exists() == (role == "mentor")


def test_in_mutual_mentoring_either_peer_records_an_introduction(as_role, mutual_mentorship):
    response = _post(
        as_role("peer"),
        f"{API}/mentorships/{mutual_mentorship.pk}/introductions",
        {"contact_name": "Ada", "purpose": "Data"},
    )
    assert response.status_code == 201
    assert response.json()["made_for"]["id"] == mutual_mentorship.mentee_id


def test_once_the_mentorship_closed_the_pair_gets_a_403_as_on_the_pages(
    as_role, mentorship, mentor
):
    """Feedback, introductions and their outcomes are written while the mentorship is under
    way: afterwards the API refuses like the pages (403), not with a 400."""
    introduction = Introduction.objects.create(
        mentorship=mentorship,
        made_by=mentorship.mentor,
        made_for=mentorship.mentee,
        contact_name="Ada",
        purpose="Data",
    )
    mentorship_transition(mentorship=mentorship, to_status="completed", by=mentor)
    client = as_role("mentor")
    pk = mentorship.pk
    answers = [
        _post(client, f"{API}/mentorships/{pk}/feedback", {"went_well": "Great"}),
        _post(
            client, f"{API}/mentorships/{pk}/introductions", {"contact_name": "B", "purpose": "x"}
        ),
        _post(client, f"{API}/introductions/{introduction.pk}/outcome", {"outcome": "Hired"}),
        client.post(f"/health/mentorships/{pk}/feedback/", {"went_well": "Great"}),
        client.post(f"/health/introductions/{introduction.pk}/outcome/", {"outcome": "Hired"}),
    ]
    assert [r.status_code for r in answers] == [403] * 5
    assert not Feedback.objects.exists()
    assert Introduction.objects.get().outcome == ""


def test_an_introduction_to_nobody_names_the_fields(as_role, mentorship):
    client = as_role("mentor")
    response = _post(client, f"{API}/mentorships/{mentorship.pk}/introductions", {"purpose": ""})
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == {"contact", "purpose"}
    response = _post(
        client,
        f"{API}/mentorships/{mentorship.pk}/introductions",
        {"contact_id": 999999, "purpose": "x"},
    )
    assert response.json()["errors"] == [{"field": "contact_id", "message": "No such colleague."}]
    response = _post(
        client,
        f"{API}/mentorships/{mentorship.pk}/introductions",
        {"contact_name": "A", "made_on": "soon"},
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"purpose", "made_on"}


@pytest.mark.parametrize("role", ROLES)
def test_introductions_list_and_outcome(role, as_role, mentorship):
    introduction = Introduction.objects.create(
        mentorship=mentorship,
        made_by=mentorship.mentor,
        made_for=mentorship.mentee,
        contact_name="Ada",
        purpose="Data",
    )
    client = as_role(role)
    listed = client.get(f"{API}/mentorships/{mentorship.pk}/introductions")
    outcome = _post(
        client, f"{API}/introductions/{introduction.pk}/outcome", {"outcome": "Hired me"}
    )
    if role in PAIR:
        assert listed.json()["count"] == 1
        assert outcome.json()["outcome"] == "Hired me"
    else:
        assert listed.status_code == outcome.status_code == _refused(role)


# --- health, risks, actions ------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_health_with_its_breakdown(role, as_role, mentorship):
    response = as_role(role).get(f"{API}/mentorships/{mentorship.pk}/health")
    if role in MANAGERS:
        body = response.json()
        assert (body["scored"], body["score"], body["at_risk"]) == (True, 100, False)
        assert [s["key"] for s in body["signals"]] == ["last_meeting", "recent_activity"]
        assert body["signals"][0]["reason"] == "no meeting held yet"
    elif role in PAIR:
        assert response.status_code == 403
    else:
        assert response.status_code == (401 if role == "anonymous" else 404)


@pytest.mark.parametrize("role", ROLES)
def test_the_at_risk_list(role, as_role, mentorship):
    health_recompute(now=timezone.now() + datetime.timedelta(days=95))
    response = as_role(role).get(f"{API}/risks")
    if role in MANAGERS:
        items = response.json()["items"]
        assert [(i["kind"], i["pair"], i["program"]) for i in items] == [
            ("recent_activity", "Maria Mentor → Theo Mentee", "onboarding")
        ]
    elif role == "other_program_admin":
        assert response.json()["count"] == 0
    else:
        assert response.status_code == (401 if role == "anonymous" else 403)


@pytest.mark.parametrize("role", ROLES)
def test_recording_an_action(role, as_role, mentorship):
    health_recompute(now=timezone.now() + datetime.timedelta(days=95))
    response = _post(
        as_role(role),
        f"{API}/mentorships/{mentorship.pk}/actions",
        {"kind": "rematched", "note": "New mentor", "resolve": True},
    )
    if role in MANAGERS:
        assert response.status_code == 201
        assert response.json()["kind"] == "rematched"
        assert as_role(role).get(f"{API}/risks?open=false").json()["count"] == 1
    elif role in PAIR:
        assert response.status_code == 403
    else:
        assert response.status_code == (401 if role == "anonymous" else 404)
    assert RiskAction.objects.exists() == (role in MANAGERS)


def test_a_bad_action_names_the_field(as_role, mentorship):
    client = as_role("program_manager")
    response = _post(client, f"{API}/mentorships/{mentorship.pk}/actions", {"kind": "yelled"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "kind"
    response = _post(client, f"{API}/mentorships/{mentorship.pk}/actions", {"kind": "other"})
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "note", "message": "Say what you did."}]


@pytest.mark.parametrize("role", ROLES)
def test_the_signals_explained(role, as_role):
    response = as_role(role).get(f"{API}/signals")
    if role == "anonymous":
        assert response.status_code == 401
        return
    keys = [s["key"] for s in response.json()]
    assert {"meeting_rhythm", "cancellations", "last_meeting", "goal_progress"} <= set(keys)
    last = next(s for s in response.json() if s["key"] == "last_meeting")
    assert "5 weeks against a fortnightly agreement costs 10" in last["moves"]
