"""The health score on hand-built histories: each signal moves the score the way score.py
documents, and says why in plain words. No database: signals read only the history."""

from tandem.health import score
from tandem.health.models import HealthSettings
from tandem.health.score import Signal, compute
from tandem.health.tests.factories import MARIA, THEO, answered, pair_history, unanswered


def _signal(report, key):
    return next((s for s in report.signals if s.key == key), None)


def test_a_pair_with_recent_activity_and_nothing_to_worry_about_scores_100():
    report = compute(pair_history(activity_days_ago=3))
    assert report.score == 100
    assert not report.at_risk
    assert report.band == "healthy"
    assert [s.key for s in report.signals] == ["recent_activity"]
    assert report.signals[0].reason == "last activity 3 days ago (a status change)"


# --- check-in ratings ------------------------------------------------------------------------


def test_ratings_of_4_or_more_cost_nothing():
    history = pair_history()
    history.checkins = [answered(MARIA, 1, ratings=(5, 4, 4, 4, 4)), answered(THEO, 1)]
    signal = _signal(compute(history), "checkin_ratings")
    assert signal.points == 0
    assert signal.reason == (
        "latest check-in ratings average 4.1 of 5 (Maria Mentor 4.2, Theo Mentee 4)"
    )


def test_each_point_of_average_below_4_costs_15():
    history = pair_history()
    history.checkins = [
        answered(MARIA, 1, ratings=(3, 3, 3, 3, 3)),
        answered(THEO, 1, ratings=(3, 3, 3, 3, 3)),
    ]
    report = compute(history)
    assert _signal(report, "checkin_ratings").points == -15
    assert report.score == 85
    history.checkins = [answered(MARIA, 1, ratings=(1, 1, 1, 1, 1))]
    assert _signal(compute(history), "checkin_ratings").points == -45


def test_the_latest_answer_of_each_side_counts():
    history = pair_history()
    history.checkins = [
        answered(MARIA, 1, ratings=(1, 1, 1, 1, 3), days_ago_answered=70),
        answered(MARIA, 2, ratings=(4, 4, 4, 4, 4), days_ago_answered=10),
    ]
    assert _signal(compute(history), "checkin_ratings").points == 0


def test_low_satisfaction_raises_a_red_flag_naming_the_side():
    history = pair_history()
    history.checkins = [answered(MARIA, 1), answered(THEO, 1, ratings=(4, 4, 4, 4, 2))]
    report = compute(history)
    signal = _signal(report, "checkin_ratings")
    assert signal.red_flag
    assert "Theo Mentee rated overall satisfaction 2 of 5" in signal.reason
    assert report.at_risk and report.score > report.threshold  # a red flag is enough


# --- the trend -------------------------------------------------------------------------------


def test_no_trend_from_a_single_round():
    history = pair_history()
    history.checkins = [answered(MARIA, 1), answered(THEO, 1)]
    assert _signal(compute(history), "checkin_trend") is None


def test_falling_engagement_costs_10_per_point_and_flags_from_1_5():
    history = pair_history()
    history.checkins = [
        answered(MARIA, 1, ratings=(5, 4, 4, 4, 4), days_ago_answered=70),
        answered(THEO, 1, ratings=(4, 4, 4, 4, 4), days_ago_answered=70),
        answered(MARIA, 2, ratings=(3, 4, 4, 4, 4), days_ago_answered=8),
        answered(THEO, 2, ratings=(2, 4, 4, 4, 4), days_ago_answered=8),
    ]
    signal = _signal(compute(history), "checkin_trend")
    assert signal.points == -20
    assert signal.red_flag
    assert signal.reason == "engagement fell from 4.5 to 2.5 over the last two check-ins"


def test_a_one_point_fall_costs_10_without_a_red_flag():
    history = pair_history()
    history.checkins = [
        answered(MARIA, 1, ratings=(4, 4, 5, 4, 4), days_ago_answered=70),
        answered(MARIA, 2, ratings=(4, 4, 4, 4, 4), days_ago_answered=8),
    ]
    signal = _signal(compute(history), "checkin_trend")
    assert (signal.points, signal.red_flag) == (-10, False)
    assert signal.reason == "authenticity fell from 5 to 4 over the last two check-ins"


def test_steady_or_rising_ratings_cost_nothing():
    history = pair_history()
    history.checkins = [
        answered(MARIA, 1, ratings=(3, 4, 4, 4, 3), days_ago_answered=70),
        answered(MARIA, 2, ratings=(4, 4, 4, 4, 4), days_ago_answered=8),
    ]
    signal = _signal(compute(history), "checkin_trend")
    assert signal.points == 0
    assert signal.reason == "engagement rose from 3 to 4 over the last two check-ins"


def test_the_trend_compares_only_sides_that_answered_both_rounds():
    history = pair_history()
    history.checkins = [
        answered(THEO, 1, ratings=(5, 5, 5, 5, 5), days_ago_answered=70),
        answered(MARIA, 1, ratings=(3, 3, 3, 3, 3), days_ago_answered=70),
        answered(MARIA, 2, ratings=(3, 3, 3, 3, 3), days_ago_answered=8),
    ]
    assert _signal(compute(history), "checkin_trend").points == 0


# --- good fit --------------------------------------------------------------------------------


def test_a_no_to_good_fit_costs_30_and_flags():
    history = pair_history()
    history.checkins = [answered(MARIA, 1, good_fit=True), answered(THEO, 1, good_fit=False)]
    signal = _signal(compute(history), "good_fit")
    assert (signal.points, signal.red_flag) == (-30, True)
    assert signal.reason == "Theo Mentee said in the first check-in that this is not a good fit"


def test_two_yeses_cost_nothing():
    history = pair_history()
    history.checkins = [answered(MARIA, 1, good_fit=True), answered(THEO, 1, good_fit=True)]
    signal = _signal(compute(history), "good_fit")
    assert (signal.points, signal.red_flag) == (0, False)
    assert signal.reason == "both said in the first check-in that it is a good fit"


# --- check-ins answered ----------------------------------------------------------------------


def test_a_check_in_within_the_reminder_delay_is_not_overdue():
    history = pair_history()
    history.checkins = [
        unanswered(MARIA, 1, opened_days_ago=3),
        unanswered(THEO, 1, opened_days_ago=3),
    ]
    assert _signal(compute(history), "checkins_answered").points == 0


def test_each_overdue_check_in_costs_10():
    history = pair_history()
    history.checkins = [answered(MARIA, 1), unanswered(THEO, 1, opened_days_ago=10)]
    signal = _signal(compute(history), "checkins_answered")
    assert (signal.points, signal.red_flag) == (-10, False)
    assert signal.reason == "no check-in answered for 5 days; overdue check-ins: Theo Mentee 1"


def test_both_sides_silent_in_the_latest_round_is_a_red_flag():
    history = pair_history()
    history.checkins = [
        answered(MARIA, 1, days_ago_answered=75),
        unanswered(THEO, 1, opened_days_ago=77, closed=True),
        unanswered(MARIA, 2, opened_days_ago=17),
        unanswered(THEO, 2, opened_days_ago=17),
    ]
    signal = _signal(compute(history), "checkins_answered")
    assert (signal.points, signal.red_flag) == (-30, True)
    assert signal.reason.startswith("no check-in answered for 75 days")


def test_the_reminder_delay_is_the_programs():
    history = pair_history(settings=HealthSettings(program_id=1, reminder_after_days=14))
    history.checkins = [unanswered(MARIA, 1, opened_days_ago=10)]
    assert _signal(compute(history), "checkins_answered").points == 0


# --- recent activity -------------------------------------------------------------------------


def test_thirty_quiet_days_cost_nothing_then_one_point_per_two_days():
    assert _signal(compute(pair_history(activity_days_ago=30)), "recent_activity").points == 0
    signal = _signal(compute(pair_history(activity_days_ago=50)), "recent_activity")
    assert (signal.points, signal.red_flag) == (-10, False)
    assert signal.reason == "no activity for 50 days (last: a status change, 6 October 2026)"


def test_ninety_quiet_days_are_a_red_flag_and_the_cost_stops_at_30():
    signal = _signal(compute(pair_history(activity_days_ago=90)), "recent_activity")
    assert (signal.points, signal.red_flag) == (-30, True)
    signal = _signal(compute(pair_history(activity_days_ago=400)), "recent_activity")
    assert signal.points == -30


def test_the_latest_activity_of_any_source_counts():
    history = pair_history(activity_days_ago=100)
    history.activity["feedback given"] = history.now.replace(day=20)
    signal = _signal(compute(history), "recent_activity")
    assert signal.reason == "last activity 5 days ago (feedback given)"


# --- the sum ---------------------------------------------------------------------------------


def test_the_score_is_100_plus_the_signals_kept_between_0_and_100():
    history = pair_history(activity_days_ago=120)
    history.checkins = [
        answered(MARIA, 1, ratings=(1, 1, 1, 1, 1), good_fit=False, days_ago_answered=120),
        unanswered(THEO, 1, opened_days_ago=122, closed=True),
    ]
    report = compute(history)
    assert sum(s.points for s in report.signals) < -100
    assert report.score == 0
    assert report.band == "at_risk"


def test_below_the_programs_threshold_a_pair_is_at_risk():
    history = pair_history(settings=HealthSettings(program_id=1, at_risk_below=90))
    history.checkins = [
        answered(MARIA, 1, ratings=(3, 3, 3, 3, 3)),
        answered(THEO, 1, ratings=(3, 3, 3, 3, 3)),
    ]
    report = compute(history)
    assert (report.score, report.threshold, report.red_flags) == (85, 90, [])
    assert report.at_risk


def test_the_site_default_threshold_is_a_setting(settings):
    settings.HEALTH_AT_RISK_BELOW = 70
    assert HealthSettings(program_id=1).threshold == 70
    assert HealthSettings(program_id=1, at_risk_below=40).threshold == 40


def test_a_new_signal_needs_nothing_else(monkeypatch):
    """The contract: the second pass adds meeting and goal signals by listing them."""

    def meetings_held(history):
        return Signal("meetings_held", "Meetings held", -25, "no meeting for 5 weeks", True)

    monkeypatch.setattr(score, "SIGNALS", [*score.SIGNALS, meetings_held])
    report = compute(pair_history())
    assert report.score == 75
    assert [s.key for s in report.red_flags] == ["meetings_held"]


def test_effects_are_written_as_people_write_them():
    assert Signal("k", "l", -12, "r").effect == "−12"
    assert Signal("k", "l", 3, "r").effect == "+3"
    assert Signal("k", "l", 0, "r").effect == "0"
