"""Large runs go through the background worker (the database queue and `tandem_worker`),
which shows its progress while it works, records a failure with its reason, and publishes
large runs (each proposal notifies two people) while the admin is free to leave."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult

from tandem.matching.engine import solve_problem
from tandem.matching.models import MatchRun
from tandem.matching.services import (
    match_run_execute,
    match_run_publish_request,
    match_run_start,
    proposal_remove,
)
from tandem.mentorships.models import Mentorship
from tandem.notifications.models import Notification
from tandem.programs.models import Program

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def worker_queue(settings):
    settings.MATCH_RUN_BACKGROUND_ABOVE = 4
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _work():
    call_command("tandem_worker", "--batch", "--verbosity", "0")


def test_a_large_run_waits_in_the_queue_then_the_worker_solves_it(
    cohort, program_admin, worker_queue
):
    run = match_run_start(program=cohort.program, by=program_admin)
    run.refresh_from_db()
    assert (run.status, run.in_background, run.progress) == ("queued", True, 0)
    assert DBTaskResult.objects.get(pk=run.task_id).status == "READY"

    _work()

    run.refresh_from_db()
    assert (run.status, run.progress, run.stage) == ("done", 100, "")
    assert run.proposals.count() == 3 and run.finished_at is not None
    assert DBTaskResult.objects.get(pk=run.task_id).status == "SUCCESSFUL"


def test_the_progress_is_visible_while_the_worker_solves(
    cohort, program_admin, worker_queue, monkeypatch
):
    seen = {}

    def watched_engine(problem):
        # Another connection (the page polling the run) reads the run mid-way.
        def look():
            run = MatchRun.objects.get(program=cohort.program)
            seen.update(status=run.status, progress=run.progress, stage=run.stage)
            connection.close()

        reader = threading.Thread(target=look)
        reader.start()
        reader.join()
        return solve_problem(problem)

    monkeypatch.setattr("tandem.matching.services.solve_problem", watched_engine)
    match_run_start(program=cohort.program, by=program_admin)
    _work()
    assert seen == {"status": "running", "progress": 20, "stage": "Scoring and assigning 5 people"}


def test_a_run_that_fails_in_the_worker_says_why(cohort, program_admin, worker_queue, monkeypatch):
    def broken_engine(problem):
        raise MemoryError("no room for the candidate graph")

    monkeypatch.setattr("tandem.matching.services.solve_problem", broken_engine)
    run = match_run_start(program=cohort.program, by=program_admin)
    _work()
    run.refresh_from_db()
    assert run.status == "failed"
    assert run.error == "MemoryError: no room for the candidate graph"
    assert not run.proposals.exists()


def test_a_run_taken_by_one_worker_is_not_solved_again(cohort, program_admin, worker_queue):
    run = match_run_start(program=cohort.program, by=program_admin)
    _work()
    again = match_run_execute(run_id=run.pk)
    assert again.status == "done" and again.proposals.count() == 3


# --- publishing a large run ------------------------------------------------------------------


@pytest.fixture
def large_run(cohort, program_admin, worker_queue):
    run = match_run_start(program=cohort.program, by=program_admin)
    _work()
    run.refresh_from_db()
    return run


def test_a_large_run_is_published_by_the_worker_and_the_admin_is_told(
    large_run, cohort, program_admin
):
    assert match_run_publish_request(run=large_run, by=program_admin) is None
    large_run.refresh_from_db()
    assert large_run.is_publishing and large_run.publish_queued_by == program_admin
    assert not Mentorship.objects.exists()

    _work()

    large_run.refresh_from_db()
    assert large_run.is_published and not large_run.is_publishing
    assert large_run.published_by == program_admin
    assert Mentorship.objects.filter(program=cohort.program, status="proposed").count() == 3
    note = Notification.objects.get(recipient=program_admin, kind="match_run_published")
    assert note.title == f"Run #1 of {cohort.program} is published"
    assert note.body == "3 mentorship(s) proposed."


def test_while_it_is_being_published_nothing_changes_and_nobody_asks_twice(
    large_run, cohort, program_admin, superuser
):
    match_run_publish_request(run=large_run, by=program_admin)
    with pytest.raises(ValidationError, match="already being published"):
        match_run_publish_request(run=large_run, by=superuser)
    with pytest.raises(ValidationError, match="being published"):
        proposal_remove(proposal=large_run.proposals.first(), by=superuser)


def test_a_publication_the_worker_cannot_make_says_why_and_can_be_asked_again(
    large_run, cohort, program_admin
):
    match_run_publish_request(run=large_run, by=program_admin)
    Program.objects.filter(pk=cohort.program.pk).update(status="closed")
    _work()
    large_run.refresh_from_db()
    assert not large_run.is_published and not large_run.is_publishing
    assert "The program is closed" in large_run.publish_error
    assert not Mentorship.objects.exists()

    Program.objects.filter(pk=cohort.program.pk).update(status="matching")
    match_run_publish_request(run=large_run, by=program_admin)
    _work()
    large_run.refresh_from_db()
    assert large_run.is_published and large_run.publish_error == ""
