"""What the API holds about a person (tokens, failed sign-ins), and how it forgets them."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from tandem.api.models import ApiToken
from tandem.people.models import User


def personal_data(user: User) -> dict:
    return {
        "api_tokens": [
            {
                "name": t.name,
                "prefix": t.prefix,
                "created_at": t.created_at.isoformat(),
                "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
                "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
            }
            for t in ApiToken.objects.filter(user=user)
        ],
        "failed_sign_ins": [
            {"at": a.attempt_time.isoformat(), "failures": a.failures_since_start}
            for a in AccessAttempt.objects.filter(username__iexact=user.email)
        ],
    }


def erase(user: User) -> None:
    ApiToken.objects.filter(user=user).delete()
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__iexact=user.email).delete()
