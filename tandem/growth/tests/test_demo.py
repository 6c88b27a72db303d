import datetime

import pytest

from tandem.growth import demo
from tandem.growth.models import (
    Assessment,
    Celebration,
    DevelopmentPlan,
    Goal,
    Milestone,
    ProgramCompetency,
    Rater,
    Training,
)
from tandem.growth.results import assessment_results
from tandem.mentorships.models import Mentorship
from tandem.mentorships.services import mentorship_transition
from tandem.mentorships.tests.factories import make_mentorship
from tandem.people.demo import demo_build
from tandem.programs.models import Enrollment, Program

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 25)


@pytest.fixture
def cohort():
    """The demo organisation with a cohort that began months ago, some of it completed."""
    demo_build(people=80, seed=7, today=TODAY)
    program = Program.objects.get(slug="new-hire-onboarding")
    mentors = list(program.enrollments.approved().mentors().order_by("pk"))
    mentees = list(program.enrollments.approved().mentees().order_by("pk"))
    pairs = []
    for index, (mentor, mentee) in enumerate(zip(mentors, mentees, strict=False)):
        if index == 6:
            break
        pairs.append(make_mentorship(program=program, mentor=mentor.person, mentee=mentee.person))
    months_ago = [200, 160, 120, 60, 20, 2]
    for pair, days in zip(pairs, months_ago, strict=False):
        started = datetime.datetime.combine(
            TODAY - datetime.timedelta(days=days), datetime.time(9), tzinfo=datetime.UTC
        )
        Mentorship.objects.filter(pk=pair.pk).update(started_at=started, created_at=started)
    mentorship_transition(mentorship=pairs[0], to_status="completed", by=pairs[0].mentee)
    return pairs


def _signature():
    goals = list(
        Goal.objects.order_by("owner__email", "title", "target_date").values_list(
            "owner__email", "title", "status", "progress", "target_date"
        )
    )
    milestones = list(
        Milestone.objects.order_by(
            "goal__owner__email", "goal__title", "goal__target_date", "position"
        ).values_list("title", "due_date", "reached_at")
    )
    plans = list(
        DevelopmentPlan.objects.order_by("owner__email").values_list(
            "owner__email", "status", "version"
        )
    )
    raters = list(
        Rater.objects.order_by(
            "assessment__subject__email", "assessment__created_at", "email"
        ).values_list("assessment__subject__email", "group", "email", "answered_at")
    )
    return goals, milestones, plans, raters


def test_the_demo_step_fills_every_mentorship_with_history(cohort):
    summary = demo.step(seed=2026, today=TODAY)
    assert summary.startswith("Growth: ")
    for mentorship in cohort:
        assert mentorship.goals.exists()
    assert Celebration.objects.exists()
    assert Celebration.objects.filter(notes__isnull=False).exists()
    statuses = set(DevelopmentPlan.objects.values_list("status", flat=True))
    assert len(statuses) >= 3
    assert ProgramCompetency.objects.exists()
    assert Training.objects.filter(kind="internal").exists()
    assert Training.objects.filter(kind="sharing", based_on__isnull=False).exists()
    # Everything happened in the past.
    assert not Celebration.objects.filter(at__date__gt=TODAY).exists()
    assert not Milestone.objects.filter(reached_at__date__gt=TODAY).exists()
    assert not Goal.objects.filter(created_at__date__gt=TODAY).exists()


def test_the_demo_assessments_respect_the_coworker_rule(cohort):
    demo.step(seed=2026, today=TODAY)
    closed = Assessment.objects.closed()
    assert closed.exists()
    for assessment in closed:
        results = assessment_results(assessment)
        answered = assessment.raters.filter(group="coworker", answered_at__isnull=False).count()
        if answered < 3:
            assert not results.coworkers_shown
    shown = [a for a in closed if assessment_results(a).coworkers_shown]
    assert shown, "some demo assessments should have three or more co-workers"


def test_the_demo_is_deterministic_for_a_seed(cohort):
    demo.step(seed=2026, today=TODAY)
    first = _signature()
    Goal.objects.all().delete()
    DevelopmentPlan.objects.all().delete()
    Assessment.objects.all().delete()
    demo.step(seed=2026, today=TODAY)
    assert _signature() == first


def test_the_demo_runs_without_any_mentorship(db):
    demo_build(people=60, seed=3, today=TODAY)
    assert not Enrollment.objects.filter(load__gt=0).exists()
    summary = demo.step(seed=1, today=TODAY)
    assert summary.startswith("Growth: 0 goals")
    assert Training.objects.exists()
