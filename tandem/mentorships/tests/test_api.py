"""The mentorships API: each endpoint's happy path, its refusals role by role, and bad payloads
answered with the field at fault."""

import pytest

from tandem.api.services import api_token_create
from tandem.mentorships.models import Mentorship
from tandem.mentorships.services import agreement_save, mentorship_transition, reflection_save
from tandem.mentorships.tests.factories import MOTIVATION, make_mentorship, make_request
from tandem.tests.roles import ROLES

pytestmark = pytest.mark.django_db

API = "/api/v1/mentorships"
PAIR = {"mentor", "mentee"}
ADMINS = {"program_manager", "program_admin", "superuser"}


class Caller:
    """A test client that calls the API with a person's token (or none, for 'anonymous')."""

    def __init__(self, client, user):
        self.client = client
        self.headers = {}
        if user is not None:
            self.headers["HTTP_AUTHORIZATION"] = (
                f"Bearer {api_token_create(user=user, name='t')[1]}"
            )

    def get(self, path, **params):
        return self.client.get(API + path, params, **self.headers)

    def post(self, path, body=None):
        return self.client.post(
            API + path, body or {}, content_type="application/json", **self.headers
        )

    def put(self, path, body):
        return self.client.put(API + path, body, content_type="application/json", **self.headers)


@pytest.fixture
def api(request, client):
    def _as(role: str) -> Caller:
        return Caller(client, None if role == "anonymous" else request.getfixturevalue(role))

    return _as


def _expected(role, allowed, *, admins=404, ok=200):
    if role == "anonymous":
        return 401
    if role in allowed:
        return ok
    return admins if role in ADMINS else 404


# --- my mentorships -----------------------------------------------------------------------------


def test_my_mentorships_filter_by_role_status_and_program(api, mentorship, mutual_program, mentor):
    make_mentorship(program=mutual_program, mentor=mentor)  # Maria is also a peer elsewhere
    caller = api("mentor")
    everything = caller.get("/").json()
    assert everything["count"] == 2
    assert {m["my_role"] for m in everything["items"]} == {"mentor", "peer"}
    assert [m["id"] for m in caller.get("/", role="mentor").json()["items"]] == [mentorship.pk]
    assert caller.get("/", role="peer").json()["count"] == 1
    assert caller.get("/", status="completed").json()["count"] == 0
    assert caller.get("/", program=mentorship.program.slug).json()["count"] == 1
    item = caller.get("/", role="mentor").json()["items"][0]
    assert item["agreement_in_force"] == 1
    assert item["next_action"]["code"] == "meet"


def test_a_bad_role_filter_names_the_field(api, mentorship):
    response = api("mentor").get("/", role="boss")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "role"


@pytest.mark.parametrize("role", ROLES)
def test_my_mentorships_are_mine_only(role, api, mentorship):
    response = api(role).get("/")
    assert response.status_code == (401 if role == "anonymous" else 200)
    if role != "anonymous":
        assert response.json()["count"] == (1 if role in PAIR else 0)


@pytest.mark.parametrize("role", ROLES)
def test_a_mentorship_content_goes_to_the_pair_only(role, api, mentorship, mentee):
    mentorship_transition(mentorship=mentorship, to_status="completed", by=mentee)
    reflection_save(
        mentorship=mentorship,
        by=mentee,
        gained="Nerve.",
        partner_gained="Patience.",
        recommend="yes",
        reason="goals_met",
    )
    response = api(role).get(f"/{mentorship.pk}")
    assert response.status_code == _expected(role, PAIR | ADMINS)
    if response.status_code != 200:
        return
    body = response.json()
    assert body["reflections_given"][0]["recommend"] == "yes"
    if role in PAIR:
        assert body["agreement"]["goals"]
        assert body["reflections"][0]["gained"] == "Nerve."
    else:
        assert body["agreement"] is None and body["reflections"] is None
        assert "Nerve." not in response.content.decode()
        assert body["agreement_in_force"] == 1


# --- proposals and the lifecycle ---------------------------------------------------------------


@pytest.fixture
def proposal(program, mentor, mentee):
    return make_mentorship(program=program, mentor=mentor, mentee=mentee, status="proposed")


@pytest.mark.parametrize("role", ROLES)
def test_accepting_a_proposal_is_for_the_two_people(role, api, proposal):
    response = api(role).post(f"/{proposal.pk}/accept")
    assert response.status_code == _expected(role, PAIR, admins=403)
    if role in PAIR:
        assert response.json()[f"{role}_accepted_at"]
        assert response.json()["status"] == "proposed"


def test_both_accept_and_the_mentorship_begins(api, proposal):
    api("mentee").post(f"/{proposal.pk}/accept")
    assert api("mentor").post(f"/{proposal.pk}/accept").json()["status"] == "active"


def test_declining_needs_a_reason(api, proposal):
    missing = api("mentee").post(f"/{proposal.pk}/decline", {})
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "reason"
    blank = api("mentee").post(f"/{proposal.pk}/decline", {"reason": " "})
    assert blank.status_code == 400 and blank.json()["errors"][0]["field"] == "reason"
    done = api("mentee").post(f"/{proposal.pk}/decline", {"reason": "Same team."})
    assert done.json()["status"] == "declined"


@pytest.mark.parametrize("role", ROLES)
def test_pausing_through_the_api(role, api, mentorship):
    response = api(role).post(f"/{mentorship.pk}/transition", {"status": "paused"})
    assert response.status_code == _expected(role, PAIR | ADMINS)
    assert Mentorship.objects.get(pk=mentorship.pk).status == (
        "paused" if role in PAIR | ADMINS else "active"
    )


def test_ending_early_without_a_reason_names_the_field(api, mentorship):
    response = api("mentee").post(f"/{mentorship.pk}/transition", {"status": "ended"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "reason"
    illegal = api("mentee").post(f"/{mentorship.pk}/transition", {"status": "declined"})
    assert illegal.status_code == 422


def test_a_reflection_waits_for_the_close(api, mentorship):
    body = {"gained": "a", "partner_gained": "b", "recommend": "yes", "reason": "goals_met"}
    assert api("mentee").post(f"/{mentorship.pk}/reflection", body).status_code == 400
    mentorship_transition(
        mentorship=mentorship, to_status="completed", by=api and mentorship.mentee
    )
    assert api("mentee").post(f"/{mentorship.pk}/reflection", body).status_code == 200
    assert api("program_admin").post(f"/{mentorship.pk}/reflection", body).status_code == 403
    bad = api("mentor").post(f"/{mentorship.pk}/reflection", {**body, "recommend": "maybe"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "recommend"


# --- the agreement ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_agreement_is_read_by_the_pair_only(role, api, mentorship):
    response = api(role).get(f"/{mentorship.pk}/agreement")
    assert response.status_code == _expected(role, PAIR, admins=403)
    if role in PAIR:
        assert response.json()["in_force"] is True


def test_amending_signing_and_reading_the_versions(api, mentorship):
    amended = api("mentee").put(f"/{mentorship.pk}/agreement", {"meeting_frequency": "weekly"})
    assert amended.status_code == 200
    assert (amended.json()["version"], amended.json()["in_force"]) == (2, False)
    assert api("mentee").post(f"/{mentorship.pk}/agreement/sign", {"version": 2}).status_code == 200
    signed = api("mentor").post(f"/{mentorship.pk}/agreement/sign", {"version": 2}).json()
    assert signed["in_force"] is True
    versions = api("mentor").get(f"/{mentorship.pk}/agreement/versions").json()
    assert [v["version"] for v in versions] == [1, 2]
    assert [c["field"] for c in versions[1]["changes"]] == ["meeting_frequency"]
    assert versions[1]["changes"][0]["after"] == "Weekly"


def test_signing_an_old_version_is_refused(api, mentorship):
    api("mentee").put(f"/{mentorship.pk}/agreement", {"goals": "Sharper goals."})
    response = api("mentor").post(f"/{mentorship.pk}/agreement/sign", {"version": 1})
    assert response.status_code == 400
    assert "newer version" in response.json()["detail"]


def test_bad_agreement_terms_name_the_field(api, mentorship):
    frequency = api("mentee").put(f"/{mentorship.pk}/agreement", {"meeting_frequency": "daily"})
    assert frequency.status_code == 422
    assert frequency.json()["errors"][0]["field"] == "meeting_frequency"
    dates = api("mentee").put(
        f"/{mentorship.pk}/agreement", {"start_date": "2026-05-01", "end_date": "2026-04-01"}
    )
    assert dates.status_code == 400
    assert dates.json()["errors"][0]["field"] == "end_date"
    minutes = api("mentee").put(f"/{mentorship.pk}/agreement", {"meeting_minutes": 5})
    assert minutes.status_code == 400
    assert minutes.json()["errors"][0]["field"] == "meeting_minutes"
    assert mentorship.agreements.count() == 1


def test_nothing_to_read_before_the_agreement_is_written(api, program, mentor, mentee):
    fresh = make_mentorship(program=program, mentor=mentor, mentee=mentee, agreement=False)
    assert api("mentee").get(f"/{fresh.pk}/agreement").status_code == 404
    agreement_save(
        mentorship=fresh, by=mentee, goals="Grow.", start_date="2026-03-02", end_date="2026-08-28"
    )
    assert api("mentor").get(f"/{fresh.pk}/agreement").json()["signatures"] == []


# --- the shortlist and requests ----------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_shortlist_is_for_the_programs_mentees(role, api, choosing):
    response = api(role).get("/shortlist", program=choosing["program"].slug)
    assert response.status_code == {"anonymous": 401, "mentee": 200}.get(role, 403)
    if role == "mentee":
        [entry] = response.json()
        assert entry["mentor"]["name"] == "Maria Mentor"
        assert 0 < entry["percent"] <= 100 and entry["places_left"] == 2


def test_a_mentee_sends_a_request_and_the_mentor_accepts(api, choosing, mentor):
    sent = api("mentee").post(
        "/requests", {"program": choosing["program"].slug, "mentor": mentor.pk, **MOTIVATION}
    )
    assert sent.status_code == 201
    request_id = sent.json()["id"]
    assert api("mentor").get("/requests", direction="received").json()["count"] == 1
    assert api("mentee").get("/requests", direction="received").json()["count"] == 0
    accepted = api("mentor").post(f"/requests/{request_id}/accept", {"message": "Yes!"})
    assert accepted.status_code == 200
    assert (accepted.json()["status"], accepted.json()["origin"]) == ("active", "request")
    assert api("mentee").get(f"/requests/{request_id}").json()["status"] == "accepted"


def test_a_request_with_a_missing_motivation_names_the_field(api, choosing, mentor):
    short = api("mentee").post(
        "/requests",
        {
            "program": choosing["program"].slug,
            "mentor": mentor.pk,
            "admire": "x",
            "hope_to_gain": "y",
        },
    )
    assert short.status_code == 400
    assert {e["field"] for e in short.json()["errors"]} == {"admire", "hope_to_gain"}
    missing = api("mentee").post("/requests", {"program": choosing["program"].slug})
    assert missing.status_code == 422
    unknown = api("mentee").post(
        "/requests", {"program": choosing["program"].slug, "mentor": 999999, **MOTIVATION}
    )
    assert unknown.status_code == 400 and unknown.json()["errors"][0]["field"] == "mentor"


@pytest.mark.parametrize("role", ROLES)
def test_answering_a_request_is_for_its_mentor(role, api, choosing, mentee):
    request = make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])
    response = api(role).post(f"/requests/{request.pk}/decline", {"message": "Sorry"})
    expected = {"anonymous": 401, "mentor": 200, "mentee": 403}.get(role, 404)
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_withdrawing_a_request_is_for_its_mentee(role, api, choosing, mentee):
    request = make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])
    response = api(role).post(f"/requests/{request.pk}/withdraw")
    expected = {"anonymous": 401, "mentee": 200, "mentor": 403}.get(role, 404)
    assert response.status_code == expected
    if role == "mentee":
        assert response.json()["status"] == "withdrawn"


def test_no_versions_before_the_agreement_is_written(api, program, mentor, mentee):
    fresh = make_mentorship(program=program, mentor=mentor, mentee=mentee, agreement=False)
    assert api("mentee").get(f"/{fresh.pk}/agreement/versions").json() == []
