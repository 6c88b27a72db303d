"""What every growth page shares: fetching a mentorship the viewer may see, and going back."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme

from tandem.mentorships.models import Mentorship


def get_mentorship_for_user(user, pk: int, rule) -> Mentorship:
    """A mentorship `rule(user, mentorship)` lets the viewer see; a 404 for anyone else."""
    mentorship = get_object_or_404(
        Mentorship.objects.select_related(
            "program", "mentor", "mentee", "mentor__profile", "mentee__profile"
        ),
        pk=pk,
    )
    if not rule(user, mentorship):
        raise Http404
    return mentorship


def back(request, default: str):
    """Redirect to the page the form came from (its `next`), or to `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)


def report(request, error: ValidationError) -> None:
    """A service's refusal as a message on the next page."""
    messages.error(request, " ".join(error.messages))
