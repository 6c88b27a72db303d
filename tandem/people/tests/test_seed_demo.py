import datetime

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from tandem.people.demo import demo_build, demo_reset
from tandem.people.models import Profile, ProfileSkill, User
from tandem.programs.models import Enrollment, Program

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 24)


def _signature():
    people = list(
        Profile.objects.order_by("user__email").values_list(
            "user__email", "title", "manager__email", "time_zone", "seniority", "hire_date"
        )
    )
    skills = list(
        ProfileSkill.objects.order_by("profile__user__email", "skill__name").values_list(
            "profile__user__email", "skill__name", "level", "offers_mentoring"
        )
    )
    enrollments = list(
        Enrollment.objects.order_by("program__slug", "person__email").values_list(
            "program__slug", "person__email", "role", "status", "capacity"
        )
    )
    return people, skills, enrollments


@pytest.fixture
def demo():
    return demo_build(people=80, seed=7, today=TODAY)


def test_the_demo_has_the_people_asked_for_in_one_reporting_tree(demo):
    assert User.objects.count() == 80
    roots = Profile.objects.filter(manager__isnull=True)
    assert roots.count() == 1
    ceo = roots.get().user
    for profile in Profile.objects.select_related("manager"):
        chain = profile.managers_above()
        assert profile.user == ceo or chain[-1] == ceo
        assert len({m.pk for m in chain}) == len(chain)


def test_the_three_demo_logins_work_with_the_demo_password(demo):
    for email in ("admin@example.com", "mentor@example.com", "mentee@example.com"):
        assert authenticate(email=email, password="tandem-demo") is not None
    admin = User.objects.get(email="admin@example.com")
    assert admin.is_program_admin and admin.is_superuser


def test_the_demo_has_an_onboarding_and_a_mutual_program_with_enrollments(demo):
    onboarding = Program.objects.get(purpose="onboarding")
    peer = Program.objects.get(format="mutual")
    assert onboarding.format == "mentoring"
    assert set(onboarding.enrollments.values_list("role", flat=True)) == {"mentor", "mentee"}
    assert set(peer.enrollments.values_list("role", flat=True)) == {"peer"}
    mentor = onboarding.enrollments.get(person__email="mentor@example.com")
    mentee = onboarding.enrollments.get(person__email="mentee@example.com")
    assert (mentor.role, mentor.status, mentor.capacity) == ("mentor", "approved", 2)
    assert (mentee.role, mentee.status) == ("mentee", "approved")
    assert onboarding.mentor_guidelines and onboarding.mentee_guidelines
    assert onboarding.questions.exists()


def test_profiles_are_filled_in(demo):
    mentor = Profile.objects.get(user__email="mentor@example.com")
    assert mentor.bio and mentor.career_goals
    assert mentor.skills.filter(offers_mentoring=True).exists()
    assert set(mentor.languages.values_list("code", flat=True)) == {"en", "es", "pt"}
    mentee = Profile.objects.get(user__email="mentee@example.com")
    assert mentee.wanted_skills.count() == 3
    assert (TODAY - mentee.hire_date).days < 90


def test_the_same_seed_gives_the_same_demo(demo):
    first = _signature()
    demo_reset()
    demo_build(people=80, seed=7, today=TODAY)
    assert _signature() == first


def test_running_seed_demo_again_keeps_the_data(demo, capsys):
    before = _signature()
    call_command("seed_demo")
    assert _signature() == before
    assert "already there" in capsys.readouterr().out


def test_the_whole_demo_can_be_rebuilt_over_itself(mailoutbox):
    """Every app's step runs, and --reset undoes them all (growth's catalogue included)."""
    import io

    from tandem.growth.models import Training
    from tandem.meetings.models import Meeting
    from tandem.mentorships.models import Mentorship

    call_command("seed_demo", "--people", "120", stdout=io.StringIO())
    first = (Mentorship.objects.count(), Meeting.objects.count(), Training.objects.count())
    assert all(first)
    call_command("seed_demo", "--people", "120", "--reset", stdout=io.StringIO())
    assert (Mentorship.objects.count(), Meeting.objects.count(), Training.objects.count()) == first
    assert mailoutbox == []  # the demo's history is not e-mailed to anyone
