"""Demo meetings: for every active, paused and completed mentorship present when it runs, a
plausible history at its agreed rhythm since it began — most meetings held, some cancelled with
reasons, some late arrivals, a few pairs that drifted and stopped meeting weeks ago — with shared
and private notes, action items, and the meetings still to come.

Deterministic: the same seed, the same day and the same mentorships give the same meetings
(each pair draws from its own random stream, keyed by the two people's e-mail addresses)."""

import datetime
import random
from dataclasses import dataclass, field

from django.db import transaction

from tandem.mentorships.models import Mentorship, MentorshipEvent, MentorshipStatus
from tandem.programs.models import MeetingFrequency

from .models import (
    ActionItem,
    AttendanceReport,
    Meeting,
    MeetingEvent,
    MeetingMode,
    MeetingSeries,
    MeetingStatus,
    Outcome,
    PrivateNote,
    SeriesStatus,
    SharedNote,
)
from .times import occurrence_starts, zone_named, zone_of

UTC = datetime.UTC
TIMES = [datetime.time(9), datetime.time(10, 30), datetime.time(12), datetime.time(16, 30)]
REASONS = [
    "Something urgent came up with a customer.",
    "I'm off sick today, sorry.",
    "Travelling for work this week.",
    "Clash with the quarterly planning day.",
    "Family matter — can we skip this one?",
    "Release day, all hands on deck.",
]
PLACES = ["Café on the ground floor", "Meeting room 4.12", "The library corner", "Lunch, canteen"]
TOPICS = [
    "how the first weeks went",
    "preparing the customer presentation",
    "feedback on the design review",
    "the promotion conversation with the manager",
    "saying no to extra work",
    "building a network across teams",
    "the stretch project proposal",
    "running better one-to-ones",
]
NOTES = [
    "Went through {topic}. Agreed to try one change before next time.",
    "Talked about {topic}. Good progress since last time; some doubts remain.",
    "Mostly {topic}. Shared two examples from past projects.",
    "Short one today: {topic}. Will pick it up again.",
]
PRIVATE = [
    "Seemed more confident than last month.",
    "Remember to ask how the offsite went.",
    "I should share my own failure story next time.",
    "Felt rushed — protect the time better.",
]
ACTIONS = [
    "Draft the one-page proposal",
    "Ask the manager for a stretch assignment",
    "Read the chapter on feedback",
    "Book a coffee with someone from Sales",
    "Rehearse the presentation once",
    "Write down three wins of the month",
]


@dataclass
class Batch:
    """Rows to write in bulk once every pair is planned."""

    reports: list = field(default_factory=list)
    shared: list = field(default_factory=list)
    private: list = field(default_factory=list)
    items: list = field(default_factory=list)
    events: list = field(default_factory=list)
    counts: dict = field(default_factory=lambda: {"meetings": 0, "held": 0, "cancelled": 0})


@transaction.atomic
def step(*, seed: int, today: datetime.date) -> str:
    mentorships = list(
        Mentorship.objects.filter(
            status__in=(
                MentorshipStatus.ACTIVE,
                MentorshipStatus.PAUSED,
                MentorshipStatus.COMPLETED,
            )
        )
        .exclude(meetings__isnull=False)
        .select_related("program", "mentor__profile", "mentee__profile")
        .order_by("program__slug", "mentor__email", "mentee__email")
    )
    now = datetime.datetime.combine(today, datetime.time(12), tzinfo=UTC)
    batch = Batch()
    upcoming = 0
    for mentorship in mentorships:
        rng = random.Random(f"{seed}:meetings:{mentorship.mentor.email}:{mentorship.mentee.email}")
        upcoming += _pair_history(mentorship, rng, now, batch)
    _write(batch)
    counts = batch.counts
    return (
        f"Meetings: {counts['meetings']} in {len(mentorships)} mentorships ({counts['held']} held, "
        f"{counts['cancelled']} cancelled, {upcoming} to come), {len(batch.items)} action items."
    )


def _rhythm(mentorship: Mentorship):
    agreement = mentorship.current_agreement()
    if agreement:
        return agreement, agreement.meeting_frequency, agreement.meeting_minutes
    frequency = mentorship.program.meeting_frequency or MeetingFrequency.FORTNIGHTLY
    return None, frequency, 60


def _last_day(mentorship: Mentorship, agreement, now) -> datetime.date:
    """Where the series ends: the agreement's end, or when the mentorship closed or paused."""
    if mentorship.status == MentorshipStatus.COMPLETED and mentorship.ended_at:
        return mentorship.ended_at.date()
    if mentorship.status == MentorshipStatus.PAUSED:
        paused = (
            MentorshipEvent.objects.filter(mentorship=mentorship, to_status="paused")
            .order_by("-at")
            .first()
        )
        return (paused.at if paused else now).date()
    if agreement:
        return agreement.end_date
    return (now + datetime.timedelta(days=90)).date()


def _pair_history(mentorship: Mentorship, rng: random.Random, now, batch: Batch) -> int:
    agreement, frequency, minutes = _rhythm(mentorship)
    began = mentorship.started_at or now
    if agreement:
        began = max(began, datetime.datetime.combine(agreement.start_date, datetime.time(0), UTC))
    proposer = rng.choice(mentorship.people())
    zone = zone_of(proposer)
    first_day = _weekday(
        (began + datetime.timedelta(days=rng.randint(2, 6))).astimezone(zone).date()
    )
    first_local = datetime.datetime.combine(first_day, rng.choice(TIMES)).replace(tzinfo=zone)
    until = _last_day(mentorship, agreement, now)
    drifting = mentorship.status == MentorshipStatus.ACTIVE and rng.random() < 0.12
    if drifting:
        until = (now - datetime.timedelta(weeks=rng.randint(4, 9))).date()
    if until <= first_day:
        return 0
    in_person = rng.random() < 0.4
    series = MeetingSeries.objects.create(
        mentorship=mentorship,
        proposed_by=proposer,
        status=SeriesStatus.ACTIVE
        if mentorship.status == MentorshipStatus.ACTIVE and not drifting
        else SeriesStatus.ENDED,
        frequency=frequency,
        first_start=first_local.astimezone(UTC),
        time_zone=zone.key,
        until=until,
        duration_minutes=minutes,
        mode=MeetingMode.IN_PERSON if in_person else MeetingMode.VIRTUAL,
        location=rng.choice(PLACES) if in_person else "",
        video_url="" if in_person else f"https://meet.example.com/tandem-{mentorship.pk}",
        agenda="Check-in; one topic each; action items.",
        created_at=began,
        answered_at=began + datetime.timedelta(days=1),
    )
    starts = occurrence_starts(
        frequency=frequency, first_start=series.first_start, zone=zone, until=until
    )
    meetings = Meeting.objects.bulk_create(_occurrence(series, start, rng, now) for start in starts)
    for meeting in meetings:
        _after(meeting, rng, now, batch)
    batch.counts["meetings"] += len(meetings)
    return sum(1 for m in meetings if m.starts_at > now and m.status != MeetingStatus.CANCELLED)


def _weekday(day: datetime.date) -> datetime.date:
    """The day itself, or the Monday after a weekend: mentoring happens at work."""
    return day + datetime.timedelta(days=max(0, 7 - day.weekday()) if day.weekday() >= 5 else 0)


def wall_clock_start(day: datetime.date, at: datetime.time, zone_name: str):
    local = datetime.datetime.combine(day, at).replace(tzinfo=zone_named(zone_name))
    return local.astimezone(UTC)


def _occurrence(series: MeetingSeries, start, rng: random.Random, now) -> Meeting:
    mentorship = series.mentorship
    moved = rng.random() < 0.07
    starts_at = start
    if moved:  # to another working day, maybe another hour
        local = start.astimezone(zone_named(series.time_zone))
        day = _weekday(local.date() + datetime.timedelta(days=rng.choice([1, 2])))
        hour = min(max(local.hour + rng.choice([-2, 0, 3]), 8), 18)
        starts_at = wall_clock_start(day, local.time().replace(hour=hour), series.time_zone)
    meeting = Meeting(
        mentorship=mentorship,
        series=series,
        recurrence_start=start,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=series.duration_minutes),
        time_zone=series.time_zone,
        mode=series.mode,
        location=series.location,
        video_url=series.video_url,
        agenda=series.agenda,
        status=MeetingStatus.CONFIRMED,
        proposed_by=series.proposed_by,
        proposed_at=series.created_at,
        confirmed_at=series.answered_at,
        sequence=1 + moved,
    )
    if starts_at < now:
        _past(meeting, rng, now)
    elif moved and rng.random() < 0.5:
        meeting.status = MeetingStatus.PROPOSED  # a new time awaiting the partner's answer
        meeting.proposed_by = rng.choice(mentorship.people())
    return meeting


def _past(meeting: Meeting, rng: random.Random, now) -> None:
    """What happened: mostly held (sometimes someone late), some cancelled, a few missed, and
    the latest ones not recorded yet."""
    roll = rng.random()
    if roll < 0.09:
        notice = datetime.timedelta(hours=rng.choice([1, 3, 20, 48, 96]))
        meeting.status = MeetingStatus.CANCELLED
        meeting.cancelled_by = rng.choice(meeting.mentorship.people())
        meeting.cancelled_at = meeting.starts_at - notice
        meeting.cancel_reason = rng.choice(REASONS)
    elif now - meeting.ends_at < datetime.timedelta(days=6) and rng.random() < 0.5:
        meeting.outcome = Outcome.UNMARKED
    elif roll < 0.12:
        meeting.outcome = Outcome.NOT_HELD
        meeting.mentee_arrival = "absent"
    else:
        meeting.outcome = Outcome.HELD
        meeting.mentor_arrival = "late" if rng.random() < 0.08 else "on_time"
        meeting.mentee_arrival = "late" if rng.random() < 0.12 else "on_time"


def _after(meeting: Meeting, rng: random.Random, now, batch: Batch) -> None:
    """The reports, notes, action items and events of one meeting once it exists."""
    people = meeting.mentorship.people()
    if meeting.status == MeetingStatus.CANCELLED:
        batch.counts["cancelled"] += 1
        batch.events.append(
            MeetingEvent(
                meeting=meeting,
                kind="cancelled",
                by=meeting.cancelled_by,
                at=meeting.cancelled_at,
                from_start=meeting.starts_at,
            )
        )
        return
    if meeting.starts_at != meeting.recurrence_start:
        batch.events.append(
            MeetingEvent(
                meeting=meeting,
                kind="moved",
                by=meeting.proposed_by,
                at=min(meeting.recurrence_start, meeting.starts_at) - datetime.timedelta(days=3),
                from_start=meeting.recurrence_start,
                to_start=meeting.starts_at,
            )
        )
    if meeting.outcome in (Outcome.HELD, Outcome.NOT_HELD) and meeting.starts_at < now:
        _reports(meeting, rng, batch, people)
    if meeting.outcome == Outcome.HELD and meeting.starts_at < now:
        batch.counts["held"] += 1
        _notes(meeting, rng, batch, people, now)


def _reports(meeting, rng, batch, people) -> None:
    reporters = people if rng.random() < 0.7 else (rng.choice(people),)
    for reporter in reporters:
        batch.reports.append(
            AttendanceReport(
                meeting=meeting,
                reporter=reporter,
                held=meeting.outcome == Outcome.HELD,
                mentor_arrival=meeting.mentor_arrival,
                mentee_arrival=meeting.mentee_arrival,
                reported_at=meeting.ends_at + datetime.timedelta(hours=rng.randint(1, 40)),
            )
        )


def _notes(meeting, rng, batch, people, now) -> None:
    written = meeting.ends_at + datetime.timedelta(hours=1)
    topic = rng.choice(TOPICS)
    if rng.random() < 0.7:
        batch.shared.append(
            SharedNote(
                meeting=meeting,
                text=rng.choice(NOTES).format(topic=topic),
                version=rng.randint(1, 3),
                updated_by=rng.choice(people),
                updated_at=written,
            )
        )
    for person in people:
        if rng.random() < 0.3:
            batch.private.append(
                PrivateNote(
                    meeting=meeting, author=person, text=rng.choice(PRIVATE), updated_at=written
                )
            )
    if rng.random() < 0.4:
        due = (meeting.starts_at + datetime.timedelta(days=rng.randint(7, 14))).date()
        done = due < now.date() and rng.random() < 0.8
        batch.items.append(
            ActionItem(
                mentorship=meeting.mentorship,
                meeting=meeting,
                title=rng.choice(ACTIONS),
                owner=meeting.mentorship.mentee
                if rng.random() < 0.75
                else meeting.mentorship.mentor,
                due_on=due,
                created_by=rng.choice(people),
                created_at=written,
                done_at=datetime.datetime.combine(due, datetime.time(17), UTC)
                - datetime.timedelta(days=rng.randint(0, 4))
                if done
                else None,
            )
        )


def _write(batch: Batch) -> None:
    for model, rows in (
        (AttendanceReport, batch.reports),
        (SharedNote, batch.shared),
        (PrivateNote, batch.private),
        (ActionItem, batch.items),
        (MeetingEvent, batch.events),
    ):
        model.objects.bulk_create(rows, batch_size=500)
