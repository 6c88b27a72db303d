"""Reminders the worker sends: before meetings (as each person chose), when the rhythm slips,
the Monday digest, and the flag for unrecorded attendance — each exactly once."""

import datetime

import pytest
from django.core import mail

from tandem.meetings import reminders, services
from tandem.meetings.models import Reminder
from tandem.meetings.tasks import (
    meeting_digests_send,
    meeting_reminders_send,
    meeting_rhythm_nudges_send,
)
from tandem.notifications.models import Notification

from .factories import at, make_meeting

pytestmark = pytest.mark.django_db
HOUR, DAY = datetime.timedelta(hours=1), datetime.timedelta(days=1)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """One worker run: plan what fell due, deliver it, and let the e-mails leave (notify()
    mails once the worker's transaction commits; the test's own transaction never does)."""

    def _run(now):
        with django_capture_on_commit_callbacks(execute=True):
            reminders.plan_before_meetings(now=now)
            reminders.plan_unmarked(now=now)
            return reminders.deliver_due(now=now, worker="test")

    return _run


def _sent(kind="meeting_reminder"):
    return list(Notification.objects.filter(kind=kind).order_by("recipient__email"))


# --- before a meeting ---------------------------------------------------------------------------


def test_a_day_before_each_person_is_reminded_on_their_own_clock(run, pair, now, mentor, mentee):
    make_meeting(pair, now + 23 * HOUR)  # Thursday 26 November, 08:00 UTC
    assert run(now) == 2
    by_person = {n.recipient: n for n in _sent()}
    assert by_person[mentor].title == "Reminder: meeting with Theo Mentee tomorrow"
    assert "Thu 26 Nov 2026, 09:00 (CET)" in by_person[mentor].body
    assert "Thu 26 Nov 2026, 03:00 (EST)" in by_person[mentee].body
    assert "https://meet.example.com/pair" in by_person[mentee].body
    assert sorted(m.to[0] for m in mail.outbox) == ["mentee@example.com", "mentor@example.com"]


def test_running_again_sends_nothing_more(run, pair, now):
    make_meeting(pair, now + 23 * HOUR)
    assert run(now) == 2
    assert run(now) == 0
    assert run(now + 10 * datetime.timedelta(minutes=1)) == 0
    assert len(mail.outbox) == 2 and Reminder.objects.count() == 2


def test_then_an_hour_before(run, pair, now, time_machine):
    meeting = make_meeting(pair, now + 23 * HOUR)
    run(now)
    later = meeting.starts_at - 55 * datetime.timedelta(minutes=1)
    time_machine.move_to(later, tick=False)
    assert run(later) == 2
    assert {n.title for n in _sent()} == {
        "Reminder: meeting with Theo Mentee tomorrow",
        "Reminder: meeting with Maria Mentor tomorrow",
        "Reminder: meeting with Theo Mentee in 55 minutes",
        "Reminder: meeting with Maria Mentor in 55 minutes",
    }


def test_a_worker_that_was_down_sends_only_the_nearest_reminder(run, pair, now):
    make_meeting(pair, now + 30 * datetime.timedelta(minutes=1))
    assert run(now) == 2
    assert {r.key.split(":")[1] for r in Reminder.objects.all()} == {"60"}


def test_each_person_chooses_which_reminders(run, pair, now, mentor, mentee):
    services.preferences_save(person=mentor, day_before=False)
    make_meeting(pair, now + 23 * HOUR)
    assert run(now) == 1
    assert [n.recipient for n in _sent()] == [mentee]


def test_email_only_does_not_ring_the_bell_and_in_app_only_sends_no_mail(
    run, pair, now, mentor, mentee
):
    services.preferences_save(person=mentor, in_app=False)
    services.preferences_save(person=mentee, by_email=False)
    make_meeting(pair, now + 23 * HOUR)
    run(now)
    by_person = {n.recipient: n for n in _sent()}
    assert by_person[mentor].is_read and not by_person[mentee].is_read
    assert [m.to[0] for m in mail.outbox] == ["mentor@example.com"]


def test_nobody_who_turned_every_channel_off_is_reminded(run, pair, now, mentor):
    services.preferences_save(person=mentor, in_app=False, by_email=False)
    make_meeting(pair, now + 23 * HOUR)
    run(now)
    assert mentor not in {n.recipient for n in _sent()}


def test_a_meeting_moved_or_cancelled_after_planning_is_not_announced(pair, now, mentor):
    moved = make_meeting(pair, now + 23 * HOUR)
    cancelled = make_meeting(pair, now + 22 * HOUR)
    reminders.plan_before_meetings(now=now)
    moved.starts_at += HOUR / 2
    moved.ends_at += HOUR / 2
    moved.save()
    services.meeting_cancel(meeting=cancelled, by=mentor, reason="Ill")
    assert reminders.deliver_due(now=now, worker="test") == 0
    assert set(Reminder.objects.values_list("skipped", flat=True)) == {
        "moved since",
        "no longer confirmed",
    }


def test_a_proposal_nobody_accepted_is_not_reminded(run, pair, now):
    make_meeting(pair, now + 23 * HOUR, status="proposed")
    assert run(now) == 0


# --- unrecorded attendance ------------------------------------------------------------------------


def test_a_meeting_not_marked_within_three_days_is_flagged_to_both(run, pair, now, mentor):
    old = make_meeting(pair, now - 4 * DAY)
    make_meeting(pair, now - 2 * DAY)  # still within the grace
    assert run(now) == 2
    flags = _sent("meeting_unmarked")
    assert {n.url for n in flags} == {old.get_absolute_url()} and all(n.needs_action for n in flags)
    assert run(now + DAY) == 0  # flagged once


def test_a_recorded_meeting_is_not_flagged(run, pair, now, mentor):
    meeting = make_meeting(pair, now - 4 * DAY)
    services.meeting_record_attendance(
        meeting=meeting,
        by=mentor,
        held=True,
        arrivals={pair.mentor_id: "on_time", pair.mentee_id: "on_time"},
    )
    assert run(now) == 0


# --- the rhythm ---------------------------------------------------------------------------------


@pytest.fixture
def met_four_weeks_ago(pair, now):
    # The pair began on 2 Nov (agreement start) — but `pair` started today; make it earlier.
    type(pair).objects.filter(pk=pair.pk).update(started_at=at(2026, 10, 20))
    pair.refresh_from_db()
    make_meeting(pair, now - 28 * DAY, outcome="held")
    return pair


def test_a_pair_that_has_not_met_for_longer_than_agreed_is_nudged(met_four_weeks_ago, now):
    # Fortnightly + 7 days' grace = 21 days; it has been 28.
    reminders.plan_rhythm_nudges(now=now)
    assert reminders.deliver_due(now=now, worker="test") == 2
    nudge = _sent("meeting_rhythm")[1]  # the mentor's
    assert nudge.title == "You and Theo Mentee have not met since 28 October"
    assert "every two weeks" in nudge.body
    reminders.plan_rhythm_nudges(now=now + HOUR)
    assert reminders.deliver_due(now=now + HOUR, worker="test") == 0


def test_and_again_each_further_period_it_stays_slipped(met_four_weeks_ago, now):
    for days in (0, 13, 14):
        moment = now + days * DAY
        reminders.plan_rhythm_nudges(now=moment)
        reminders.deliver_due(now=moment, worker="test")
    assert len(_sent("meeting_rhythm")) == 4  # at 28 days, then at 42


def test_no_nudge_when_the_next_meeting_is_booked(met_four_weeks_ago, now):
    make_meeting(met_four_weeks_ago, now + 2 * DAY)
    reminders.plan_rhythm_nudges(now=now)
    assert not Reminder.objects.exists()


def test_no_nudge_within_the_grace(pair, now):
    type(pair).objects.filter(pk=pair.pk).update(started_at=at(2026, 10, 20))
    make_meeting(pair, now - 20 * DAY, outcome="held")
    reminders.plan_rhythm_nudges(now=now)
    assert not Reminder.objects.exists()


def test_nudges_can_be_turned_off(met_four_weeks_ago, now, mentor):
    services.preferences_save(person=mentor, rhythm_nudges=False)
    reminders.plan_rhythm_nudges(now=now)
    assert list(Reminder.objects.values_list("person", flat=True)) == [met_four_weeks_ago.mentee_id]


# --- the Monday digest ----------------------------------------------------------------------------


def test_the_digest_comes_on_monday_morning_on_each_persons_clock(pair, mentor, mentee, now):
    make_meeting(pair, at(2026, 12, 1, 15))
    services.action_item_add(
        mentorship=pair,
        by=mentor,
        title="Send the CV",
        owner=mentee,
        due_on=datetime.date(2026, 12, 4),
    )
    before, paris_8am, new_york_8am = (
        at(2026, 11, 30, 6, 55),
        at(2026, 11, 30, 7, 5),
        at(2026, 11, 30, 13, 5),
    )
    sent = []
    for moment in (before, paris_8am, new_york_8am, new_york_8am + 2 * HOUR):
        reminders.plan_digests(now=moment)
        reminders.deliver_due(now=moment, worker="test")
        sent.append([n.recipient for n in _sent("meetings_digest")])
    assert sent == [[], [mentor], [mentee, mentor], [mentee, mentor]]
    digests = {n.recipient: n for n in _sent("meetings_digest")}
    assert digests[mentee].title == "Your mentoring week: 1 meeting, 1 open action item"
    assert "Tue 1 Dec 2026, 10:00 (EST) with Maria Mentor" in digests[mentee].body
    assert "Send the CV (due 04 Dec)" in digests[mentee].body


def test_an_empty_week_sends_no_digest(pair, now):
    reminders.plan_digests(now=at(2026, 11, 30, 14))
    assert reminders.deliver_due(now=at(2026, 11, 30, 14), worker="test") == 0
    assert set(Reminder.objects.values_list("skipped", flat=True)) == {"nothing this week"}


def test_the_digest_can_be_turned_off(pair, mentor, now):
    services.preferences_save(person=mentor, weekly_digest=False)
    make_meeting(pair, at(2026, 12, 1, 15))
    reminders.plan_digests(now=at(2026, 11, 30, 14))
    assert list(Reminder.objects.values_list("person", flat=True)) == [pair.mentee_id]


# --- through the task queue ----------------------------------------------------------------------


def test_the_periodic_jobs_send_them(pair, now):
    make_meeting(pair, now + 23 * HOUR)
    assert meeting_reminders_send.enqueue().return_value == 2
    assert meeting_rhythm_nudges_send.enqueue().return_value == 0
    assert meeting_digests_send.enqueue().return_value == 0
