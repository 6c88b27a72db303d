"""Wall clocks and instants: each person enters and reads times in their own time zone
(Profile.time_zone); Tandem stores and compares instants in UTC. Recurrence rules come from
python-dateutil's rrule, expanded on the wall clock of the zone the series was scheduled in."""

import datetime
import zoneinfo

from dateutil import rrule
from django.core.exceptions import ValidationError
from django.utils import formats

from tandem.programs.models import MeetingFrequency

UTC = datetime.UTC
# Guard against a rule that would fill the database (a weekly series runs ~52 a year).
MAX_OCCURRENCES = 200


def zone_named(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def zone_of(person) -> zoneinfo.ZoneInfo:
    """The person's own time zone (UTC when their profile has none)."""
    profile = getattr(person, "profile", None)
    return zone_named(getattr(profile, "time_zone", "") or "UTC")


def check_zone(name: str, field: str = "time_zone") -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            {field: f"“{name}” is not a known time zone (use a name like Europe/Paris)."}
        ) from None


def wall_clock_to_utc(
    day: datetime.date, at: datetime.time, zone: zoneinfo.ZoneInfo, *, field: str = "time"
) -> datetime.datetime:
    """The instant a wall-clock time in `zone` stands for. A time the clocks skip (the hour
    lost when daylight saving starts) is refused rather than silently shifted."""
    local = datetime.datetime.combine(day, at.replace(tzinfo=None, second=0, microsecond=0))
    instant = local.replace(tzinfo=zone).astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) != local:
        raise ValidationError(
            {
                field: f"{at:%H:%M} does not exist on {day.day} {day:%B %Y} in {zone.key}: "
                "the clocks go forward then. Choose another time."
            }
        )
    return instant


def on_wall_clock(instant: datetime.datetime, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    return instant.astimezone(zone)


def describe(instant: datetime.datetime, person) -> str:
    """A time as one person reads it: in their zone, with the zone's abbreviation."""
    local = instant.astimezone(zone_of(person))
    return f"{formats.date_format(local, 'D j M Y, H:i')} ({local.tzname()})"


def _monthly_weekday(day: datetime.date) -> rrule.weekday:
    """The weekday's place in its month: the 2nd Tuesday, or the last one for a 5th."""
    nth = (day.day - 1) // 7 + 1
    weekday = rrule.weekdays[day.weekday()]
    return weekday(-1) if nth == 5 else weekday(nth)


def series_rule(
    *,
    frequency: str,
    first_local: datetime.datetime,
    until_local: datetime.datetime,
    monthly_by: str = "weekday",
) -> rrule.rrule:
    """The recurrence as dateutil's rrule, on naive wall-clock times."""
    common = {"dtstart": first_local, "until": until_local, "count": None}
    if frequency == MeetingFrequency.WEEKLY:
        return rrule.rrule(rrule.WEEKLY, interval=1, **common)
    if frequency == MeetingFrequency.FORTNIGHTLY:
        return rrule.rrule(rrule.WEEKLY, interval=2, **common)
    if frequency == MeetingFrequency.MONTHLY:
        if monthly_by == "date":
            return rrule.rrule(rrule.MONTHLY, bymonthday=first_local.day, **common)
        return rrule.rrule(rrule.MONTHLY, byweekday=_monthly_weekday(first_local.date()), **common)
    raise ValidationError({"frequency": f"“{frequency}” is not a meeting frequency."})


def end_of_day(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(23, 59, 59))


def occurrence_starts(
    *,
    frequency: str,
    first_start: datetime.datetime,
    zone: zoneinfo.ZoneInfo,
    until: datetime.date,
    monthly_by: str = "weekday",
) -> list[datetime.datetime]:
    """Every occurrence of a series in UTC, keeping the first one's wall-clock time in `zone`
    (10:00 in Paris stays 10:00 in Paris when summer time starts; its UTC time moves)."""
    first_local = first_start.astimezone(zone).replace(tzinfo=None)
    rule = series_rule(
        frequency=frequency,
        first_local=first_local,
        until_local=end_of_day(until),
        monthly_by=monthly_by,
    )
    starts = []
    for local in rule:
        if len(starts) == MAX_OCCURRENCES:
            raise ValidationError(
                {"until": f"A series holds at most {MAX_OCCURRENCES} meetings: end it sooner."}
            )
        # A wall-clock time the clocks skip falls forward to the first real instant after it.
        starts.append(local.replace(tzinfo=zone).astimezone(UTC))
    return starts
