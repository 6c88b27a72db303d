"""The signals on real data: meetings, agreements and goals loaded in bulk (a fixed number of
queries whatever the batch), a drifting pair's risk worded from its meetings, and the new
activity sources."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.growth.models import Goal, GoalStatus, GoalUpdate
from tandem.health.models import Risk
from tandem.health.score import health_reports, load_histories
from tandem.health.services import health_recompute
from tandem.meetings.tests.factories import make_meeting
from tandem.mentorships.models import Mentorship
from tandem.mentorships.tests.factories import make_mentorship, signed_agreement
from tandem.notifications.models import Notification
from tandem.people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
BEGAN = datetime.datetime(2026, 9, 1, 9, tzinfo=UTC)
NOW = datetime.datetime(2026, 11, 25, 9, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _pair(program, mentor=None, mentee=None) -> Mentorship:
    """Began on 1 September with a fortnightly agreement from that day."""
    with time_machine.travel(BEGAN, tick=False):
        mentorship = make_mentorship(program=program, mentor=mentor, mentee=mentee, agreement=False)
        signed_agreement(
            mentorship,
            meeting_frequency="fortnightly",
            start_date=BEGAN.date(),
            end_date=datetime.date(2027, 2, 28),
        )
    return mentorship


def _on(month: int, day: int, hour: int = 14) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, tzinfo=UTC)


@pytest.fixture
def drifting(program, mentor, mentee):
    """Met twice in September, then the mentor called off two meetings (one the evening
    before) and nothing since: the last meeting held was 22 September."""
    mentorship = _pair(program, mentor, mentee)
    make_meeting(mentorship, _on(9, 8), outcome="held", mentor_arrival="on_time",
                 mentee_arrival="late")  # fmt: skip
    make_meeting(mentorship, _on(9, 22), outcome="held", mentor_arrival="on_time",
                 mentee_arrival="on_time")  # fmt: skip
    for day, notice in ((6, datetime.timedelta(days=3)), (20, datetime.timedelta(hours=18))):
        make_meeting(
            mentorship,
            _on(10, day),
            status="cancelled",
            cancelled_by=mentor,
            cancelled_at=_on(10, day) - notice,
        )
    return mentorship


def test_a_drifting_pair_is_at_risk_for_its_meetings(drifting, program_manager):
    summary = health_recompute()
    assert summary["opened"] >= 1
    report = health_reports([drifting])[drifting.pk]
    reasons = {s.key: s.reason for s in report.signals}
    assert reasons["last_meeting"] == "no meeting for 9 weeks against a fortnightly agreement"
    assert reasons["cancellations"] == (
        "two cancellations by the mentor (one with under 24 hours' notice)"
    )
    assert reasons["punctuality"] == "the mentee came late to one meeting"
    # 12 weeks from 2 September: 6 meetings called for, 2 held.
    assert reasons["meeting_rhythm"] == (
        "held 2 of the 6 meetings their fortnightly agreement called for in the last 12 weeks"
    )
    risk = Risk.objects.get(mentorship=drifting, kind="last_meeting")
    assert risk.reason == "No meeting for 9 weeks against a fortnightly agreement."
    told = Notification.objects.filter(kind="mentorship_at_risk", recipient=program_manager)
    assert told.filter(title__contains="last meeting").count() == 1
    health_recompute()
    assert told.filter(title__contains="last meeting").count() == 1  # once per risk


def test_the_low_score_risk_names_the_worst_three_reasons(drifting):
    health_recompute()
    low = Risk.objects.get(mentorship=drifting, kind="low_score")
    # −30 (9 weeks), −17 (2 of 6 held), −16 (63 quiet days), −10 (cancellations), −10 (goals)
    assert low.reason == (
        "Health score 17, below 50: no meeting for 9 weeks against a fortnightly agreement; "
        "held 2 of the 6 meetings their fortnightly agreement called for in the last 12 weeks; "
        "no activity for 63 days (last: a meeting held, 22 September 2026)."
    )


def test_a_meeting_held_and_goal_updates_are_activity(program, mentor, mentee):
    mentorship = _pair(program, mentor, mentee)
    make_meeting(mentorship, _on(11, 2), outcome="held")
    goal = Goal.objects.create(
        owner=mentee,
        mentorship=mentorship,
        title="Present to a customer",
        specific="Run one demo alone.",
        success_criteria="The customer asks for a follow-up.",
        target_date=datetime.date(2027, 1, 31),
        created_at=_on(9, 10),
    )
    GoalUpdate.objects.create(goal=goal, author=mentee, kind="progress", created_at=_on(11, 20))
    activity = load_histories([mentorship])[mentorship.pk].activity
    assert activity["a meeting held"] == _on(11, 2, 15)  # when it ended
    assert activity["a goal set"] == _on(9, 10)
    assert activity["a goal updated"] == _on(11, 20)


def test_goal_counts_are_loaded_per_pair(program, mentor, mentee):
    mentorship = _pair(program, mentor, mentee)
    other = _pair(program)
    for status, target, progress in (
        (GoalStatus.REACHED, datetime.date(2026, 11, 1), 100),
        (GoalStatus.ACTIVE, datetime.date(2026, 11, 20), 40),
        (GoalStatus.ACTIVE, datetime.date(2027, 1, 10), 60),
        (GoalStatus.DROPPED, datetime.date(2027, 1, 10), 0),
    ):
        Goal.objects.create(
            owner=mentee,
            mentorship=mentorship,
            title="A goal",
            specific="…",
            success_criteria="…",
            target_date=target,
            progress=progress,
            status=status,
            reached_at=NOW if status == GoalStatus.REACHED else None,
        )
    reports = health_reports([mentorship, other])
    goals = {s.key: s for s in reports[mentorship.pk].signals}["goal_progress"]
    assert (goals.points, goals.reason) == (
        -5,
        "1 of 4 goals reached; 2 in progress, 50% on average; one goal past its target date",
    )
    none = {s.key: s for s in reports[other.pk].signals}["goal_progress"]
    assert none.reason == "no goal set in the 85 days since the mentorship began"


def test_loading_a_batch_takes_the_same_queries_for_one_pair_or_many(program):
    one = [_pair(program)]
    with CaptureQueriesContext(connection) as single:
        load_histories(Mentorship.objects.filter(pk=one[0].pk).select_related("mentor", "mentee"))
    many = [_pair(program, UserFactory(), UserFactory()) for _ in range(5)]
    for mentorship in many:
        make_meeting(mentorship, _on(11, 2), outcome="held")
    with CaptureQueriesContext(connection) as batch:
        load_histories(
            Mentorship.objects.filter(pk__in=[m.pk for m in many]).select_related(
                "mentor", "mentee"
            )
        )
    assert len(batch) == len(single)
