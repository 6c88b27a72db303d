"""Tokens for scripts, my tokens, and who am I."""

from datetime import datetime

from django.contrib.auth import authenticate
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import AuthenticationError, HttpError

from tandem.api.lockout import lockout_message
from tandem.api.models import ApiToken
from tandem.api.schemas import ERRORS, Error, Id, InputSchema
from tandem.api.services import api_token_create, api_token_revoke

router = Router(tags=["auth"])


class TokenIn(InputSchema):
    email: str = Field(..., max_length=254)
    password: str = Field(..., max_length=4096)
    name: str = Field("API script", max_length=80)


class NewTokenIn(InputSchema):
    name: str = Field(..., max_length=80, description="What the token is for, e.g. “HR sync”.")


class NewTokenOut(Schema):
    id: int
    token: str = Field(..., description="The key: shown once, never stored.")
    name: str
    prefix: str


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class MeOut(Schema):
    id: int
    email: str
    first_name: str
    last_name: str
    is_program_admin: bool
    is_superuser: bool


@router.post("/auth/token", auth=None, response={201: NewTokenOut, **ERRORS, 429: Error})
def token_create(request, payload: TokenIn):
    """Exchange an e-mail and password for a new personal API token (shown once). Repeated
    failures lock the e-mail out for a while (429)."""
    user = authenticate(
        request, email=str(payload.email).strip().lower(), password=payload.password
    )
    if getattr(request, "axes_locked_out", False):
        raise HttpError(429, lockout_message(request))
    if user is None or not user.is_active:
        raise AuthenticationError
    token, key = api_token_create(user=user, name=payload.name)
    return Status(201, {"id": token.pk, "token": key, "name": token.name, "prefix": token.prefix})


@router.get("/me", response={200: MeOut, **ERRORS})
def me(request):
    """The person the token or session belongs to."""
    return request.user


@router.get("/me/tokens", response={200: list[TokenOut], **ERRORS})
def my_tokens(request):
    """My API tokens, live and revoked, newest first (never their keys)."""
    return ApiToken.objects.filter(user=request.user)


@router.post("/me/tokens", response={201: NewTokenOut, **ERRORS})
def my_token_create(request, payload: NewTokenIn):
    """A new token for me; its key is in this answer only."""
    token, key = api_token_create(user=request.user, name=payload.name)
    return Status(201, {"id": token.pk, "token": key, "name": token.name, "prefix": token.prefix})


@router.post("/me/tokens/{int:token_id}/revoke", response={200: TokenOut, **ERRORS})
def my_token_revoke(request, token_id: Id):
    """Revoke one of my tokens: it stops working at once."""
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    return api_token_revoke(token=token, by=request.user)
