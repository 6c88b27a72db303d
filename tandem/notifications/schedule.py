"""Periodic jobs: what the worker runs on a clock (reminders, digests, expiries, alerts).

An app registers a job in its `tasks.py`:

    @periodic(every=datetime.timedelta(minutes=5))
    @task()
    def mentorship_requests_expire() -> int: ...

The worker (`manage.py tandem_worker`) enqueues a job when it falls due. Two workers never
enqueue the same run: each run is claimed with a conditional UPDATE on the job's row. A job
must itself be safe to run twice (claim the rows it acts on), because a worker can die
half-way and the next run then picks up what was left."""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from tandem.notifications.models import PeriodicJobRun


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: object
    every: datetime.timedelta


JOBS: dict[str, PeriodicJob] = {}


def periodic(*, every: datetime.timedelta):
    """Register a django-tasks task to be enqueued every `every`."""

    def register(task):
        name = task.module_path
        JOBS[name] = PeriodicJob(name=name, task=task, every=every)
        return task

    return register


def periodic_jobs() -> dict[str, PeriodicJob]:
    autodiscover_modules("tasks")
    return JOBS


def enqueue_due_jobs(*, now: datetime.datetime | None = None) -> list[str]:
    """Enqueue every job whose time has come, exactly once across all workers."""
    now = now or timezone.now()
    enqueued = []
    for job in periodic_jobs().values():
        if _claim(job, now):
            job.task.enqueue()
            enqueued.append(job.name)
    return enqueued


def _claim(job: PeriodicJob, now: datetime.datetime) -> bool:
    run = _run_row(job.name, now)
    if run.next_run_at > now:
        return False
    claimed = PeriodicJobRun.objects.filter(pk=run.pk, next_run_at=run.next_run_at).update(
        next_run_at=now + job.every, last_enqueued_at=now
    )
    return claimed == 1


def _run_row(name: str, now: datetime.datetime) -> PeriodicJobRun:
    try:
        with transaction.atomic():
            return PeriodicJobRun.objects.get_or_create(name=name, defaults={"next_run_at": now})[0]
    except IntegrityError:  # another worker created it at the same moment
        return PeriodicJobRun.objects.get(name=name)
