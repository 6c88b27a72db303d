"""The one way Tandem notifies people. Every app calls `notify`; nothing sends mail on its own."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from tandem.notifications.models import Notification
from tandem.people.models import User


def notify(
    *,
    recipient: User,
    kind: str,
    title: str,
    body: str = "",
    url: str = "",
    needs_action: bool = False,
    email: bool = True,
) -> Notification:
    """Record an in-app notification and, if asked, e-mail it once the transaction commits."""
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        title=title,
        body=body,
        url=url,
        needs_action=needs_action,
    )
    if email and recipient.is_active and recipient.email:
        # Mail only once the change it announces is really saved.
        transaction.on_commit(lambda: notification_email(notification=notification))
    return notification


def notification_email(*, notification: Notification) -> None:
    """One message: subject, text and HTML from the notification's own templates."""
    context = {
        "notification": notification,
        "recipient": notification.recipient,
        "action_url": _absolute(notification.url),
    }
    message = EmailMultiAlternatives(
        subject=f"[Tandem] {notification.title}",
        body=render_to_string("notifications/email/notification.txt", context),
        to=[notification.recipient.email],
    )
    message.attach_alternative(
        render_to_string("notifications/email/notification.html", context), "text/html"
    )
    message.send()
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())


def notifications_mark_read(*, person: User, ids: list[int] | None = None) -> int:
    queryset = Notification.objects.for_person(person)
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    return queryset.mark_read()


def _absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL.rstrip("/") + url
