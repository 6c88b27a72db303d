"""My notifications over the API."""

import pytest

from tandem.api.testing import api_client
from tandem.notifications.services import notify

pytestmark = pytest.mark.django_db


def _notify(person, title, **extra):
    return notify(recipient=person, kind="test", title=title, email=False, **extra)


def test_i_see_only_my_notifications_newest_first(mentee, mentor):
    _notify(mentee, "First")
    _notify(mentee, "Second", needs_action=True)
    _notify(mentor, "Not yours")
    body = api_client(mentee).get("/api/v1/notifications/").json()
    assert [n["title"] for n in body["items"]] == ["Second", "First"]
    api = api_client(mentee)
    assert [
        n["title"]
        for n in api.get("/api/v1/notifications/", {"needs_action": True}).json()["items"]
    ] == ["Second"]


def test_unread_count_and_marking_read(mentee):
    first = _notify(mentee, "First")
    _notify(mentee, "Second")
    api = api_client(mentee)
    assert api.get("/api/v1/notifications/unread-count").json() == {"unread": 2}
    assert api.post(f"/api/v1/notifications/{first.pk}/read").json()["read_at"]
    assert api.get("/api/v1/notifications/unread-count").json() == {"unread": 1}
    assert api.post("/api/v1/notifications/read", {}).json() == {"marked": 1}
    assert api.get("/api/v1/notifications/", {"unread": True}).json()["count"] == 0


def test_marking_someone_elses_notification_is_a_404_and_changes_nothing(mentee, mentor):
    theirs = _notify(mentor, "Private")
    api = api_client(mentee)
    assert api.post(f"/api/v1/notifications/{theirs.pk}/read").status_code == 404
    assert api.post("/api/v1/notifications/read", {"ids": [theirs.pk]}).json() == {"marked": 0}
    theirs.refresh_from_db()
    assert theirs.read_at is None
