"""A pair runs its meetings in Chromium: a fortnightly series from the agreement, one meeting
cancelled with a reason, shared and private notes, an action item carried over."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tandem.meetings import services
from tandem.meetings.models import ActionItem, MeetingSeries, PrivateNote, SharedNote

from .conftest import NOW
from .factories import make_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def running_pair(pair, time_machine):
    """The pair, built on a frozen clock; then the clock runs (the server and the browser talk
    in real time)."""
    time_machine.move_to(NOW, tick=True)
    return pair


def _switch(page, sign_in, person):
    page.context.clear_cookies()
    sign_in(person)


def test_a_pair_schedules_a_fortnightly_series_from_the_agreement(
    page, sign_in, running_pair, mentee, mentor
):
    sign_in(mentee)
    page.goto(f"/meetings/mentorship/{running_pair.pk}/")
    page.get_by_role("button", name="Schedule a series from our agreement").click()
    expect(page.get_by_label("How often")).to_have_value("fortnightly")
    expect(page.get_by_label("Until")).to_have_value("2027-06-30")
    page.get_by_label("First meeting on").fill("2026-12-01")
    page.get_by_label("Time").fill("09:00")
    page.get_by_label("Virtual").check()
    page.get_by_label("Video link").fill("https://meet.example.com/theo-maria")
    page.get_by_role("button", name="Propose the series").click()
    expect(page.get_by_text("16 meetings proposed; your partner will answer.")).to_be_visible()

    _switch(page, sign_in, mentor)
    page.goto("/meetings/")
    page.get_by_role("link", name=re.compile("Every two weeks meetings with Theo Mentee")).click()
    page.get_by_role("button", name="Accept all 16 meetings").click()
    expect(page.get_by_text("Series accepted")).to_be_visible()
    # 09:00 in New York is 15:00 in Paris, the mentor's clock.
    expect(page.get_by_role("link", name="Tue 1 Dec 2026, 15:00")).to_be_visible()
    series = MeetingSeries.objects.get()
    assert series.status == "active" and series.occurrences.filter(status="confirmed").count() == 16


@pytest.fixture
def agreed_series(running_pair, mentee, mentor):
    series = services.series_propose(
        mentorship=running_pair,
        by=mentee,
        first_day=datetime.date(2026, 12, 1),
        at=datetime.time(9),
        until=datetime.date(2027, 1, 31),
        mode="in_person",
        location="Room 4.12",
    )
    return services.series_accept(series=series, by=mentor)


def test_one_occurrence_is_cancelled_with_a_reason(page, sign_in, agreed_series, mentor, mentee):
    second = agreed_series.occurrences.order_by("starts_at")[1]
    sign_in(mentor)
    page.goto(second.get_absolute_url())
    page.get_by_role("button", name="Cancel", exact=True).click()
    page.get_by_label("Why are you cancelling?").fill("Customer visit in Lyon")
    page.get_by_role("button", name="Cancel the meeting").click()
    expect(page.get_by_text("Meeting cancelled; your partner has been told.")).to_be_visible()

    _switch(page, sign_in, mentee)
    page.goto(agreed_series.get_absolute_url())
    row = page.get_by_role("row", name=re.compile("Tue 15 Dec 2026"))
    expect(row).to_contain_text("Cancelled")
    expect(row).to_contain_text("by Maria Mentor: “Customer visit in Lyon”")
    statuses = list(agreed_series.occurrences.values_list("status", flat=True))
    assert statuses.count("cancelled") == 1 and statuses.count("confirmed") == len(statuses) - 1


def test_shared_and_private_notes_each_side_sees_what_it_should(
    page, sign_in, running_pair, mentee, mentor, program_manager
):
    meeting = make_meeting(running_pair, NOW - datetime.timedelta(days=1))
    sign_in(mentee)
    page.goto(meeting.get_absolute_url())
    page.get_by_role("textbox", name="Shared notes").fill("We discussed the Berlin offer.")
    page.get_by_role("button", name="Save shared notes").click()
    expect(page.get_by_text("Version 1, saved by Theo Mentee")).to_be_visible()
    page.get_by_role("textbox", name="My private notes").fill("I am nervous about relocating.")
    page.get_by_role("button", name="Save my private notes").click()
    expect(page.get_by_text("Private notes saved. Only you can read them.")).to_be_visible()

    _switch(page, sign_in, mentor)
    page.goto(meeting.get_absolute_url())
    expect(page.get_by_role("textbox", name="Shared notes")).to_have_value(
        "We discussed the Berlin offer."
    )
    expect(page.get_by_role("textbox", name="My private notes")).to_have_value("")
    assert "nervous about relocating" not in page.content()
    # Theo edits the notes meanwhile; Maria's save is stopped and she sees both texts.
    services.shared_note_save(meeting=meeting, by=mentee, text="Berlin offer: yes!", version=1)
    page.get_by_role("textbox", name="Shared notes").fill(
        "Berlin offer; next step is the salary talk."
    )
    page.get_by_role("button", name="Save shared notes").click()
    expect(page.get_by_text("saved these notes while you were writing")).to_be_visible()
    expect(page.locator(".note-theirs")).to_have_text("Berlin offer: yes!")
    expect(page.get_by_role("textbox", name="Shared notes")).to_have_value(
        "Berlin offer; next step is the salary talk."
    )
    assert SharedNote.objects.get().text == "Berlin offer: yes!"
    page.get_by_role("textbox", name="Shared notes").fill(
        "Berlin offer: yes! Next step is the salary talk."
    )
    page.get_by_role("button", name="Save my combined version").click()
    expect(page.get_by_text("Version 3, saved by Maria Mentor")).to_be_visible()

    _switch(page, sign_in, program_manager)
    page.goto(meeting.get_absolute_url())
    expect(
        page.get_by_text("As a program admin you see that this meeting took place")
    ).to_be_visible()
    assert "Berlin" not in page.content() and "relocating" not in page.content()
    assert PrivateNote.objects.get().author == mentee


def test_an_action_item_carries_over_until_done(page, sign_in, running_pair, mentee, mentor):
    last_week = make_meeting(running_pair, NOW - datetime.timedelta(days=7))
    next_week = make_meeting(running_pair, NOW + datetime.timedelta(days=7))
    sign_in(mentor)
    page.goto(last_week.get_absolute_url())
    page.get_by_role("textbox", name="Action").fill("Send me your CV draft")
    page.get_by_label("Who").select_option(label="Theo Mentee")
    page.get_by_label("Due").fill("2026-11-30")
    page.get_by_role("button", name="Add action item").click()
    expect(page.get_by_text("Action item added.")).to_be_visible()

    _switch(page, sign_in, mentee)
    page.goto(next_week.get_absolute_url())
    carried = page.get_by_role("list", name="Action items carried over")
    expect(carried).to_contain_text("Send me your CV draft")
    expect(carried).to_contain_text("Theo Mentee, due 30 Nov 2026")
    carried.get_by_role("button", name="Mark done: Send me your CV draft").click()
    expect(page.get_by_text("“Send me your CV draft” done.")).to_be_visible()
    expect(page.get_by_role("list", name="Action items carried over")).to_have_count(0)
    assert ActionItem.objects.get().done_by == mentee
