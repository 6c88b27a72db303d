"""The erasure requests themselves: when the person asked and when it was done."""

from tandem.people.models import User
from tandem.privacy.models import ErasureRequest


def personal_data(user: User) -> dict:
    return {
        "erasure_requests": [
            {"requested_at": r.requested_at.isoformat(), "status": r.status}
            for r in ErasureRequest.objects.filter(person=user)
        ]
    }


def erase(user: User) -> None:
    """Nothing to forget: the request records that the erasure happened."""
