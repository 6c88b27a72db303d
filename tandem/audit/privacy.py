"""The audit log and a person: what they changed is theirs to see; on erasure the entries stay
(who changed what is the organisation's record) but the name and e-mail in them go (the
erasure's final sweep replaces them in every text column)."""

from auditlog.models import LogEntry

from tandem.audit.services import ACTIONS
from tandem.people.models import User


def personal_data(user: User) -> dict:
    entries = LogEntry.objects.filter(actor=user).select_related("content_type")
    return {
        "changes_i_made": [
            {
                "at": e.timestamp.isoformat(),
                "action": ACTIONS.get(e.action, ""),
                "what": f"{e.content_type.name}: {e.object_repr}",
            }
            for e in entries
        ]
    }


def erase(user: User) -> None:
    LogEntry.objects.filter(actor=user).update(actor_email=None, remote_addr=None)
