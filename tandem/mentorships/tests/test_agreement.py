import datetime

import pytest
from django.core.exceptions import ValidationError

from tandem.mentorships.services import agreement_initial, agreement_save, agreement_sign
from tandem.mentorships.tests.factories import make_mentorship

pytestmark = pytest.mark.django_db

TERMS = {
    "goals": "Present to customers with confidence.",
    "meeting_frequency": "fortnightly",
    "meeting_style": "virtual",
    "start_date": datetime.date(2026, 3, 2),
    "end_date": datetime.date(2026, 8, 28),
}


@pytest.fixture
def fresh(program, mentor, mentee):
    return make_mentorship(program=program, mentor=mentor, mentee=mentee, agreement=False)


def test_both_sign_and_the_agreement_is_in_force(fresh, mentor, mentee):
    agreement = agreement_save(mentorship=fresh, by=mentee, **TERMS)
    assert fresh.current_agreement() is None
    agreement_sign(agreement=agreement, by=mentee)
    agreement_sign(agreement=agreement, by=mentor)
    assert fresh.current_agreement() == agreement
    assert agreement.frequency_days == 14


def test_an_unsigned_draft_is_edited_in_place(fresh, mentee):
    first = agreement_save(mentorship=fresh, by=mentee, **TERMS)
    again = agreement_save(mentorship=fresh, by=mentee, goals="Something sharper.")
    assert again.pk == first.pk and again.version == 1


def test_an_amendment_is_a_new_version_both_sign_again(fresh, mentor, mentee):
    first = agreement_save(mentorship=fresh, by=mentee, **TERMS)
    agreement_sign(agreement=first, by=mentee)
    agreement_sign(agreement=first, by=mentor)
    amended = agreement_save(mentorship=fresh, by=mentor, meeting_frequency="weekly")
    assert amended.version == 2
    assert amended.goals == TERMS["goals"]
    assert fresh.current_agreement() == first
    with pytest.raises(ValidationError, match="newer version"):
        agreement_sign(agreement=first, by=mentee)


def test_signing_twice_is_refused(fresh, mentee):
    agreement = agreement_save(mentorship=fresh, by=mentee, **TERMS)
    agreement_sign(agreement=agreement, by=mentee)
    with pytest.raises(ValidationError, match="already signed"):
        agreement_sign(agreement=agreement, by=mentee)


def test_an_outsider_neither_writes_nor_signs(fresh, mentee, outsider):
    with pytest.raises(ValidationError):
        agreement_save(mentorship=fresh, by=outsider, **TERMS)
    agreement = agreement_save(mentorship=fresh, by=mentee, **TERMS)
    with pytest.raises(ValidationError):
        agreement_sign(agreement=agreement, by=outsider)


def test_the_end_must_come_after_the_start(fresh, mentee):
    with pytest.raises(ValidationError) as error:
        agreement_save(
            mentorship=fresh, by=mentee, **{**TERMS, "end_date": datetime.date(2026, 1, 1)}
        )
    assert "end_date" in error.value.message_dict


def test_an_unknown_frequency_names_the_field(fresh, mentee):
    with pytest.raises(ValidationError) as error:
        agreement_save(mentorship=fresh, by=mentee, **{**TERMS, "meeting_frequency": "daily"})
    assert "meeting_frequency" in error.value.message_dict


def test_each_version_says_what_changed(fresh, mentor, mentee):
    first = agreement_save(mentorship=fresh, by=mentee, **TERMS)
    agreement_sign(agreement=first, by=mentee)
    agreement_sign(agreement=first, by=mentor)
    amended = agreement_save(
        mentorship=fresh,
        by=mentor,
        meeting_frequency="weekly",
        goals="Present to customers with confidence. Lead a demo.",
    )
    changes = {change.field: change for change in amended.changes_from(first)}
    assert set(changes) == {"goals", "meeting_frequency"}
    assert (changes["meeting_frequency"].before, changes["meeting_frequency"].after) == (
        "Every two weeks",
        "Weekly",
    )
    assert changes["goals"].words() == [
        ("same", "Present to customers with confidence."),
        ("added", "Lead a demo."),
    ]


def test_an_amendment_that_changes_nothing_is_refused(fresh, mentor, mentee):
    first = agreement_save(mentorship=fresh, by=mentee, **TERMS)
    agreement_sign(agreement=first, by=mentee)
    with pytest.raises(ValidationError, match="Nothing differs from version 1"):
        agreement_save(mentorship=fresh, by=mentor, goals=TERMS["goals"])
    assert fresh.agreements.count() == 1


def test_a_first_agreement_starts_from_the_programs_rhythm(fresh, program):
    initial = agreement_initial(mentorship=fresh)
    assert initial["meeting_frequency"] == program.meeting_frequency
    assert initial["end_date"] > initial["start_date"]
    assert "stays between us" in initial["confidentiality"]


def test_the_agreement_is_not_written_before_the_mentorship_begins(program, mentor, mentee):
    proposal = make_mentorship(program=program, mentor=mentor, mentee=mentee, status="proposed")
    with pytest.raises(ValidationError, match="once the mentorship has begun"):
        agreement_save(mentorship=proposal, by=mentee, **TERMS)
