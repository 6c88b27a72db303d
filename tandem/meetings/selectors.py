"""Read-only questions about meetings, for pages, reminders and the health score.

The health score (tandem/health) reads a mentorship's meeting rhythm with `meeting_signals`:

    from tandem.meetings.selectors import meeting_signals, meeting_signals_for

    signals = meeting_signals(mentorship, since=date(2026, 9, 1), until=date(2026, 11, 30))
    signals.held, signals.expected, signals.cancelled_by[mentor.pk], signals.last_held_at

`meeting_signals_for(mentorships, since, until)` answers for many mentorships in a handful of
queries (a program's dashboard). Only metadata is read: never notes, agendas or reasons."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Max, Min, Q
from django.utils import timezone

from tandem.mentorships.models import Agreement, Mentorship, MentorshipEvent, MentorshipStatus

from .models import ActionItem, Arrival, Meeting, MeetingStatus, Outcome

# A cancellation with less notice than this is a late one.
LATE_CANCELLATION = datetime.timedelta(hours=24)


@dataclass(frozen=True)
class MeetingSignals:
    """How a pair's meetings went in a period (meetings whose time fell in [since, until]).

    - expected: meetings the signed agreement called for in the part of the period that has
      passed while the mentorship was active (paused stretches excluded): days / frequency.
    - agreed: meetings both people had agreed to, whose time fell in the period (held or not,
      cancelled later or not). A proposal nobody accepted is not counted anywhere.
    - held / not_held / disputed / unmarked: what the pair recorded for agreed meetings that are
      over (disputed: one said held, the other not; unmarked: nobody recorded it yet).
    - cancelled: agreed meetings called off; cancelled_by: person id → how many;
      late_cancellations: with under 24 hours' notice (or after the start);
      cancellation_notice_hours: the notice of each, in hours, in meeting order.
    - late_arrivals / absences: person id → meetings they came late to / missed.
    - last_held_at: the latest held meeting up to the end of the period (any time before it).
    - next_meeting_at: the next agreed meeting after now, if any.
    - days_since_last_held: whole days from last_held_at (or, with none, from the start of the
      mentorship) to the end of the period, capped at now."""

    mentorship_id: int
    since: datetime.datetime
    until: datetime.datetime
    expected: float = 0.0
    agreed: int = 0
    held: int = 0
    not_held: int = 0
    disputed: int = 0
    unmarked: int = 0
    cancelled: int = 0
    cancelled_by: dict[int, int] = field(default_factory=dict)
    late_cancellations: int = 0
    cancellation_notice_hours: tuple[float, ...] = ()
    late_arrivals: dict[int, int] = field(default_factory=dict)
    absences: dict[int, int] = field(default_factory=dict)
    last_held_at: datetime.datetime | None = None
    next_meeting_at: datetime.datetime | None = None
    days_since_last_held: int | None = None

    @property
    def held_ratio(self) -> float | None:
        """Held meetings over expected ones (None when none were expected yet)."""
        return round(self.held / self.expected, 2) if self.expected else None


def _bounds(since, until) -> tuple[datetime.datetime, datetime.datetime]:
    """Dates are whole UTC days, `until` included; datetimes are taken as they are."""
    if not isinstance(since, datetime.datetime):
        since = datetime.datetime.combine(since, datetime.time(0), tzinfo=datetime.UTC)
    if not isinstance(until, datetime.datetime):
        until = datetime.datetime.combine(
            until + datetime.timedelta(days=1), datetime.time(0), tzinfo=datetime.UTC
        )
    return since, until


def meeting_signals(mentorship: Mentorship, since, until) -> MeetingSignals:
    """The meeting signals of one mentorship over a period (see MeetingSignals)."""
    return meeting_signals_for([mentorship], since, until)[mentorship.pk]


def meeting_signals_for(mentorships, since, until) -> dict[int, MeetingSignals]:
    """The signals of many mentorships at once: five queries whatever their number."""
    start, end = _bounds(since, until)
    now = timezone.now()
    mentorships = list(mentorships)
    ids = [m.pk for m in mentorships]
    rows = _meeting_rows(ids, start, end)
    last_held = _last_held(ids, end)
    upcoming = _next_meetings(ids, now)
    expected = _expected_meetings(mentorships, start, min(end, now))
    signals = {}
    for mentorship in mentorships:
        tally = _tally(mentorship, rows.get(mentorship.pk, []), now)
        held_at = last_held.get(mentorship.pk)
        signals[mentorship.pk] = MeetingSignals(
            mentorship_id=mentorship.pk,
            since=start,
            until=end,
            expected=expected.get(mentorship.pk, 0.0),
            last_held_at=held_at,
            next_meeting_at=upcoming.get(mentorship.pk),
            days_since_last_held=_days_since(held_at or mentorship.started_at, min(end, now)),
            **tally,
        )
    return signals


def _meeting_rows(ids, start, end) -> dict[int, list[dict]]:
    rows: dict[int, list[dict]] = {}
    agreed = Meeting.objects.filter(
        mentorship__in=ids, starts_at__gte=start, starts_at__lt=end, confirmed_at__isnull=False
    ).order_by("starts_at")
    for row in agreed.values(
        "mentorship_id",
        "status",
        "outcome",
        "starts_at",
        "ends_at",
        "cancelled_by_id",
        "cancelled_at",
        "mentor_arrival",
        "mentee_arrival",
    ):
        rows.setdefault(row["mentorship_id"], []).append(row)
    return rows


def _tally(mentorship: Mentorship, rows: list[dict], now) -> dict:
    outcomes: Counter = Counter()
    cancelled_by: Counter = Counter()
    late: Counter = Counter()
    absent: Counter = Counter()
    notices = []
    for row in rows:
        if row["status"] == MeetingStatus.CANCELLED:
            cancelled_by[row["cancelled_by_id"]] += 1
            notices.append(row["starts_at"] - row["cancelled_at"])
            continue
        if row["ends_at"] > now:
            continue
        outcomes[row["outcome"]] += 1
        for person, arrival in (
            (mentorship.mentor_id, row["mentor_arrival"]),
            (mentorship.mentee_id, row["mentee_arrival"]),
        ):
            if arrival == Arrival.LATE:
                late[person] += 1
            elif arrival == Arrival.ABSENT:
                absent[person] += 1
    return {
        "agreed": len(rows),
        "held": outcomes[Outcome.HELD],
        "not_held": outcomes[Outcome.NOT_HELD],
        "disputed": outcomes[Outcome.DISPUTED],
        "unmarked": outcomes[Outcome.UNMARKED],
        "cancelled": sum(cancelled_by.values()),
        "cancelled_by": {k: v for k, v in cancelled_by.items() if k is not None},
        "late_cancellations": sum(1 for notice in notices if notice < LATE_CANCELLATION),
        "cancellation_notice_hours": tuple(round(n.total_seconds() / 3600, 1) for n in notices),
        "late_arrivals": dict(late),
        "absences": dict(absent),
    }


def _last_held(ids, end) -> dict[int, datetime.datetime]:
    held = (
        Meeting.objects.filter(mentorship__in=ids, outcome=Outcome.HELD, starts_at__lt=end)
        .values("mentorship_id")
        .annotate(last=Max("starts_at"))
    )
    return {row["mentorship_id"]: row["last"] for row in held}


def _next_meetings(ids, now) -> dict[int, datetime.datetime]:
    upcoming = (
        Meeting.objects.filter(
            mentorship__in=ids, status=MeetingStatus.CONFIRMED, starts_at__gte=now
        )
        .values("mentorship_id")
        .annotate(next=Min("starts_at"))
    )
    return {row["mentorship_id"]: row["next"] for row in upcoming}


def _days_since(moment, end) -> int | None:
    if moment is None or moment > end:
        return None
    return (end - moment).days


def _expected_meetings(mentorships, start, end) -> dict[int, float]:
    """Active days within the signed agreement's dates, over its frequency in days."""
    if end <= start:
        return {}
    ids = [m.pk for m in mentorships]
    agreements = _current_agreements(ids)
    spans = _active_spans(ids, end)
    expected = {}
    for mentorship in mentorships:
        agreement = agreements.get(mentorship.pk)
        if agreement is None:
            continue
        agreed_from = datetime.datetime.combine(
            agreement.start_date, datetime.time(0), tzinfo=datetime.UTC
        )
        agreed_to = datetime.datetime.combine(
            agreement.end_date + datetime.timedelta(days=1), datetime.time(0), tzinfo=datetime.UTC
        )
        window = (max(start, agreed_from), min(end, agreed_to))
        days = sum(_overlap(span, window) for span in spans.get(mentorship.pk, []))
        expected[mentorship.pk] = round(days / agreement.frequency_days, 1)
    return expected


def _current_agreements(ids) -> dict[int, Agreement]:
    latest: dict[int, Agreement] = {}
    for agreement in Agreement.objects.signed().filter(mentorship__in=ids).order_by("-version"):
        latest.setdefault(agreement.mentorship_id, agreement)
    return latest


def _active_spans(ids, end) -> dict[int, list[tuple]]:
    """When each mentorship was active, from its lifecycle events."""
    spans: dict[int, list[tuple]] = {}
    opened: dict[int, datetime.datetime] = {}
    events = MentorshipEvent.objects.filter(mentorship__in=ids, at__lt=end).order_by("at", "pk")
    for event in events.values("mentorship_id", "to_status", "at"):
        key = event["mentorship_id"]
        if event["to_status"] == MentorshipStatus.ACTIVE:
            opened.setdefault(key, event["at"])
        elif key in opened:
            spans.setdefault(key, []).append((opened.pop(key), event["at"]))
    for key, began in opened.items():
        spans.setdefault(key, []).append((began, end))
    return spans


def _overlap(span: tuple, window: tuple) -> float:
    seconds = (min(span[1], window[1]) - max(span[0], window[0])).total_seconds()
    return max(seconds, 0) / 86400


# --- for pages and reminders -----------------------------------------------------------------


def carried_over(meeting: Meeting):
    """The action items a meeting's agenda carries: raised before it, not done by then, and
    not raised at this very meeting."""
    return (
        ActionItem.objects.filter(mentorship_id=meeting.mentorship_id)
        .open_at(meeting.starts_at)
        .exclude(meeting=meeting)
        .select_related("owner", "meeting")
        .order_by("due_on", "created_at")
    )


def last_met(mentorship: Mentorship, now: datetime.datetime | None = None):
    """When the pair last met: the latest agreed meeting that is over and was not recorded as
    not held (an unrecorded one most likely took place)."""
    return (
        Meeting.objects.filter(
            mentorship=mentorship,
            status=MeetingStatus.CONFIRMED,
            starts_at__lt=now or timezone.now(),
        )
        .filter(Q(outcome=Outcome.HELD) | Q(outcome=Outcome.UNMARKED) | Q(outcome=Outcome.DISPUTED))
        .aggregate(last=Max("starts_at"))["last"]
    )
