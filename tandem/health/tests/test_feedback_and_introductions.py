"""Feedback between partners and the introductions a mentor makes: kept in the mentorship,
the pair's alone, counted for the program."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tandem.health.models import Feedback, Introduction
from tandem.health.services import feedback_give, introduction_outcome, introduction_record
from tandem.mentorships.services import mentorship_transition
from tandem.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 11, 25, 10, tzinfo=datetime.UTC), tick=False):
        yield


def test_either_partner_gives_the_other_feedback(mentorship, mentor, mentee):
    feedback = feedback_give(
        mentorship=mentorship,
        by=mentee,
        went_well="You explained the release process clearly.",
        do_differently="Send the agenda a day earlier.",
    )
    assert (feedback.author, feedback.recipient) == (mentee, mentor)
    told = Notification.objects.get(kind="feedback_received")
    assert (told.recipient, told.title) == (mentor, "Theo Mentee gave you feedback")
    assert (
        feedback_give(
            mentorship=mentorship, by=mentor, went_well="Great questions.", do_differently=""
        ).recipient
        == mentee
    )


def test_feedback_needs_words(mentorship, mentee):
    with pytest.raises(ValidationError) as refused:
        feedback_give(mentorship=mentorship, by=mentee, went_well="  ", do_differently="")
    assert refused.value.message_dict == {
        "went_well": ["Say what went well, what to do differently, or both."]
    }
    assert not Feedback.objects.exists()


def test_only_the_pair_of_a_mentorship_under_way_gives_feedback(
    mentorship, mentor, program_admin, outsider
):
    for person in (program_admin, outsider):
        with pytest.raises(ValidationError, match="Only the two people"):
            feedback_give(mentorship=mentorship, by=person, went_well="Hi", do_differently="")
    mentorship = mentorship_transition(mentorship=mentorship, to_status="completed", by=mentor)
    with pytest.raises(ValidationError, match="Only the two people"):
        feedback_give(mentorship=mentorship, by=mentor, went_well="Hi", do_differently="")


def test_a_mentor_introduces_the_mentee_to_a_colleague(mentorship, mentor, mentee, outsider):
    introduction = introduction_record(
        mentorship=mentorship, by=mentor, contact=outsider, purpose="She runs the data platform."
    )
    assert (introduction.made_for, introduction.contact, introduction.is_colleague) == (
        mentee,
        outsider,
        True,
    )
    assert introduction.made_on == datetime.date(2026, 11, 25)
    told = Notification.objects.get(kind="introduction_made")
    assert (told.recipient, told.title) == (
        mentee,
        "Maria Mentor recorded an introduction for you: Olga Outsider",
    )


def test_or_to_someone_outside_by_name_and_organisation(mentorship, mentor):
    introduction = introduction_record(
        mentorship=mentorship,
        by=mentor,
        contact_name="Ada Okafor",
        contact_organisation="City Data Lab",
        purpose="Career in data science",
        made_on=datetime.date(2026, 11, 2),
    )
    assert introduction.contact_label == "Ada Okafor (City Data Lab)"
    assert not introduction.is_colleague


def test_an_introduction_names_a_contact_and_a_purpose(mentorship, mentor, mentee):
    with pytest.raises(ValidationError) as refused:
        introduction_record(
            mentorship=mentorship, by=mentor, purpose=" ", made_on=datetime.date(2027, 1, 1)
        )
    assert set(refused.value.message_dict) == {"contact", "purpose", "made_on"}
    with pytest.raises(ValidationError) as refused:
        introduction_record(mentorship=mentorship, by=mentor, contact=mentee, purpose="Hi")
    assert refused.value.message_dict == {
        "contact": ["Introduce someone other than the two of you."]
    }
    assert not Introduction.objects.exists()


def test_the_mentee_does_not_record_introductions_but_peers_do(
    mentorship, mentee, mutual_mentorship, peer_partner, peer
):
    with pytest.raises(ValidationError, match="the mentor records introductions"):
        introduction_record(mentorship=mentorship, by=mentee, contact_name="Ada", purpose="Hi")
    introduction = introduction_record(
        mentorship=mutual_mentorship, by=peer_partner, contact_name="Ada", purpose="Hi"
    )
    assert introduction.made_for == peer


def test_either_partner_records_what_came_of_it(mentorship, mentor, mentee, program_admin):
    introduction = introduction_record(
        mentorship=mentorship, by=mentor, contact_name="Ada", purpose="Data"
    )
    introduction_outcome(
        introduction=introduction, by=mentee, outcome="We met twice; I joined her guild."
    )
    introduction.refresh_from_db()
    assert introduction.outcome == "We met twice; I joined her guild."
    assert introduction.outcome_at is not None
    with pytest.raises(ValidationError) as refused:
        introduction_outcome(introduction=introduction, by=mentee, outcome="")
    assert "outcome" in refused.value.message_dict
    with pytest.raises(ValidationError, match="Only the two people"):
        introduction_outcome(introduction=introduction, by=program_admin, outcome="Nice")
