"""The meetings app's periodic jobs, run by the worker (`manage.py tandem_worker`).

Each plans the reminders of its kind that have fallen due, then delivers whatever is due
(reminders.py explains why that is exactly once with any number of workers)."""

import datetime

from django.utils import timezone
from django_tasks import task

from tandem.notifications.schedule import periodic

from . import reminders


@periodic(every=datetime.timedelta(minutes=5))
@task()
def meeting_reminders_send() -> int:
    """Reminders before meetings (a day, an hour) and flags for unrecorded attendance."""
    now = timezone.now()
    reminders.plan_before_meetings(now=now)
    reminders.plan_unmarked(now=now)
    return reminders.deliver_due(now=now)


@periodic(every=datetime.timedelta(hours=1))
@task()
def meeting_rhythm_nudges_send() -> int:
    """Nudge pairs whose agreed rhythm has slipped."""
    now = timezone.now()
    reminders.plan_rhythm_nudges(now=now)
    return reminders.deliver_due(now=now)


@periodic(every=datetime.timedelta(hours=1))
@task()
def meeting_digests_send() -> int:
    """The Monday digest of the week's meetings and open action items."""
    now = timezone.now()
    reminders.plan_digests(now=now)
    return reminders.deliver_due(now=now)
