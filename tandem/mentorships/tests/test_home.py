"""The home page's "My mentoring": every role a person holds, each with what to do next."""

import pytest
from django.urls import reverse

from tandem.mentorships.services import mentorship_transition
from tandem.mentorships.tests.factories import make_mentorship, make_request
from tandem.people.tests.factories import UserFactory
from tandem.programs.tests.factories import EnrollmentFactory, ProgramFactory

pytestmark = pytest.mark.django_db


def _home(client, person) -> str:
    client.force_login(person)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_mentee_who_also_mentors_sees_both_roles(client, mentorship, mentee, mutual_program):
    newer = UserFactory(first_name="Nina", last_name="Newer")
    other = ProgramFactory(name="Graduate scheme", status="running")
    make_mentorship(program=other, mentor=mentee, mentee=newer, agreement=False)
    page = _home(client, mentee)
    assert "As mentee" in page and "Mentored by Maria Mentor" in page
    assert "As mentor" in page and "Mentoring Nina Newer" in page
    assert "Hold your initial consultation and write the agreement" in page
    assert "Agreement in force: meet every two weeks" in page


def test_peers_read_as_two_way(client, mutual_mentorship, peer):
    page = _home(client, peer)
    assert "As peer (each mentors the other)" in page and "With Paul Partner" in page


def test_a_proposal_to_answer_is_the_next_action(client, program, mentor, mentee):
    make_mentorship(program=program, mentor=mentor, mentee=mentee, status="proposed")
    assert "Accept or decline the proposal" in _home(client, mentee)


def test_requests_to_answer_and_requests_waiting(client, choosing, mentor, mentee):
    make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])
    assert "Theo Mentee asks you to be their mentor" in _home(client, mentor)
    page = _home(client, mentee)
    assert "Your requests awaiting an answer" in page and "Maria Mentor" in page


def test_an_approved_mentee_without_a_mentor_is_shown_where_to_find_one(client, choosing, mentee):
    page = _home(client, mentee)
    assert reverse("mentorships:find", args=[choosing["program"].slug]) in page


def test_a_mentee_who_completed_is_invited_to_pass_it_on(client, mentorship, mentee):
    mentorship_transition(mentorship=mentorship, to_status="completed", by=mentee)
    assert "Pass it on" not in _home(client, mentee)  # no other program enrols mentors yet
    cohort = ProgramFactory(name="Onboarding, autumn", slug="autumn", purpose="onboarding")
    page = _home(client, mentee)
    assert "Pass it on" in page and "Mentor in Onboarding, autumn" in page
    EnrollmentFactory(program=cohort, person=mentee, role="mentor")
    assert "Mentor in Onboarding, autumn" not in _home(client, mentee)


def test_the_section_costs_the_same_for_many_mentorships(
    client, program, mentor, django_assert_max_num_queries
):
    EnrollmentFactory(program=program, person=mentor, role="mentor", capacity=8)
    for _ in range(2):
        make_mentorship(program=program, mentor=mentor, mentee=UserFactory())
    client.force_login(mentor)
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("home"))
    for _ in range(6):
        make_mentorship(program=program, mentor=mentor, mentee=UserFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("home"))


def test_nobody_is_invited_to_pass_on_what_they_have_not_completed(client, mentorship, mentee):
    ProgramFactory(name="Onboarding, autumn", slug="autumn", purpose="onboarding")
    assert "Pass it on" not in _home(client, mentee)


def test_nobody_is_invited_to_mentor_where_they_are_a_mentee(client, mentorship, mentee):
    mentorship_transition(mentorship=mentorship, to_status="completed", by=mentee)
    cohort = ProgramFactory(name="Onboarding, autumn", slug="autumn", purpose="onboarding")
    EnrollmentFactory(program=cohort, person=mentee, role="mentee")
    assert "Mentor in Onboarding, autumn" not in _home(client, mentee)
