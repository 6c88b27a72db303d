"""The demo meetings: a plausible history at each pair's rhythm, deterministic for a seed."""

import datetime

import pytest

from tandem.meetings.demo import step
from tandem.meetings.models import ActionItem, Meeting, MeetingSeries, PrivateNote, SharedNote
from tandem.mentorships.services import mentorship_transition
from tandem.mentorships.tests.factories import make_mentorship, signed_agreement
from tandem.people.tests.factories import UserFactory
from tandem.programs.tests.factories import ProgramFactory

from .factories import at

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 25)
NOW = at(2026, 11, 25, 12)


@pytest.fixture
def cohort(time_machine):
    """Twelve pairs that began in June (some weekly, some monthly), one paused in October,
    one completed in September, one still only proposed."""
    time_machine.move_to(at(2026, 6, 1, 9), tick=False)
    program = ProgramFactory(status="running", meeting_frequency="fortnightly")
    pairs = []
    for index in range(14):
        mentor = UserFactory(email=f"mentor{index:02d}@example.com")
        mentee = UserFactory(email=f"mentee{index:02d}@example.com")
        status = "proposed" if index == 13 else "active"
        pair = make_mentorship(
            program=program, mentor=mentor, mentee=mentee, status=status, agreement=False
        )
        if status == "active":
            signed_agreement(
                pair,
                meeting_frequency=["weekly", "fortnightly", "monthly"][index % 3],
                start_date=datetime.date(2026, 6, 1),
                end_date=datetime.date(2027, 5, 31),
            )
        pairs.append(pair)
    time_machine.move_to(at(2026, 9, 15), tick=False)
    mentorship_transition(mentorship=pairs[11], to_status="completed", by=pairs[11].mentor)
    time_machine.move_to(at(2026, 10, 10), tick=False)
    mentorship_transition(mentorship=pairs[12], to_status="paused", by=pairs[12].mentor)
    time_machine.move_to(NOW, tick=False)
    return pairs


def _fingerprint():
    return sorted(
        (
            m.mentorship_id,
            m.starts_at,
            m.status,
            m.outcome,
            m.mentor_arrival,
            m.mentee_arrival,
            m.cancel_reason,
            getattr(getattr(m, "shared_note", None), "text", ""),
        )
        for m in Meeting.objects.select_related("shared_note")
    )


def test_every_running_pair_gets_a_history_at_its_rhythm(cohort):
    summary = step(seed=7, today=TODAY)
    assert summary.startswith("Meetings: ") and "in 13 mentorships" in summary
    assert not Meeting.objects.filter(mentorship=cohort[13]).exists()  # only proposed
    for pair in cohort[:11]:
        meetings = Meeting.objects.filter(mentorship=pair)
        series = MeetingSeries.objects.get(mentorship=pair)
        days = pair.current_agreement().frequency_days
        past = meetings.filter(starts_at__lt=NOW)
        if series.status == "ended":  # a pair that drifted apart weeks ago
            assert not meetings.filter(starts_at__gte=NOW).exists()
            assert past.latest("starts_at").starts_at < NOW - datetime.timedelta(weeks=3)
            continue
        # Since early June at its rhythm (a few moved or cancelled along the way).
        expected = (NOW - at(2026, 6, 1)).days / days
        assert expected - 2 <= past.count() <= expected + 1
        assert meetings.filter(starts_at__gte=NOW).exists()
    held = Meeting.objects.filter(outcome="held").count()
    assert held / Meeting.objects.filter(starts_at__lt=NOW).count() > 0.6
    assert Meeting.objects.filter(status="cancelled").exclude(cancel_reason="").exists()
    assert Meeting.objects.filter(mentee_arrival="late").exists()
    assert SharedNote.objects.exists() and PrivateNote.objects.exists()
    assert ActionItem.objects.filter(done_at__isnull=True).exists()
    assert ActionItem.objects.filter(done_at__isnull=False).exists()


def test_closed_and_paused_pairs_stop_when_they_did(cohort):
    step(seed=7, today=TODAY)
    completed, paused = cohort[11], cohort[12]
    assert not Meeting.objects.filter(mentorship=completed, starts_at__gt=at(2026, 9, 16)).exists()
    assert Meeting.objects.filter(mentorship=completed).exists()
    assert not Meeting.objects.filter(mentorship=paused, starts_at__gt=at(2026, 10, 11)).exists()


def test_the_same_seed_gives_the_same_meetings(cohort):
    step(seed=7, today=TODAY)
    first = _fingerprint()
    Meeting.objects.all().delete()
    MeetingSeries.objects.all().delete()
    ActionItem.objects.all().delete()
    step(seed=7, today=TODAY)
    assert _fingerprint() == first
    Meeting.objects.all().delete()
    MeetingSeries.objects.all().delete()
    step(seed=8, today=TODAY)
    assert _fingerprint() != first


def test_with_no_mentorship_there_is_nothing_to_do(db):
    assert step(seed=1, today=TODAY).startswith("Meetings: 0 in 0 mentorships")
