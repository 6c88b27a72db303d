"""A person's meeting data, for access requests and erasure (the privacy work builds on this).

- `personal_data(user)`: everything about their meetings that is theirs to see — the meetings
  of their mentorships (with agendas and the shared notes they co-wrote), their own attendance
  accounts, cancellations, action items, their private notes, preferences and reminders.
  Never anyone else's private notes.
- `erase(user)`: remove what they wrote and what identifies them in meeting content, keeping
  the counts reports rely on (meetings held, cancelled, attendance, action items done) as rows
  with their text blanked."""

from django.db import transaction
from django.db.models import Q

from tandem.mentorships.models import Mentorship

from .models import (
    ActionItem,
    AttendanceReport,
    CalendarFeed,
    Meeting,
    MeetingPreferences,
    MeetingSeries,
    PrivateNote,
    Reminder,
    SharedNote,
)

ERASED = "[erased]"


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _meeting(meeting: Meeting, user) -> dict:
    shared = getattr(meeting, "shared_note", None)
    return {
        "id": meeting.pk,
        "mentorship": meeting.mentorship_id,
        "with": str(meeting.mentorship.partner_of(user)),
        "starts_at": _iso(meeting.starts_at),
        "ends_at": _iso(meeting.ends_at),
        "time_zone": meeting.time_zone,
        "status": meeting.status,
        "outcome": meeting.outcome,
        "my_arrival": meeting.arrival_of(user),
        "mode": meeting.mode,
        "location": meeting.location,
        "video_url": meeting.video_url,
        "agenda": meeting.agenda,
        "proposed_by_me": meeting.proposed_by_id == user.pk,
        "cancelled_by_me": meeting.cancelled_by_id == user.pk,
        "cancelled_at": _iso(meeting.cancelled_at),
        "cancel_reason": meeting.cancel_reason,
        "shared_notes": shared.text if shared else "",
    }


def personal_data(user) -> dict:
    """Everything of the meetings app about `user`, as plain data (JSON-ready)."""
    meetings = (
        Meeting.objects.involving(user)
        .select_related("mentorship__mentor", "mentorship__mentee", "shared_note")
        .order_by("starts_at")
    )
    preferences = MeetingPreferences.objects.filter(person=user).values().first()
    return {
        "meetings": [_meeting(meeting, user) for meeting in meetings],
        "my_attendance_reports": list(
            AttendanceReport.objects.filter(reporter=user).values(
                "meeting_id", "held", "mentor_arrival", "mentee_arrival", "reported_at"
            )
        ),
        "action_items": list(
            ActionItem.objects.filter(Q(owner=user) | Q(created_by=user)).values(
                "id", "mentorship_id", "meeting_id", "title", "due_on", "done_at"
            )
        ),
        "my_private_notes": list(
            PrivateNote.objects.by(user).values("meeting_id", "text", "updated_at")
        ),
        "preferences": {k: v for k, v in (preferences or {}).items() if k not in ("id",)},
        "calendar_feed": CalendarFeed.objects.filter(person=user).exists(),
        "reminders": list(
            Reminder.objects.filter(person=user).values("kind", "due_at", "sent_at", "skipped")
        ),
    }


@transaction.atomic
def erase(user) -> None:
    """Erase the person's meeting content; keep the rows that reports count."""
    PrivateNote.objects.filter(author=user).delete()
    MeetingPreferences.objects.filter(person=user).delete()
    CalendarFeed.objects.filter(person=user).delete()
    Reminder.objects.filter(person=user).delete()
    mentorships = Mentorship.objects.involving(user)
    meetings = Meeting.objects.filter(mentorship__in=mentorships)
    # What was said with them is about them: blank it, keep the meeting, its time and outcome.
    meetings.update(agenda="", location="", video_url="")
    meetings.exclude(cancel_reason="").update(cancel_reason=ERASED)
    SharedNote.objects.filter(meeting__in=meetings).update(text="", updated_by=None)
    MeetingSeries.objects.filter(mentorship__in=mentorships).update(
        agenda="", location="", video_url=""
    )
    ActionItem.objects.filter(mentorship__in=mentorships).update(title=ERASED)
