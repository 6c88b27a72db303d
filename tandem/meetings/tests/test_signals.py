"""meeting_signals: what the health score reads about a pair's meetings in a period."""

import datetime

import pytest

from tandem.meetings.selectors import meeting_signals, meeting_signals_for
from tandem.mentorships.services import mentorship_transition
from tandem.mentorships.tests.factories import make_mentorship, signed_agreement

from .conftest import NOW
from .factories import at, make_meeting

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def since_september(time_machine, program, mentor, mentee):
    """A pair that began on 1 September 2026, meeting fortnightly until February."""
    time_machine.move_to(at(2026, 9, 1, 8), tick=False)
    mentorship = make_mentorship(program=program, mentor=mentor, mentee=mentee, agreement=False)
    signed_agreement(
        mentorship,
        meeting_frequency="fortnightly",
        start_date=datetime.date(2026, 9, 1),
        end_date=datetime.date(2027, 2, 28),
    )
    time_machine.move_to(NOW, tick=False)
    return mentorship


def _held(mentorship, starts_at, mentor="on_time", mentee="on_time"):
    return make_meeting(
        mentorship, starts_at, outcome="held", mentor_arrival=mentor, mentee_arrival=mentee
    )


def _cancelled(mentorship, starts_at, by, notice):
    return make_meeting(
        mentorship,
        starts_at,
        status="cancelled",
        cancelled_by=by,
        cancelled_at=starts_at - notice,
        cancel_reason="Something urgent came up",
    )


@pytest.fixture
def history(since_september, mentor, mentee):
    m = since_september
    _held(m, at(2026, 9, 8, 9))
    _held(m, at(2026, 9, 22, 9), mentee="late")
    _cancelled(m, at(2026, 10, 6, 9), mentor, datetime.timedelta(hours=2))
    _held(m, at(2026, 10, 13, 9), mentor="late")
    _cancelled(m, at(2026, 10, 20, 9), mentee, datetime.timedelta(days=3))
    make_meeting(m, at(2026, 11, 3, 9), outcome="not_held", mentee_arrival="absent")
    _held(m, at(2026, 11, 10, 9), mentee="late")
    make_meeting(m, at(2026, 11, 17, 9))  # nobody recorded it
    make_meeting(m, at(2026, 11, 18, 9), status="proposed")  # never agreed: not counted
    make_meeting(m, at(2026, 12, 1, 9))  # upcoming
    return m


def test_signals_over_a_period(history, mentor, mentee):
    signals = meeting_signals(history, since=datetime.date(2026, 9, 1), until=NOW.date())
    assert (signals.agreed, signals.held, signals.not_held, signals.unmarked) == (8, 4, 1, 1)
    assert signals.cancelled == 2
    assert signals.cancelled_by == {mentor.pk: 1, mentee.pk: 1}
    assert signals.late_cancellations == 1
    assert signals.cancellation_notice_hours == (2.0, 72.0)
    assert signals.late_arrivals == {mentee.pk: 2, mentor.pk: 1}
    assert signals.absences == {mentee.pk: 1}
    assert signals.last_held_at == at(2026, 11, 10, 9)
    assert signals.next_meeting_at == at(2026, 12, 1, 9)
    assert signals.days_since_last_held == 15  # to 25 November 09:00 (now)
    # 1 Sep 08:00 → 25 Nov 09:00 is 85 days: a little over 6 fortnights.
    assert signals.expected == 6.1
    assert signals.held_ratio == 0.66


def test_a_period_counts_only_meetings_whose_time_fell_in_it(history, mentor):
    october = meeting_signals(
        history, since=datetime.date(2026, 10, 1), until=datetime.date(2026, 10, 31)
    )
    assert (october.agreed, october.held, october.cancelled) == (3, 1, 2)
    assert october.last_held_at == at(2026, 10, 13, 9)
    assert october.expected == 2.2  # 31 days / 14


def test_paused_weeks_are_not_expected(time_machine, since_september, mentor):
    time_machine.move_to(at(2026, 10, 1), tick=False)
    mentorship_transition(mentorship=since_september, to_status="paused", by=mentor)
    time_machine.move_to(at(2026, 10, 29), tick=False)
    mentorship_transition(mentorship=since_september, to_status="active", by=mentor)
    time_machine.move_to(NOW, tick=False)
    signals = meeting_signals(since_september, since=datetime.date(2026, 9, 1), until=NOW.date())
    assert signals.expected == 4.1  # 85 days less the 28 paused, over 14


def test_nothing_is_expected_before_the_agreement_or_without_one(
    time_machine, program, mentor, outsider
):
    unsigned = make_mentorship(program=program, mentor=mentor, mentee=outsider, agreement=False)
    signals = meeting_signals(unsigned, since=datetime.date(2026, 1, 1), until=NOW.date())
    assert signals.expected == 0 and signals.held_ratio is None and signals.last_held_at is None


def test_many_mentorships_in_a_fixed_number_of_queries(
    history, mutual_mentorship, django_assert_num_queries
):
    mentorships = [history, mutual_mentorship]
    with django_assert_num_queries(5):
        signals = meeting_signals_for(mentorships, datetime.date(2026, 9, 1), NOW.date())
    assert signals[history.pk].held == 4 and signals[mutual_mentorship.pk].held == 0
