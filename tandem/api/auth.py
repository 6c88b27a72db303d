"""How the API knows who is calling: a personal token (`Authorization: Bearer tdm_…`), or the
browser session (with its CSRF token) for pages that call the API."""

import contextlib

from auditlog.context import auditlog_value
from ninja.security import HttpBearer, django_auth

from tandem.api.services import api_token_user


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request, token: str):
        user = api_token_user(key=token)
        if user is not None:
            request.user = user
            _audit_as(user)
        return user


def _audit_as(user) -> None:
    """The audit log's middleware ran before the token was read: name the actor now."""
    # Outside a request (a test calling the view directly) there is no context to update.
    with contextlib.suppress(LookupError):
        auditlog_value.get()["actor"] = user


API_AUTH = [TokenAuth(), django_auth]
