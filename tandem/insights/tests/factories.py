"""A small program whose every figure has been counted by hand (see `counted_program`)."""

import datetime

from tandem.health.models import CheckIn, HealthScore, Introduction, Risk
from tandem.mentorships.models import Mentorship
from tandem.mentorships.services import mentorship_transition
from tandem.mentorships.tests.factories import make_mentorship
from tandem.people.tests.factories import DepartmentFactory, UserFactory
from tandem.programs.models import Enrollment
from tandem.programs.tests.factories import EnrollmentFactory, ProgramFactory


def _on(day: str, hour: int = 10) -> datetime.datetime:
    date = datetime.date.fromisoformat(day)
    return datetime.datetime.combine(date, datetime.time(hour), tzinfo=datetime.UTC)


def _person(email: str, department=None):
    user = UserFactory(email=email, first_name=email.split("@")[0].title(), last_name="Test")
    if department is not None:
        user.profile.department = department
        user.profile.save()
    return user


def counted_program(admin):
    """Six mentees and three mentors, hand-counted:

    mentee  enrolled    status    pairing (created)   agreement  fate
    m1      1 Sep       approved  mentor a, 4 Sep     signed     completed
    m2      1 Sep       approved  mentor a, 11 Sep    signed     active (health 42, open risk)
    m3      2 Sep       approved  mentor a, 22 Sep    —          proposed
    m4      2 Sep       approved  —
    m5      3 Sep       pending   —
    m6      3 Oct       approved  mentor b, 17 Nov    signed     ended early (not enough time)

    Engineering: m1, m2 and mentors a, b; Sales: mentor c. Mentor capacities a 2, b 3, c 1.
    Check-ins: September engagement 4 and 2, October 5; one closed unanswered (due 1 Oct).
    Introductions: 2 in September (a colleague, an outsider), 1 in October (with an outcome).
    """
    engineering = DepartmentFactory(name="Engineering")
    sales = DepartmentFactory(name="Sales")
    program = ProgramFactory(name="Counted cohort", slug="counted", status="running")
    program.admins.add(admin)
    mentors = {
        "a": _person("a@counted.example", engineering),
        "b": _person("b@counted.example", engineering),
        "c": _person("c@counted.example", sales),
    }
    for key, capacity in (("a", 2), ("b", 3), ("c", 1)):
        EnrollmentFactory(program=program, person=mentors[key], role="mentor", capacity=capacity)
    mentees = {
        f"m{i}": _person(f"m{i}@counted.example", engineering if i in (1, 2) else None)
        for i in range(1, 7)
    }
    enrolled = {
        "m1": "09-01",
        "m2": "09-01",
        "m3": "09-02",
        "m4": "09-02",
        "m5": "09-03",
        "m6": "10-03",
    }
    for key, day in enrolled.items():
        status = "pending" if key == "m5" else "approved"
        enrollment = EnrollmentFactory(
            program=program, person=mentees[key], role="mentee", status=status
        )
        Enrollment.objects.filter(pk=enrollment.pk).update(created_at=_on(f"2026-{day}"))

    pairs = {}
    for key, mentor, made, kind in (
        ("m1", "a", "09-04", "active"),
        ("m2", "a", "09-11", "active"),
        ("m3", "a", "09-22", "proposed"),
        ("m6", "b", "11-17", "active"),
    ):
        mentorship = make_mentorship(
            program=program, mentor=mentors[mentor], mentee=mentees[key], status=kind
        )
        Mentorship.objects.filter(pk=mentorship.pk).update(
            created_at=_on(f"2026-{made}"),
            started_at=_on(f"2026-{made}", 12) if kind == "active" else None,
        )
        pairs[key] = mentorship
        if key == "m1":  # completed before mentor a took m3: a's two places are m2 and m3
            mentorship_transition(mentorship=mentorship, to_status="completed", by=admin)
    mentorship_transition(mentorship=pairs["m6"], to_status="ended", by=admin, reason="no_time")

    m2 = pairs["m2"]
    HealthScore.objects.create(mentorship=m2, score=42)
    Risk.objects.create(
        mentorship=m2, kind="low_score", title="Low health score", reason="x", score=42
    )
    _checkin(m2, m2.mentee, 1, "2026-09-20", engagement=4)
    _checkin(m2, m2.mentor, 1, "2026-09-21", engagement=2)
    _checkin(pairs["m1"], mentees["m1"], 1, "2026-10-05", engagement=5)
    CheckIn.objects.create(
        mentorship=pairs["m1"],
        respondent=mentors["a"],
        round=1,
        due_on=datetime.date(2026, 10, 1),
        status="closed",
    )
    outsider = _person("colleague@counted.example")
    _introduction(m2, "2026-09-12", contact=outsider)
    _introduction(m2, "2026-09-25", contact_name="Ada Okafor")
    _introduction(pairs["m1"], "2026-10-08", contact_name="Jonas Weber", outcome="Met twice")

    other = ProgramFactory(name="Another program", slug="another", status="running")
    EnrollmentFactory(program=other, person=_person("x@counted.example"), role="mentee")
    return program


def _checkin(mentorship, person, round, day, *, engagement):
    return CheckIn.objects.create(
        mentorship=mentorship,
        respondent=person,
        round=round,
        due_on=datetime.date.fromisoformat(day),
        status="answered",
        answered_at=_on(day),
        engagement=engagement,
        flexibility=4,
        authenticity=4,
        reciprocity=4,
        satisfaction=3,
        learned="something",
    )


def _introduction(mentorship, day, *, contact=None, contact_name="", outcome=""):
    return Introduction.objects.create(
        mentorship=mentorship,
        made_by=mentorship.mentor,
        made_for=mentorship.mentee,
        contact=contact,
        contact_name=contact_name,
        purpose="Learn",
        made_on=datetime.date.fromisoformat(day),
        outcome=outcome,
    )
