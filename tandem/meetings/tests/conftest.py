"""The meetings cast: a pair in two time zones with an agreement running now."""

import datetime

import pytest

from tandem.mentorships.tests.factories import signed_agreement

# Today (BRIEF): Wednesday 25 November 2026, 09:00 UTC.
NOW = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def pair(now, mentorship, mentor, mentee):
    """`mentorship` with the mentor in Paris and the mentee in New York, and a fortnightly
    agreement signed for 2 November 2026 – 30 June 2027."""
    for person, zone in ((mentor, "Europe/Paris"), (mentee, "America/New_York")):
        person.profile.time_zone = zone
        person.profile.save(update_fields=["time_zone"])
    signed_agreement(
        mentorship,
        meeting_frequency="fortnightly",
        meeting_minutes=60,
        start_date=datetime.date(2026, 11, 2),
        end_date=datetime.date(2027, 6, 30),
    )
    mentorship.refresh_from_db()
    return mentorship


@pytest.fixture
def mutual_pair(now, mutual_mentorship):
    signed_agreement(
        mutual_mentorship,
        meeting_frequency="weekly",
        start_date=datetime.date(2026, 11, 2),
        end_date=datetime.date(2027, 3, 31),
    )
    return mutual_mentorship
