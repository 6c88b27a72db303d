"""People enrolled with the profiles matching reads (skills, languages, seniority, managers)."""

from tandem.matching.models import MatchRun
from tandem.matching.services import match_run_start
from tandem.people.tests.factories import (
    DepartmentFactory,
    LanguageFactory,
    ProfileSkillFactory,
    SkillFactory,
    UserFactory,
    WantedSkillFactory,
)
from tandem.programs.models import Program
from tandem.programs.tests.factories import EnrollmentFactory, ProgramFactory

LANGUAGES = {"en": "English", "de": "German", "fr": "French", "ja": "Japanese"}


def matching_program(**fields) -> Program:
    """A program whose enrollment has closed: ready for match runs."""
    return ProgramFactory(**({"status": "matching", "matching_mode": "admin"} | fields))


def _profile(user, *, languages, seniority, department, manager):
    profile = user.profile
    profile.languages.add(*[LanguageFactory(code=c, name=LANGUAGES[c]) for c in languages])
    profile.seniority = seniority
    profile.department = DepartmentFactory(name=department) if department else None
    profile.manager = manager
    profile.save()
    return user


def enroll_mentee(
    program,
    person=None,
    *,
    wants=(),
    languages=("en",),
    seniority=2,
    department="Sales",
    manager=None,
    role="mentee",
    status="approved",
    **names,
):
    person = person or UserFactory(**names)
    _profile(
        person, languages=languages, seniority=seniority, department=department, manager=manager
    )
    for name in wants:
        WantedSkillFactory(profile=person.profile, skill=SkillFactory(name=name), target_level=4)
    return EnrollmentFactory(program=program, person=person, role=role, status=status)


def enroll_mentor(
    program,
    person=None,
    *,
    offers=(),
    capacity=2,
    languages=("en",),
    seniority=4,
    department="Engineering",
    manager=None,
    status="approved",
    **names,
):
    person = person or UserFactory(**names)
    _profile(
        person, languages=languages, seniority=seniority, department=department, manager=manager
    )
    for name in offers:
        ProfileSkillFactory(
            profile=person.profile, skill=SkillFactory(name=name), level=5, offers_mentoring=True
        )
    return EnrollmentFactory(
        program=program, person=person, role="mentor", capacity=capacity, status=status
    )


def enroll_peer(program, person=None, *, wants=(), offers=(), **fields):
    enrollment = enroll_mentee(program, person, wants=wants, role="peer", **fields)
    for name in offers:
        ProfileSkillFactory(
            profile=enrollment.person.profile,
            skill=SkillFactory(name=name),
            level=5,
            offers_mentoring=True,
        )
    return enrollment


def finished_run(program, by, **parameters) -> MatchRun:
    run = match_run_start(program=program, by=by, **parameters)
    assert run.status == "done", run.error
    return run
