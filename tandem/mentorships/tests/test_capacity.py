import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from tandem.mentorships.tests.factories import make_mentorship
from tandem.people.tests.factories import UserFactory
from tandem.programs.models import Enrollment
from tandem.programs.services import enrollment_decide
from tandem.programs.tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


def test_a_mentor_at_capacity_cannot_take_another_mentee(program, mentor):
    EnrollmentFactory(program=program, person=mentor, role="mentor", capacity=1)
    make_mentorship(program=program, mentor=mentor)
    with pytest.raises(ValidationError) as error:
        make_mentorship(program=program, mentor=mentor)
    assert "no place left" in error.value.message_dict["mentor"][0]


def test_a_mentee_has_one_mentor_per_program(program, mentee):
    make_mentorship(program=program, mentee=mentee)
    with pytest.raises(ValidationError) as error:
        make_mentorship(program=program, mentee=mentee)
    assert "already has a mentoring partner" in error.value.message_dict["mentee"][0]


def test_the_database_itself_refuses_overflow(program, mentor):
    enrollment = EnrollmentFactory(program=program, person=mentor, role="mentor", capacity=1)
    make_mentorship(program=program, mentor=mentor)
    with pytest.raises(IntegrityError):
        Enrollment.objects.filter(pk=enrollment.pk).update(load=2)


def test_ending_a_mentorship_gives_the_place_back(program, mentor, mentee):
    EnrollmentFactory(program=program, person=mentor, role="mentor", capacity=1)
    mentorship = make_mentorship(program=program, mentor=mentor, mentee=mentee)
    from tandem.mentorships.services import mentorship_transition

    mentorship_transition(mentorship=mentorship, to_status="completed", by=mentee)
    assert make_mentorship(program=program, mentor=mentor, mentee=UserFactory()).is_open


def test_capacity_cannot_drop_below_the_mentees_already_held(program, mentor, program_admin):
    enrollment = EnrollmentFactory(program=program, person=mentor, role="mentor", capacity=2)
    make_mentorship(program=program, mentor=mentor)
    make_mentorship(program=program, mentor=mentor)
    enrollment.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        enrollment_decide(enrollment=enrollment, status="approved", by=program_admin, capacity=1)
    assert "capacity" in error.value.message_dict


def test_a_mutual_pair_is_stored_once_whatever_the_order(mutual_program, peer, peer_partner):
    first, second = sorted([peer, peer_partner], key=lambda person: person.pk)
    mentorship = make_mentorship(program=mutual_program, mentor=second, mentee=first)
    assert (mentorship.mentor, mentorship.mentee) == (first, second)
    assert mentorship.role_of(peer) == mentorship.role_of(peer_partner) == "peer"
    with pytest.raises(ValidationError):
        make_mentorship(program=mutual_program, mentor=first, mentee=second)


def test_nobody_mentors_themself(program, mentor):
    with pytest.raises(ValidationError):
        make_mentorship(program=program, mentor=mentor, mentee=mentor)
