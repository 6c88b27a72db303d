"""Shared notes (both partners, never a lost update) and private notes (their author alone)."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tandem.meetings import services
from tandem.meetings.models import PrivateNote, SharedNote
from tandem.meetings.services import NoteConflict

from .factories import make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(pair, now):
    return make_meeting(pair, now - datetime.timedelta(hours=3))


def test_the_first_save_starts_at_version_zero(meeting, mentee):
    note = services.shared_note_save(meeting=meeting, by=mentee, text="We spoke of X.", version=0)
    assert (note.text, note.version, note.updated_by) == ("We spoke of X.", 1, mentee)


def test_the_second_writer_is_told_and_nothing_is_overwritten(meeting, mentor, mentee):
    # Both opened the notes at version 1.
    services.shared_note_save(meeting=meeting, by=mentee, text="Agenda: pricing.", version=0)
    services.shared_note_save(meeting=meeting, by=mentee, text="Theo's text", version=1)
    with pytest.raises(NoteConflict) as clash:
        services.shared_note_save(meeting=meeting, by=mentor, text="Maria's text", version=1)
    assert clash.value.current.text == "Theo's text" and clash.value.current.version == 2
    assert clash.value.attempted == "Maria's text"
    assert SharedNote.objects.get().text == "Theo's text"
    # Maria merges, knowing version 2, and saves.
    merged = services.shared_note_save(
        meeting=meeting, by=mentor, text="Theo's text\nMaria's text", version=2
    )
    assert merged.version == 3


def test_only_the_pair_writes_shared_notes(meeting, outsider, program_admin):
    for person in (outsider, program_admin):
        with pytest.raises(ValidationError):
            services.shared_note_save(meeting=meeting, by=person, text="x", version=0)
    assert not SharedNote.objects.exists()


def test_a_note_has_a_size_limit(meeting, mentee):
    with pytest.raises(ValidationError) as error:
        services.shared_note_save(meeting=meeting, by=mentee, text="x" * 50_001, version=0)
    assert "text" in error.value.message_dict


def test_private_notes_belong_to_their_author(meeting, mentor, mentee):
    services.private_note_save(meeting=meeting, by=mentor, text="Theo seems tired.")
    services.private_note_save(meeting=meeting, by=mentee, text="Ask about the promotion.")
    assert services.private_note_of(meeting, mentor).text == "Theo seems tired."
    assert services.private_note_of(meeting, mentee).text == "Ask about the promotion."
    services.private_note_save(meeting=meeting, by=mentor, text="Theo seems rested.")
    assert PrivateNote.objects.count() == 2


def test_nobody_else_keeps_private_notes_on_a_meeting(meeting, outsider, program_admin, superuser):
    for person in (outsider, program_admin, superuser):
        with pytest.raises(ValidationError):
            services.private_note_save(meeting=meeting, by=person, text="peek")
        assert services.private_note_of(meeting, person) is None


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_of_one_version_on_postgresql(pair, mentor, mentee, now):
    """Two writers, two threads, two database connections, the same starting version: exactly
    one save wins and the other is told — in every round."""
    if connection.vendor != "postgresql":
        pytest.skip("Row locks between connections are what this proves: PostgreSQL only.")
    meeting = make_meeting(pair, now - datetime.timedelta(hours=3))
    for round_ in range(5):
        version = services.shared_note_of(meeting).version
        texts = {mentor: f"Maria, round {round_}", mentee: f"Theo, round {round_}"}
        outcomes = _race(meeting, texts, version)
        assert sorted(outcomes.values()) == ["conflict", "saved"]
        note = SharedNote.objects.get(meeting=meeting)
        winner = next(text for text, outcome in outcomes.items() if outcome == "saved")
        assert (note.text, note.version) == (winner, version + 1)


def _race(meeting, texts: dict, version: int) -> dict[str, str]:
    """Each writer saves `version` in their own thread, released at the same instant."""
    start = threading.Barrier(len(texts))
    outcomes: dict[str, str] = {}

    def write(person, text):
        try:
            start.wait(timeout=10)
            services.shared_note_save(meeting=meeting, by=person, text=text, version=version)
            outcomes[text] = "saved"
        except NoteConflict:
            outcomes[text] = "conflict"
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=item) for item in texts.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes
