"""Scores are stored; a pair at risk opens a risk per cause; the program's admins hear of
each new risk once, however often the job runs; admins record actions and resolve risks."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command

from tandem.health import score
from tandem.health.models import HealthScore, Risk, RiskAction
from tandem.health.services import checkin_answer, health_recompute, risk_action_record
from tandem.health.tests.factories import RATINGS_OK, open_round
from tandem.mentorships.services import mentorship_transition
from tandem.notifications.models import Notification

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 8, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def check_in_signals_only(monkeypatch):
    """The risk machinery is shown with the check-in and activity signals alone (these pairs
    never meet): the meeting and goal signals have their own tests."""
    kept = {"checkin_ratings", "checkin_trend", "good_fit", "checkins_answered", "recent_activity"}
    monkeypatch.setattr(score, "SIGNALS", [s for s in score.SIGNALS if s.__name__ in kept])


def _later(days: int) -> datetime.datetime:
    return START + datetime.timedelta(days=days)


def _alerts():
    return Notification.objects.filter(kind="mentorship_at_risk")


def test_scores_are_stored_for_active_pairs(mentorship, mutual_mentorship):
    summary = health_recompute(now=_later(1))
    assert summary["scored"] == 2
    assert HealthScore.objects.get(mentorship=mentorship).score == 100


def test_a_healthy_pair_opens_no_risk(mentorship, program_manager):
    health_recompute(now=_later(10))
    assert not Risk.objects.exists()
    assert not _alerts().exists()


def test_a_silent_pair_opens_a_risk_and_its_admins_hear_of_it_once(mentorship, program_manager):
    summary = health_recompute(now=_later(95))
    assert summary["opened"] == 1
    risk = Risk.objects.get()
    assert (risk.kind, risk.title, risk.score) == ("recent_activity", "Recent activity", 70)
    assert risk.reason == "No activity for 95 days (last: the agreement written, 1 August 2026)."
    alert = _alerts().get()
    assert alert.recipient == program_manager
    assert alert.title == "At risk (recent activity): Maria Mentor → Theo Mentee"
    assert alert.url == f"/health/mentorships/{mentorship.pk}/"
    for days in (96, 100, 120):
        assert health_recompute(now=_later(days))["opened"] == 0
    assert _alerts().count() == 1
    assert Risk.objects.get().reason.startswith("No activity for 120 days")


@pytest.mark.django_db(transaction=True)
def test_the_job_run_twice_at_once_notifies_once(settings, mentorship, program_manager, clock):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from tandem.health.tasks import health_scores_recompute

    clock.move_to(_later(95))
    health_scores_recompute.enqueue()
    health_scores_recompute.enqueue()
    call_command("tandem_worker", "--batch", "--verbosity", "0")
    assert Risk.objects.count() == 1
    assert _alerts().count() == 1


def test_a_score_below_the_threshold_is_a_risk_with_the_worst_causes(mentorship, program_manager):
    first = {c.respondent_id: c for c in open_round(mentorship, 1)}
    low = {"engagement": 2, "flexibility": 2, "authenticity": 2, "reciprocity": 2}
    checkin_answer(
        checkin=first[mentorship.mentor_id],
        by=mentorship.mentor,
        **low,
        satisfaction=3,
        good_fit=True,
    )
    checkin_answer(
        checkin=first[mentorship.mentee_id],
        by=mentorship.mentee,
        **low,
        satisfaction=3,
        good_fit=True,
    )
    health_recompute(now=_later(80))
    risk = Risk.objects.get(kind="low_score")
    assert risk.score == 48
    assert risk.reason == (
        "Health score 48, below 50: latest check-in ratings average 2.2 of 5 "
        "(Maria Mentor 2.2, Theo Mentee 2.2); no activity for 80 days (last: a check-in "
        "answered, 1 August 2026)."
    )


def test_each_cause_is_its_own_risk_and_announced_once(mentorship, program_manager):
    first = {c.respondent_id: c for c in open_round(mentorship, 1)}
    checkin_answer(
        checkin=first[mentorship.mentee_id], by=mentorship.mentee, **RATINGS_OK, good_fit=False
    )
    assert _alerts().count() == 1
    health_recompute(now=_later(95))
    assert set(Risk.objects.values_list("kind", flat=True)) == {
        "good_fit",
        "recent_activity",
        "low_score",
    }
    assert _alerts().count() == 3


def test_a_risk_clears_itself_when_its_cause_goes(mentorship, program_manager):
    health_recompute(now=_later(95))
    open_round(mentorship, 1, opened_at=_later(95))
    checkin = mentorship.checkins.get(respondent=mentorship.mentee)
    with time_machine.travel(_later(96), tick=False):
        checkin_answer(checkin=checkin, by=mentorship.mentee, **RATINGS_OK, good_fit=True)
    risk = Risk.objects.get(kind="recent_activity")
    assert risk.cleared_at is not None and risk.resolved_at is not None
    assert risk.resolution == "Cleared by itself: recent activity no longer a concern."


def test_an_admin_resolves_risks_with_an_action(mentorship, program_manager):
    health_recompute(now=_later(95))
    action = risk_action_record(
        mentorship=mentorship,
        by=program_manager,
        kind="contacted",
        note="Called both.",
        resolve=True,
    )
    risk = Risk.objects.get()
    assert (risk.resolved_by, risk.resolution) == (
        program_manager,
        "Contacted the pair: Called both.",
    )
    assert action.resolves
    health_recompute(now=_later(100))
    assert Risk.objects.count() == 1, "no second risk while the same cause lasts"
    assert _alerts().count() == 1


def test_a_cause_that_returns_after_clearing_is_a_new_risk(mentorship, program_manager):
    health_recompute(now=_later(95))
    risk_action_record(mentorship=mentorship, by=program_manager, kind="contacted", resolve=True)
    open_round(mentorship, 1, opened_at=_later(96))
    with time_machine.travel(_later(96), tick=False):
        checkin_answer(
            checkin=mentorship.checkins.get(respondent=mentorship.mentor),
            by=mentorship.mentor,
            **RATINGS_OK,
            good_fit=True,
        )
    health_recompute(now=_later(200))
    assert Risk.objects.filter(kind="recent_activity").count() == 2
    assert _alerts().filter(title__startswith="At risk (recent activity)").count() == 2


def test_an_action_without_resolving_keeps_the_risk_open(mentorship, program_manager):
    health_recompute(now=_later(95))
    risk_action_record(mentorship=mentorship, by=program_manager, kind="contacted")
    assert Risk.objects.open().count() == 1


def test_other_needs_a_note_and_only_admins_act(
    mentorship, program_manager, mentor, other_program_admin
):
    with pytest.raises(ValidationError) as refused:
        risk_action_record(mentorship=mentorship, by=program_manager, kind="other")
    assert refused.value.message_dict == {"note": ["Say what you did."]}
    with pytest.raises(ValidationError) as refused:
        risk_action_record(mentorship=mentorship, by=program_manager, kind="shouted")
    assert "kind" in refused.value.message_dict
    for person in (mentor, other_program_admin):
        with pytest.raises(ValidationError, match="Only the program's admins"):
            risk_action_record(mentorship=mentorship, by=person, kind="contacted")
    assert not RiskAction.objects.exists()


def test_pausing_or_closing_a_pair_clears_its_risks(mentorship, program_manager, mentor):
    health_recompute(now=_later(95))
    mentorship_transition(mentorship=mentorship, to_status="paused", by=mentor)
    health_recompute(now=_later(96))
    risk = Risk.objects.get()
    assert risk.resolution == "The mentorship is paused."


def test_a_program_without_admins_alerts_the_global_admins(mentorship, program_admin):
    health_recompute(now=_later(95))
    assert [a.recipient for a in _alerts()] == [program_admin]
