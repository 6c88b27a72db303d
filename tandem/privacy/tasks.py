from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from tandem.notifications.schedule import periodic
from tandem.privacy.models import ErasureRequest, ErasureStatus
from tandem.privacy.services import erasure_claim, erasure_run


@task()
def erasure_carry_out(request_id: int) -> str:
    """Carry out one confirmed erasure request (safe to run twice: the request is claimed)."""
    request = erasure_claim(request_id=request_id)
    if request is None:
        return "already claimed"
    erasure_run(request=request)
    return "done"


@periodic(every=timedelta(hours=1))
@task()
def erasure_requests_resume() -> int:
    """Pick up requests a worker never reached or that failed (a crash, a lock time-out)."""
    stale = timezone.now() - timedelta(minutes=10)
    requests = ErasureRequest.objects.filter(
        status__in=[ErasureStatus.PENDING, ErasureStatus.FAILED], requested_at__lt=stale
    ).values_list("pk", flat=True)
    for request_id in requests:
        erasure_carry_out.enqueue(request_id=request_id)
    return len(requests)
