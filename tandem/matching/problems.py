"""From the database to the engine: a program's approved enrollments as a ProfileProblem.

People are named `p<user id>` in the problem, on both sides, so that reporting lines and past
mentorships speak of the same people whatever role they enrolled in. The reporting line is
compressed onto the people in the problem: each person's `manager` is their nearest manager
who is also in it, so a chain that passes through someone not enrolled still counts."""

from dataclasses import dataclass

from django.db.models import F, Q

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
    mentee_rows = list(
        (mentees if mentees is not None else waiting_mentees(program)).order_by("pk")
    )
    if program.is_mutual:
        mentor_rows = mentee_rows
    else:
        chosen = mentors if mentors is not None else mentors_with_room(program)
        mentor_rows = list(chosen.order_by("pk"))
    people = {e.person_id for e in mentee_rows + mentor_rows}
    enrollment_ids = {e.pk for e in mentee_rows + mentor_rows}
    profiles = _profiles(enrollment_ids)
    managers = _nearest_listed_managers(people)
    mentee_people = [_person(e, profiles, managers, mentor=False) for e in mentee_rows]
    mentor_people = (
        mentee_people
        if program.is_mutual
        else [_person(e, profiles, managers, mentor=True) for e in mentor_rows]
    )
    problem = ProfileProblem(
        objective=objective,
        mentees=mentee_people,
        mentors=mentor_people,
        constraints=constraints or Constraints(),
        existing=_existing_pairs(enrollment_ids),
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
    side = EnrollmentRole.PEER if run.peers else EnrollmentRole.MENTEE
    mentees = program.enrollments.filter(role=side, pk__in=set(run.mentee_ids) | extra_ids)
    mentors = program.enrollments.filter(
        role=EnrollmentRole.MENTOR, pk__in={int(pk) for pk in run.mentor_places} | extra_ids
    )
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


PROFILE_FIELDS = (
    "id",
    "user_id",
    "user__first_name",
    "user__last_name",
    "user__email",
    "department__name",
    "location",
    "time_zone",
    "meeting_mode",
    "availability_hours",
    "seniority",
    "years_experience",
    "career_goals",
    "title",
    "bio",
)


def _profiles(enrollment_ids: set[int]) -> dict[int, dict]:
    """What matching reads of the profiles of these enrollments' people, as plain values: one
    query per table, no model instances (thousands of people load in a fraction of a second)."""
    people = Enrollment.objects.filter(pk__in=list(enrollment_ids)).values("person_id")
    profiles = {
        row["user_id"]: row
        for row in Profile.objects.filter(user_id__in=people).values(*PROFILE_FIELDS)
    }
    for row in profiles.values():
        row.update(languages=[], interests=[], skills={}, offers=[], wants={})
    by_profile = {row["id"]: row for row in profiles.values()}
    through = Profile.languages.through.objects.filter(profile__user_id__in=people)
    for profile_id, name in through.values_list("profile_id", "language__name").order_by(
        "language__name"
    ):
        by_profile[profile_id]["languages"].append(name)
    through = Profile.interests.through.objects.filter(profile__user_id__in=people)
    for profile_id, name in through.values_list("profile_id", "interest__name").order_by(
        "interest__name"
    ):
        by_profile[profile_id]["interests"].append(name)
    skills = ProfileSkill.objects.filter(profile__user_id__in=people).order_by(
        "-level", "skill__name"
    )
    for profile_id, name, level, offers in skills.values_list(
        "profile_id", "skill__name", "level", "offers_mentoring"
    ):
        by_profile[profile_id]["skills"][name] = level
        if offers:
            by_profile[profile_id]["offers"].append(name)
    wanted = WantedSkill.objects.filter(profile__user_id__in=people).order_by("skill__name")
    for profile_id, name, level in wanted.values_list("profile_id", "skill__name", "target_level"):
        by_profile[profile_id]["wants"][name] = level
    return profiles


def _person(enrollment: Enrollment, profiles: dict, managers: dict[int, int], *, mentor: bool):
    profile = profiles.get(enrollment.person_id) or _EMPTY_PROFILE
    manager = managers.get(enrollment.person_id)
    name = " ".join(filter(None, [profile["user__first_name"], profile["user__last_name"]]))
    return Person(
        id=person_key(enrollment.person_id),
        name=name or profile["user__email"],
        department=profile["department__name"] or "",
        manager=person_key(manager) if manager else None,
        location=profile["location"],
        languages=tuple(profile["languages"]),
        timezone=profile["time_zone"],
        meeting_mode=profile["meeting_mode"],
        availability_hours=float(profile["availability_hours"]),
        seniority=profile["seniority"],
        years_experience=profile["years_experience"],
        skills=dict(profile["skills"]),
        offers=tuple(profile["offers"]),
        wants=dict(profile["wants"]),
        career_goals=profile["career_goals"],
        background=" ".join(filter(None, [profile["title"], profile["bio"]])),
        interests=tuple(profile["interests"]),
        capacity=max((enrollment.capacity or 0) - enrollment.load, 0) if mentor else 1,
    )


# Someone without a profile yet is matched on what the engine assumes by default.
_EMPTY_PROFILE = {
    "user__first_name": "",
    "user__last_name": "",
    "user__email": "",
    "department__name": "",
    "location": "",
    "time_zone": "UTC",
    "meeting_mode": "either",
    "availability_hours": 2,
    "seniority": 3,
    "years_experience": 0,
    "career_goals": "",
    "title": "",
    "bio": "",
    "languages": [],
    "interests": [],
    "skills": {},
    "offers": [],
    "wants": {},
}


def _nearest_listed_managers(people: set[int]) -> dict[int, int]:
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


def _existing_pairs(enrollment_ids: set[int]) -> set[tuple[str, str]]:
    """Every mentorship these people ever had together, in any program (declined ones too:
    a pair that said no is not proposed again); both directions for peers."""
    people = Enrollment.objects.filter(pk__in=list(enrollment_ids)).values("person_id")
    rows = Mentorship.objects.filter(Q(mentor__in=people) & Q(mentee__in=people)).values_list(
        "mentee_id", "mentor_id"
    )
    pairs = set()
    for mentee_id, mentor_id in rows:
        pairs.add((person_key(mentee_id), person_key(mentor_id)))
        pairs.add((person_key(mentor_id), person_key(mentee_id)))
    return pairs
