import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tandem.programs.models import Enrollment
from tandem.programs.services import (
    enrollment_counts,
    enrollment_create,
    enrollment_decide,
    enrollment_withdraw,
)
from tandem.programs.tests.factories import (
    EnrollmentFactory,
    EnrollmentQuestionFactory,
    ProgramFactory,
)

pytestmark = pytest.mark.django_db


def test_enroll_as_mentee_with_answers(program, mentee):
    question = EnrollmentQuestionFactory(program=program, text="What do you hope to gain?")
    enrollment = enrollment_create(
        program=program, person=mentee, role="mentee", answers={question.pk: "Confidence"}
    )
    assert enrollment.status == "pending"
    assert enrollment.capacity is None
    assert enrollment.answers.get().answer == "Confidence"


def test_a_mentor_gets_the_program_default_capacity_unless_they_say(program, mentor):
    program.mentor_capacity_default = 3
    enrollment = enrollment_create(program=program, person=mentor, role="mentor")
    assert enrollment.capacity == 3


def test_enroll_refuses_a_second_enrollment_in_the_same_role(program, mentee):
    enrollment_create(program=program, person=mentee, role="mentee")
    with pytest.raises(ValidationError) as error:
        enrollment_create(program=program, person=mentee, role="mentee")
    assert error.value.message_dict["role"] == ["You are already enrolled as mentee."]
    assert Enrollment.objects.count() == 1


def test_one_person_may_be_mentee_and_mentor_in_one_program(program, mentee):
    enrollment_create(program=program, person=mentee, role="mentee")
    enrollment_create(program=program, person=mentee, role="mentor", capacity=1)
    assert Enrollment.objects.filter(person=mentee).count() == 2


def test_the_database_refuses_a_duplicate_enrollment(program, mentee):
    EnrollmentFactory(program=program, person=mentee, role="mentee")
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrollment.objects.create(program=program, person=mentee, role="mentee")


def test_the_database_refuses_a_capacity_on_a_mentee(program, mentee):
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrollment.objects.create(program=program, person=mentee, role="mentee", capacity=2)


def test_enroll_refuses_a_program_that_is_not_enrolling(mentee):
    program = ProgramFactory(status="running")
    with pytest.raises(ValidationError, match="not open for enrollment"):
        enrollment_create(program=program, person=mentee, role="mentee")


def test_a_mutual_program_takes_peers_only(mentee):
    program = ProgramFactory(format="mutual")
    with pytest.raises(ValidationError) as error:
        enrollment_create(program=program, person=mentee, role="mentee")
    assert "peer" in error.value.message_dict["role"][0]
    assert enrollment_create(program=program, person=mentee, role="peer").role == "peer"


def test_a_required_question_must_be_answered_and_nothing_is_written(program, mentee):
    question = EnrollmentQuestionFactory(program=program, required=True)
    with pytest.raises(ValidationError) as error:
        enrollment_create(program=program, person=mentee, role="mentee", answers={})
    assert error.value.message_dict == {f"question_{question.pk}": ["Please answer this question."]}
    assert not Enrollment.objects.exists()


def test_a_question_for_mentors_is_not_asked_of_mentees(program, mentee):
    EnrollmentQuestionFactory(program=program, required=True, for_role="mentor")
    assert enrollment_create(program=program, person=mentee, role="mentee")


def test_withdraw_and_enroll_again(program, mentee):
    enrollment = enrollment_create(program=program, person=mentee, role="mentee")
    enrollment_withdraw(enrollment=enrollment, by=mentee)
    assert Enrollment.objects.get().status == "withdrawn"
    again = enrollment_create(program=program, person=mentee, role="mentee")
    assert again.status == "pending"


def test_only_the_person_may_withdraw(program, mentee, mentor):
    enrollment = enrollment_create(program=program, person=mentee, role="mentee")
    with pytest.raises(ValidationError):
        enrollment_withdraw(enrollment=enrollment, by=mentor)


def test_decide_records_who_and_when(program, mentee, program_manager):
    enrollment = enrollment_create(program=program, person=mentee, role="mentee")
    enrollment_decide(enrollment=enrollment, status="waitlisted", by=program_manager, note="Full")
    enrollment.refresh_from_db()
    assert enrollment.status == "waitlisted"
    assert enrollment.decided_by == program_manager
    assert enrollment.decided_at is not None
    assert enrollment.decision_note == "Full"


def test_decide_refuses_an_unknown_decision_and_a_capacity_for_a_mentee(
    program, mentee, program_manager
):
    enrollment = enrollment_create(program=program, person=mentee, role="mentee")
    with pytest.raises(ValidationError):
        enrollment_decide(enrollment=enrollment, status="pending", by=program_manager)
    with pytest.raises(ValidationError, match="Only mentors"):
        enrollment_decide(enrollment=enrollment, status="approved", by=program_manager, capacity=2)


def test_decide_adjusts_a_mentor_capacity(program, mentor, program_manager):
    enrollment = enrollment_create(program=program, person=mentor, role="mentor", capacity=1)
    enrollment_decide(enrollment=enrollment, status="approved", by=program_manager, capacity=3)
    enrollment.refresh_from_db()
    assert enrollment.capacity == 3


def test_counts_show_capacity_against_approved_mentees(program, enrolled):
    EnrollmentFactory(program=program, role="mentee", status="pending")
    counts = enrollment_counts(program=program)
    assert counts["mentor_capacity"] == 2
    assert counts["approved_mentees"] == 1
    assert counts["by_role"]["mentee"] == {"approved": 1, "pending": 1}
