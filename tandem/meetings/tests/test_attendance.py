"""After a meeting each side records whether it took place and who was on time, late or
absent; the meeting's outcome settles from both accounts."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tandem.meetings.models import Meeting
from tandem.meetings.services import meeting_record_attendance
from tandem.notifications.models import Notification

from .factories import make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def yesterdays(pair, now):
    return make_meeting(pair, now - datetime.timedelta(days=1))


def _record(meeting, by, held=True, **arrivals):
    people = {"mentor": meeting.mentorship.mentor, "mentee": meeting.mentorship.mentee}
    return meeting_record_attendance(
        meeting=meeting,
        by=by,
        held=held,
        arrivals={people[side].pk: value for side, value in arrivals.items()},
    )


def test_one_account_settles_the_meeting_until_the_other_comes(yesterdays, mentor, mentee):
    meeting = _record(yesterdays, mentor, mentor="on_time", mentee="late")
    assert (meeting.outcome, meeting.mentor_arrival, meeting.mentee_arrival) == (
        "held",
        "on_time",
        "late",
    )
    # The partner is told, in the app only, and asked for their own account.
    note = Notification.objects.get(recipient=mentee, kind="meeting_attendance")
    assert note.emailed_at is None


def test_when_accounts_differ_on_punctuality_the_worse_stands(yesterdays, mentor, mentee):
    _record(yesterdays, mentor, mentor="on_time", mentee="on_time")
    meeting = _record(yesterdays, mentee, mentor="late", mentee="on_time")
    assert (meeting.mentor_arrival, meeting.mentee_arrival) == ("late", "on_time")


def test_when_they_disagree_on_whether_it_took_place_it_is_disputed(yesterdays, mentor, mentee):
    _record(yesterdays, mentor, mentor="on_time", mentee="on_time")
    meeting = _record(yesterdays, mentee, held=False, mentor="absent", mentee="on_time")
    assert meeting.outcome == "disputed"


def test_a_no_show_says_who_was_absent(yesterdays, mentor):
    meeting = _record(yesterdays, mentor, held=False, mentor="on_time", mentee="absent")
    assert (meeting.outcome, meeting.mentee_arrival) == ("not_held", "absent")


def test_correcting_ones_account_replaces_it(yesterdays, mentor):
    _record(yesterdays, mentor, held=False)
    meeting = _record(yesterdays, mentor, mentor="on_time", mentee="on_time")
    assert meeting.outcome == "held" and meeting.reports.count() == 1
    assert Notification.objects.filter(kind="meeting_attendance").count() == 1


@pytest.mark.parametrize(
    "arrivals",
    [
        {"mentor": "on_time"},  # the mentee's arrival is missing
        {"mentor": "on_time", "mentee": "absent"},  # held, yet someone absent
        {"mentor": "on_time", "mentee": "fashionably_late"},
    ],
)
def test_a_held_meeting_needs_both_arrivals(yesterdays, mentor, arrivals):
    with pytest.raises(ValidationError) as error:
        _record(yesterdays, mentor, **arrivals)
    assert "arrivals" in error.value.message_dict
    assert Meeting.objects.get().outcome == "unmarked" and not yesterdays.reports.exists()


def test_only_the_pair_records_and_only_the_pair_can_be_recorded(yesterdays, outsider, mentor):
    with pytest.raises(ValidationError):
        _record(yesterdays, outsider, mentor="on_time", mentee="on_time")
    with pytest.raises(ValidationError):
        meeting_record_attendance(
            meeting=yesterdays, by=mentor, held=True, arrivals={outsider.pk: "on_time"}
        )


def test_attendance_waits_for_the_meeting_to_begin(pair, mentor, now):
    tomorrow = make_meeting(pair, now + datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        _record(tomorrow, mentor, mentor="on_time", mentee="on_time")


def test_a_proposal_nobody_accepted_has_no_attendance(pair, mentor, now):
    proposal = make_meeting(pair, now - datetime.timedelta(days=1), status="proposed")
    with pytest.raises(ValidationError):
        _record(proposal, mentor, mentor="on_time", mentee="on_time")


def test_meetings_needing_attendance(pair, mentor, now):
    over = make_meeting(pair, now - datetime.timedelta(hours=2))
    make_meeting(pair, now - datetime.timedelta(minutes=30))  # still running
    make_meeting(pair, now - datetime.timedelta(days=2), status="proposed")
    assert list(Meeting.objects.needing_attendance(now)) == [over]
    _record(over, mentor, mentor="on_time", mentee="on_time")
    assert not Meeting.objects.needing_attendance(now).exists()
