"""How the API knows who is calling: a personal token (`Authorization: Bearer tdm_…`), or the
browser session (with its CSRF token) for pages that call the API."""

from ninja.security import HttpBearer, django_auth

from tandem.api.services import api_token_user


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request, token: str):
        user = api_token_user(key=token)
        if user is not None:
            request.user = user
        return user


API_AUTH = [TokenAuth(), django_auth]
