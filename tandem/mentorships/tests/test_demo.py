"""The demo's mentorships: a cohort five months in, the peer circle under way, a program where
mentees choose — and the onboarding program left for the admin to match."""

import datetime

import pytest
from django.db.models import Count

from tandem.matching.services import mentor_shortlist
from tandem.mentorships import demo
from tandem.mentorships.models import Mentorship, MentorshipRequest
from tandem.mentorships.permissions import requester_enrollment
from tandem.people.demo import demo_build, demo_reset
from tandem.people.models import User
from tandem.programs.models import Program

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 25)


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        demo_build(people=160, seed=7, today=TODAY)
        summary = demo.step(seed=7, today=TODAY)
        yield summary
        Mentorship.objects.all().delete()
        demo_reset()


def _signature():
    return sorted(
        Mentorship.objects.values_list(
            "program__slug", "mentor__email", "mentee__email", "status", "started_at"
        )
    )


def test_the_onboarding_program_is_left_for_the_admin_to_match(built):
    onboarding = Program.objects.get(slug="new-hire-onboarding")
    assert onboarding.status == "enrolling" and not onboarding.mentorships.exists()
    assert not onboarding.enrollments.filter(load__gt=0).exists()


def test_a_cohort_has_been_running_for_five_months(built):
    spring = Program.objects.get(slug="new-hire-onboarding-spring")
    assert (spring.status, spring.start_date) == ("running", TODAY - datetime.timedelta(days=150))
    states = dict(spring.mentorships.values_list("status").annotate(n=Count("id")))
    assert states["completed"] == 3 and states["paused"] == 1 and states["ended"] == 1
    assert states["active"] >= 3
    for mentorship in spring.mentorships.filter(status="active"):
        assert mentorship.current_agreement() is not None
        assert mentorship.started_at.date() >= spring.start_date
    starts = {m.started_at.date() for m in spring.mentorships.all()}
    assert len(starts) >= 3 and max(starts) - min(starts) >= datetime.timedelta(days=30)
    for mentorship in spring.mentorships.filter(status="completed"):
        assert mentorship.reflections.count() == 2
        assert mentorship.events.get(to_status="completed").at.date() < TODAY


def test_the_lineage_has_a_second_generation(built):
    graduates = Mentorship.objects.filter(
        program__slug="new-hire-onboarding-spring", status="completed"
    ).values_list("mentee", flat=True)
    now_mentoring = Mentorship.objects.filter(mentor__in=graduates, status="active")
    assert now_mentoring.exists()


def test_the_demo_logins_each_have_a_mentorship_to_open(built):
    maria = User.objects.get(email="mentor@example.com")
    theo = User.objects.get(email="mentee@example.com")
    assert Mentorship.objects.involving(maria).active().exists()
    [theirs] = Mentorship.objects.involving(theo).open()
    assert theirs.is_mutual and theirs.next_action(theo).code == "sign_agreement"
    assert MentorshipRequest.objects.pending().filter(mentor=maria).exists()


def test_the_peer_circle_has_active_mutual_pairs(built):
    peers = Program.objects.get(slug="peer-mentoring-circle")
    assert peers.status == "running" and peers.start_date < TODAY
    assert peers.mentorships.filter(kind="mutual", status="active").count() >= 3


def test_the_demo_mentee_can_find_and_request_a_mentor(built):
    theo = User.objects.get(email="mentee@example.com")
    program = Program.objects.get(slug="skills-exchange")
    mine = requester_enrollment(theo, program)
    assert mine is not None and mine.load == 0
    shortlist = mentor_shortlist(enrollment=mine, limit=20)
    assert "mentor@example.com" in {entry.mentor.person.email for entry in shortlist}
    statuses = set(program.mentorship_requests.values_list("status", flat=True))
    assert {"pending", "accepted", "declined", "expired"} <= statuses
    assert (
        not MentorshipRequest.objects.due(datetime.datetime.now(datetime.UTC))
        .filter(created_at__date__gte=TODAY - datetime.timedelta(days=5))
        .exists()
    )


def test_the_same_seed_gives_the_same_mentorships(built):
    first = _signature()
    Mentorship.objects.all().delete()
    demo_reset()
    demo_build(people=160, seed=7, today=TODAY)
    demo.step(seed=7, today=TODAY)
    assert _signature() == first
