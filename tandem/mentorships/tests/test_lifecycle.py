import pytest
from django.core.exceptions import ValidationError

from tandem.mentorships.models import MentorshipEvent, MentorshipStatus
from tandem.mentorships.services import (
    mentorship_accept,
    mentorship_decline,
    mentorship_transition,
)
from tandem.mentorships.tests.factories import make_mentorship
from tandem.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_a_proposal_begins_when_both_people_accept(program, mentor, mentee):
    proposal = make_mentorship(program=program, mentor=mentor, mentee=mentee, status="proposed")
    mentorship_accept(mentorship=proposal, by=mentee)
    proposal.refresh_from_db()
    assert proposal.status == MentorshipStatus.PROPOSED
    mentorship_accept(mentorship=proposal, by=mentor)
    proposal.refresh_from_db()
    assert proposal.status == MentorshipStatus.ACTIVE
    assert proposal.started_at is not None
    assert Notification.objects.filter(kind="mentorship_started").count() == 2


def test_only_the_two_people_can_answer_a_proposal(program, mentor, mentee, outsider):
    proposal = make_mentorship(program=program, mentor=mentor, mentee=mentee, status="proposed")
    with pytest.raises(ValidationError, match="Only the two people"):
        mentorship_accept(mentorship=proposal, by=outsider)
    with pytest.raises(ValidationError, match="Only the two people"):
        mentorship_decline(mentorship=proposal, by=outsider, reason="no")


def test_declining_needs_a_reason_and_frees_both_places(program, mentor, mentee):
    proposal = make_mentorship(program=program, mentor=mentor, mentee=mentee, status="proposed")
    with pytest.raises(ValidationError) as error:
        mentorship_decline(mentorship=proposal, by=mentee, reason="  ")
    assert "reason" in error.value.message_dict
    mentorship_decline(mentorship=proposal, by=mentee, reason="We work in the same team.")
    proposal.refresh_from_db()
    assert proposal.status == MentorshipStatus.DECLINED
    assert proposal.mentor_enrollment.load == 0
    assert proposal.mentee_enrollment.load == 0


def test_every_transition_is_recorded_with_who(mentorship, mentee):
    mentorship_transition(mentorship=mentorship, to_status="paused", by=mentee)
    mentorship_transition(mentorship=mentorship, to_status="active", by=mentee)
    steps = list(
        MentorshipEvent.objects.filter(mentorship=mentorship).values_list(
            "from_status", "to_status", "by"
        )
    )
    assert steps == [
        ("", "active", None),
        ("active", "paused", mentee.pk),
        ("paused", "active", mentee.pk),
    ]


@pytest.mark.parametrize(
    ("start", "target"),
    [("active", "proposed"), ("active", "declined"), ("completed", "active"), ("ended", "paused")],
)
def test_illegal_transitions_are_refused(mentorship, mentee, start, target):
    type(mentorship).objects.filter(pk=mentorship.pk).update(status=start)
    with pytest.raises(ValidationError):
        mentorship_transition(mentorship=mentorship, to_status=target, by=mentee)


def test_ending_early_needs_a_reason_code(mentorship, mentor):
    with pytest.raises(ValidationError) as error:
        mentorship_transition(mentorship=mentorship, to_status="ended", by=mentor)
    assert "reason" in error.value.message_dict
    mentorship_transition(mentorship=mentorship, to_status="ended", by=mentor, reason="no_time")
    mentorship.refresh_from_db()
    assert (mentorship.status, mentorship.end_reason) == ("ended", "no_time")
    assert mentorship.mentor_enrollment.load == 0


def test_an_outsider_cannot_move_a_mentorship(mentorship, outsider):
    with pytest.raises(ValidationError):
        mentorship_transition(mentorship=mentorship, to_status="paused", by=outsider)


def test_a_program_admin_can_pause_it(mentorship, program_manager):
    mentorship_transition(mentorship=mentorship, to_status="paused", by=program_manager)
    mentorship.refresh_from_db()
    assert mentorship.status == "paused"
