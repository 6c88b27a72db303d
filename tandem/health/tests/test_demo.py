"""The health demo step: months of check-ins, feedback and introductions for whatever
mentorships exist, mostly healthy with some drifting pairs; the same for the same seed."""

import datetime

import pytest
import time_machine

from tandem.growth.demo import step as growth_step
from tandem.health.demo import step
from tandem.health.models import CheckIn, Feedback, HealthScore, Introduction, Risk
from tandem.meetings.demo import step as meetings_step
from tandem.mentorships.models import Agreement, Mentorship
from tandem.mentorships.services import mentorship_transition
from tandem.mentorships.tests.factories import make_mentorship
from tandem.notifications.models import Notification
from tandem.people.tests.factories import UserFactory
from tandem.programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 25)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 11, 25, 18, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def cohort(program_admin):
    """Sixteen pairs that began between two and ten months ago, with an agreement from their
    start; one ended early. Then the demo steps that run before health: meetings and growth."""
    program = ProgramFactory(slug="cohort", status="running")
    program.admins.add(program_admin)
    for index in range(16):
        mentorship = make_mentorship(
            program=program,
            mentor=UserFactory(email=f"mentor{index}@example.com"),
            mentee=UserFactory(email=f"mentee{index}@example.com"),
        )
        began = datetime.datetime(2026, 11, 25, 10, tzinfo=datetime.UTC) - datetime.timedelta(
            days=60 + 15 * index
        )
        Mentorship.objects.filter(pk=mentorship.pk).update(started_at=began)
        Agreement.objects.filter(mentorship=mentorship).update(
            start_date=began.date(), end_date=began.date() + datetime.timedelta(days=365)
        )
    last = Mentorship.objects.order_by("pk").last()
    mentorship_transition(mentorship=last, to_status="ended", by=program_admin, reason="no_time")
    meetings_step(seed=2026, today=TODAY)
    growth_step(seed=2026, today=TODAY)
    return program


def _signature():
    return (
        list(
            CheckIn.objects.order_by(
                "mentorship__mentor__email", "round", "respondent__email"
            ).values_list(
                "mentorship__mentor__email",
                "round",
                "status",
                "engagement",
                "satisfaction",
                "good_fit",
                "learned",
            )
        ),
        list(
            Feedback.objects.order_by("went_well", "created_at").values_list(
                "author__email", "went_well", "created_at"
            )
        ),
        list(
            Introduction.objects.order_by("made_on", "purpose").values_list(
                "made_by__email", "contact_name", "made_on"
            )
        ),
        sorted(HealthScore.objects.values_list("mentorship__mentor__email", "score")),
    )


def _wipe():
    for model in (CheckIn, Feedback, Introduction, HealthScore, Risk, Notification):
        model.objects.all().delete()


def test_the_demo_writes_months_of_history_at_the_programs_cadence(cohort):
    summary = step(seed=2026, today=TODAY)
    assert summary.startswith("Health: ")
    oldest = Mentorship.objects.order_by("started_at").exclude(status="ended").first()
    assert oldest.checkins.values("round").distinct().count() >= 4  # 270 days: 30, 90, 150, 210
    assert (
        CheckIn.objects.filter(status="answered").count()
        > CheckIn.objects.exclude(status="answered").count()
    )
    assert Feedback.objects.exists() and Introduction.objects.exists()


def test_most_pairs_are_healthy_and_some_drift(cohort):
    step(seed=2026, today=TODAY)
    scores = list(
        HealthScore.objects.filter(mentorship__status="active").values_list("score", flat=True)
    )
    assert len(scores) == 15
    assert sum(s >= 75 for s in scores) > len(scores) / 2
    assert Risk.objects.open().values("mentorship").distinct().count() >= 1
    assert Notification.objects.filter(kind="mentorship_at_risk").exists()


def test_the_same_seed_gives_the_same_history(cohort):
    step(seed=2026, today=TODAY)
    first = _signature()
    _wipe()
    step(seed=2026, today=TODAY)
    assert _signature() == first
    _wipe()
    step(seed=7, today=TODAY)
    assert _signature() != first


def test_without_mentorships_it_writes_nothing(db):
    assert step(seed=1, today=TODAY).startswith("Health: 0 check-ins over 0 mentorships")
    assert not CheckIn.objects.exists()
