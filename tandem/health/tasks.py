"""The health app's periodic jobs. Each is safe to run twice, even at once (see services.py)."""

import datetime

from django_tasks import task

from tandem.health import services
from tandem.notifications.schedule import periodic


@periodic(every=datetime.timedelta(hours=1))
@task()
def checkins_open_and_remind() -> dict:
    """Open the check-ins now due (telling each person once) and remind the late ones once."""
    return {
        "told": services.checkins_open_due(),
        "reminded": services.checkins_remind(),
    }


@periodic(every=datetime.timedelta(hours=6))
@task()
def health_scores_recompute() -> dict:
    """Score every active mentorship; open (and announce once) each new risk, clear old ones."""
    return dict(services.health_recompute())
