"""iCalendar (RFC 5545) for meetings, generated with the `icalendar` library.

- `person_feed(person)`: the private subscription feed of one person (Google Calendar, Outlook,
  Apple Calendar). A series is one VEVENT with an RRULE, EXDATEs for its cancelled occurrences
  and a RECURRENCE-ID override for each occurrence that differs from the rule (moved, awaiting
  an answer, another place or agenda). One-off meetings are VEVENTs of their own, a cancelled
  one with STATUS:CANCELLED. Times carry their TZID and the VTIMEZONEs are included; each event
  has a VALARM as the person chose.
- `meeting_invitation(meeting, viewer)` / `series_invitation(series, viewer)`: a single .ics
  with METHOD:REQUEST (METHOD:CANCEL once cancelled), ORGANIZER and ATTENDEEs.

Private notes are never part of a calendar; shared notes neither (calendars get copied)."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Alarm, Calendar, Event, vCalAddress

from tandem.mentorships.models import Mentorship

from .models import Meeting, MeetingMode, MeetingSeries, MeetingStatus, MonthlyBy, SeriesStatus
from .services import preferences_for
from .times import end_of_day, zone_named

PRODID = "-//Tandem//Mentoring meetings//EN"
FREQUENCIES = {
    "weekly": {"freq": "WEEKLY"},
    "fortnightly": {"freq": "WEEKLY", "interval": 2},
    "monthly": {"freq": "MONTHLY"},
}
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "tandem.localhost"


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def meeting_uid(meeting: Meeting) -> str:
    return f"tandem-meeting-{meeting.pk}@{_host()}"


def series_uid(series: MeetingSeries) -> str:
    return f"tandem-series-{series.pk}@{_host()}"


def _calendar(*, name: str, uid: str, method: str | None = None) -> Calendar:
    return Calendar.new(
        prodid=PRODID,
        name=name,
        uid=uid,
        method=method,
        refresh_interval=datetime.timedelta(hours=1) if method is None else None,
    )


def _finish(calendar: Calendar, instants: list[datetime.datetime]) -> bytes:
    """Add the VTIMEZONEs the events need, covering their dates with a year to spare."""
    if instants:
        calendar.add_missing_timezones(
            first_date=min(instants).date() - datetime.timedelta(days=366),
            last_date=max(instants).date() + datetime.timedelta(days=366),
        )
    return calendar.to_ical()


# --- events --------------------------------------------------------------------------------


def _summary(mentorship: Mentorship, viewer) -> str:
    if mentorship.involves(viewer):
        return f"Mentoring: {mentorship.partner_of(viewer)}"
    return f"Mentoring: {mentorship.mentor} & {mentorship.mentee}"


def _address(person, *, organizer: bool = False, partstat: str = "") -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    address.params["CN"] = str(person)
    if not organizer:
        address.params["ROLE"] = "REQ-PARTICIPANT"
        address.params["PARTSTAT"] = partstat or "NEEDS-ACTION"
        address.params["RSVP"] = "TRUE" if partstat == "NEEDS-ACTION" else "FALSE"
    return address


def _people(event: Event, mentorship: Mentorship, organizer, status: str) -> None:
    organizer = organizer or mentorship.mentor
    event.add("organizer", _address(organizer, organizer=True))
    for person in mentorship.people():
        answered = status == MeetingStatus.CONFIRMED or person.pk == organizer.pk
        event.add("attendee", _address(person, partstat="ACCEPTED" if answered else "NEEDS-ACTION"))


def _place(meeting_or_series) -> str:
    if meeting_or_series.mode == MeetingMode.VIRTUAL:
        return meeting_or_series.video_url
    return meeting_or_series.location


def _description(thing, url: str) -> str:
    parts = []
    if thing.agenda:
        parts.append(f"Agenda:\n{thing.agenda}")
    if thing.mode == MeetingMode.VIRTUAL and thing.video_url:
        parts.append(f"Video call: {thing.video_url}")
    parts.append(f"In Tandem: {url}")
    return "\n\n".join(parts)


def _alarm(minutes: int, summary: str) -> Alarm | None:
    if not minutes:
        return None
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", -datetime.timedelta(minutes=minutes))
    return alarm


ICAL_STATUS = {
    MeetingStatus.PROPOSED: "TENTATIVE",
    MeetingStatus.CONFIRMED: "CONFIRMED",
    MeetingStatus.CANCELLED: "CANCELLED",
}


def _effective_status(meeting: Meeting) -> str:
    """A meeting after its mentorship closed is off, whatever its own row says."""
    mentorship = meeting.mentorship
    if (
        not mentorship.is_open
        and mentorship.ended_at is not None
        and meeting.starts_at > mentorship.ended_at
    ):
        return MeetingStatus.CANCELLED
    return meeting.status


def _meeting_event(meeting: Meeting, viewer, *, alarm_minutes: int, stamp, uid: str) -> Event:
    zone = zone_named(meeting.time_zone)
    status = _effective_status(meeting)
    url = _absolute(meeting.get_absolute_url())
    summary = _summary(meeting.mentorship, viewer)
    event = Event.new(
        uid=uid,
        summary=summary,
        start=meeting.starts_at.astimezone(zone),
        end=meeting.ends_at.astimezone(zone),
        stamp=stamp,
        sequence=meeting.sequence,
        status=ICAL_STATUS[status],
        location=_place(meeting) or None,
        description=_description(meeting, url),
        url=url,
    )
    _people(event, meeting.mentorship, meeting.proposed_by, status)
    alarm = _alarm(alarm_minutes, summary) if status != MeetingStatus.CANCELLED else None
    if alarm is not None:
        event.add_component(alarm)
    return event


def _rule(series: MeetingSeries) -> dict:
    zone = zone_named(series.time_zone)
    rule = dict(FREQUENCIES[series.frequency])
    if series.frequency == "monthly":
        first = series.first_start.astimezone(zone)
        if series.monthly_by == MonthlyBy.DATE:
            rule["bymonthday"] = first.day
        else:
            nth = (first.day - 1) // 7 + 1
            rule["byday"] = f"{-1 if nth == 5 else nth}{WEEKDAYS[first.weekday()]}"
    # With a TZID on DTSTART, UNTIL must be in UTC (RFC 5545 §3.3.10).
    rule["until"] = end_of_day(series.until).replace(tzinfo=zone).astimezone(datetime.UTC)
    return rule


def _series_events(
    series: MeetingSeries, occurrences: list[Meeting], viewer, *, alarm_minutes: int, stamp
) -> list[Event]:
    """The master event with its rule and exceptions, then one override per changed occurrence."""
    if not occurrences:
        return []
    zone = zone_named(series.time_zone)
    uid = series_uid(series)
    first = min(occurrences, key=lambda o: o.recurrence_start)
    status = MeetingStatus.CONFIRMED if series.status != SeriesStatus.PROPOSED else "proposed"
    summary = _summary(series.mentorship, viewer)
    url = _absolute(series.get_absolute_url())
    master = Event.new(
        uid=uid,
        summary=summary,
        start=first.recurrence_start.astimezone(zone),
        end=(first.recurrence_start + _length(series)).astimezone(zone),
        stamp=stamp,
        sequence=series.sequence,
        status=ICAL_STATUS[status],
        location=_place(series) or None,
        description=_description(series, url),
        url=url,
    )
    master.add("rrule", _rule(series))
    _people(master, series.mentorship, series.proposed_by, status)
    cancelled = [o for o in occurrences if _effective_status(o) == MeetingStatus.CANCELLED]
    if cancelled:
        master.add("exdate", [o.recurrence_start.astimezone(zone) for o in cancelled])
    alarm = _alarm(alarm_minutes, summary)
    if alarm is not None:
        master.add_component(alarm)
    events = [master]
    for occurrence in occurrences:
        if occurrence in cancelled or not _differs(occurrence, series, status):
            continue
        override = _meeting_event(
            occurrence, viewer, alarm_minutes=alarm_minutes, stamp=stamp, uid=uid
        )
        override.add("recurrence-id", occurrence.recurrence_start.astimezone(zone))
        events.append(override)
    return events


def _length(series: MeetingSeries) -> datetime.timedelta:
    return datetime.timedelta(minutes=series.duration_minutes)


def _differs(occurrence: Meeting, series: MeetingSeries, series_status: str) -> bool:
    """Whether an occurrence needs its own RECURRENCE-ID event (the rule no longer says it)."""
    return (
        occurrence.starts_at != occurrence.recurrence_start
        or occurrence.ends_at - occurrence.starts_at != _length(series)
        or occurrence.time_zone != series.time_zone
        or occurrence.status != series_status
        or (occurrence.mode, occurrence.location, occurrence.video_url, occurrence.agenda)
        != (series.mode, series.location, series.video_url, series.agenda)
    )


# --- what the views serve ----------------------------------------------------------------------


def _meetings_of(person):
    return Meeting.objects.involving(person).select_related(
        "mentorship__mentor", "mentorship__mentee", "proposed_by", "series"
    )


def person_feed(person, *, now: datetime.datetime | None = None) -> bytes:
    """Everything on one person's calendar, from every mentorship they are (or were) part of."""
    stamp = (now or timezone.now()).astimezone(datetime.UTC)
    alarm = preferences_for(person).calendar_alarm_minutes
    calendar = _calendar(name=f"Tandem — {person}", uid=f"tandem-feed-{person.pk}@{_host()}")
    calendar.add("x-wr-caldesc", "Your mentoring meetings in Tandem.")
    meetings = list(_meetings_of(person).exclude(series__status=SeriesStatus.DECLINED))
    by_series: dict[int, list[Meeting]] = {}
    for meeting in meetings:
        if meeting.series_id is None:
            event = _meeting_event(
                meeting, person, alarm_minutes=alarm, stamp=stamp, uid=meeting_uid(meeting)
            )
            calendar.add_component(event)
        else:
            by_series.setdefault(meeting.series_id, []).append(meeting)
    series_list = MeetingSeries.objects.filter(pk__in=by_series).select_related(
        "mentorship__mentor", "mentorship__mentee", "proposed_by"
    )
    for series in series_list:
        for event in _series_events(
            series, by_series[series.pk], person, alarm_minutes=alarm, stamp=stamp
        ):
            calendar.add_component(event)
    return _finish(calendar, [m.starts_at for m in meetings])


def meeting_invitation(meeting: Meeting, viewer, *, now: datetime.datetime | None = None) -> bytes:
    """One meeting as an invitation to import (METHOD:REQUEST, or CANCEL once called off)."""
    stamp = (now or timezone.now()).astimezone(datetime.UTC)
    status = _effective_status(meeting)
    method = "CANCEL" if status == MeetingStatus.CANCELLED else "REQUEST"
    calendar = _calendar(
        name="Tandem meeting", uid=f"tandem-invitation-{meeting.pk}@{_host()}", method=method
    )
    alarm = preferences_for(viewer).calendar_alarm_minutes
    calendar.add_component(
        _meeting_event(meeting, viewer, alarm_minutes=alarm, stamp=stamp, uid=meeting_uid(meeting))
    )
    return _finish(calendar, [meeting.starts_at])


def series_invitation(
    series: MeetingSeries, viewer, *, now: datetime.datetime | None = None
) -> bytes:
    """A whole series as one invitation (its rule, exceptions and moved occurrences)."""
    stamp = (now or timezone.now()).astimezone(datetime.UTC)
    calendar = _calendar(
        name="Tandem meetings",
        uid=f"tandem-series-invitation-{series.pk}@{_host()}",
        method="REQUEST",
    )
    occurrences = list(
        series.occurrences.select_related("mentorship__mentor", "mentorship__mentee", "proposed_by")
    )
    alarm = preferences_for(viewer).calendar_alarm_minutes
    for event in _series_events(series, occurrences, viewer, alarm_minutes=alarm, stamp=stamp):
        calendar.add_component(event)
    return _finish(calendar, [o.starts_at for o in occurrences])
