"""Meetings for tests: built directly (fast, for history) or through the services (for flows)."""

import datetime

from tandem.meetings.models import Meeting, MeetingMode, MeetingStatus

UTC = datetime.UTC


def at(year, month, day, hour=0, minute=0, zone=UTC) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=zone)


def make_meeting(
    mentorship,
    starts_at: datetime.datetime,
    *,
    minutes: int = 60,
    status: str = MeetingStatus.CONFIRMED,
    proposed_by=None,
    **fields,
) -> Meeting:
    """A meeting as if already proposed (and, by default, agreed to)."""
    confirmed = status == MeetingStatus.CONFIRMED or fields.get("cancelled_at")
    defaults = {
        "time_zone": "Europe/Paris",
        "mode": MeetingMode.VIRTUAL,
        "video_url": "https://meet.example.com/pair",
        "confirmed_at": starts_at - datetime.timedelta(days=7) if confirmed else None,
        "proposed_at": starts_at - datetime.timedelta(days=8),
    }
    defaults.update(fields)
    return Meeting.objects.create(
        mentorship=mentorship,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=minutes),
        status=status,
        proposed_by=proposed_by or mentorship.mentee,
        **defaults,
    )
