"""My data: download everything Tandem holds about me; ask for my account's erasure."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from tandem.privacy.forms import ErasureForm
from tandem.privacy.registry import privacy_modules
from tandem.privacy.services import erasure_request, personal_data_collect


@login_required
@require_GET
def my_data(request):
    return render(
        request,
        "privacy/my_data.html",
        {"sections": [label for label, _module in privacy_modules()], "form": ErasureForm()},
    )


@login_required
@require_GET
def my_data_download(request):
    data = personal_data_collect(person=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="tandem-my-data-{stamp}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def erasure(request):
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            erasure_request(person=request.user, confirm_email=form.cleaned_data["confirm_email"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            logout(request)
            messages.success(
                request,
                "Your account is closed and its data is being erased. Goodbye, and thank you.",
            )
            return redirect("account_login")
    status = 400 if request.method == "POST" else 200
    return render(request, "privacy/erasure.html", {"form": form}, status=status)


def _add_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)
