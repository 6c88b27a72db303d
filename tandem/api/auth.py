"""How the API knows who is calling: a personal token (`Authorization: Bearer tdm_…`), or the
browser session (with its CSRF token) for pages that call the API."""

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
    try:
        auditlog_value.get()["actor"] = user
    except LookupError:  # no request context (a test calling the view directly)
        pass


API_AUTH = [TokenAuth(), django_auth]
