"""Proposing, answering, moving and cancelling meetings, one by one and as a series."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tandem.meetings import services
from tandem.meetings.models import Meeting, MeetingEvent, MeetingSeries
from tandem.notifications.models import Notification

from .factories import at

pytestmark = pytest.mark.django_db

D = datetime.date
T = datetime.time


DEC_2, TEN = D(2026, 12, 2), T(10, 0)


def _propose(pair, by, day=DEC_2, time=TEN, **overrides):
    fields = {"duration_minutes": 60, "mode": "virtual", "video_url": "https://meet.example.com/x"}
    fields.update(overrides)
    return services.meeting_propose(mentorship=pair, by=by, day=day, at=time, **fields)


# --- one meeting -------------------------------------------------------------------------------


def test_a_time_on_the_proposers_clock_is_stored_in_utc(pair, mentee):
    meeting = _propose(pair, mentee, time=T(10, 0))  # 10:00 in New York (UTC-5 in December)
    assert meeting.starts_at == at(2026, 12, 2, 15)
    assert meeting.ends_at == at(2026, 12, 2, 16)
    assert meeting.time_zone == "America/New_York"
    assert meeting.status == "proposed" and meeting.proposed_by == mentee


def test_the_partner_is_asked_on_their_own_clock(pair, mentee, mentor):
    _propose(pair, mentee, time=T(10, 0))
    notification = Notification.objects.get(recipient=mentor, kind="meeting_proposed")
    assert notification.needs_action
    assert "Wed 2 Dec 2026, 16:00 (CET)" in notification.body  # Paris: UTC+1


def test_the_partner_accepts(pair, mentee, mentor):
    meeting = services.meeting_accept(meeting=_propose(pair, mentee), by=mentor)
    assert meeting.status == "confirmed" and meeting.confirmed_at is not None
    assert Notification.objects.filter(recipient=mentee, kind="meeting_confirmed").exists()


def test_nobody_accepts_their_own_proposal(pair, mentee):
    meeting = _propose(pair, mentee)
    with pytest.raises(ValidationError):
        services.meeting_accept(meeting=meeting, by=mentee)
    assert Meeting.objects.get().status == "proposed"


def test_a_counter_proposal_sends_the_question_back(pair, mentee, mentor):
    meeting = _propose(pair, mentee)
    meeting = services.meeting_counter_propose(
        meeting=meeting, by=mentor, day=D(2026, 12, 3), at=T(17, 0)
    )
    assert meeting.starts_at == at(2026, 12, 3, 16)  # 17:00 in Paris
    assert meeting.proposed_by == mentor and meeting.status == "proposed"
    services.meeting_accept(meeting=meeting, by=mentee)
    kinds = list(meeting.events.values_list("kind", flat=True))
    assert kinds == ["proposed", "counter", "accepted"]


def test_one_cannot_counter_ones_own_proposal(pair, mentee):
    meeting = _propose(pair, mentee)
    with pytest.raises(ValidationError):
        services.meeting_counter_propose(meeting=meeting, by=mentee, day=D(2026, 12, 3), at=T(9))


def test_moving_a_confirmed_meeting_asks_the_partner_again(pair, mentee, mentor):
    meeting = services.meeting_accept(meeting=_propose(pair, mentee), by=mentor)
    first_confirmed = meeting.confirmed_at
    meeting = services.meeting_move(meeting=meeting, by=mentor, day=D(2026, 12, 4), at=T(9, 30))
    assert meeting.status == "proposed" and meeting.starts_at == at(2026, 12, 4, 8, 30)
    assert meeting.confirmed_at == first_confirmed  # it had been agreed: a cancellation counts
    assert meeting.sequence == 2
    event = meeting.events.get(kind="moved")
    assert (event.from_start, event.to_start) == (at(2026, 12, 2, 15), at(2026, 12, 4, 8, 30))


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"day": D(2026, 11, 24)}, "date"),
        ({"day": None}, "date"),
        ({"duration_minutes": 5}, "duration_minutes"),
        ({"duration_minutes": 600}, "duration_minutes"),
        ({"mode": "by_pigeon"}, "mode"),
        ({"mode": "in_person", "location": " "}, "location"),
        ({"video_url": ""}, "video_url"),
        ({"video_url": "javascript:alert(1)"}, "video_url"),
        ({"agenda": "x" * 5001}, "agenda"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"day": D(2027, 3, 14), "time": T(2, 30)}, "time"),  # New York skips 02:00–03:00
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(pair, mentee, overrides, field):
    with pytest.raises(ValidationError) as error:
        _propose(pair, mentee, **overrides)
    assert field in error.value.message_dict
    assert not Meeting.objects.exists()


def test_only_the_pair_of_a_running_mentorship_schedules(pair, outsider, program_admin):
    for person in (outsider, program_admin):
        with pytest.raises(ValidationError):
            _propose(pair, person)
    assert not Meeting.objects.exists()


def test_an_in_person_meeting_needs_no_link(pair, mentee):
    meeting = _propose(pair, mentee, mode="in_person", location="Café Lumière", video_url="x")
    assert (meeting.location, meeting.video_url) == ("Café Lumière", "")


# --- cancelling ----------------------------------------------------------------------------------


def test_a_cancellation_records_who_when_and_why(pair, mentee, mentor, now):
    meeting = services.meeting_accept(meeting=_propose(pair, mentee), by=mentor)
    meeting = services.meeting_cancel(meeting=meeting, by=mentor, reason="Something urgent came up")
    assert meeting.status == "cancelled"
    assert (meeting.cancelled_by, meeting.cancelled_at) == (mentor, now)
    assert meeting.cancel_reason == "Something urgent came up"
    assert meeting.cancel_notice == datetime.timedelta(days=7, hours=6)
    assert meeting.counts_as_cancellation
    note = Notification.objects.get(recipient=mentee, kind="meeting_cancelled")
    assert "Something urgent came up" in note.body


def test_cancelling_an_agreed_meeting_needs_a_reason(pair, mentee, mentor):
    meeting = services.meeting_accept(meeting=_propose(pair, mentee), by=mentor)
    with pytest.raises(ValidationError) as error:
        services.meeting_cancel(meeting=meeting, by=mentor, reason="  ")
    assert "reason" in error.value.message_dict
    assert Meeting.objects.get().status == "confirmed"


def test_withdrawing_a_proposal_nobody_accepted_is_not_a_cancellation(pair, mentee):
    meeting = services.meeting_cancel(meeting=_propose(pair, mentee), by=mentee, reason="")
    assert meeting.status == "cancelled" and not meeting.counts_as_cancellation


def test_a_meeting_that_began_can_no_longer_be_moved_or_cancelled(pair, mentee, mentor, now):
    meeting = services.meeting_accept(meeting=_propose(pair, mentee), by=mentor)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=now - datetime.timedelta(minutes=5))
    meeting.refresh_from_db()
    with pytest.raises(ValidationError):
        services.meeting_cancel(meeting=meeting, by=mentor, reason="late")
    with pytest.raises(ValidationError):
        services.meeting_move(meeting=meeting, by=mentor, day=D(2026, 12, 9), at=T(9))


# --- series ------------------------------------------------------------------------------------


def _series(pair, by, **overrides):
    fields = {
        "first_day": D(2026, 12, 1),
        "at": T(9, 0),
        "mode": "in_person",
        "location": "Room 4.12",
    }
    fields.update(overrides)
    return services.series_propose(mentorship=pair, by=by, **fields)


def test_a_series_follows_the_agreement_until_it_ends(pair, mentee, mentor):
    series = _series(pair, mentee)
    assert (series.frequency, series.until, series.duration_minutes) == (
        "fortnightly",
        D(2027, 6, 30),
        60,
    )
    occurrences = list(series.occurrences.order_by("starts_at"))
    assert len(occurrences) == 16  # 1 Dec 2026 … 29 Jun 2027, every other Tuesday
    assert occurrences[-1].starts_at.date() == D(2027, 6, 29)
    assert {o.status for o in occurrences} == {"proposed"}
    # 09:00 in New York all along: 14:00 UTC in winter, 13:00 UTC from 14 March.
    assert {o.starts_at.astimezone(series_zone(series)).hour for o in occurrences} == {9}
    assert occurrences[0].starts_at.hour == 14 and occurrences[-1].starts_at.hour == 13
    assert Notification.objects.get(recipient=mentor, kind="series_proposed").needs_action


def series_zone(series):
    import zoneinfo

    return zoneinfo.ZoneInfo(series.time_zone)


def test_accepting_a_series_confirms_every_meeting(pair, mentee, mentor):
    series = services.series_accept(series=_series(pair, mentee), by=mentor)
    assert series.status == "active"
    assert set(series.occurrences.values_list("status", flat=True)) == {"confirmed"}


def test_occurrences_of_a_proposed_series_are_answered_through_the_series(pair, mentee, mentor):
    first = _series(pair, mentee).occurrences.first()
    with pytest.raises(ValidationError):
        services.meeting_accept(meeting=first, by=mentor)


def test_one_occurrence_moves_and_another_is_cancelled_without_touching_the_rest(
    pair, mentee, mentor
):
    series = services.series_accept(series=_series(pair, mentee), by=mentor)
    second, third = list(series.occurrences.order_by("starts_at"))[1:3]
    services.meeting_move(meeting=second, by=mentor, day=D(2026, 12, 16), at=T(16, 0))
    services.meeting_cancel(meeting=third, by=mentee, reason="Team offsite")
    rest = series.occurrences.exclude(pk__in=[second.pk, third.pk])
    assert set(rest.values_list("status", flat=True)) == {"confirmed"}
    assert all(o.starts_at == o.recurrence_start for o in rest)
    second.refresh_from_db()
    assert second.recurrence_start == at(2026, 12, 15, 14)
    assert second.starts_at == at(2026, 12, 16, 15) and second.is_moved


def test_declining_a_series_removes_its_meetings(pair, mentee, mentor):
    series = services.series_decline(series=_series(pair, mentee), by=mentor, reason="Tuesdays no")
    assert series.status == "declined" and not series.occurrences.exists()
    assert Notification.objects.filter(recipient=mentee, kind="series_declined").exists()


def test_a_series_cannot_outlast_the_agreement(pair, mentee):
    with pytest.raises(ValidationError) as error:
        _series(pair, mentee, until=D(2027, 7, 31))
    assert "until" in error.value.message_dict
    assert not MeetingSeries.objects.exists()


def test_a_series_needs_a_signed_agreement(mentee, mentor, program, now):
    from tandem.mentorships.tests.factories import make_mentorship

    unsigned = make_mentorship(program=program, mentor=mentor, mentee=mentee, agreement=False)
    with pytest.raises(ValidationError):
        _series(unsigned, mentee)


def test_one_live_series_at_a_time(pair, mentee, mentor):
    _series(pair, mentee)
    with pytest.raises(ValidationError):
        _series(pair, mentor, first_day=D(2026, 12, 3))


def test_stopping_a_series_removes_the_meetings_after_the_day(pair, mentee, mentor):
    series = services.series_accept(series=_series(pair, mentee), by=mentor)
    series = services.series_stop(series=series, by=mentor, after=D(2027, 1, 31))
    assert series.status == "ended" and series.until == D(2027, 1, 31)
    assert [o.starts_at.date() for o in series.occurrences.order_by("starts_at")] == [
        D(2026, 12, 1),
        D(2026, 12, 15),
        D(2026, 12, 29),
        D(2027, 1, 12),
        D(2027, 1, 26),
    ]


def test_a_monthly_series_on_a_date_past_the_28th_is_refused(pair, mentee):
    with pytest.raises(ValidationError) as error:
        _series(pair, mentee, frequency="monthly", monthly_by="date", first_day=D(2026, 12, 30))
    assert "monthly_by" in error.value.message_dict


def test_events_say_who_did_what(pair, mentee, mentor):
    meeting = _propose(pair, mentee)
    services.meeting_accept(meeting=meeting, by=mentor)
    assert [(e.kind, e.by) for e in MeetingEvent.objects.all()] == [
        ("proposed", mentee),
        ("accepted", mentor),
    ]


def test_a_proposal_whose_time_passed_can_no_longer_be_accepted(pair, mentee, mentor, time_machine):
    meeting = _propose(pair, mentee)
    time_machine.move_to(meeting.starts_at + datetime.timedelta(minutes=1), tick=False)
    with pytest.raises(ValidationError):
        services.meeting_accept(meeting=meeting, by=mentor)
