"""The meeting and goal signals on hand-built histories: each moves the score the way score.py
(and the "How the health score works" page) says, and says why in plain words."""

import datetime

from tandem.growth.reports import GoalCounts
from tandem.health import score
from tandem.health.score import EXPLAINED, compute
from tandem.health.tests.factories import MARIA, NOW, THEO, days_ago, pair_history
from tandem.meetings.selectors import MeetingSignals
from tandem.mentorships.models import Agreement, MentorshipKind


def _signal(report, key):
    return next((s for s in report.signals if s.key == key), None)


def _with_meetings(history, *, frequency="fortnightly", **figures):
    """The history with 12 weeks of meeting figures and a signed agreement at `frequency`."""
    figures.setdefault("days_since_last_held", 5)
    if figures["days_since_last_held"] is not None and "last_held_at" not in figures:
        figures["last_held_at"] = days_ago(figures["days_since_last_held"])
    history.data["meetings"] = MeetingSignals(
        mentorship_id=1, since=days_ago(84), until=NOW, **figures
    )
    history.data["agreement"] = Agreement(meeting_frequency=frequency)
    return history


# --- meetings held against the agreement -----------------------------------------------------


def test_meeting_as_often_as_agreed_costs_nothing():
    history = _with_meetings(pair_history(), expected=6.0, agreed=6, held=6)
    signal = _signal(compute(history), "meeting_rhythm")
    assert signal.points == 0
    assert signal.reason == (
        "held 6 of the 6 meetings their fortnightly agreement called for in the last 12 weeks"
    )


def test_three_quarters_of_the_agreed_meetings_is_enough():
    history = _with_meetings(pair_history(), expected=8.0, agreed=6, held=6)
    assert _signal(compute(history), "meeting_rhythm").points == 0


def test_fewer_meetings_than_agreed_cost_up_to_30():
    half = _with_meetings(pair_history(), expected=6.0, agreed=3, held=3)
    assert _signal(compute(half), "meeting_rhythm").points == -10  # 40 × (0.75 − 0.5)
    none = _with_meetings(pair_history(), expected=6.0, agreed=0, held=0)
    signal = _signal(compute(none), "meeting_rhythm")
    assert signal.points == -30
    assert signal.reason.startswith("held 0 of the 6 meetings")


def test_meetings_not_recorded_yet_count_as_held_and_are_named():
    history = _with_meetings(pair_history(), expected=4.0, agreed=4, held=2, unmarked=2)
    signal = _signal(compute(history), "meeting_rhythm")
    assert signal.points == 0
    assert signal.reason.endswith("(2 not recorded yet)")


def test_no_rhythm_signal_before_a_meeting_is_due_or_without_a_signed_agreement():
    early = _with_meetings(pair_history(), expected=0.6, agreed=0)
    assert _signal(compute(early), "meeting_rhythm") is None
    unsigned = _with_meetings(pair_history(), expected=6.0, held=1)
    unsigned.data["agreement"] = None
    report = compute(unsigned)
    assert _signal(report, "meeting_rhythm") is None
    assert _signal(report, "last_meeting") is None


# --- cancellations ---------------------------------------------------------------------------


def test_one_cancellation_with_notice_costs_nothing_and_says_who():
    history = _with_meetings(pair_history(), agreed=5, held=4, cancelled=1, cancelled_by={THEO: 1})
    signal = _signal(compute(history), "cancellations")
    assert (signal.points, signal.red_flag) == (0, False)
    assert signal.reason == "one cancellation by the mentee"


def test_each_further_cancellation_and_each_late_one_cost_5():
    history = _with_meetings(
        pair_history(),
        agreed=6,
        held=3,
        cancelled=3,
        cancelled_by={MARIA: 2, THEO: 1},
        late_cancellations=1,
    )
    signal = _signal(compute(history), "cancellations")
    assert signal.points == -15  # two beyond the first, one with under 24 hours' notice
    assert signal.reason == (
        "two cancellations by the mentor; one cancellation by the mentee "
        "(one with under 24 hours' notice)"
    )
    assert not signal.red_flag


def test_three_cancellations_by_one_person_raise_a_red_flag_and_the_cost_stops_at_20():
    history = _with_meetings(
        pair_history(), agreed=6, held=2, cancelled=4, cancelled_by={MARIA: 4}, late_cancellations=3
    )
    signal = _signal(compute(history), "cancellations")
    assert (signal.points, signal.red_flag) == (-20, True)
    assert signal.reason.startswith("four cancellations by the mentor")


def test_between_peers_the_cancellations_name_the_person():
    history = pair_history()
    history.mentorship.kind = MentorshipKind.MUTUAL
    _with_meetings(history, agreed=4, held=2, cancelled=2, cancelled_by={THEO: 2})
    assert _signal(compute(history), "cancellations").reason == "two cancellations by Theo Mentee"


def test_no_agreed_meeting_no_cancellation_signal():
    history = _with_meetings(pair_history(), agreed=0)
    assert _signal(compute(history), "cancellations") is None


# --- punctuality -----------------------------------------------------------------------------


def test_everyone_on_time_costs_nothing():
    history = _with_meetings(pair_history(), agreed=3, held=3)
    signal = _signal(compute(history), "punctuality")
    assert (signal.points, signal.reason) == (
        0,
        "both on time at the three meetings recorded in the last 12 weeks",
    )


def test_late_arrivals_beyond_the_first_cost_3_and_absences_8():
    history = _with_meetings(
        pair_history(), agreed=6, held=5, not_held=1, late_arrivals={THEO: 3}, absences={MARIA: 1}
    )
    signal = _signal(compute(history), "punctuality")
    assert signal.points == -14  # 3 × (3 − 1) + 8
    assert signal.reason == "the mentee came late to three meetings; the mentor missed one meeting"


def test_lateness_costs_at_most_20():
    history = _with_meetings(pair_history(), agreed=6, held=3, not_held=3, absences={MARIA: 3})
    assert _signal(compute(history), "punctuality").points == -20


# --- time since the last meeting -------------------------------------------------------------


def test_a_week_of_grace_beyond_the_agreed_interval():
    history = _with_meetings(pair_history(), days_since_last_held=21)
    signal = _signal(compute(history), "last_meeting")
    assert (signal.points, signal.red_flag) == (0, False)
    assert signal.reason == "last met 3 weeks ago (a fortnightly agreement)"


def test_five_weeks_without_a_meeting_against_a_fortnightly_agreement_is_a_red_flag():
    history = _with_meetings(pair_history(), days_since_last_held=35)
    signal = _signal(compute(history), "last_meeting")
    assert (signal.points, signal.red_flag) == (-10, True)  # 10 × (35 − 14 − 7) / 14
    assert signal.reason == "no meeting for 5 weeks against a fortnightly agreement"


def test_the_same_gap_is_milder_against_a_monthly_agreement():
    history = _with_meetings(pair_history(), frequency="monthly", days_since_last_held=35)
    assert _signal(compute(history), "last_meeting").points == 0
    history = _with_meetings(pair_history(), frequency="monthly", days_since_last_held=67)
    signal = _signal(compute(history), "last_meeting")
    assert (signal.points, signal.red_flag) == (-10, False)
    history = _with_meetings(pair_history(), frequency="monthly", days_since_last_held=75)
    assert _signal(compute(history), "last_meeting").red_flag


def test_the_cost_of_silence_stops_at_30():
    history = _with_meetings(pair_history(), frequency="weekly", days_since_last_held=200)
    signal = _signal(compute(history), "last_meeting")
    assert (signal.points, signal.red_flag) == (-30, True)
    assert signal.reason == "no meeting for 6 months against a weekly agreement"


def test_a_pair_that_never_met_is_measured_from_its_start():
    history = _with_meetings(pair_history(), days_since_last_held=40, last_held_at=None)
    signal = _signal(compute(history), "last_meeting")
    assert signal.red_flag
    assert signal.reason == (
        "no meeting held in the 5 weeks since the mentorship began (a fortnightly agreement)"
    )


def test_a_booked_meeting_is_mentioned():
    history = _with_meetings(
        pair_history(), days_since_last_held=40, next_meeting_at=NOW + datetime.timedelta(days=3)
    )
    reason = _signal(compute(history), "last_meeting").reason
    assert reason == (
        "no meeting for 5 weeks against a fortnightly agreement; next one booked for 28 November"
    )


# --- goals -----------------------------------------------------------------------------------


def test_goals_under_way_cost_nothing():
    history = pair_history()
    history.data["goals"] = GoalCounts(goals=3, reached=1, active=2, average_progress=55.0)
    signal = _signal(compute(history), "goal_progress")
    assert signal.points == 0
    assert signal.reason == "1 of 3 goals reached; 2 in progress, 55% on average"


def test_each_goal_past_its_target_date_costs_5_up_to_15():
    history = pair_history()
    history.data["goals"] = GoalCounts(goals=2, active=2, overdue=1, average_progress=20.0)
    signal = _signal(compute(history), "goal_progress")
    assert signal.points == -5
    assert signal.reason.endswith("one goal past its target date")
    history.data["goals"] = GoalCounts(goals=5, active=5, overdue=4)
    assert _signal(compute(history), "goal_progress").points == -15


def test_no_goal_set_after_45_days_costs_10():
    history = pair_history()  # began 200 days ago
    history.data["goals"] = GoalCounts()
    signal = _signal(compute(history), "goal_progress")
    assert (signal.points, signal.reason) == (
        -10,
        "no goal set in the 200 days since the mentorship began",
    )
    history.mentorship.started_at = days_ago(30)
    assert _signal(compute(history), "goal_progress") is None


def test_goal_progress_says_nothing_when_goals_were_not_loaded():
    assert _signal(compute(pair_history()), "goal_progress") is None


# --- together --------------------------------------------------------------------------------


def test_a_drifting_pairs_breakdown_reads_like_an_admin_would_say_it():
    history = _with_meetings(
        pair_history(activity_days_ago=35),
        expected=6.0,
        agreed=4,
        held=2,
        cancelled=2,
        cancelled_by={MARIA: 2},
        days_since_last_held=35,
    )
    report = compute(history)
    reasons = "; ".join(s.reason for s in report.signals if s.points < 0)
    assert "no meeting for 5 weeks against a fortnightly agreement" in reasons
    assert "two cancellations by the mentor" in reasons
    assert report.at_risk
    # 100 − 17 (2 of 6: 40 × (0.75 − 1/3)) − 5 (a second cancellation) − 10 (5 weeks)
    # − 2 (35 quiet days)
    assert report.score == 66


def test_every_signal_is_explained_in_plain_words():
    keys = [signal.__name__ for signal in score.SIGNALS]
    assert [e.key for e in EXPLAINED] == keys
    for explanation in EXPLAINED:
        assert explanation.moves and explanation.looks_at
