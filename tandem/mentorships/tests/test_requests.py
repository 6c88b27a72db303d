"""A mentee asks a mentor; the mentor accepts or declines; unanswered requests expire."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command

from tandem.mentorships.models import Mentorship, MentorshipRequest
from tandem.mentorships.services import (
    mentorship_request_accept,
    mentorship_request_decline,
    mentorship_request_withdraw,
    mentorship_requests_expire,
)
from tandem.mentorships.tasks import expire_mentorship_requests
from tandem.mentorships.tests.factories import (
    MOTIVATION,
    make_mentorship,
    make_request,
    mentee_enrollment,
    mentor_enrollment,
)
from tandem.notifications.models import Notification
from tandem.notifications.schedule import periodic_jobs
from tandem.programs.models import Program

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)


def _kinds(person) -> list[str]:
    return list(Notification.objects.filter(recipient=person).values_list("kind", flat=True))


# --- sending -----------------------------------------------------------------------------------


def test_a_mentee_asks_a_mentor_who_is_told(choosing, mentee, mentor):
    request = make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])
    assert request.status == "pending"
    assert (request.admire, request.hope_to_gain) == (
        MOTIVATION["admire"],
        MOTIVATION["hope_to_gain"],
    )
    assert 0 < request.score <= 1
    assert _kinds(mentor) == ["request_received"]
    assert Notification.objects.get(recipient=mentor).needs_action


def test_each_part_of_the_motivation_is_required_and_named(choosing, mentee):
    with pytest.raises(ValidationError) as error:
        make_request(
            mentee=mentee, mentor_enrollment=choosing["mentor"], admire="", hope_to_gain="x"
        )
    assert set(error.value.message_dict) == {"admire", "hope_to_gain"}
    assert not MentorshipRequest.objects.exists()


def test_a_mentor_at_capacity_cannot_be_requested(choosing, mentor, mentee):
    make_mentorship(program=choosing["program"], mentor=mentor)
    make_mentorship(program=choosing["program"], mentor=mentor)
    with pytest.raises(ValidationError) as error:
        make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])
    assert "full" in error.value.message_dict["mentor"][0]


def test_a_mentee_has_at_most_the_programs_number_of_requests_waiting(choosing, mentee):
    program = choosing["program"]
    for _ in range(3):
        make_request(mentee=mentee, mentor_enrollment=mentor_enrollment(program))
    with pytest.raises(ValidationError, match="3 requests waiting"):
        make_request(mentee=mentee, mentor_enrollment=mentor_enrollment(program))
    Program.objects.filter(pk=program.pk).update(max_pending_requests=4)
    make_request(mentee=mentee, mentor_enrollment=mentor_enrollment(program))


def test_asking_the_same_mentor_twice_is_refused(choosing, mentee):
    make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])
    with pytest.raises(ValidationError) as error:
        make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])
    assert "already asked" in error.value.message_dict["mentor"][0]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"matching_mode": "admin"}, "admins propose the pairs"),
        ({"status": "enrolling"}, "does not take requests"),
    ],
)
def test_only_a_program_where_mentees_choose_takes_requests(choosing, mentee, changes, message):
    Program.objects.filter(pk=choosing["program"].pk).update(**changes)
    choosing["mentor"].program.refresh_from_db()
    with pytest.raises(ValidationError, match=message):
        make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])


def test_an_unapproved_mentee_cannot_ask(choosing, mentee):
    choosing["mentee"].status = "pending"
    choosing["mentee"].save()
    with pytest.raises(ValidationError, match="approved mentee"):
        make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])


def test_a_mentee_who_has_a_mentor_asks_nobody_else(choosing, mentee):
    make_mentorship(program=choosing["program"], mentee=mentee)
    with pytest.raises(ValidationError, match="already have a mentor"):
        make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])


def test_the_programs_rules_apply_to_requests(choosing, mentee, mentor):
    mentee.profile.manager = mentor
    mentee.profile.save()
    with pytest.raises(ValidationError) as error:
        make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])
    assert "reporting line" in error.value.message_dict["mentor"][0]


def test_the_answer_time_is_the_programs_setting(choosing, mentee):
    Program.objects.filter(pk=choosing["program"].pk).update(request_expiry_days=3)
    choosing["mentor"].program.refresh_from_db()
    with time_machine.travel(NOW, tick=False):
        request = make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])
    assert request.expires_at == NOW + datetime.timedelta(days=3)


# --- answering ---------------------------------------------------------------------------------


def test_accepting_begins_the_mentorship_and_withdraws_the_other_requests(choosing, mentee, mentor):
    other = mentor_enrollment(choosing["program"])
    request = make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])
    elsewhere = make_request(mentee=mentee, mentor_enrollment=other)
    mentorship = mentorship_request_accept(request=request, by=mentor, message="Gladly!")
    assert (mentorship.status, mentorship.origin) == ("active", "request")
    assert (mentorship.mentor, mentorship.mentee) == (mentor, mentee)
    assert mentorship.score == pytest.approx(request.score)
    request.refresh_from_db()
    elsewhere.refresh_from_db()
    assert (request.status, request.response, request.mentorship) == (
        "accepted",
        "Gladly!",
        mentorship,
    )
    assert elsewhere.status == "withdrawn"
    assert "began a mentorship" in elsewhere.closing_note
    assert "request_withdrawn" in _kinds(other.person)
    assert "request_accepted" in _kinds(mentee)
    assert Notification.objects.get(recipient=mentee, kind="request_accepted").body.startswith(
        f"{mentor} wrote: “Gladly!”"
    )


def test_only_the_mentor_asked_answers(choosing, mentee, outsider):
    request = make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])
    for person in (mentee, outsider):
        with pytest.raises(ValidationError, match="Only the mentor asked"):
            mentorship_request_accept(request=request, by=person)
        with pytest.raises(ValidationError, match="Only the mentor asked"):
            mentorship_request_decline(request=request, by=person)
    request.refresh_from_db()
    assert request.status == "pending"


def test_declining_tells_the_mentee_with_the_message(choosing, mentee, mentor):
    request = make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])
    mentorship_request_decline(request=request, by=mentor, message="My quarter is full.")
    request.refresh_from_db()
    assert request.status == "declined"
    note = Notification.objects.get(recipient=mentee, kind="request_declined")
    assert "My quarter is full." in note.body
    assert note.url == f"/mentorships/find/{choosing['program'].slug}/"
    with pytest.raises(ValidationError, match="already been closed"):
        mentorship_request_accept(request=request, by=mentor)


def test_a_full_mentor_cannot_accept_and_the_request_waits(choosing, mentor):
    program = choosing["program"]
    choosing["mentor"].capacity = 1
    choosing["mentor"].save()
    first = make_request(
        mentee=mentee_enrollment(program).person, mentor_enrollment=choosing["mentor"]
    )
    second = make_request(
        mentee=mentee_enrollment(program).person, mentor_enrollment=choosing["mentor"]
    )
    mentorship_request_accept(request=first, by=mentor)
    with pytest.raises(ValidationError) as error:
        mentorship_request_accept(request=second, by=mentor)
    assert "no place left" in error.value.message_dict["mentor"][0]
    second.refresh_from_db()
    assert second.status == "pending"
    assert Mentorship.objects.filter(mentor=mentor).count() == 1


def test_a_mentee_taken_by_a_proposal_cannot_be_accepted(choosing, mentee, mentor):
    request = make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])
    make_mentorship(program=choosing["program"], mentee=mentee, status="proposed")
    with pytest.raises(ValidationError) as error:
        mentorship_request_accept(request=request, by=mentor)
    assert "already has a mentor" in error.value.message_dict["mentee"][0]


def test_the_mentee_withdraws_a_pending_request(choosing, mentee, mentor):
    request = make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])
    with pytest.raises(ValidationError, match="Only the mentee"):
        mentorship_request_withdraw(request=request, by=mentor)
    mentorship_request_withdraw(request=request, by=mentee)
    request.refresh_from_db()
    assert request.status == "withdrawn"
    assert "request_withdrawn" in _kinds(mentor)
    with pytest.raises(ValidationError, match="still awaiting"):
        mentorship_request_withdraw(request=request, by=mentee)


# --- expiry ------------------------------------------------------------------------------------


def test_an_unanswered_request_expires_and_the_mentee_is_told(choosing, mentee, mentor):
    with time_machine.travel(NOW, tick=False):
        request = make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])
    assert mentorship_requests_expire(now=NOW + datetime.timedelta(days=6)) == 0
    assert mentorship_requests_expire(now=NOW + datetime.timedelta(days=7)) == 1
    request.refresh_from_db()
    assert request.status == "expired"
    assert _kinds(mentee) == ["request_expired"]
    assert "request_expired" in _kinds(mentor)


def test_expiring_twice_changes_nothing_the_second_time(choosing, mentee):
    with time_machine.travel(NOW, tick=False):
        make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])
    later = NOW + datetime.timedelta(days=8)
    assert mentorship_requests_expire(now=later) == 1
    assert mentorship_requests_expire(now=later) == 0
    assert Notification.objects.filter(kind="request_expired", recipient=mentee).count() == 1


def test_a_request_past_its_time_cannot_be_accepted_even_before_the_job_runs(
    choosing, mentee, mentor
):
    with time_machine.travel(NOW, tick=False):
        request = make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])
    with (
        time_machine.travel(NOW + datetime.timedelta(days=8), tick=False),
        pytest.raises(ValidationError, match="ran out of time"),
    ):
        mentorship_request_accept(request=request, by=mentor)


def test_the_expiry_is_a_periodic_job_of_the_worker(choosing, mentee):
    assert expire_mentorship_requests.module_path in periodic_jobs()
    with time_machine.travel(NOW, tick=False):
        make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])
    with time_machine.travel(NOW + datetime.timedelta(days=10), tick=False):
        result = expire_mentorship_requests.enqueue()
    assert result.return_value == 1


@pytest.mark.django_db(transaction=True)
def test_the_worker_expires_requests_on_its_clock(settings, choosing, mentee):
    with time_machine.travel(NOW, tick=False):
        request = make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with time_machine.travel(NOW + datetime.timedelta(days=7, hours=1), tick=False):
        call_command("tandem_worker", "--batch", "--verbosity", "0")
        call_command("tandem_worker", "--batch", "--verbosity", "0")
    request.refresh_from_db()
    assert request.status == "expired"
    assert Notification.objects.filter(recipient=mentee, kind="request_expired").count() == 1
