"""What the notifications app holds about a person, and how it forgets them."""

from tandem.notifications.models import Notification
from tandem.people.models import User


def personal_data(user: User) -> dict:
    return {
        "notifications": [
            {
                "kind": n.kind,
                "title": n.title,
                "body": n.body,
                "url": n.url,
                "created_at": n.created_at.isoformat(),
                "read_at": n.read_at.isoformat() if n.read_at else None,
            }
            for n in Notification.objects.for_person(user)
        ]
    }


def erase(user: User) -> None:
    Notification.objects.for_person(user).delete()
