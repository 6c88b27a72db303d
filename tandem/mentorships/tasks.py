"""Background work of the mentorships app."""

import datetime

from django_tasks import task

from tandem.mentorships.services import mentorship_requests_expire
from tandem.notifications.schedule import periodic


@periodic(every=datetime.timedelta(hours=1))
@task()
def expire_mentorship_requests() -> int:
    """Requests a mentor left unanswered past the program's number of days expire, and the
    mentee is told. Claims each request with a conditional UPDATE, so it is safe to run twice."""
    return mentorship_requests_expire()
