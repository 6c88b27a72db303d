"""Reminders the worker sends: before a meeting, when the agreed rhythm has slipped, a Monday
digest, and a flag when a meeting's attendance was not recorded.

Each run does two things (tasks.py):
1. plan — write a Reminder row for every reminder that has fallen due. Its unique key
   (person, kind, key) makes this idempotent: two workers planning at once write one row.
2. deliver — claim due rows one at a time with SELECT … FOR UPDATE SKIP LOCKED and a
   conditional UPDATE of `sent_at`, and notify in the same transaction. A worker that dies
   mid-way rolls back its claim and the notification together; the next run retries. So a
   reminder is sent exactly once however many workers run or restart (the e-mail itself leaves
   after the commit: at most once). Several workers need PostgreSQL; SQLite is for one."""

import datetime
import logging
import os
import socket

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import formats, timezone

from tandem.mentorships.models import Mentorship, MentorshipStatus
from tandem.notifications.models import Notification
from tandem.notifications.services import notify
from tandem.people.models import User

from .models import (
    ActionItem,
    Meeting,
    MeetingPreferences,
    MeetingStatus,
    Outcome,
    Reminder,
    ReminderKind,
)
from .selectors import _current_agreements
from .times import describe, zone_of

logger = logging.getLogger(__name__)

UNDER_WAY = (MentorshipStatus.ACTIVE, MentorshipStatus.PAUSED)
LONGEST_OFFSET = datetime.timedelta(days=1)
# How long before a meeting not marked is flagged, and how far back flags still go.
MARK_WITHIN = datetime.timedelta(days=getattr(settings, "MEETINGS_MARK_WITHIN_DAYS", 3))
FLAG_NO_OLDER_THAN = datetime.timedelta(days=30)
# Slack on top of the agreed frequency before the pair is nudged.
RHYTHM_GRACE_DAYS = getattr(settings, "MEETINGS_RHYTHM_GRACE_DAYS", 7)
DIGEST_HOUR = 8  # Monday, on each person's own clock
BATCH = 500


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _preferences(person_ids) -> dict[int, MeetingPreferences]:
    found = {p.person_id: p for p in MeetingPreferences.objects.filter(person__in=person_ids)}
    return {pk: found.get(pk) or MeetingPreferences(person_id=pk) for pk in person_ids}


def _plan(rows: list[Reminder]) -> int:
    Reminder.objects.bulk_create(rows, ignore_conflicts=True, batch_size=BATCH)
    return len(rows)


# --- planning ----------------------------------------------------------------------------------


def plan_before_meetings(*, now: datetime.datetime) -> int:
    """For each confirmed meeting coming up, the nearest reminder each person asked for that
    has fallen due (a worker that was down does not send yesterday's 'tomorrow' as well)."""
    meetings = list(
        Meeting.objects.filter(
            status=MeetingStatus.CONFIRMED,
            starts_at__gt=now,
            starts_at__lte=now + LONGEST_OFFSET,
            mentorship__status__in=UNDER_WAY,
        ).select_related("mentorship")
    )
    people = {pk for m in meetings for pk in (m.mentorship.mentor_id, m.mentorship.mentee_id)}
    preferences = _preferences(people)
    rows = []
    for meeting in meetings:
        for person in (meeting.mentorship.mentor_id, meeting.mentorship.mentee_id):
            chosen = preferences[person]
            due = [o for o in chosen.offsets() if meeting.starts_at - o <= now]
            if not due or not chosen.reachable:
                continue
            minutes = int(due[0].total_seconds() // 60)
            rows.append(
                Reminder(
                    person_id=person,
                    kind=ReminderKind.BEFORE_MEETING,
                    key=f"{meeting.pk}:{minutes}:{meeting.starts_at:%Y%m%dT%H%MZ}",
                    meeting=meeting,
                    mentorship_id=meeting.mentorship_id,
                    due_at=meeting.starts_at - due[0],
                )
            )
    return _plan(rows)


def plan_unmarked(*, now: datetime.datetime) -> int:
    """Flag to the pair a confirmed meeting whose attendance nobody recorded within days."""
    meetings = Meeting.objects.needing_attendance(now - MARK_WITHIN).filter(
        ends_at__gte=now - FLAG_NO_OLDER_THAN, mentorship__status__in=UNDER_WAY
    )
    rows = [
        Reminder(
            person_id=person,
            kind=ReminderKind.UNMARKED,
            key=str(meeting["pk"]),
            meeting_id=meeting["pk"],
            mentorship_id=meeting["mentorship_id"],
            due_at=meeting["ends_at"] + MARK_WITHIN,
        )
        for meeting in meetings.values(
            "pk", "mentorship_id", "ends_at", "mentorship__mentor_id", "mentorship__mentee_id"
        )
        for person in (meeting["mentorship__mentor_id"], meeting["mentorship__mentee_id"])
    ]
    return _plan(rows)


def plan_rhythm_nudges(*, now: datetime.datetime) -> int:
    """Nudge a pair that has not met for longer than its agreed frequency plus a grace period
    (and has nothing agreed soon); again each further period it stays slipped."""
    mentorships = list(Mentorship.objects.active())
    ids = [m.pk for m in mentorships]
    agreements = _current_agreements(ids)
    last_met = _last_met(ids, now)
    booked = set(
        Meeting.objects.live()
        .filter(mentorship__in=ids, starts_at__gte=now)
        .values_list("mentorship_id", flat=True)
    )
    preferences = _preferences({pk for m in mentorships for pk in (m.mentor_id, m.mentee_id)})
    rows = []
    for mentorship in mentorships:
        agreement = agreements.get(mentorship.pk)
        slipped = _slipped(mentorship, agreement, last_met.get(mentorship.pk), now)
        if slipped is None or mentorship.pk in booked:
            continue
        anchor, episode, due_at = slipped
        for person in (mentorship.mentor_id, mentorship.mentee_id):
            chosen = preferences[person]
            if chosen.rhythm_nudges and chosen.reachable:
                rows.append(
                    Reminder(
                        person_id=person,
                        kind=ReminderKind.RHYTHM,
                        key=f"{mentorship.pk}:{anchor:%Y%m%d}:{episode}",
                        mentorship=mentorship,
                        due_at=due_at,
                    )
                )
    return _plan(rows)


def _last_met(ids, now) -> dict[int, datetime.datetime]:
    met = (
        Meeting.objects.filter(
            mentorship__in=ids, status=MeetingStatus.CONFIRMED, starts_at__lt=now
        )
        .exclude(outcome=Outcome.NOT_HELD)
        .values("mentorship_id")
        .annotate(last=Max("starts_at"))
    )
    return {row["mentorship_id"]: row["last"] for row in met}


def _slipped(mentorship, agreement, last_met, now):
    """(anchor, episode, due) when the rhythm has slipped, else None."""
    if agreement is None or not agreement.start_date <= now.date() <= agreement.end_date:
        return None
    began = datetime.datetime.combine(agreement.start_date, datetime.time(0), tzinfo=datetime.UTC)
    anchor = max(filter(None, (last_met, mentorship.started_at, began)))
    threshold = agreement.frequency_days + RHYTHM_GRACE_DAYS
    overdue = (now - anchor).days - threshold
    if overdue < 0:
        return None
    return anchor, overdue // agreement.frequency_days, anchor + datetime.timedelta(threshold)


def plan_digests(*, now: datetime.datetime) -> int:
    """Monday from 08:00 on each person's own clock: one digest per ISO week."""
    pairs = Mentorship.objects.filter(status__in=UNDER_WAY).values_list("mentor_id", "mentee_id")
    ids = {pk for pair in pairs for pk in pair}
    preferences = _preferences(ids)
    rows = []
    for person in User.objects.filter(pk__in=ids, is_active=True).select_related("profile"):
        local = now.astimezone(zone_of(person))
        chosen = preferences[person.pk]
        if local.weekday() != 0 or local.hour < DIGEST_HOUR:
            continue
        if not (chosen.weekly_digest and chosen.reachable):
            continue
        year, week, _ = local.isocalendar()
        rows.append(
            Reminder(
                person=person,
                kind=ReminderKind.DIGEST,
                key=f"{year}-W{week:02d}",
                due_at=local.replace(hour=DIGEST_HOUR, minute=0, second=0, microsecond=0),
            )
        )
    return _plan(rows)


# --- delivering ------------------------------------------------------------------------------


def deliver_due(*, now: datetime.datetime, worker: str = "") -> int:
    """Send every planned reminder that is due, each exactly once; returns how many went out."""
    worker = worker or worker_name()
    sent = 0
    while True:
        with transaction.atomic():
            claimed = _claim_next(now, worker)
            if claimed is None:
                return sent
            if claimed is False:
                continue
            skipped = _deliver(claimed, now)
            if skipped:
                Reminder.objects.filter(pk=claimed.pk).update(skipped=skipped)
            else:
                sent += 1


def _claim_next(now, worker):
    """The next due reminder, claimed for this worker (None: nothing left; False: another
    worker took it first — possible only where rows cannot be locked, as on SQLite)."""
    pk = (
        Reminder.objects.select_for_update(skip_locked=True)
        .filter(sent_at__isnull=True, due_at__lte=now)
        .order_by("due_at", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    if pk is None:
        return None
    taken = Reminder.objects.filter(pk=pk, sent_at__isnull=True).update(
        sent_at=timezone.now(), sent_by=worker[:64]
    )
    if not taken:
        return False
    return Reminder.objects.select_related(
        "person__profile",
        "meeting__mentorship__mentor",
        "meeting__mentorship__mentee",
        "mentorship",
    ).get(pk=pk)


def _deliver(reminder: Reminder, now) -> str:
    """Notify the person; or say why not (the meeting moved, was cancelled, they opted out)."""
    chosen = MeetingPreferences.objects.filter(person=reminder.person).first()
    chosen = chosen or MeetingPreferences(person=reminder.person)
    if not chosen.reachable or not reminder.person.is_active:
        return "turned off"
    message = COMPOSERS[reminder.kind](reminder, now)
    if isinstance(message, str):
        return message
    notification = notify(recipient=reminder.person, email=chosen.by_email, **message)
    if not chosen.in_app:
        # E-mail only: the record stays (it is the delivery log) but does not ring the bell.
        Notification.objects.filter(pk=notification.pk).update(read_at=now)
    return ""


def _before_meeting(reminder: Reminder, now):
    meeting = reminder.meeting
    expected = reminder.key.rsplit(":", 1)[-1]
    if meeting is None or meeting.status != MeetingStatus.CONFIRMED:
        return "no longer confirmed"
    if f"{meeting.starts_at:%Y%m%dT%H%MZ}" != expected:
        return "moved since"
    if meeting.starts_at <= now:
        return "already begun"
    partner = meeting.mentorship.partner_of(reminder.person)
    where = meeting.video_url or meeting.location
    return {
        "kind": "meeting_reminder",
        "title": f"Reminder: meeting with {partner} {_lead(meeting.starts_at - now)}",
        "body": f"When: {describe(meeting.starts_at, reminder.person)}."
        + (f"\nWhere: {where}" if where else ""),
        "url": meeting.get_absolute_url(),
    }


def _lead(delta: datetime.timedelta) -> str:
    minutes = round(delta.total_seconds() / 60)
    if minutes < 90:
        return f"in {minutes} minutes"
    hours = round(minutes / 60)
    return "tomorrow" if hours >= 20 else f"in {hours} hours"


def _unmarked(reminder: Reminder, now):
    meeting = reminder.meeting
    if meeting is None or meeting.outcome != Outcome.UNMARKED:
        return "already recorded"
    if meeting.status != MeetingStatus.CONFIRMED:
        return "no longer confirmed"
    partner = meeting.mentorship.partner_of(reminder.person)
    return {
        "kind": "meeting_unmarked",
        "title": f"Did your meeting with {partner} take place?",
        "body": f"{describe(meeting.starts_at, reminder.person)}: record whether it was held "
        "and who was on time. It keeps your mentorship's rhythm visible.",
        "url": meeting.get_absolute_url(),
        "needs_action": True,
    }


def _rhythm(reminder: Reminder, now):
    mentorship = reminder.mentorship
    if mentorship is None or mentorship.status != MentorshipStatus.ACTIVE:
        return "mentorship not active"
    partner = mentorship.partner_of(reminder.person)
    agreement = mentorship.current_agreement()
    rhythm = agreement.get_meeting_frequency_display().lower() if agreement else "regularly"
    last = _last_met([mentorship.pk], now).get(mentorship.pk)
    since = f"since {formats.date_format(last, 'j F')}" if last else "yet"
    return {
        "kind": "meeting_rhythm",
        "title": f"You and {partner} have not met {since}",
        "body": f"Your agreement says you meet {rhythm}. Propose a time that suits you both.",
        "url": reverse("meetings:list", args=[mentorship.pk]),
        "needs_action": True,
    }


def _digest(reminder: Reminder, now):
    person = reminder.person
    week = now + datetime.timedelta(days=7)
    meetings = list(
        Meeting.objects.involving(person)
        .live()
        .filter(starts_at__gte=now, starts_at__lt=week, mentorship__status__in=UNDER_WAY)
        .select_related("mentorship__mentor", "mentorship__mentee")
        .order_by("starts_at")
    )
    items = list(
        ActionItem.objects.open()
        .filter(owner=person, mentorship__status__in=UNDER_WAY)
        .order_by("due_on", "pk")
    )
    if not meetings and not items:
        return "nothing this week"
    lines = [
        f"• {describe(m.starts_at, person)} with {m.mentorship.partner_of(person)}"
        + (" (awaiting an answer)" if m.status == MeetingStatus.PROPOSED else "")
        for m in meetings
    ]
    if items:
        lines.append("")
        lines.append("Your open action items:")
        lines += [f"• {item.title} (due {item.due_on:%d %b})" for item in items]
    return {
        "kind": "meetings_digest",
        "title": f"Your mentoring week: {_count(len(meetings), 'meeting')}, "
        f"{_count(len(items), 'open action item')}",
        "body": "\n".join(lines),
        "url": reverse("meetings:mine"),
    }


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


COMPOSERS = {
    ReminderKind.BEFORE_MEETING: _before_meeting,
    ReminderKind.UNMARKED: _unmarked,
    ReminderKind.RHYTHM: _rhythm,
    ReminderKind.DIGEST: _digest,
}
