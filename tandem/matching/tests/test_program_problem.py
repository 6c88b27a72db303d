"""The glue: a program's enrollments and profiles become the engine's problem."""

import pytest

from tandem.matching.engine import solve_problem
from tandem.matching.problems import person_key, program_problem
from tandem.matching.services import mentor_shortlist
from tandem.mentorships.tests.factories import make_mentorship
from tandem.people.tests.factories import (
    LanguageFactory,
    ProfileSkillFactory,
    SkillFactory,
    UserFactory,
    WantedSkillFactory,
)
from tandem.programs.tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sql(db):
    return SkillFactory(name="SQL")


def _speaker(user, *languages):
    user.profile.languages.add(*[LanguageFactory(code=c, name=n) for c, n in languages])
    return user


def _mentor(program, name, *, offers=(), capacity=2, manager=None):
    user = _speaker(UserFactory(first_name=name), ("en", "English"))
    for skill in offers:
        ProfileSkillFactory(profile=user.profile, skill=skill, level=5, offers_mentoring=True)
    if manager:
        user.profile.manager = manager
        user.profile.save()
    return EnrollmentFactory(program=program, person=user, role="mentor", capacity=capacity)


def test_profiles_become_engine_people(program, mentee, sql):
    _speaker(mentee, ("en", "English"), ("es", "Spanish"))
    WantedSkillFactory(profile=mentee.profile, skill=sql, target_level=4)
    mentee_enrollment = EnrollmentFactory(program=program, person=mentee, role="mentee")
    mentor = _mentor(program, "Maria", offers=[sql], capacity=3)
    built = program_problem(program=program)
    [person] = built.problem.mentees
    assert person.id == person_key(mentee.pk)
    assert person.wants == {"SQL": 4}
    assert set(person.languages) == {"English", "Spanish"}
    assert built.problem.mentors[0].offers == ("SQL",)
    assert built.problem.mentors[0].capacity == 3
    assert built.mentees[person.id] == mentee_enrollment
    assert built.mentors[person_key(mentor.person_id)] == mentor


def test_a_chain_through_someone_not_enrolled_still_counts(program, mentee):
    _speaker(mentee, ("en", "English"))
    director = _mentor(program, "Dana")
    lead = UserFactory(first_name="Lee")  # not in the program
    lead.profile.manager = director.person
    lead.profile.save()
    mentee.profile.manager = lead
    mentee.profile.save()
    EnrollmentFactory(program=program, person=mentee, role="mentee")
    other = _mentor(program, "Olga")
    result = solve_problem(program_problem(program=program).problem)
    assert [(a.mentee, a.mentor) for a in result.assignments] == [
        (person_key(mentee.pk), person_key(other.person_id))
    ]


def test_mentees_already_paired_and_full_mentors_are_left_out(program, mentee):
    _speaker(mentee, ("en", "English"))
    full = _mentor(program, "Full", capacity=1)
    make_mentorship(program=program, mentor=full.person)
    EnrollmentFactory(program=program, person=mentee, role="mentee")
    built = program_problem(program=program)
    assert [p.id for p in built.problem.mentees] == [person_key(mentee.pk)]
    assert built.problem.mentors == []


def test_past_partners_are_not_proposed_again(program, mentor, mentee):
    from tandem.mentorships.services import mentorship_transition

    past = make_mentorship(program=program, mentor=mentor, mentee=mentee)
    mentorship_transition(mentorship=past, to_status="completed", by=mentee)
    built = program_problem(program=program)
    assert (person_key(mentee.pk), person_key(mentor.pk)) in built.problem.existing


def test_the_shortlist_ranks_mentors_with_room(program, mentee, sql):
    _speaker(mentee, ("en", "English"))
    WantedSkillFactory(profile=mentee.profile, skill=sql, target_level=4)
    enrollment = EnrollmentFactory(program=program, person=mentee, role="mentee")
    expert = _mentor(program, "Ella", offers=[sql])
    generalist = _mentor(program, "Gus")
    _mentor(program, "Nora", capacity=0)
    shortlist = mentor_shortlist(enrollment=enrollment)
    assert [entry.mentor for entry in shortlist] == [expert, generalist]
    assert 0 < shortlist[1].percent < shortlist[0].percent <= 100
    assert "SQL" in shortlist[0].pair.explanation
