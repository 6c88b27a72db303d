"""API tokens: create (the key is shown once), revoke, and find the person behind a key."""

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from tandem.api.models import ApiToken, hash_key
from tandem.people.models import User

KEY_PREFIX = "tdm_"
# Writing last_used_at on every request would turn each API read into a write.
LAST_USED_PRECISION = timedelta(minutes=5)


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token and its key; the key is never stored and cannot be shown again."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Give the token a name, to recognise it later."})
    if len(name) > 80:
        raise ValidationError({"name": "At most 80 characters."})
    if "\x00" in name:
        raise ValidationError({"name": "The name contains a NUL character."})
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=key[:10], key_hash=hash_key(key))
    return token, key


def api_token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    if token.user_id != by.pk:
        raise ValidationError("Only the token's owner can revoke it.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_user(*, key: str) -> User | None:
    """The active person a live key belongs to, or None."""
    if not key.startswith(KEY_PREFIX):
        return None
    token = ApiToken.objects.live().select_related("user").filter(key_hash=hash_key(key)).first()
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
