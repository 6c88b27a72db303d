from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from tandem.mentorships import permissions
from tandem.mentorships.models import Mentorship


def _get_mentorship_for_user(user, pk: int) -> Mentorship:
    """A mentorship the user may see (the pair, the program's admins); a 404 for anyone else."""
    mentorship = get_object_or_404(
        Mentorship.objects.select_related("program", "mentor", "mentee"), pk=pk
    )
    if not permissions.can_view_mentorship(user, mentorship):
        raise Http404
    return mentorship


def mentorship_context(user, mentorship: Mentorship, tab: str) -> dict:
    """What every page of a mentorship needs for its header and tabs (other apps use it too)."""
    return {
        "mentorship": mentorship,
        "tab": tab,
        "is_partner": permissions.is_partner(user, mentorship),
        "managing": permissions.can_manage_mentorship(user, mentorship),
        "my_role": mentorship.role_of(user),
        "partner": mentorship.partner_of(user) if mentorship.involves(user) else None,
    }


@login_required
@require_GET
def mentorship_detail(request, pk: int):
    mentorship = _get_mentorship_for_user(request.user, pk)
    context = mentorship_context(request.user, mentorship, "overview")
    context["events"] = mentorship.events.select_related("by")
    if context["is_partner"]:
        context["agreement"] = mentorship.latest_agreement()
    return render(request, "mentorships/detail.html", context)
