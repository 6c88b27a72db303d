"""The calendar feed and invitations, generated with `icalendar` and read back here with an
independent parser (vobject), field by field: times and zones, the recurrence and its
exceptions (moved and cancelled occurrences), cancellations, the alarm, place, link, text."""

import datetime
import zoneinfo

import pytest
import vobject
from django.urls import reverse

from tandem.meetings import services
from tandem.meetings.calendar import meeting_invitation, person_feed, series_invitation

from .factories import at

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
UTC = datetime.UTC
D, T = datetime.date, datetime.time


@pytest.fixture
def calendar_case(pair, mentor, mentee):
    """A fortnightly series at 10:00 Paris time across the spring change (28 March 2027): the
    second meeting moved, the third cancelled; plus a one-off in person, and one cancelled."""
    series = services.series_propose(
        mentorship=pair,
        by=mentor,
        first_day=D(2027, 3, 1),
        at=T(10, 0),
        until=D(2027, 4, 30),
        mode="virtual",
        video_url="https://meet.example.com/maria-theo",
        agenda="How the quarter went; next steps.",
    )
    services.series_accept(series=series, by=mentee)
    first, second, third, *_ = series.occurrences.order_by("recurrence_start")
    services.meeting_move(meeting=second, by=mentor, day=D(2027, 3, 16), at=T(11, 0))
    services.meeting_accept(meeting=second, by=mentee)
    services.meeting_cancel(meeting=third, by=mentee, reason="Customer visit")
    one_off = services.meeting_propose(
        mentorship=pair,
        by=mentee,
        day=D(2026, 12, 10),
        at=T(12, 30),
        duration_minutes=90,
        mode="in_person",
        location="Café Lumière, 3 rue Oberkampf",
        agenda="Lunch; the promotion case.",
    )
    services.meeting_accept(meeting=one_off, by=mentor)
    dropped = services.meeting_propose(
        mentorship=pair,
        by=mentee,
        day=D(2026, 12, 17),
        at=T(9, 0),
        duration_minutes=30,
        mode="virtual",
        video_url="https://meet.example.com/quick",
    )
    services.meeting_accept(meeting=dropped, by=mentor)
    services.meeting_cancel(meeting=dropped, by=mentor, reason="Ill")
    services.preferences_save(person=mentee, calendar_alarm_minutes=30)
    services.shared_note_save(meeting=first, by=mentor, text="SHARED-SECRET", version=0)
    services.private_note_save(meeting=first, by=mentee, text="PRIVATE-SECRET")
    case = {"series": series, "moved": second, "cancelled": third, "one_off": one_off}
    case["dropped"] = dropped
    for thing in case.values():
        thing.refresh_from_db()  # the services worked on their own copies
    return case


def _parse(body: bytes):
    return vobject.readOne(body.decode())


def _tzid(prop) -> str:
    """The TZID a time was written with (vobject moves it aside once it resolved the zone)."""
    params = prop.params
    return (params.get("TZID") or params.get("X-VOBJ-ORIGINAL-TZID"))[0]


def _events(calendar):
    return calendar.contents.get("vevent", [])


def _by_uid(calendar, uid):
    return [e for e in _events(calendar) if e.uid.value == uid]


def test_the_series_round_trips_with_its_rule_zone_and_exceptions(calendar_case, mentee, pair):
    series = calendar_case["series"]
    parsed = _parse(person_feed(mentee))
    zones = {tz.tzid.value for tz in parsed.contents["vtimezone"]}
    assert zones == {"Europe/Paris", "America/New_York"}
    master, override = sorted(
        _by_uid(parsed, f"tandem-series-{series.pk}@127.0.0.1"),
        key=lambda e: "recurrence_id" in e.contents,
    )
    # DTSTART keeps its zone: 10:00 in Paris.
    assert _tzid(master.dtstart) == "Europe/Paris"
    assert master.dtstart.value.astimezone(UTC) == at(2027, 3, 1, 9)
    assert master.dtend.value - master.dtstart.value == datetime.timedelta(hours=1)
    assert "FREQ=WEEKLY" in master.rrule.value and "INTERVAL=2" in master.rrule.value
    # The parser's own expansion of RRULE minus EXDATE is exactly the meetings that stand.
    expanded = [start.astimezone(UTC) for start in master.getrruleset()]
    standing = series.occurrences.exclude(status="cancelled").order_by("recurrence_start")
    assert expanded == [m.recurrence_start for m in standing]
    assert [e.astimezone(PARIS).hour for e in expanded] == [10, 10, 10, 10]
    assert [e.hour for e in expanded] == [9, 9, 8, 8]  # UTC moves at the spring change
    # The cancelled occurrence is an EXDATE.
    exdates = [d.astimezone(UTC) for line in master.exdate_list for d in line.value]
    assert exdates == [calendar_case["cancelled"].recurrence_start]
    # The moved one is a RECURRENCE-ID override at its new time.
    moved = calendar_case["moved"]
    assert override.recurrence_id.value.astimezone(UTC) == moved.recurrence_start
    assert override.dtstart.value.astimezone(UTC) == moved.starts_at == at(2027, 3, 16, 10)
    assert override.status.value == "CONFIRMED"
    assert int(override.sequence.value) == moved.sequence


def test_place_link_text_people_and_alarm_round_trip(calendar_case, mentee, mentor, pair):
    series = calendar_case["series"]
    parsed = _parse(person_feed(mentee))
    master = next(
        e
        for e in _by_uid(parsed, f"tandem-series-{series.pk}@127.0.0.1")
        if "recurrence_id" not in e.contents
    )
    assert master.summary.value == "Mentoring: Maria Mentor"
    assert master.location.value == "https://meet.example.com/maria-theo"
    assert master.url.value == f"http://127.0.0.1:8000{series.get_absolute_url()}"
    assert "How the quarter went; next steps." in master.description.value
    assert master.status.value == "CONFIRMED"
    assert master.organizer.value == "mailto:mentor@example.com"
    assert master.organizer.params["CN"] == ["Maria Mentor"]
    attendees = {a.value: a.params["PARTSTAT"][0] for a in master.attendee_list}
    assert attendees == {
        "mailto:mentor@example.com": "ACCEPTED",
        "mailto:mentee@example.com": "ACCEPTED",
    }
    alarm = master.valarm
    assert alarm.action.value == "DISPLAY"
    assert alarm.trigger.value == -datetime.timedelta(minutes=30)
    one_off = _by_uid(parsed, f"tandem-meeting-{calendar_case['one_off'].pk}@127.0.0.1")[0]
    assert one_off.location.value == "Café Lumière, 3 rue Oberkampf"
    assert _tzid(one_off.dtstart) == "America/New_York"
    assert one_off.dtstart.value.astimezone(UTC) == at(2026, 12, 10, 17, 30)
    assert one_off.dtend.value.astimezone(UTC) == at(2026, 12, 10, 19, 0)
    assert "Lunch; the promotion case." in one_off.description.value


def test_a_cancelled_one_off_is_sent_as_cancelled_without_an_alarm(calendar_case, mentee):
    parsed = _parse(person_feed(mentee))
    dropped = _by_uid(parsed, f"tandem-meeting-{calendar_case['dropped'].pk}@127.0.0.1")[0]
    assert dropped.status.value == "CANCELLED"
    assert "valarm" not in dropped.contents


def test_each_person_gets_their_own_summary_and_alarm(calendar_case, mentor):
    parsed = _parse(person_feed(mentor))
    summaries = {e.summary.value for e in _events(parsed)}
    assert summaries == {"Mentoring: Theo Mentee"}
    alarms = {e.valarm.trigger.value for e in _events(parsed) if "valarm" in e.contents}
    assert alarms == {-datetime.timedelta(minutes=15)}  # the default


def test_notes_never_reach_a_calendar(calendar_case, mentee, mentor):
    for person in (mentee, mentor):
        body = person_feed(person).decode()
        assert "SHARED-SECRET" not in body and "PRIVATE-SECRET" not in body


def test_a_proposed_meeting_is_tentative_and_awaits_the_partner(pair, mentee, mentor):
    proposal = services.meeting_propose(
        mentorship=pair,
        by=mentee,
        day=D(2026, 12, 3),
        at=T(8, 0),
        duration_minutes=45,
        mode="virtual",
        video_url="https://meet.example.com/x",
    )
    event = _events(_parse(meeting_invitation(proposal, mentor)))[0]
    assert event.status.value == "TENTATIVE"
    attendees = {a.value: a.params["PARTSTAT"][0] for a in event.attendee_list}
    assert attendees["mailto:mentor@example.com"] == "NEEDS-ACTION"
    assert attendees["mailto:mentee@example.com"] == "ACCEPTED"


def test_the_invitation_is_a_request_then_a_cancel(calendar_case, mentee):
    one_off = calendar_case["one_off"]
    invitation = _parse(meeting_invitation(one_off, mentee))
    assert invitation.method.value == "REQUEST"
    event = _events(invitation)[0]
    assert event.uid.value == f"tandem-meeting-{one_off.pk}@127.0.0.1"
    assert event.organizer.value == "mailto:mentee@example.com"
    assert len(event.attendee_list) == 2
    cancelled = _parse(meeting_invitation(calendar_case["dropped"], mentee))
    assert cancelled.method.value == "CANCEL"
    assert _events(cancelled)[0].status.value == "CANCELLED"


def test_the_series_invitation_carries_the_whole_series(calendar_case, mentee):
    parsed = _parse(series_invitation(calendar_case["series"], mentee))
    assert parsed.method.value == "REQUEST"
    assert len(_events(parsed)) == 2  # the master and the moved occurrence


def test_the_feed_follows_a_mentorship_that_ended(calendar_case, mentee, mentor, time_machine):
    from tandem.mentorships.services import mentorship_transition

    mentorship_transition(
        mentorship=calendar_case["series"].mentorship,
        to_status="ended",
        by=mentor,
        reason="no_time",
    )
    parsed = _parse(person_feed(mentee))
    statuses = {
        e.uid.value: e.status.value for e in _events(parsed) if "recurrence_id" not in e.contents
    }
    one_off_uid = f"tandem-meeting-{calendar_case['one_off'].pk}@127.0.0.1"
    assert statuses[one_off_uid] == "CANCELLED"
    master = next(e for e in _events(parsed) if "rrule" in e.contents)
    assert list(master.getrruleset()) == []  # every future occurrence is excluded


# --- the secret URL --------------------------------------------------------------------------


def _feed_url(person):
    feed = services.calendar_feed_for(person=person)
    return reverse("meetings:feed", args=[services.calendar_feed_token(feed)])


def test_the_feed_is_served_at_its_secret_url_without_signing_in(client, calendar_case, mentee):
    response = client.get(_feed_url(mentee))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert _parse(response.content).prodid.value == "-//Tandem//Mentoring meetings//EN"


def test_a_reset_invalidates_the_old_url(client, calendar_case, mentee):
    old = _feed_url(mentee)
    services.calendar_feed_reset(person=mentee)
    assert client.get(old).status_code == 404
    assert client.get(_feed_url(mentee)).status_code == 200


def test_a_forged_or_guessed_url_opens_nothing(client, mentee):
    feed = services.calendar_feed_for(person=mentee)
    for token in (
        f"{feed.public_id}-{'0' * 32}",
        feed.public_id,
        "nothing",
        f"{'a' * 32}-{services.calendar_feed_token(feed).split('-')[1]}",
    ):
        assert client.get(reverse("meetings:feed", args=[token])).status_code == 404


def test_the_database_alone_does_not_reveal_a_working_url(mentee):
    feed = services.calendar_feed_for(person=mentee)
    token = services.calendar_feed_token(feed)
    stored = " ".join(str(value) for value in feed.__dict__.values())
    assert token not in stored and token.split("-")[1] not in stored


def test_a_deactivated_persons_feed_goes_dark(client, mentee):
    url = _feed_url(mentee)
    mentee.is_active = False
    mentee.save()
    assert client.get(url).status_code == 404
