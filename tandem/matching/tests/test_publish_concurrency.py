"""Two admins press Publish on the same run at the same moment: the run's row is locked, so the
mentorships are created once and the second admin is told the run is already published."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tandem.matching.services import match_run_publish
from tandem.matching.tests.factories import finished_run
from tandem.mentorships.models import Mentorship

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite locks the whole database file for every write and has no row locks "
        "(SELECT … FOR UPDATE): two connections cannot publish at the same moment there.",
    ),
]


def test_two_admins_publishing_at_once_create_the_mentorships_once(
    cohort, program_admin, superuser
):
    run = finished_run(cohort.program, program_admin)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def publish(admin):
        try:
            start.wait(timeout=10)
            report = match_run_publish(run=run, by=admin)
            outcomes.append(f"published {len(report.proposed)}")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=(a,)) for a in (program_admin, superuser)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(outcomes) == 2
    assert "published 3" in outcomes
    [refused] = [o for o in outcomes if o != "published 3"]
    assert refused.startswith(f"Run #{run.number} was already published")
    assert Mentorship.objects.filter(program=cohort.program).count() == 3
    assert run.proposals.filter(mentorship__isnull=False).count() == 3
    cohort.maria.refresh_from_db()
    assert cohort.maria.load == 2
