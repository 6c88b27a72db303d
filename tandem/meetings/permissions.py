"""Who may see and do what with meetings, on top of the mentorships rules (one place).

- The pair sees and writes everything of their meetings except the other's private notes.
- The program's admins see that meetings happened (dates, status, attendance, who cancelled and
  how late) but never agendas, places, links, notes, reasons or action items.
- A private note is readable by its author alone: not the partner, not an admin, not a
  superuser, not through the API or an export of someone else's data.
- Nobody else learns that the meetings exist."""

from tandem.mentorships import permissions as mentorship_rules
from tandem.mentorships.models import Mentorship

from .models import Meeting, MeetingSeries, MeetingStatus, PrivateNote, SeriesStatus


def can_view_meetings(user, mentorship: Mentorship) -> bool:
    """The meetings page and each meeting's metadata: the pair and the program's admins."""
    return mentorship_rules.can_view_mentorship(user, mentorship)


def can_view_meeting_content(user, mentorship: Mentorship) -> bool:
    """Agenda, place, link, shared notes, reasons, action items: the pair only."""
    return mentorship_rules.can_view_content(user, mentorship)


def can_schedule(user, mentorship: Mentorship) -> bool:
    """Propose meetings and series, record attendance, write notes: the pair, while under way."""
    return mentorship_rules.can_work_in(user, mentorship)


def can_answer(user, meeting: Meeting) -> bool:
    """Accept a proposed time: the partner of whoever proposed it last."""
    return (
        can_schedule(user, meeting.mentorship)
        and meeting.status == MeetingStatus.PROPOSED
        and meeting.proposed_by_id != user.pk
        and not meeting.has_begun  # a time that passed unanswered is for a new proposal
        and not _series_unanswered(meeting)
    )


def can_reschedule(user, meeting: Meeting) -> bool:
    """Propose another time (a counter-proposal, or moving a confirmed meeting)."""
    return (
        can_schedule(user, meeting.mentorship)
        and meeting.status != MeetingStatus.CANCELLED
        and not meeting.has_begun
        and not _series_unanswered(meeting)
    )


def can_counter(user, meeting: Meeting) -> bool:
    """Answer a proposal with another time: the partner of whoever proposed it last (to change a
    confirmed meeting, or one's own proposal, one moves it)."""
    return (
        can_reschedule(user, meeting)
        and meeting.status == MeetingStatus.PROPOSED
        and meeting.proposed_by_id != user.pk
    )


def can_cancel(user, meeting: Meeting) -> bool:
    return can_reschedule(user, meeting)


def can_record_attendance(user, meeting: Meeting) -> bool:
    return (
        can_schedule(user, meeting.mentorship)
        and meeting.status == MeetingStatus.CONFIRMED
        and meeting.has_begun
    )


def can_write_notes(user, meeting: Meeting) -> bool:
    return can_schedule(user, meeting.mentorship) and meeting.status != MeetingStatus.CANCELLED


def can_read_private_note(user, note: PrivateNote) -> bool:
    return bool(user.is_authenticated) and note.author_id == user.pk


def can_answer_series(user, series: MeetingSeries) -> bool:
    return (
        can_schedule(user, series.mentorship)
        and series.status == SeriesStatus.PROPOSED
        and series.proposed_by_id != user.pk
    )


def can_stop_series(user, series: MeetingSeries) -> bool:
    return can_schedule(user, series.mentorship) and series.status in (
        SeriesStatus.PROPOSED,
        SeriesStatus.ACTIVE,
    )


def _series_unanswered(meeting: Meeting) -> bool:
    """Occurrences of a series proposal are answered together, through the series."""
    return meeting.series_id is not None and meeting.series.status == SeriesStatus.PROPOSED
