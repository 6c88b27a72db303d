"""Check-ins open at the program's cadence for each side, once, and are answered once."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tandem.health.models import CheckIn, HealthSettings, Risk
from tandem.health.services import (
    checkin_answer,
    checkins_open_due,
    checkins_remind,
    health_settings_save,
)
from tandem.health.tests.factories import RATINGS_OK, open_round
from tandem.mentorships.models import Mentorship
from tandem.mentorships.services import mentorship_transition
from tandem.notifications.models import Notification

pytestmark = pytest.mark.django_db

BEGAN = datetime.datetime(2026, 6, 1, 10, 0, tzinfo=datetime.UTC)


def _at(day: datetime.date | datetime.datetime) -> datetime.datetime:
    if isinstance(day, datetime.datetime):
        return day
    return datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC)


@pytest.fixture
def began(mentorship):
    Mentorship.objects.filter(pk=mentorship.pk).update(started_at=BEGAN)
    mentorship.refresh_from_db()
    return mentorship


def _told(kind="checkin_due"):
    return Notification.objects.filter(kind=kind)


def test_nothing_opens_before_the_first_check_in_is_due(began):
    assert checkins_open_due(now=_at(datetime.date(2026, 6, 30))) == 0
    assert not CheckIn.objects.exists()


def test_two_workers_that_read_the_same_check_in_announce_it_once(began):
    from tandem.health.services import _claim

    checkins_open_due(now=_at(datetime.date(2026, 7, 1)))
    checkin = CheckIn.objects.first()
    CheckIn.objects.filter(pk=checkin.pk).update(notified_at=None)
    # Both workers hold the row as it was read; only one conditional UPDATE can match.
    assert _claim(checkin, "notified_at", _at(datetime.date(2026, 7, 1))) is True
    assert _claim(checkin, "notified_at", _at(datetime.date(2026, 7, 1))) is False


def test_the_first_round_opens_30_days_after_the_start_for_both_sides(began, mentor, mentee):
    assert checkins_open_due(now=_at(datetime.date(2026, 7, 1))) == 2
    rows = CheckIn.objects.order_by("respondent__email")
    assert [(c.respondent, c.round, c.due_on) for c in rows] == [
        (mentee, 1, datetime.date(2026, 7, 1)),
        (mentor, 1, datetime.date(2026, 7, 1)),
    ]
    assert {n.recipient for n in _told()} == {mentor, mentee}
    assert _told().get(recipient=mentee).title == "Time for your check-in with Maria Mentor"


def test_running_the_job_twice_opens_and_announces_once(began):
    now = _at(datetime.date(2026, 7, 2))
    assert checkins_open_due(now=now) == 2
    assert checkins_open_due(now=now) == 0
    assert CheckIn.objects.count() == 2
    assert _told().count() == 2


def test_then_every_60_days_and_the_unanswered_round_closes(began, mentee):
    checkins_open_due(now=_at(datetime.date(2026, 7, 1)))
    first = CheckIn.objects.get(respondent=mentee)
    checkin_answer(checkin=first, by=mentee, **RATINGS_OK, good_fit=True)
    assert checkins_open_due(now=_at(datetime.date(2026, 8, 29))) == 0
    assert checkins_open_due(now=_at(datetime.date(2026, 8, 30))) == 2
    assert sorted(CheckIn.objects.values_list("round", "status")) == [
        (1, "answered"),
        (1, "closed"),
        (2, "open"),
        (2, "open"),
    ]


def test_the_program_sets_its_own_cadence(began, program, program_manager):
    health_settings_save(
        program=program, by=program_manager, first_check_in_days=14, check_in_every_days=28
    )
    checkins_open_due(now=_at(datetime.date(2026, 6, 15)))
    assert set(CheckIn.objects.values_list("round", flat=True)) == {1}
    checkins_open_due(now=_at(datetime.date(2026, 7, 13)))
    assert set(CheckIn.objects.open().values_list("round", flat=True)) == {2}


def test_a_late_job_opens_only_the_round_due_now(began):
    checkins_open_due(now=_at(datetime.date(2026, 11, 25)))
    assert set(CheckIn.objects.values_list("round", flat=True)) == {3}


def test_paused_and_ended_mentorships_get_no_check_ins(began, mentor):
    mentorship_transition(mentorship=began, to_status="paused", by=mentor)
    assert checkins_open_due(now=_at(datetime.date(2026, 7, 2))) == 0


def test_open_check_ins_close_when_the_mentorship_ends(began, mentor):
    checkins_open_due(now=_at(datetime.date(2026, 7, 2)))
    mentorship_transition(mentorship=began, to_status="ended", by=mentor, reason="no_time")
    checkins_open_due(now=_at(datetime.date(2026, 7, 3)))
    assert set(CheckIn.objects.values_list("status", flat=True)) == {"closed"}


def test_one_reminder_after_the_programs_delay(began, mentee, mentor):
    checkins_open_due(now=_at(datetime.date(2026, 7, 1)))
    checkin_answer(
        checkin=CheckIn.objects.get(respondent=mentor), by=mentor, **RATINGS_OK, good_fit=True
    )
    assert checkins_remind(now=_at(datetime.date(2026, 7, 7))) == 0
    assert checkins_remind(now=_at(datetime.date(2026, 7, 8))) == 1
    assert checkins_remind(now=_at(datetime.date(2026, 7, 9))) == 0
    reminder = _told("checkin_reminder").get()
    assert reminder.recipient == mentee
    assert reminder.title == "Reminder: your check-in with Maria Mentor is waiting"


# --- answering -------------------------------------------------------------------------------


@pytest.fixture
def first_round(mentorship):
    return {c.respondent.email.split("@")[0]: c for c in open_round(mentorship, 1)}


def test_each_side_answers_its_own_check_in(first_round, mentee):
    checkin = checkin_answer(
        checkin=first_round["mentee"],
        by=mentee,
        **RATINGS_OK,
        good_fit=True,
        learned="How to read a code review.",
        comment="Great start.",
        share_comment=True,
    )
    checkin.refresh_from_db()
    assert checkin.status == "answered" and checkin.answered_at is not None
    assert (checkin.authenticity, checkin.good_fit, checkin.share_comment) == (5, True, True)


def test_nobody_answers_someone_elses_check_in(first_round, mentor, program_admin):
    for person in (mentor, program_admin):
        with pytest.raises(ValidationError, match="Only the person it was sent to"):
            checkin_answer(checkin=first_round["mentee"], by=person, **RATINGS_OK, good_fit=True)


def test_a_check_in_is_answered_once(first_round, mentee):
    checkin_answer(checkin=first_round["mentee"], by=mentee, **RATINGS_OK, good_fit=True)
    with pytest.raises(ValidationError, match="already answered"):
        checkin_answer(checkin=first_round["mentee"], by=mentee, **RATINGS_OK, good_fit=True)


def test_ratings_outside_1_to_5_and_a_missing_fit_name_their_fields(first_round, mentee):
    with pytest.raises(ValidationError) as refused:
        checkin_answer(
            checkin=first_round["mentee"],
            by=mentee,
            **(RATINGS_OK | {"engagement": 6, "reciprocity": 0}),
        )
    assert set(refused.value.message_dict) == {"engagement", "reciprocity", "good_fit"}
    assert refused.value.message_dict["engagement"] == ["Rate engagement from 1 to 5."]
    assert CheckIn.objects.get(pk=first_round["mentee"].pk).status == "open"


def test_only_the_first_round_asks_about_the_fit(mentorship, mentee):
    later = open_round(mentorship, 2)[1]
    checkin = checkin_answer(checkin=later, by=mentee, **RATINGS_OK, good_fit=False)
    assert checkin.good_fit is None


def test_a_comment_is_shared_only_if_there_is_one(first_round, mentee, mentor):
    checkin = checkin_answer(
        checkin=first_round["mentee"], by=mentee, **RATINGS_OK, good_fit=True, share_comment=True
    )
    assert checkin.share_comment is False
    assert not Notification.objects.filter(recipient=mentor, kind="checkin_comment_shared")


def test_a_shared_comment_is_announced_to_the_partner(first_round, mentee, mentor):
    checkin_answer(
        checkin=first_round["mentee"],
        by=mentee,
        **RATINGS_OK,
        good_fit=True,
        comment="Thanks for the intro to the data team!",
        share_comment=True,
    )
    shared = Notification.objects.get(recipient=mentor, kind="checkin_comment_shared")
    assert shared.body == "Thanks for the intro to the data team!"


def test_a_closed_check_in_cannot_be_answered(first_round, mentee):
    CheckIn.objects.filter(pk=first_round["mentee"].pk).update(status="closed")
    with pytest.raises(ValidationError, match="has closed"):
        checkin_answer(checkin=first_round["mentee"], by=mentee, **RATINGS_OK, good_fit=True)


def test_not_a_good_fit_alerts_the_programs_admins_once(
    first_round, mentee, mentor, program_manager
):
    checkin_answer(checkin=first_round["mentee"], by=mentee, **RATINGS_OK, good_fit=False)
    checkin_answer(checkin=first_round["mentor"], by=mentor, **RATINGS_OK, good_fit=False)
    alerts = Notification.objects.filter(kind="mentorship_at_risk")
    assert [a.recipient for a in alerts] == [program_manager]
    assert alerts.get().title == "Not a good fit — consider re-matching: Maria Mentor → Theo Mentee"
    risk = Risk.objects.get(kind="good_fit")
    assert risk.reason == (
        "Maria Mentor and Theo Mentee said in the first check-in that this is not a good fit."
    )


def test_settings_are_checked_and_name_their_fields(program, program_manager, mentee):
    with pytest.raises(ValidationError) as refused:
        health_settings_save(program=program, by=program_manager, check_in_every_days=3)
    assert "check_in_every_days" in refused.value.message_dict
    with pytest.raises(ValidationError, match="Only the program's admins"):
        health_settings_save(program=program, by=mentee, check_in_every_days=30)
    assert not HealthSettings.objects.exists()


def test_a_program_without_settings_uses_the_defaults(program):
    settings = HealthSettings.for_program(program)
    assert (settings.first_check_in_days, settings.check_in_every_days) == (30, 60)
    assert settings.reminder_after_days == 7


@time_machine.travel(datetime.datetime(2026, 11, 25, 12, tzinfo=datetime.UTC), tick=False)
def test_check_ins_need_a_mentorship_under_way(first_round, mentee, mentor):
    mentorship_transition(
        mentorship=first_round["mentee"].mentorship, to_status="ended", by=mentor, reason="no_time"
    )
    with pytest.raises(ValidationError, match="no longer under way"):
        checkin_answer(checkin=first_round["mentee"], by=mentee, **RATINGS_OK, good_fit=True)


# --- the first check-in follows the first meeting --------------------------------------------


def _held(mentorship, starts_at, outcome="held"):
    from tandem.meetings.tests.factories import make_meeting

    return make_meeting(mentorship, starts_at, outcome=outcome)


def test_the_first_check_in_opens_after_the_first_meeting_held(began, mentor, mentee):
    _held(began, datetime.datetime(2026, 6, 9, 14, tzinfo=datetime.UTC))
    assert checkins_open_due(now=_at(datetime.date(2026, 6, 8))) == 0  # not met yet
    assert checkins_open_due(now=_at(datetime.date(2026, 6, 10))) == 2
    rows = CheckIn.objects.order_by("respondent__email")
    assert [(c.respondent, c.round, c.due_on) for c in rows] == [
        (mentee, 1, datetime.date(2026, 6, 9)),
        (mentor, 1, datetime.date(2026, 6, 9)),
    ]
    assert "is a good fit" in _told().get(recipient=mentee).body


def test_a_meeting_that_did_not_take_place_opens_nothing(began):
    _held(began, datetime.datetime(2026, 6, 9, 14, tzinfo=datetime.UTC), outcome="not_held")
    _held(began, datetime.datetime(2026, 6, 16, 14, tzinfo=datetime.UTC), outcome="unmarked")
    assert checkins_open_due(now=_at(datetime.date(2026, 6, 20))) == 0


def test_without_a_meeting_the_first_check_in_still_opens_at_30_days(began):
    assert checkins_open_due(now=_at(datetime.date(2026, 6, 30))) == 0
    assert checkins_open_due(now=_at(datetime.date(2026, 7, 1))) == 2
    assert set(CheckIn.objects.values_list("due_on", flat=True)) == {datetime.date(2026, 7, 1)}


def test_after_an_early_first_check_in_the_rhythm_keeps_to_the_start(began, mentee):
    _held(began, datetime.datetime(2026, 6, 9, 14, tzinfo=datetime.UTC))
    checkins_open_due(now=_at(datetime.date(2026, 6, 10)))
    assert checkins_open_due(now=_at(datetime.date(2026, 7, 1))) == 0  # round 1 is open
    assert checkins_open_due(now=_at(datetime.date(2026, 8, 30))) == 2  # 30 + 60 days
    assert sorted(CheckIn.objects.values_list("round", "status")) == [
        (1, "closed"),
        (1, "closed"),
        (2, "open"),
        (2, "open"),
    ]


def test_a_no_after_the_first_meeting_alerts_the_admins_once(
    began, mentee, mentor, program_manager
):
    _held(began, datetime.datetime(2026, 6, 9, 14, tzinfo=datetime.UTC))
    with time_machine.travel(_at(datetime.date(2026, 6, 10)), tick=False):
        checkins_open_due()
        checkin = CheckIn.objects.get(respondent=mentee)
        checkin_answer(checkin=checkin, by=mentee, **RATINGS_OK, good_fit=False)
        checkin_answer(
            checkin=CheckIn.objects.get(respondent=mentor), by=mentor, **RATINGS_OK, good_fit=True
        )
        checkins_open_due()
    alerts = _told("mentorship_at_risk").filter(recipient=program_manager)
    assert [a.title for a in alerts] == [f"Not a good fit — consider re-matching: {began}"]
    assert Risk.objects.get(kind="good_fit").reason.startswith("Theo Mentee said")
