"""Background work of the matching app: large match runs, solved by the worker
(`manage.py tandem_worker`) while the page shows their progress."""

from django_tasks import task

from tandem.matching.services import match_run_execute


@task()
def match_run_task(run_id: int) -> str:
    """Solve one queued match run; a run already taken by another worker is left alone."""
    run = match_run_execute(run_id=run_id)
    return run.status
