"""The meetings API: the same rules as the pages, one error format, the version check (409)."""

import datetime

import pytest

from tandem.meetings import services
from tandem.meetings.models import ActionItem, Meeting, PrivateNote
from tandem.tests.roles import ROLES

from .factories import make_meeting

pytestmark = pytest.mark.django_db
API = "/api/v1/meetings"
PAIR = {"mentor", "mentee"}
ADMINS = {"program_manager", "program_admin", "superuser"}


def _json(client, method, url, data=None):
    return getattr(client, method)(url, data or {}, content_type="application/json")


@pytest.fixture
def upcoming(pair, now, mentor):
    meeting = make_meeting(pair, now + datetime.timedelta(days=6), agenda="AGENDA-TEXT")
    services.private_note_save(meeting=meeting, by=mentor, text="MENTOR-PRIVATE")
    return meeting


@pytest.fixture
def earlier(pair, now):
    return make_meeting(pair, now - datetime.timedelta(days=1))


# --- listing and reading ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_who_lists_which_meetings_and_what_they_read(role, as_role, upcoming):
    response = as_role(role).get(API + "/")
    if role == "anonymous":
        assert response.status_code == 401
        return
    items = response.json()["items"]
    if role in PAIR | ADMINS:
        [meeting] = items
        assert meeting["id"] == upcoming.pk and meeting["status"] == "confirmed"
        assert meeting["agenda"] == ("AGENDA-TEXT" if role in PAIR else None)
        assert meeting["video_url"] == ("https://meet.example.com/pair" if role in PAIR else None)
    else:
        assert items == []


@pytest.mark.parametrize("role", ROLES)
def test_reading_one_meeting(role, as_role, upcoming):
    response = as_role(role).get(f"{API}/{upcoming.pk}")
    expected = 401 if role == "anonymous" else 200 if role in PAIR | ADMINS else 404
    assert response.status_code == expected


def test_filters(as_role, upcoming, earlier, pair):
    client = as_role("mentee")
    assert [m["id"] for m in client.get(API + "/?since=2026-11-25").json()["items"]] == [
        upcoming.pk
    ]
    assert [m["id"] for m in client.get(API + "/?until=2026-11-24").json()["items"]] == [earlier.pk]
    assert client.get(f"{API}/?mentorship={pair.pk}&status=cancelled").json()["count"] == 0
    bad = client.get(API + "/?status=maybe")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "status"


def test_each_reads_the_time_on_their_own_clock(as_role, upcoming):
    mine = as_role("mentee").get(f"{API}/{upcoming.pk}").json()
    assert mine["starts_at"] == "2026-12-01T09:00:00Z"
    assert mine["my_local_start"] == "2026-12-01T04:00:00-05:00"


# --- scheduling -----------------------------------------------------------------------------------


def _proposal(pair, **overrides):
    data = {
        "mentorship_id": pair.pk,
        "date": "2026-12-02",
        "time": "10:00",
        "duration_minutes": 60,
        "mode": "virtual",
        "video_url": "https://meet.example.com/api",
    }
    data.update(overrides)
    return data


def test_propose_accept_counter_move_cancel(as_role, pair):
    mentee, mentor = as_role("mentee"), None
    created = _json(mentee, "post", API + "/", _proposal(pair))
    assert created.status_code == 201
    meeting_id = created.json()["id"]
    assert created.json()["starts_at"] == "2026-12-02T15:00:00Z"
    mentee.logout()
    mentor = as_role("mentor")
    countered = _json(
        mentor, "post", f"{API}/{meeting_id}/counter", {"date": "2026-12-03", "time": "09:00"}
    )
    assert countered.status_code == 200 and countered.json()["starts_at"] == "2026-12-03T08:00:00Z"
    refused = _json(mentor, "post", f"{API}/{meeting_id}/accept")
    assert refused.status_code == 403  # one does not accept one's own proposal (as on the page)
    mentor.logout()
    mentee = as_role("mentee")
    accepted = _json(mentee, "post", f"{API}/{meeting_id}/accept")
    assert accepted.json()["status"] == "confirmed"
    moved = _json(
        mentee, "post", f"{API}/{meeting_id}/move", {"date": "2026-12-04", "time": "11:00"}
    )
    assert moved.json()["status"] == "proposed"
    cancelled = _json(mentee, "post", f"{API}/{meeting_id}/cancel", {"reason": "Sick"})
    body = cancelled.json()
    assert body["status"] == "cancelled" and body["cancel_reason"] == "Sick"
    assert body["cancelled_by"]["name"] == "Theo Mentee"


def test_the_proposer_is_refused_answering_their_own_proposal_as_on_the_page(as_role, pair, now):
    """Accepting or countering is the partner's (permissions.can_answer / can_counter): the
    proposer may see the meeting but not do this, a 403 as the page answers, not a 400."""
    proposal = make_meeting(
        pair, now + datetime.timedelta(days=5), status="proposed", proposed_by=pair.mentee
    )
    mentee = as_role("mentee")
    accepted = _json(mentee, "post", f"{API}/{proposal.pk}/accept")
    countered = _json(
        mentee, "post", f"{API}/{proposal.pk}/counter", {"date": "2026-12-03", "time": "09:00"}
    )
    assert (accepted.status_code, countered.status_code) == (403, 403)
    proposal.refresh_from_db()
    assert proposal.status == "proposed" and proposal.sequence == 0
    series = services.series_propose(
        mentorship=pair,
        by=pair.mentee,
        first_day=datetime.date(2026, 12, 1),
        at=datetime.time(9, 0),
        mode="virtual",
        video_url="https://meet.example.com/pair",
    )
    assert _json(mentee, "post", f"{API}/series/{series.pk}/accept").status_code == 403
    mentee.logout()
    assert _json(as_role("mentor"), "post", f"{API}/{proposal.pk}/accept").status_code == 200
    assert _json(as_role("mentor"), "post", f"{API}/series/{series.pk}/accept").status_code == 200


def test_a_bad_proposal_names_the_field(as_role, pair):
    response = _json(as_role("mentee"), "post", API + "/", _proposal(pair, mode="in_person"))
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["location"]
    malformed = _json(as_role("mentee"), "post", API + "/", _proposal(pair, date="soon"))
    assert malformed.status_code == 422 and malformed.json()["errors"][0]["field"] == "date"
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_who_may_propose(role, as_role, pair):
    response = _json(as_role(role), "post", API + "/", _proposal(pair))
    expected = {"anonymous": 401}.get(role, 201 if role in PAIR else 403 if role in ADMINS else 404)
    assert response.status_code == expected


def test_attendance(as_role, earlier, pair):
    response = _json(
        as_role("mentor"),
        "put",
        f"{API}/{earlier.pk}/attendance",
        {"held": True, "arrivals": {str(pair.mentor_id): "on_time", str(pair.mentee_id): "late"}},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["outcome"] == "held"
    assert {a["person"]["id"]: a["arrival"] for a in body["arrivals"]} == {
        pair.mentor_id: "on_time",
        pair.mentee_id: "late",
    }
    bad = _json(as_role("mentor"), "put", f"{API}/{earlier.pk}/attendance", {"held": True})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "arrivals"


def test_a_series_through_the_api(as_role, pair):
    created = _json(
        as_role("mentee"),
        "post",
        API + "/series",
        {
            "mentorship_id": pair.pk,
            "date": "2026-12-01",
            "time": "09:00",
            "mode": "in_person",
            "location": "Room 4.12",
            "until": "2027-01-31",
        },
    )
    assert created.status_code == 201
    series = created.json()
    assert series["frequency"] == "fortnightly" and len(series["meeting_ids"]) == 5
    accepted = _json(as_role("mentor"), "post", f"{API}/series/{series['id']}/accept")
    assert accepted.json()["status"] == "active"
    stopped = _json(
        as_role("mentor"), "post", f"{API}/series/{series['id']}/stop", {"after": "2026-12-31"}
    )
    assert stopped.json()["status"] == "ended" and len(stopped.json()["meeting_ids"]) == 3
    too_long = _json(
        as_role("mentee"),
        "post",
        API + "/series",
        {
            "mentorship_id": pair.pk,
            "date": "2027-01-05",
            "time": "09:00",
            "mode": "virtual",
            "video_url": "https://x.example.com",
            "until": "2028-01-01",
        },
    )
    assert too_long.status_code == 400 and too_long.json()["errors"][0]["field"] == "until"


# --- notes ----------------------------------------------------------------------------------------


def test_shared_notes_with_the_version_check(as_role, earlier):
    url = f"{API}/{earlier.pk}/shared-notes"
    mentee = as_role("mentee")
    assert mentee.get(url).json()["version"] == 0
    first = _json(mentee, "put", url, {"text": "Theo's notes", "version": 0})
    assert first.status_code == 200 and first.json()["version"] == 1
    mentee.logout()
    clash = _json(as_role("mentor"), "put", url, {"text": "Maria's notes", "version": 0})
    assert clash.status_code == 409
    body = clash.json()
    assert body["current"]["text"] == "Theo's notes" and body["current"]["version"] == 1
    assert body["yours"] == "Maria's notes" and body["errors"][0]["field"] == "version"
    assert services.shared_note_of(earlier).text == "Theo's notes"


@pytest.mark.parametrize("role", ROLES)
def test_who_reads_shared_notes(role, as_role, earlier, mentee):
    services.shared_note_save(meeting=earlier, by=mentee, text="SHARED", version=0)
    response = as_role(role).get(f"{API}/{earlier.pk}/shared-notes")
    expected = {"anonymous": 401}.get(role, 200 if role in PAIR else 403 if role in ADMINS else 404)
    assert response.status_code == expected
    assert ("SHARED" in response.content.decode()) == (role in PAIR)


@pytest.mark.parametrize("role", ROLES)
def test_private_notes_are_only_ever_ones_own(role, as_role, upcoming):
    client = as_role(role)
    response = client.get(f"{API}/{upcoming.pk}/private-notes")
    assert ("MENTOR-PRIVATE" in response.content.decode()) == (role == "mentor")
    expected = {"anonymous": 401}.get(role, 200 if role in PAIR else 403 if role in ADMINS else 404)
    assert response.status_code == expected
    written = _json(
        client, "put", f"{API}/{upcoming.pk}/private-notes", {"text": f"{role} was here"}
    )
    assert written.status_code == expected
    assert PrivateNote.objects.get(author__email="mentor@example.com").text == (
        "mentor was here" if role == "mentor" else "MENTOR-PRIVATE"
    )
    # Nowhere in the listing either.
    assert "MENTOR-PRIVATE" not in client.get(API + "/").content.decode()


# --- action items ---------------------------------------------------------------------------------


def test_action_items(as_role, pair, earlier):
    mentor = as_role("mentor")
    created = _json(
        mentor,
        "post",
        API + "/action-items",
        {
            "mentorship_id": pair.pk,
            "meeting_id": earlier.pk,
            "title": "Book the course",
            "owner_id": pair.mentee_id,
            "due_on": "2026-12-10",
        },
    )
    assert created.status_code == 201
    item = created.json()
    assert item["owner"]["id"] == pair.mentee_id and item["done"] is False
    assert mentor.get(API + "/action-items?open=true").json()["count"] == 1
    assert mentor.get(API + "/action-items?mine=true").json()["count"] == 0
    done = _json(mentor, "patch", f"{API}/action-items/{item['id']}", {"done": True})
    assert done.json()["done"] is True
    assert mentor.get(API + "/action-items?open=true").json()["count"] == 0
    bad = _json(mentor, "patch", f"{API}/action-items/{item['id']}", {"owner_id": 999999})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "owner_id"
    missing = _json(
        mentor,
        "post",
        API + "/action-items",
        {"mentorship_id": pair.pk, "title": "", "owner_id": pair.mentee_id, "due_on": "2026-12-10"},
    )
    assert missing.status_code == 400 and missing.json()["errors"][0]["field"] == "title"


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_action_items(role, as_role, pair, mentor, mentee):
    ActionItem.objects.create(
        mentorship=pair,
        title="ITEM",
        owner=mentee,
        created_by=mentor,
        due_on=datetime.date(2026, 12, 1),
    )
    response = as_role(role).get(API + "/action-items")
    if role == "anonymous":
        assert response.status_code == 401
    else:
        assert response.json()["count"] == (1 if role in PAIR else 0)


def test_preferences(as_role, mentee):
    client = as_role("mentee")
    assert client.get(API + "/preferences").json()["day_before"] is True
    changed = _json(client, "put", API + "/preferences", {"day_before": False})
    assert changed.json()["day_before"] is False and changed.json()["hour_before"] is True
    bad = _json(client, "put", API + "/preferences", {"calendar_alarm_minutes": 99999})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "calendar_alarm_minutes"


def test_the_schema_lists_the_meetings_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/meetings/{meeting_id}/shared-notes" in paths
    assert "409" in paths["/api/v1/meetings/{meeting_id}/shared-notes"]["put"]["responses"]
