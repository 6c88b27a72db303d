"""The privacy helpers: a person's meeting data, and erasing it while reports keep counting."""

import datetime
import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from tandem.meetings import services
from tandem.meetings.models import ActionItem, Meeting, PrivateNote, SharedNote
from tandem.meetings.privacy import erase, personal_data
from tandem.meetings.selectors import meeting_signals

from .factories import make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(pair, now, mentor, mentee):
    held = make_meeting(pair, now - datetime.timedelta(days=3), agenda="Career plans")
    services.meeting_record_attendance(
        meeting=held, by=mentor, held=True, arrivals={mentor.pk: "on_time", mentee.pk: "late"}
    )
    services.shared_note_save(meeting=held, by=mentee, text="We talked about Berlin.", version=0)
    services.private_note_save(meeting=held, by=mentee, text="THEO-PRIVATE")
    services.private_note_save(meeting=held, by=mentor, text="MARIA-PRIVATE")
    services.action_item_add(
        mentorship=pair,
        by=mentor,
        meeting=held,
        title="Apply for the Berlin role",
        owner=mentee,
        due_on=datetime.date(2026, 12, 1),
    )
    dropped = make_meeting(pair, now + datetime.timedelta(days=4))
    services.meeting_cancel(meeting=dropped, by=mentee, reason="Doctor's appointment")
    services.preferences_save(person=mentee, hour_before=False)
    services.calendar_feed_for(person=mentee)
    return held


def test_personal_data_has_their_meetings_and_their_own_private_notes_only(story, mentee):
    data = personal_data(mentee)
    assert [m["id"] for m in data["meetings"]] == list(
        Meeting.objects.order_by("starts_at").values_list("pk", flat=True)
    )
    held = data["meetings"][0]
    assert held["shared_notes"] == "We talked about Berlin."
    assert held["my_arrival"] == "late" and held["with"] == "Maria Mentor"
    assert data["meetings"][1]["cancel_reason"] == "Doctor's appointment"
    assert data["meetings"][1]["cancelled_by_me"] is True
    assert [n["text"] for n in data["my_private_notes"]] == ["THEO-PRIVATE"]
    assert data["preferences"]["hour_before"] is False and data["calendar_feed"] is True
    assert data["action_items"][0]["title"] == "Apply for the Berlin role"
    text = json.dumps(data, cls=DjangoJSONEncoder)
    assert "MARIA-PRIVATE" not in text


def test_someone_elses_export_never_holds_ones_private_notes(story, mentor):
    assert "THEO-PRIVATE" not in json.dumps(personal_data(mentor), cls=DjangoJSONEncoder)


def test_erasing_removes_the_content_and_keeps_the_counts(story, pair, mentee, mentor, now):
    before = meeting_signals(pair, since=datetime.date(2026, 11, 1), until=now.date())
    erase(mentee)
    assert not PrivateNote.objects.filter(author=mentee).exists()
    assert PrivateNote.objects.filter(author=mentor).exists()  # the partner's own stays theirs
    assert SharedNote.objects.get().text == ""
    assert set(Meeting.objects.values_list("agenda", flat=True)) == {""}
    assert Meeting.objects.get(status="cancelled").cancel_reason == "[erased]"
    assert ActionItem.objects.get().title == "[erased]"
    after = meeting_signals(pair, since=datetime.date(2026, 11, 1), until=now.date())
    assert (after.held, after.cancelled, after.late_arrivals) == (
        before.held,
        before.cancelled,
        before.late_arrivals,
    )
    data = personal_data(mentee)
    assert data["my_private_notes"] == [] and data["preferences"] == {}
    assert data["calendar_feed"] is False
