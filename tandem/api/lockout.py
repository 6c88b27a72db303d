"""Sign-in abuse (django-axes, configured in settings): which e-mail a failed attempt was for,
and what a locked-out caller is told — JSON on the API, a page on the site, both a 429."""

import math

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render


def attempted_email(request, credentials: dict | None) -> str:
    """The e-mail a sign-in was for: allauth passes `email`, the API's token form too; the
    login form posts `login`."""
    credentials = credentials or {}
    email = credentials.get("email") or credentials.get("username") or ""
    if not email and request is not None and request.method == "POST":
        email = request.POST.get("login", "")
    return str(email).strip().lower()


def lockout_minutes(request=None) -> int:
    cool_off = get_cool_off(request)
    return max(1, math.ceil(cool_off.total_seconds() / 60)) if cool_off else 0


def lockout_message(request=None) -> str:
    return (
        f"Too many failed sign-in attempts: sign-in is locked for {lockout_minutes(request)} "
        "minutes. Try again later, or reset your password."
    )


def lockout_response(request, original_response=None, credentials=None):
    retry_after = str(lockout_minutes(request) * 60)
    if request.path.startswith("/api/"):
        body = {"detail": lockout_message(request), "errors": []}
        response = JsonResponse(body, status=settings.AXES_HTTP_RESPONSE_CODE)
    else:
        context = {"message": lockout_message(request), "minutes": lockout_minutes(request)}
        response = render(
            request, "account/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
        )
    response["Retry-After"] = retry_after
    return response


class SignInLockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for sign-ins that come with a request (the login form, the
    token endpoint). Code that checks a password without one (a command, a test) is no
    attempt from outside and passes through."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
