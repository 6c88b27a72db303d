"""The demo as an admin meets it: `seed_demo` (with every app's demo step), then the onboarding
program goes from enrolment to published proposals with a meaningful run."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command

from tandem.matching.results import run_totals
from tandem.matching.services import match_run_publish, match_run_start
from tandem.mentorships.models import Mentorship
from tandem.people.models import User
from tandem.programs.models import Program
from tandem.programs.services import program_transition

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def demo():
    with time_machine.travel(TODAY, tick=False):
        call_command("seed_demo", "--people", "320", "--reset", stdout=io.StringIO())
        yield User.objects.get(email="admin@example.com")


def test_the_admin_takes_both_demo_programs_from_enrolment_to_published_proposals(demo):
    onboarding = Program.objects.get(slug="new-hire-onboarding")
    program_transition(program=onboarding, to_status="matching", by=demo)
    run = match_run_start(program=onboarding, by=demo)
    totals = run_totals(run)
    assert run.status == "done"
    assert totals.people >= 20 and totals.coverage >= 90
    assert totals.mean_percent >= 40
    for proposal in run.proposals.all():
        assert proposal.explanation and len(proposal.factors) == 9
    for row in run.unmatched.all():
        assert row.reason and row.help()
    report = match_run_publish(run=run, by=demo)
    assert len(report.proposed) == totals.proposals
    assert Mentorship.objects.filter(program=onboarding, status="proposed").count() == len(
        report.proposed
    )

    # The peer circle is already running (the mentorships demo paired the peers): a run there
    # looks at whoever is still waiting, and says why anyone is left alone.
    circle = Program.objects.get(slug="peer-mentoring-circle")
    assert circle.status == "running"
    run = match_run_start(program=circle, by=demo, objective="max_coverage")
    totals = run_totals(run)
    assert run.status == "done" and totals.people >= 1
    assert totals.matched + totals.unmatched == totals.people
    assert all(row.reason for row in run.unmatched.all())
    if run.proposals.exists():
        assert len(match_run_publish(run=run, by=demo).proposed) == run.proposals.count()
