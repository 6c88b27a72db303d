"""The pages' flows: forms, field errors, the notes conflict as a person meets it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.meetings import services
from tandem.meetings.models import ActionItem, Meeting, MeetingSeries

from .factories import make_meeting

pytestmark = pytest.mark.django_db


def test_proposing_a_meeting_from_the_page(as_role, pair, mentor):
    response = as_role("mentee").post(
        reverse("meetings:propose", args=[pair.pk]),
        {
            "date": "2026-12-02",
            "time": "10:00",
            "duration_minutes": "45",
            "mode": "virtual",
            "video_url": "https://meet.example.com/t",
            "agenda": "My first month",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert meeting.starts_at == datetime.datetime(2026, 12, 2, 15, tzinfo=datetime.UTC)
    assert meeting.duration_minutes == 45


def test_a_bad_proposal_is_shown_with_its_field_errors(as_role, pair):
    response = as_role("mentee").post(
        reverse("meetings:propose", args=[pair.pk]),
        {"date": "2026-11-01", "time": "10:00", "duration_minutes": "60", "mode": "in_person"},
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "date" in errors and "Choose a time in the future." in errors["date"]
    assert not Meeting.objects.exists()


def test_the_series_form_starts_from_the_agreement(as_role, pair):
    form = as_role("mentor").get(reverse("meetings:series_propose", args=[pair.pk])).context["form"]
    assert form.initial["frequency"] == "fortnightly"
    assert form.initial["until"] == datetime.date(2027, 6, 30)
    assert form.fields["duration_minutes"].initial == 60


def test_proposing_a_series_from_the_page(as_role, pair):
    response = as_role("mentor").post(
        reverse("meetings:series_propose", args=[pair.pk]),
        {
            "frequency": "fortnightly",
            "date": "2026-12-01",
            "time": "09:30",
            "duration_minutes": "60",
            "monthly_by": "weekday",
            "until": "2027-02-28",
            "mode": "in_person",
            "location": "Room 4.12",
        },
    )
    series = MeetingSeries.objects.get()
    assert response.status_code == 302 and series.occurrences.count() == 7
    page = as_role("mentee").get(series.get_absolute_url()).content.decode()
    assert "Accept all 7 meetings" in page


def test_a_second_writer_sees_both_texts_and_nothing_is_lost(as_role, pair, mentee, now):
    meeting = make_meeting(pair, now - datetime.timedelta(hours=2))
    services.shared_note_save(meeting=meeting, by=mentee, text="Theo's notes", version=0)
    response = as_role("mentor").post(
        reverse("meetings:shared_notes", args=[meeting.pk]),
        {"shared-text": "Maria's notes", "shared-version": 0},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "saved these notes while you were writing" in page
    assert "Theo&#x27;s notes" in page and "Maria&#x27;s notes" in page
    assert services.shared_note_of(meeting).text == "Theo's notes"
    # The form now carries the current version: saving again is a deliberate choice.
    assert response.context["shared_form"].initial["version"] == 1


def test_the_conflict_comes_back_as_an_htmx_fragment(as_role, pair, mentee, now):
    meeting = make_meeting(pair, now - datetime.timedelta(hours=2))
    services.shared_note_save(meeting=meeting, by=mentee, text="first", version=0)
    response = as_role("mentor").post(
        reverse("meetings:shared_notes", args=[meeting.pk]),
        {"shared-text": "second", "shared-version": 0},
        HTTP_HX_REQUEST="true",
    )
    # htmx swaps only 2xx answers: the fragment carries the conflict itself.
    assert response.status_code == 200
    fragment = response.content.decode().lstrip()
    assert fragment.startswith('<section id="shared-notes"')
    assert "saved these notes while you were writing" in fragment


def test_ticking_an_item_off_returns_only_to_this_site(as_role, pair, mentor, mentee, now):
    meeting = make_meeting(pair, now - datetime.timedelta(hours=2))
    item = services.action_item_add(
        mentorship=pair,
        by=mentor,
        meeting=meeting,
        title="Read the book",
        owner=mentee,
        due_on=datetime.date(2026, 12, 5),
    )
    response = as_role("mentee").post(
        reverse("meetings:action_item_toggle", args=[item.pk]),
        {"done": "1", "next": "https://evil.example.com/"},
    )
    assert response["Location"] == f"{meeting.get_absolute_url()}#action-items"
    assert ActionItem.objects.get().is_done


def test_adding_an_item_without_a_due_date_names_the_field(as_role, pair, now):
    meeting = make_meeting(pair, now - datetime.timedelta(hours=2))
    response = as_role("mentor").post(
        reverse("meetings:action_item_add", args=[meeting.pk]),
        {"item-title": "Call Ana", "item-owner": str(pair.mentee_id), "item-due_on": ""},
    )
    assert response.status_code == 400
    assert "due_on" in response.context["item_form"].errors
    assert not ActionItem.objects.exists()


def test_preferences_and_a_new_feed_address(as_role, mentee):
    client = as_role("mentee")
    page = client.get(reverse("meetings:preferences"))
    old_url = page.context["feed_url"]
    response = client.post(
        reverse("meetings:preferences"),
        {
            "by_email": "on",
            "day_before": "on",
            "weekly_digest": "on",
            "calendar_alarm_minutes": "30",
        },
    )
    assert response.status_code == 302
    chosen = services.preferences_for(mentee)
    assert (chosen.in_app, chosen.hour_before, chosen.rhythm_nudges) == (False, False, False)
    assert chosen.calendar_alarm_minutes == 30
    client.post(reverse("meetings:feed_reset"))
    new_url = client.get(reverse("meetings:preferences")).context["feed_url"]
    assert new_url != old_url
    assert client.get(old_url).status_code == 404 and client.get(new_url).status_code == 200


def test_the_tab_appears_on_the_mentorship(as_role, pair):
    page = as_role("mentor").get(pair.get_absolute_url()).content.decode()
    assert reverse("meetings:list", args=[pair.pk]) in page


@pytest.mark.parametrize("name", ["meetings:list", "meetings:mine"])
def test_pages_cost_the_same_with_many_meetings(name, as_role, pair, mentor, mentee, now):
    """No query per meeting: the page with forty meetings costs what it costs with four."""
    client = as_role("mentee")
    url = reverse(name, args=[pair.pk]) if name == "meetings:list" else reverse(name)

    def add(count):
        for index in range(count):
            meeting = make_meeting(pair, now + datetime.timedelta(days=index - count // 2))
            if index % 3 == 0 and meeting.starts_at < now:
                services.meeting_record_attendance(
                    meeting=meeting,
                    by=mentor,
                    held=True,
                    arrivals={mentor.pk: "on_time", mentee.pk: "late"},
                )

    add(4)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add(40)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
