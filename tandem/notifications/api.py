"""My notifications over the API: list, unread count, mark read."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from tandem.api.schemas import ERRORS, BodyId, Filters, Id, InputSchema
from tandem.notifications.models import Notification
from tandem.notifications.services import notifications_mark_read

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    url: str
    needs_action: bool
    created_at: datetime
    read_at: datetime | None


class NotificationFilters(Filters):
    unread: bool = Field(False, description="Only the ones I have not read")
    needs_action: bool = Field(False, description="Only the ones asking me to act")


class UnreadOut(Schema):
    unread: int


class MarkReadIn(InputSchema):
    ids: list[BodyId] | None = Field(
        None, max_length=1000, description="These notifications; all of mine when omitted."
    )


class MarkedOut(Schema):
    marked: int


@router.get("/", response={200: list[NotificationOut], **ERRORS})
@paginate
def notification_list(request, filters: Query[NotificationFilters]):
    """My notifications, newest first."""
    notifications = Notification.objects.for_person(request.user)
    if filters.unread:
        notifications = notifications.unread()
    if filters.needs_action:
        notifications = notifications.filter(needs_action=True)
    return notifications


@router.get("/unread-count", response={200: UnreadOut, **ERRORS})
def unread_count(request):
    """How many of my notifications are unread (the bell's number)."""
    return {"unread": Notification.objects.for_person(request.user).unread().count()}


@router.post("/read", response={200: MarkedOut, **ERRORS})
def mark_read(request, payload: MarkReadIn):
    """Mark some (or all) of my notifications as read."""
    return {"marked": notifications_mark_read(person=request.user, ids=payload.ids)}


@router.post("/{int:notification_id}/read", response={200: NotificationOut, **ERRORS})
def mark_one_read(request, notification_id: Id):
    """Mark one of my notifications as read (anyone else's is a 404)."""
    notification = get_object_or_404(Notification, pk=notification_id, recipient=request.user)
    notifications_mark_read(person=request.user, ids=[notification.pk])
    notification.refresh_from_db()
    return notification
