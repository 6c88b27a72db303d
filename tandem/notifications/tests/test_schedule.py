import datetime

import pytest
from django.core.management import call_command
from django_tasks import task

from tandem.notifications.models import PeriodicJobRun
from tandem.notifications.schedule import JOBS, enqueue_due_jobs, periodic

pytestmark = pytest.mark.django_db(transaction=True)

RUNS: list[str] = []


@task()
def heartbeat() -> None:
    RUNS.append("beat")


@pytest.fixture
def every_hour():
    RUNS.clear()
    periodic(every=datetime.timedelta(hours=1))(heartbeat)
    yield
    JOBS.pop(heartbeat.module_path, None)


def test_a_due_job_is_enqueued_once_per_period(every_hour):
    now = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    assert heartbeat.module_path in enqueue_due_jobs(now=now)
    assert heartbeat.module_path not in enqueue_due_jobs(now=now + datetime.timedelta(minutes=59))
    assert heartbeat.module_path in enqueue_due_jobs(now=now + datetime.timedelta(minutes=61))
    assert RUNS == ["beat", "beat"]


def test_two_clocks_reading_the_same_row_enqueue_it_once(every_hour):
    now = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
    enqueue_due_jobs(now=now)
    later = now + datetime.timedelta(hours=2)
    row = PeriodicJobRun.objects.get(name=heartbeat.module_path)
    # Both clocks read the row before either updates it; only one update can match.
    stale = row.next_run_at
    first = PeriodicJobRun.objects.filter(pk=row.pk, next_run_at=stale).update(next_run_at=later)
    second = PeriodicJobRun.objects.filter(pk=row.pk, next_run_at=stale).update(next_run_at=later)
    assert (first, second) == (1, 0)


def test_the_worker_runs_queued_tasks_from_the_database(settings, every_hour):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("tandem_worker", "--batch", "--verbosity", "0")
    assert RUNS == ["beat"]
    call_command("tandem_worker", "--batch", "--verbosity", "0")
    assert RUNS == ["beat"]
