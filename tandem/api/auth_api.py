"""Tokens for scripts, and who am I."""

from django.contrib.auth import authenticate
from ninja import Router, Schema, Status
from ninja.errors import AuthenticationError

from tandem.api.schemas import ERRORS
from tandem.api.services import api_token_create

router = Router(tags=["auth"])


class TokenIn(Schema):
    email: str
    password: str
    name: str = "API script"


class TokenOut(Schema):
    token: str
    name: str
    prefix: str


class MeOut(Schema):
    id: int
    email: str
    first_name: str
    last_name: str
    is_program_admin: bool
    is_superuser: bool


@router.post("/auth/token", auth=None, response={201: TokenOut, **ERRORS})
def token_create(request, payload: TokenIn):
    """Exchange an e-mail and password for a new personal API token (shown once)."""
    user = authenticate(request, email=payload.email.strip().lower(), password=payload.password)
    if user is None or not user.is_active:
        raise AuthenticationError
    token, key = api_token_create(user=user, name=payload.name)
    return Status(201, {"token": key, "name": token.name, "prefix": token.prefix})


@router.get("/me", response={200: MeOut, **ERRORS})
def me(request):
    """The person the token or session belongs to."""
    return request.user
