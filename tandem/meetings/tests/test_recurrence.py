"""Series at the agreement's rhythm: dateutil expands the rule on the wall clock of the zone the
series was scheduled in, so the meeting keeps its local time when clocks change."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from tandem.meetings.times import occurrence_starts, wall_clock_to_utc

from .factories import at

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def test_a_fortnightly_series_keeps_ten_oclock_in_paris_across_the_spring_change():
    starts = occurrence_starts(
        frequency="fortnightly",
        first_start=at(2027, 3, 1, 10, zone=PARIS),
        zone=PARIS,
        until=datetime.date(2027, 4, 30),
    )
    assert [s.astimezone(PARIS).strftime("%a %d %b %H:%M") for s in starts] == [
        "Mon 01 Mar 10:00",
        "Mon 15 Mar 10:00",
        "Mon 29 Mar 10:00",
        "Mon 12 Apr 10:00",
        "Mon 26 Apr 10:00",
    ]
    # Before 28 March Paris is UTC+1, after it UTC+2: the instant moves, the wall clock stays.
    assert [s.hour for s in starts] == [9, 9, 8, 8, 8]
    assert all(s.tzinfo == datetime.UTC for s in starts)


def test_a_partner_in_new_york_sees_each_instant_on_their_own_clock():
    starts = occurrence_starts(
        frequency="weekly",
        first_start=at(2027, 3, 8, 10, zone=PARIS),
        zone=PARIS,
        until=datetime.date(2027, 3, 29),
    )
    # New York moves to summer time on 14 March, Paris on 28 March: for two weeks the gap is
    # five hours instead of six.
    assert [s.astimezone(NEW_YORK).strftime("%d %H:%M") for s in starts] == [
        "08 04:00",
        "15 05:00",
        "22 05:00",
        "29 04:00",
    ]


def test_weekly_and_monthly_rules():
    weekly = occurrence_starts(
        frequency="weekly",
        first_start=at(2026, 12, 1, 9),
        zone=zoneinfo.ZoneInfo("UTC"),
        until=datetime.date(2026, 12, 22),
    )
    assert [s.day for s in weekly] == [1, 8, 15, 22]
    # The 2nd Tuesday of each month.
    second_tuesday = occurrence_starts(
        frequency="monthly",
        first_start=at(2026, 12, 8, 9),
        zone=zoneinfo.ZoneInfo("UTC"),
        until=datetime.date(2027, 4, 30),
    )
    assert [s.date().isoformat() for s in second_tuesday] == [
        "2026-12-08",
        "2027-01-12",
        "2027-02-09",
        "2027-03-09",
        "2027-04-13",
    ]
    assert all(s.weekday() == 1 for s in second_tuesday)


def test_a_fifth_weekday_becomes_the_last_one_of_each_month():
    last_thursdays = occurrence_starts(
        frequency="monthly",
        first_start=at(2026, 12, 31, 15),
        zone=zoneinfo.ZoneInfo("UTC"),
        until=datetime.date(2027, 3, 31),
    )
    assert [s.date().isoformat() for s in last_thursdays] == [
        "2026-12-31",
        "2027-01-28",
        "2027-02-25",
        "2027-03-25",
    ]


def test_monthly_on_the_same_date():
    fourteenth = occurrence_starts(
        frequency="monthly",
        first_start=at(2026, 12, 14, 15),
        zone=zoneinfo.ZoneInfo("UTC"),
        until=datetime.date(2027, 2, 28),
        monthly_by="date",
    )
    assert [s.date().isoformat() for s in fourteenth] == ["2026-12-14", "2027-01-14", "2027-02-14"]


def test_the_series_ends_on_its_last_day_inclusive():
    starts = occurrence_starts(
        frequency="weekly",
        first_start=at(2026, 12, 1, 22, zone=PARIS),
        zone=PARIS,
        until=datetime.date(2026, 12, 15),
    )
    assert len(starts) == 3


def test_a_runaway_series_is_refused():
    with pytest.raises(ValidationError) as error:
        occurrence_starts(
            frequency="weekly",
            first_start=at(2026, 12, 1, 9),
            zone=zoneinfo.ZoneInfo("UTC"),
            until=datetime.date(2031, 1, 1),
        )
    assert "until" in error.value.message_dict


def test_a_time_the_clocks_skip_is_refused_by_name():
    with pytest.raises(ValidationError) as error:
        wall_clock_to_utc(datetime.date(2027, 3, 28), datetime.time(2, 30), PARIS)
    assert "02:30 does not exist on 28 March 2027" in error.value.message_dict["time"][0]


def test_an_hour_that_happens_twice_is_taken_the_first_time():
    # 31 October 2027, 02:30 happens twice in Paris; the first is still summer time (UTC+2).
    instant = wall_clock_to_utc(datetime.date(2027, 10, 31), datetime.time(2, 30), PARIS)
    assert instant == at(2027, 10, 31, 0, 30)
