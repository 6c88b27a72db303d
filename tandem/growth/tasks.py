"""Background jobs of the growth app, run by the worker on a clock."""

import datetime

from django_tasks import task

from tandem.growth.services import assessment_reminders_send, assessments_close_due
from tandem.notifications.schedule import periodic


@periodic(every=datetime.timedelta(hours=6))
@task()
def assessment_reminders() -> int:
    """Remind 360° raters who have not answered (each reminder claimed before it is sent)."""
    return assessment_reminders_send()


@periodic(every=datetime.timedelta(hours=1))
@task()
def assessments_close() -> int:
    """Close the assessments whose last day has passed; their results appear."""
    return assessments_close_due()
