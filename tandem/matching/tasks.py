"""Background work of the matching app: large match runs, solved and published by the worker
(`manage.py tandem_worker`) while the page shows their progress."""

from django_tasks import task

from tandem.matching.services import match_run_execute, match_run_publish_queued


@task()
def match_run_task(run_id: int) -> str:
    """Solve one queued match run; a run already taken by another worker is left alone."""
    run = match_run_execute(run_id=run_id)
    return run.status


@task()
def match_run_publish_task(run_id: int) -> str:
    """Publish a large run an admin asked to publish; the admin is notified when it is done."""
    report = match_run_publish_queued(run_id=run_id)
    return "published" if report is not None else "not published"
