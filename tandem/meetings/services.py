"""Meeting workflows: proposing and answering meetings and series, moving and cancelling one
occurrence, recording attendance, notes (shared with a version check, private to their author),
action items, reminder preferences and the private calendar feed.

Every function checks who may act and raises ValidationError({field: message}) for a bad input;
multi-row writes are atomic. Notifications go through tandem.notifications.services.notify."""

import datetime
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from tandem.mentorships.models import Mentorship
from tandem.notifications.services import notify
from tandem.people.models import User
from tandem.programs.models import MeetingFrequency

from . import permissions
from .models import (
    ARRIVAL_SEVERITY,
    MAX_MINUTES,
    MIN_MINUTES,
    ActionItem,
    Arrival,
    AttendanceReport,
    CalendarFeed,
    Meeting,
    MeetingEvent,
    MeetingMode,
    MeetingPreferences,
    MeetingSeries,
    MeetingStatus,
    MonthlyBy,
    Outcome,
    PrivateNote,
    SeriesStatus,
    SharedNote,
)
from .times import check_zone, describe, occurrence_starts, wall_clock_to_utc, zone_of

MAX_NOTE_LENGTH = 50_000
MAX_AGENDA_LENGTH = 5_000

# --- the details of a meeting ----------------------------------------------------------------


@dataclass(frozen=True)
class Details:
    """Where and how long: checked once, used by meetings and series alike."""

    duration_minutes: int
    mode: str
    location: str
    video_url: str
    agenda: str


def check_details(
    *, duration_minutes: int, mode: str, location: str = "", video_url: str = "", agenda: str = ""
) -> Details:
    errors = {}
    if not isinstance(duration_minutes, int) or not MIN_MINUTES <= duration_minutes <= MAX_MINUTES:
        errors["duration_minutes"] = f"Choose between {MIN_MINUTES} and {MAX_MINUTES} minutes."
    location, video_url, agenda = location.strip(), video_url.strip(), agenda.strip()
    if mode not in MeetingMode.values:
        errors["mode"] = "Choose in person or virtual."
    elif mode == MeetingMode.IN_PERSON and not location:
        errors["location"] = "Say where you will meet."
    elif mode == MeetingMode.VIRTUAL:
        if not video_url:
            errors["video_url"] = "Give the link of the video call."
        else:
            try:
                URLValidator(schemes=["https", "http"])(video_url)
            except ValidationError:
                errors["video_url"] = "Enter a full web address, starting with https://."
    if len(location) > 200:
        errors["location"] = "At most 200 characters."
    if len(video_url) > 500:
        errors["video_url"] = "At most 500 characters."
    if len(agenda) > MAX_AGENDA_LENGTH:
        errors["agenda"] = f"At most {MAX_AGENDA_LENGTH} characters."
    if errors:
        raise ValidationError(errors)
    if mode == MeetingMode.IN_PERSON:
        video_url = ""
    return Details(duration_minutes, mode, location, video_url, agenda)


def _start(by: User, day, at, time_zone: str | None, *, now=None) -> tuple[datetime.datetime, str]:
    """A wall-clock time in the proposer's zone (or the one given) as a future UTC instant."""
    if day is None:
        raise ValidationError({"date": "Choose a date."})
    if at is None:
        raise ValidationError({"time": "Choose a time."})
    zone = check_zone(time_zone) if time_zone else zone_of(by)
    starts_at = wall_clock_to_utc(day, at, zone)
    if starts_at <= (now or timezone.now()):
        raise ValidationError({"date": "Choose a time in the future."})
    return starts_at, zone.key


def _all_checked(*checks) -> list:
    """Run every check and report all their field errors at once, not just the first."""
    results, errors = [], {}
    for check in checks:
        try:
            results.append(check())
        except ValidationError as error:
            errors.update(error.update_error_dict({}))
    if errors:
        raise ValidationError(errors)
    return results


def _check_pair_member(mentorship: Mentorship, by: User) -> None:
    if not permissions.can_schedule(by, mentorship):
        raise ValidationError(
            "Only the two people of an active or paused mentorship schedule its meetings."
        )


def _event(meeting: Meeting, kind: str, by: User | None, *, from_start=None, to_start=None):
    MeetingEvent.objects.create(
        meeting=meeting, kind=kind, by=by, from_start=from_start, to_start=to_start
    )


def _tell_partner(meeting: Meeting, by: User, *, kind: str, title: str, body: str = "", **extra):
    partner = meeting.mentorship.partner_of(by)
    notify(
        recipient=partner,
        kind=kind,
        title=title,
        body=body or f"When: {describe(meeting.starts_at, partner)}.",
        url=meeting.get_absolute_url(),
        **extra,
    )


# --- one meeting: propose, answer, move, cancel ---------------------------------------------


@transaction.atomic
def meeting_propose(
    *,
    mentorship: Mentorship,
    by: User,
    day: datetime.date,
    at: datetime.time,
    duration_minutes: int,
    mode: str,
    location: str = "",
    video_url: str = "",
    agenda: str = "",
    time_zone: str | None = None,
) -> Meeting:
    """One partner proposes a meeting at a time on their own clock; the other is asked."""
    _check_pair_member(mentorship, by)
    details, (starts_at, zone) = _all_checked(
        lambda: check_details(
            duration_minutes=duration_minutes,
            mode=mode,
            location=location,
            video_url=video_url,
            agenda=agenda,
        ),
        lambda: _start(by, day, at, time_zone),
    )
    meeting = Meeting.objects.create(
        mentorship=mentorship,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=details.duration_minutes),
        time_zone=zone,
        mode=details.mode,
        location=details.location,
        video_url=details.video_url,
        agenda=details.agenda,
        proposed_by=by,
    )
    _event(meeting, MeetingEvent.Kind.PROPOSED, by, to_start=starts_at)
    _tell_partner(
        meeting,
        by,
        kind="meeting_proposed",
        title=f"{by} proposes a meeting",
        needs_action=True,
    )
    return meeting


def _locked(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("mentorship", "series")
        .get(pk=meeting.pk)
    )


@transaction.atomic
def meeting_accept(*, meeting: Meeting, by: User) -> Meeting:
    """The partner of whoever proposed the current time agrees to it."""
    meeting = _locked(meeting)
    if meeting.status != MeetingStatus.PROPOSED:
        raise ValidationError("This meeting is not waiting for an answer.")
    if not permissions.can_answer(by, meeting):
        raise ValidationError("The other person answers this proposal.")
    meeting.status = MeetingStatus.CONFIRMED
    meeting.confirmed_at = meeting.confirmed_at or timezone.now()
    meeting.sequence += 1
    meeting.save(update_fields=["status", "confirmed_at", "sequence"])
    _event(meeting, MeetingEvent.Kind.ACCEPTED, by, to_start=meeting.starts_at)
    _tell_partner(meeting, by, kind="meeting_confirmed", title=f"{by} accepted your meeting")
    return meeting


@transaction.atomic
def meeting_counter_propose(
    *,
    meeting: Meeting,
    by: User,
    day: datetime.date,
    at: datetime.time,
    time_zone: str | None = None,
    duration_minutes: int | None = None,
) -> Meeting:
    """Answer a proposal with another time; the first person is then asked."""
    meeting = _locked(meeting)
    if meeting.status != MeetingStatus.PROPOSED or meeting.proposed_by_id == by.pk:
        raise ValidationError(
            "You can propose another time for a proposal your partner made; "
            "to change a confirmed meeting, move it."
        )
    return _reschedule(meeting, by, day, at, time_zone, duration_minutes, MeetingEvent.Kind.COUNTER)


@transaction.atomic
def meeting_move(
    *,
    meeting: Meeting,
    by: User,
    day: datetime.date,
    at: datetime.time,
    time_zone: str | None = None,
    duration_minutes: int | None = None,
) -> Meeting:
    """Move one meeting (one occurrence of a series leaves the others alone): the new time is a
    proposal until the partner accepts it."""
    meeting = _locked(meeting)
    return _reschedule(meeting, by, day, at, time_zone, duration_minutes, MeetingEvent.Kind.MOVED)


def _reschedule(meeting, by, day, at, time_zone, duration_minutes, kind) -> Meeting:
    if not permissions.can_reschedule(by, meeting):
        raise ValidationError("This meeting can no longer be moved.")
    minutes = meeting.duration_minutes if duration_minutes is None else duration_minutes
    check_details(
        duration_minutes=minutes,
        mode=meeting.mode,
        location=meeting.location,
        video_url=meeting.video_url,
    )
    starts_at, zone = _start(by, day, at, time_zone)
    previous = meeting.starts_at
    meeting.starts_at = starts_at
    meeting.ends_at = starts_at + datetime.timedelta(minutes=minutes)
    meeting.time_zone = zone
    meeting.status = MeetingStatus.PROPOSED
    meeting.proposed_by = by
    meeting.proposed_at = timezone.now()
    meeting.sequence += 1
    meeting.save()
    _event(meeting, kind, by, from_start=previous, to_start=starts_at)
    partner = meeting.mentorship.partner_of(by)
    _tell_partner(
        meeting,
        by,
        kind="meeting_rescheduled",
        title=f"{by} proposes another time for your meeting",
        body=f"From {describe(previous, partner)} to {describe(starts_at, partner)}. "
        "Please accept it or propose another time.",
        needs_action=True,
    )
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    by: User,
    mode: str,
    location: str = "",
    video_url: str = "",
    agenda: str = "",
) -> Meeting:
    """Change where the meeting happens and what it is about (not when: that is a move)."""
    meeting = _locked(meeting)
    if not permissions.can_write_notes(by, meeting):
        raise ValidationError("Only the pair changes an upcoming meeting.")
    details = check_details(
        duration_minutes=meeting.duration_minutes,
        mode=mode,
        location=location,
        video_url=video_url,
        agenda=agenda,
    )
    meeting.mode, meeting.location = details.mode, details.location
    meeting.video_url, meeting.agenda = details.video_url, details.agenda
    meeting.sequence += 1
    meeting.save(update_fields=["mode", "location", "video_url", "agenda", "sequence"])
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by: User, reason: str) -> Meeting:
    """Call a meeting off, saying why. Once both had agreed to it, it counts as a cancellation
    (who, how long before, why) in the pair's health signals; a proposal withdrawn or turned
    down before that does not."""
    meeting = _locked(meeting)
    if not permissions.can_cancel(by, meeting):
        raise ValidationError("This meeting can no longer be cancelled.")
    reason = reason.strip()
    if meeting.confirmed_at is not None and not reason:
        raise ValidationError({"reason": "Say why, so your partner understands."})
    if len(reason) > 1000:
        raise ValidationError({"reason": "At most 1000 characters."})
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_by = by
    meeting.cancelled_at = timezone.now()
    meeting.cancel_reason = reason
    meeting.sequence += 1
    meeting.save()
    _event(meeting, MeetingEvent.Kind.CANCELLED, by, from_start=meeting.starts_at)
    partner = meeting.mentorship.partner_of(by)
    _tell_partner(
        meeting,
        by,
        kind="meeting_cancelled",
        title=f"{by} cancelled your meeting",
        body=f"{describe(meeting.starts_at, partner)}." + (f" Reason: {reason}" if reason else ""),
    )
    return meeting


# --- attendance --------------------------------------------------------------------------------


@transaction.atomic
def meeting_record_attendance(
    *, meeting: Meeting, by: User, held: bool, arrivals: dict[int, str] | None = None
) -> Meeting:
    """One person's account of a meeting once its time has come: whether it took place and,
    for each of the two, on time, late or absent. Each side gives their own account; the
    meeting's outcome settles from both (disputed when they disagree on whether it was held,
    the worse arrival when they disagree on punctuality)."""
    meeting = _locked(meeting)
    if not permissions.can_record_attendance(by, meeting):
        raise ValidationError("Attendance is recorded by the pair once a confirmed meeting began.")
    mentorship = meeting.mentorship
    sides = _check_arrivals(mentorship, held, arrivals or {})
    report, created = AttendanceReport.objects.update_or_create(
        meeting=meeting,
        reporter=by,
        defaults={"held": held, **sides, "reported_at": timezone.now()},
    )
    _settle(meeting)
    _event(meeting, MeetingEvent.Kind.ATTENDANCE, by)
    partner = mentorship.partner_of(by)
    if created and not meeting.reports.filter(reporter=partner).exists():
        _tell_partner(
            meeting,
            by,
            kind="meeting_attendance",
            title=f"{by} recorded your meeting as {'held' if held else 'not held'}",
            body="Add your own account of it.",
            email=False,
        )
    return meeting


def _check_arrivals(mentorship: Mentorship, held: bool, arrivals: dict) -> dict[str, str]:
    people = {mentorship.mentor_id: "mentor_arrival", mentorship.mentee_id: "mentee_arrival"}
    arrivals = {int(person): value for person, value in arrivals.items()}
    unknown = set(arrivals) - set(people)
    if unknown:
        raise ValidationError({"arrivals": "Record the arrival of the two people of the pair."})
    sides = {"mentor_arrival": "", "mentee_arrival": ""}
    for person, field in people.items():
        value = arrivals.get(person, "")
        if value and value not in Arrival.values:
            raise ValidationError({"arrivals": f"“{value}” is not on time, late or absent."})
        if held and not value:
            raise ValidationError({"arrivals": "Say whether each of you was on time or late."})
        if held and value == Arrival.ABSENT:
            raise ValidationError(
                {"arrivals": "If one of you was absent, the meeting did not take place."}
            )
        sides[field] = value
    return sides


def _settle(meeting: Meeting) -> None:
    reports = list(meeting.reports.all())
    helds = {report.held for report in reports}
    if not reports:
        meeting.outcome = Outcome.UNMARKED
    elif len(helds) == 2:
        meeting.outcome = Outcome.DISPUTED
    else:
        meeting.outcome = Outcome.HELD if helds == {True} else Outcome.NOT_HELD
    for field in ("mentor_arrival", "mentee_arrival"):
        values = [getattr(report, field) for report in reports]
        setattr(meeting, field, max(values, key=ARRIVAL_SEVERITY.__getitem__, default=""))
    meeting.save(update_fields=["outcome", "mentor_arrival", "mentee_arrival"])


# --- series ----------------------------------------------------------------------------------


@transaction.atomic
def series_propose(
    *,
    mentorship: Mentorship,
    by: User,
    first_day: datetime.date,
    at: datetime.time,
    mode: str,
    location: str = "",
    video_url: str = "",
    agenda: str = "",
    frequency: str | None = None,
    monthly_by: str = MonthlyBy.WEEKDAY,
    until: datetime.date | None = None,
    duration_minutes: int | None = None,
    time_zone: str | None = None,
) -> MeetingSeries:
    """Propose meetings at the agreement's rhythm until its end date: every occurrence is a
    meeting of its own (to move or cancel alone), all answered at once through the series."""
    _check_pair_member(mentorship, by)
    agreement = mentorship.current_agreement()
    if agreement is None:
        raise ValidationError("Sign your agreement first: the series follows its rhythm.")
    frequency = frequency or agreement.meeting_frequency
    if frequency not in MeetingFrequency.values:
        raise ValidationError({"frequency": "Choose weekly, every two weeks or monthly."})
    if monthly_by not in MonthlyBy.values:
        raise ValidationError({"monthly_by": "Choose the same weekday or the same date."})
    until = until or agreement.end_date
    if until > agreement.end_date:
        raise ValidationError(
            {"until": f"Your agreement ends on {agreement.end_date:%d %B %Y}: end the series then."}
        )
    details, (first_start, zone) = _all_checked(
        lambda: check_details(
            duration_minutes=duration_minutes or agreement.meeting_minutes,
            mode=mode,
            location=location,
            video_url=video_url,
            agenda=agenda,
        ),
        lambda: _start(by, first_day, at, time_zone),
    )
    if until < first_day:
        raise ValidationError({"until": "The series must end after its first meeting."})
    if (
        monthly_by == MonthlyBy.DATE
        and frequency == MeetingFrequency.MONTHLY
        and first_day.day > 28
    ):
        raise ValidationError(
            {"monthly_by": "Not every month has that date: choose the same weekday instead."}
        )
    _check_no_live_series(mentorship)
    series = MeetingSeries.objects.create(
        mentorship=mentorship,
        proposed_by=by,
        frequency=frequency,
        monthly_by=monthly_by if frequency == MeetingFrequency.MONTHLY else "",
        first_start=first_start,
        time_zone=zone,
        until=until,
        duration_minutes=details.duration_minutes,
        mode=details.mode,
        location=details.location,
        video_url=details.video_url,
        agenda=details.agenda,
    )
    count = _materialise(series, by)
    partner = mentorship.partner_of(by)
    notify(
        recipient=partner,
        kind="series_proposed",
        title=f"{by} proposes {series.get_frequency_display().lower()} meetings",
        body=f"{count} meetings from {describe(first_start, partner)} until "
        f"{until:%d %B %Y}. Please accept or decline.",
        url=series.get_absolute_url(),
        needs_action=True,
    )
    return series


def _check_no_live_series(mentorship: Mentorship) -> None:
    live = MeetingSeries.objects.filter(
        mentorship=mentorship,
        status__in=(SeriesStatus.PROPOSED, SeriesStatus.ACTIVE),
        until__gte=timezone.localdate(),
    )
    if live.exists():
        raise ValidationError(
            "You already have a series of meetings running: stop it before starting another."
        )


def _materialise(series: MeetingSeries, by: User) -> int:
    starts = occurrence_starts(
        frequency=series.frequency,
        first_start=series.first_start,
        zone=check_zone(series.time_zone),
        until=series.until,
        monthly_by=series.monthly_by or MonthlyBy.WEEKDAY,
    )
    length = datetime.timedelta(minutes=series.duration_minutes)
    Meeting.objects.bulk_create(
        Meeting(
            mentorship=series.mentorship,
            series=series,
            recurrence_start=start,
            starts_at=start,
            ends_at=start + length,
            time_zone=series.time_zone,
            mode=series.mode,
            location=series.location,
            video_url=series.video_url,
            agenda=series.agenda,
            proposed_by=by,
        )
        for start in starts
    )
    return len(starts)


def _locked_series(series: MeetingSeries) -> MeetingSeries:
    return (
        MeetingSeries.objects.select_for_update(of=("self",))
        .select_related("mentorship")
        .get(pk=series.pk)
    )


@transaction.atomic
def series_accept(*, series: MeetingSeries, by: User) -> MeetingSeries:
    series = _locked_series(series)
    if not permissions.can_answer_series(by, series):
        raise ValidationError("The other person answers this series.")
    now = timezone.now()
    series.status, series.answered_at = SeriesStatus.ACTIVE, now
    series.sequence += 1
    series.save(update_fields=["status", "answered_at", "sequence"])
    series.occurrences.filter(status=MeetingStatus.PROPOSED).update(
        status=MeetingStatus.CONFIRMED, confirmed_at=now, sequence=F("sequence") + 1
    )
    notify(
        recipient=series.mentorship.partner_of(by),
        kind="series_accepted",
        title=f"{by} accepted your {series.get_frequency_display().lower()} meetings",
        url=series.get_absolute_url(),
    )
    return series


@transaction.atomic
def series_decline(*, series: MeetingSeries, by: User, reason: str = "") -> MeetingSeries:
    """The partner turns a series proposal down, or its proposer withdraws it; its meetings go
    (nobody had agreed to them, so they count as nothing)."""
    series = _locked_series(series)
    if series.status != SeriesStatus.PROPOSED or not permissions.can_schedule(
        by, series.mentorship
    ):
        raise ValidationError("This series is not waiting for an answer.")
    series.status, series.answered_at = SeriesStatus.DECLINED, timezone.now()
    series.save(update_fields=["status", "answered_at"])
    series.occurrences.all().delete()
    withdrawn = by.pk == series.proposed_by_id
    notify(
        recipient=series.mentorship.partner_of(by),
        kind="series_declined",
        title=f"{by} {'withdrew' if withdrawn else 'declined'} the proposed series of meetings",
        body=reason.strip(),
        url=series.mentorship.get_absolute_url(),
    )
    return series


@transaction.atomic
def series_stop(
    *, series: MeetingSeries, by: User, after: datetime.date | None = None
) -> MeetingSeries:
    """End a running series early: its meetings after `after` (today by default) are removed,
    the ones before stay as they are."""
    series = _locked_series(series)
    if series.status != SeriesStatus.ACTIVE or not permissions.can_schedule(by, series.mentorship):
        raise ValidationError("Only a running series can be stopped, by the pair.")
    after = after or timezone.localdate()
    if after >= series.until:
        raise ValidationError({"after": f"The series already ends on {series.until:%d %B %Y}."})
    next_day = datetime.datetime.combine(after + datetime.timedelta(days=1), datetime.time(0))
    cutoff = next_day.replace(tzinfo=check_zone(series.time_zone)).astimezone(datetime.UTC)
    series.occurrences.filter(recurrence_start__gte=cutoff, starts_at__gt=timezone.now()).delete()
    series.until, series.status = after, SeriesStatus.ENDED
    series.sequence += 1
    series.save(update_fields=["until", "status", "sequence"])
    notify(
        recipient=series.mentorship.partner_of(by),
        kind="series_stopped",
        title=f"{by} stopped your {series.get_frequency_display().lower()} meetings",
        body=f"The last one was on or before {after:%d %B %Y}.",
        url=series.mentorship.get_absolute_url(),
    )
    return series


# --- notes -----------------------------------------------------------------------------------


class NoteConflict(Exception):
    """Someone saved the shared notes after the version the writer started from. Nothing was
    written: the writer sees both texts and decides."""

    def __init__(self, *, current: SharedNote, attempted: str):
        super().__init__("The shared notes changed while you were editing them.")
        self.current = current
        self.attempted = attempted


def shared_note_of(meeting: Meeting) -> SharedNote:
    """The meeting's shared notes (an empty version 0 until the first save)."""
    note = SharedNote.objects.filter(meeting=meeting).select_related("updated_by").first()
    return note or SharedNote(meeting=meeting)


def shared_note_save(*, meeting: Meeting, by: User, text: str, version: int) -> SharedNote:
    """Save the pair's notes if nobody saved since `version`; otherwise raise NoteConflict
    (the conditional UPDATE makes two simultaneous saves of one version safe: one wins)."""
    if not permissions.can_write_notes(by, meeting):
        raise ValidationError("Only the pair writes the notes of its meetings.")
    if len(text) > MAX_NOTE_LENGTH:
        raise ValidationError({"text": f"At most {MAX_NOTE_LENGTH} characters."})
    with transaction.atomic():
        note, _ = SharedNote.objects.get_or_create(meeting=meeting)
        saved = SharedNote.objects.filter(pk=note.pk, version=version).update(
            text=text, version=F("version") + 1, updated_by=by, updated_at=timezone.now()
        )
    note = SharedNote.objects.select_related("updated_by").get(pk=note.pk)
    if not saved:
        raise NoteConflict(current=note, attempted=text)
    return note


def private_note_of(meeting: Meeting, person: User) -> PrivateNote | None:
    return PrivateNote.objects.by(person).filter(meeting=meeting).first()


def private_note_save(*, meeting: Meeting, by: User, text: str) -> PrivateNote:
    """Notes for oneself: stored under their author, read by nobody else."""
    if not permissions.can_view_meeting_content(by, meeting.mentorship):
        raise ValidationError("Only the pair keeps notes of its meetings.")
    if len(text) > MAX_NOTE_LENGTH:
        raise ValidationError({"text": f"At most {MAX_NOTE_LENGTH} characters."})
    note, _ = PrivateNote.objects.update_or_create(
        meeting=meeting, author=by, defaults={"text": text, "updated_at": timezone.now()}
    )
    return note


# --- action items ----------------------------------------------------------------------------


def _check_item(mentorship: Mentorship, title: str, owner: User | None, due_on) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "Say what is to be done."})
    if len(title) > 200:
        raise ValidationError({"title": "At most 200 characters."})
    if owner is None or not mentorship.involves(owner):
        raise ValidationError({"owner": "Choose one of the two of you."})
    if due_on is None:
        raise ValidationError({"due_on": "Choose a due date."})
    return title


@transaction.atomic
def action_item_add(
    *,
    mentorship: Mentorship,
    by: User,
    title: str,
    owner: User | None,
    due_on: datetime.date | None,
    meeting: Meeting | None = None,
) -> ActionItem:
    """Something one of the pair will do by a date; it stays on the agenda until done."""
    _check_pair_member(mentorship, by)
    title = _check_item(mentorship, title, owner, due_on)
    if meeting is not None and meeting.mentorship_id != mentorship.pk:
        raise ValidationError({"meeting": "That meeting belongs to another mentorship."})
    item = ActionItem.objects.create(
        mentorship=mentorship,
        meeting=meeting,
        title=title,
        owner=owner,
        due_on=due_on,
        created_by=by,
    )
    if owner.pk != by.pk:
        notify(
            recipient=owner,
            kind="action_item_assigned",
            title=f"{by} noted an action for you: {title}",
            body=f"Due {due_on:%d %B %Y}.",
            url=reverse_meetings(mentorship),
            email=False,
        )
    return item


@transaction.atomic
def action_item_update(
    *,
    item: ActionItem,
    by: User,
    title: str | None = None,
    owner: User | None = None,
    due_on: datetime.date | None = None,
    done: bool | None = None,
) -> ActionItem:
    """Rename, reassign, re-date, tick off or reopen an action item."""
    item = (
        ActionItem.objects.select_for_update(of=("self",))
        .select_related("mentorship")
        .get(pk=item.pk)
    )
    _check_pair_member(item.mentorship, by)
    item.title = _check_item(
        item.mentorship,
        item.title if title is None else title,
        owner or item.owner,
        due_on or item.due_on,
    )
    item.owner = owner or item.owner
    item.due_on = due_on or item.due_on
    if done is True and item.done_at is None:
        item.done_at, item.done_by = timezone.now(), by
    elif done is False:
        item.done_at, item.done_by = None, None
    item.save()
    return item


def reverse_meetings(mentorship: Mentorship) -> str:
    return reverse("meetings:list", args=[mentorship.pk])


# --- preferences and the calendar feed --------------------------------------------------------


def preferences_for(person: User) -> MeetingPreferences:
    """The person's reminder preferences (the defaults, unsaved, if they never chose)."""
    found = MeetingPreferences.objects.filter(person=person).first()
    return found or MeetingPreferences(person=person)


PREFERENCE_FIELDS = (
    "by_email",
    "in_app",
    "day_before",
    "hour_before",
    "rhythm_nudges",
    "weekly_digest",
    "calendar_alarm_minutes",
)


def preferences_save(*, person: User, **fields) -> MeetingPreferences:
    unknown = set(fields) - set(PREFERENCE_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown preference(s): {', '.join(sorted(unknown))}.")
    alarm = fields.get("calendar_alarm_minutes")
    if alarm is not None and not 0 <= alarm <= 10080:
        raise ValidationError({"calendar_alarm_minutes": "Between 0 and 10080 minutes (a week)."})
    preferences, _ = MeetingPreferences.objects.update_or_create(person=person, defaults=fields)
    return preferences


FEED_SALT = "tandem.meetings.calendar-feed"


def _feed_signature(public_id: str) -> str:
    return salted_hmac(FEED_SALT, public_id, algorithm="sha256").hexdigest()[:32]


def calendar_feed_for(*, person: User) -> CalendarFeed:
    feed = CalendarFeed.objects.filter(person=person).first()
    if feed is None:
        feed, _ = CalendarFeed.objects.get_or_create(
            person=person, defaults={"public_id": secrets.token_hex(16)}
        )
    return feed


def calendar_feed_token(feed: CalendarFeed) -> str:
    """The secret part of the feed's URL."""
    return f"{feed.public_id}-{_feed_signature(feed.public_id)}"


def calendar_feed_reset(*, person: User) -> CalendarFeed:
    """A new secret URL; the old one stops working at once."""
    feed = calendar_feed_for(person=person)
    feed.public_id = secrets.token_hex(16)
    feed.reset_at = timezone.now()
    feed.save(update_fields=["public_id", "reset_at"])
    return feed


def calendar_feed_owner(token: str) -> User | None:
    """Whose feed a URL token opens (None for a forged, old or malformed one)."""
    public_id, _, signature = token.partition("-")
    if not public_id or not constant_time_compare(signature, _feed_signature(public_id)):
        return None
    feed = CalendarFeed.objects.select_related("person__profile").filter(public_id=public_id)
    feed = feed.first()
    if feed is None or not feed.person.is_active:
        return None
    CalendarFeed.objects.filter(pk=feed.pk).update(last_fetched_at=timezone.now())
    return feed.person
