from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from tandem.notifications.models import Notification
from tandem.notifications.services import notifications_mark_read


def _get_notification_for_user(user, pk: int) -> Notification:
    """A person's own notification; anyone else's is a 404."""
    return get_object_or_404(Notification, pk=pk, recipient=user)


@login_required
@require_GET
def notification_list(request):
    notifications = Notification.objects.for_person(request.user)
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_GET
def notification_bell(request):
    return render(request, "notifications/_bell.html")


@login_required
@require_POST
def notification_open(request, pk: int):
    notification = _get_notification_for_user(request.user, pk)
    notifications_mark_read(person=request.user, ids=[notification.pk])
    safe = url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(notification.url if notification.url and safe else "notifications:list")


@login_required
@require_POST
def notification_mark_all_read(request):
    notifications_mark_read(person=request.user)
    if request.htmx:
        return render(request, "notifications/_bell.html", {"unread_notifications": 0})
    return redirect("notifications:list")
