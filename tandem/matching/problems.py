"""From the database to the engine: a program's approved enrollments as a ProfileProblem.

People are named `p<user id>` in the problem, on both sides, so that reporting lines and past
mentorships speak of the same people whatever role they enrolled in. The reporting line is
compressed onto the people in the problem: each person's `manager` is their nearest manager
who is also in it, so a chain that passes through someone not enrolled still counts."""

from dataclasses import dataclass

from django.db.models import F, Prefetch, Q

from tandem.matching.engine.model import Constraints, Person, ProfileProblem
from tandem.mentorships.models import Mentorship
from tandem.people.models import Profile, ProfileSkill, Skill, WantedSkill
from tandem.programs.models import Enrollment, EnrollmentRole, EnrollmentStatus, Program


def person_key(user_id: int) -> str:
    return f"p{user_id}"


def user_id_of(key: str) -> int:
    return int(key[1:])


@dataclass
class ProgramProblem:
    """The engine's problem, and the enrollments behind each person in it."""

    problem: ProfileProblem
    mentees: dict[str, Enrollment]
    mentors: dict[str, Enrollment]


def taxonomy_for_engine() -> dict[str, dict]:
    skills = Skill.objects.select_related("category").prefetch_related("aliases")
    return {
        skill.name: {
            "category": skill.category.name,
            "aliases": [a.name for a in skill.aliases.all()],
        }
        for skill in skills
    }


def waiting_mentees(program: Program):
    """Approved mentees (or peers) with no open mentorship yet in the program."""
    role = EnrollmentRole.PEER if program.is_mutual else EnrollmentRole.MENTEE
    return program.enrollments.filter(role=role, status=EnrollmentStatus.APPROVED, load=0)


def mentors_with_room(program: Program):
    return program.enrollments.filter(
        role=EnrollmentRole.MENTOR, status=EnrollmentStatus.APPROVED, load__lt=F("capacity")
    )


def program_problem(
    *,
    program: Program,
    objective: str = "max_total",
    weights: dict[str, float] | None = None,
    constraints: Constraints | None = None,
    mentees=None,
    mentors=None,
    k: int = 50,
) -> ProgramProblem:
    """The program's waiting mentees and mentors with room (or the enrollments given)."""
    mentee_rows = list(_with_profiles(mentees if mentees is not None else waiting_mentees(program)))
    if program.is_mutual:
        mentor_rows = mentee_rows
    else:
        mentor_rows = list(
            _with_profiles(mentors if mentors is not None else mentors_with_room(program))
        )
    people = {e.person_id: e.person for e in mentee_rows + mentor_rows}
    managers = _nearest_listed_managers(people)
    mentee_people = [_person(e, managers, mentor=False) for e in mentee_rows]
    mentor_people = (
        mentee_people
        if program.is_mutual
        else [_person(e, managers, mentor=True) for e in mentor_rows]
    )
    problem = ProfileProblem(
        objective=objective,
        mentees=mentee_people,
        mentors=mentor_people,
        constraints=constraints or Constraints(),
        existing=_existing_pairs(people),
        taxonomy=taxonomy_for_engine(),
        k=k,
        peers=program.is_mutual,
    )
    if weights:
        problem.weights = dict(weights)
    return ProgramProblem(
        problem=problem,
        mentees={person_key(e.person_id): e for e in mentee_rows},
        mentors={person_key(e.person_id): e for e in mentor_rows},
    )


def run_problem(*, run, extra=()) -> ProgramProblem:
    """The problem a run solved, rebuilt from today's profiles to score pairs by hand: the same
    people (plus the `extra` enrollments an admin is considering), the run's weights and
    constraints, and each mentor with the places they had at run time (their score for
    availability depends on it)."""
    program = run.program
    extra_ids = {enrollment.pk for enrollment in extra}
    mentees = program.enrollments.filter(
        pk__in=set(run.mentee_ids) | (extra_ids if run.peers else set())
    )
    mentors = program.enrollments.filter(pk__in={int(pk) for pk in run.mentor_places} | extra_ids)
    built = program_problem(
        program=program,
        objective=run.objective,
        weights=run.weights,
        constraints=Constraints(**run.constraints),
        mentees=mentees,
        mentors=None if run.peers else mentors,
    )
    if not run.peers:
        # Places are checked against the run's own proposals (services.py), not here: every
        # mentor counts as having room so that the engine judges only the other rules.
        for person in built.problem.mentors:
            places = run.mentor_places.get(str(built.mentors[person.id].pk), person.capacity)
            person.capacity = max(places, 1)
    return built


def _with_profiles(enrollments):
    return (
        enrollments.select_related("person", "person__profile", "person__profile__department")
        .prefetch_related(
            "person__profile__languages",
            "person__profile__interests",
            Prefetch("person__profile__skills", ProfileSkill.objects.select_related("skill")),
            Prefetch("person__profile__wanted_skills", WantedSkill.objects.select_related("skill")),
        )
        .order_by("pk")
    )


def _person(enrollment: Enrollment, managers: dict[int, int], *, mentor: bool) -> Person:
    user = enrollment.person
    profile: Profile = user.profile
    skills = list(profile.skills.all())
    manager = managers.get(user.pk)
    return Person(
        id=person_key(user.pk),
        name=user.get_full_name() or user.email,
        department=profile.department.name if profile.department else "",
        manager=person_key(manager) if manager else None,
        location=profile.location,
        languages=tuple(language.name for language in profile.languages.all()),
        timezone=profile.time_zone,
        meeting_mode=profile.meeting_mode,
        availability_hours=float(profile.availability_hours),
        seniority=profile.seniority,
        years_experience=profile.years_experience,
        skills={s.skill.name: s.level for s in skills},
        offers=tuple(s.skill.name for s in skills if s.offers_mentoring),
        wants={w.skill.name: w.target_level for w in profile.wanted_skills.all()},
        career_goals=profile.career_goals,
        background=" ".join(filter(None, [profile.title, profile.bio])),
        interests=tuple(interest.name for interest in profile.interests.all()),
        capacity=max((enrollment.capacity or 0) - enrollment.load, 0) if mentor else 1,
    )


def _nearest_listed_managers(people: dict) -> dict[int, int]:
    """For each person, the nearest manager above them who is also in the problem."""
    manager_of = dict(
        Profile.objects.filter(manager__isnull=False).values_list("user_id", "manager_id")
    )
    nearest = {}
    for user_id in people:
        seen, boss = {user_id}, manager_of.get(user_id)
        while boss is not None and boss not in seen:
            if boss in people:
                nearest[user_id] = boss
                break
            seen.add(boss)
            boss = manager_of.get(boss)
    return nearest


def _existing_pairs(people: dict) -> set[tuple[str, str]]:
    """Every mentorship these people ever had together, in any program (declined ones too:
    a pair that said no is not proposed again); both directions for peers."""
    ids = list(people)
    rows = Mentorship.objects.filter(Q(mentor__in=ids) & Q(mentee__in=ids)).values_list(
        "mentee_id", "mentor_id"
    )
    pairs = set()
    for mentee_id, mentor_id in rows:
        pairs.add((person_key(mentee_id), person_key(mentor_id)))
        pairs.add((person_key(mentor_id), person_key(mentee_id)))
    return pairs
