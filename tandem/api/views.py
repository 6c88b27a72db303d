"""The API token pages: a person creates (the key is shown once) and revokes their tokens from
their profile page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from tandem.api.models import ApiToken
from tandem.api.services import api_token_create, api_token_revoke


def _get_token_for_user(user, pk: int) -> ApiToken:
    """One's own token; anyone else's is a 404."""
    return get_object_or_404(ApiToken, pk=pk, user=user)


def _section(request, *, new_key: str = "", name_error: str = "", status: int = 200):
    context = {
        "tokens": ApiToken.objects.filter(user=request.user),
        "new_key": new_key,
        "name_error": name_error,
    }
    template = "api/_tokens.html" if request.htmx else "api/tokens.html"
    return render(request, template, context, status=status)


@login_required
@require_POST
def token_create(request):
    try:
        _token, key = api_token_create(user=request.user, name=request.POST.get("name", ""))
    except ValidationError as error:
        return _section(request, name_error=" ".join(error.messages), status=400)
    return _section(request, new_key=key)


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = api_token_revoke(token=_get_token_for_user(request.user, pk), by=request.user)
    if request.htmx:
        return _section(request)
    messages.success(request, f"The token “{token.name}” is revoked.")
    return redirect("people:profile", user_id=request.user.pk)
