import pytest
from django.core.exceptions import ValidationError

from tandem.mentorships.models import Mentorship, MentorshipEvent, MentorshipStatus
from tandem.mentorships.services import (
    agreement_save,
    agreement_sign,
    mentorship_accept,
    mentorship_decline,
    mentorship_transition,
)
from tandem.mentorships.tests.factories import make_mentorship
from tandem.notifications.models import Notification
from tandem.people.tests.factories import UserFactory
from tandem.programs.tests.factories import EnrollmentFactory, ProgramFactory

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


# --- who is told -------------------------------------------------------------------------------


def _told(person, kind) -> list[Notification]:
    return list(Notification.objects.filter(recipient=person, kind=kind))


def test_one_acceptance_tells_the_other_side_their_answer_is_awaited(program, mentor, mentee):
    proposal = make_mentorship(program=program, mentor=mentor, mentee=mentee, status="proposed")
    assert len(_told(mentor, "proposal_received")) == len(_told(mentee, "proposal_received")) == 1
    mentorship_accept(mentorship=proposal, by=mentee)
    [note] = _told(mentor, "proposal_accepted")
    assert note.needs_action


def test_declining_tells_the_partner_and_the_programs_admins(
    program, mentor, mentee, program_manager
):
    proposal = make_mentorship(program=program, mentor=mentor, mentee=mentee, status="proposed")
    mentorship_decline(mentorship=proposal, by=mentor, reason="I am leaving the team.")
    assert _told(mentee, "proposal_declined")
    [admin_note] = _told(program_manager, "proposal_declined")
    assert "I am leaving the team." in admin_note.body and admin_note.needs_action


def test_pausing_tells_the_partner_not_the_one_who_paused(mentorship, mentor, mentee):
    mentorship_transition(mentorship=mentorship, to_status="paused", by=mentee, note="Holidays")
    [note] = _told(mentor, "mentorship_paused")
    assert note.body == "Note: Holidays"
    assert not _told(mentee, "mentorship_paused")
    mentorship_transition(mentorship=mentorship, to_status="active", by=mentor)
    assert _told(mentee, "mentorship_resumed")


def test_an_admin_pausing_tells_both(mentorship, mentor, mentee, program_manager):
    mentorship_transition(mentorship=mentorship, to_status="paused", by=program_manager)
    assert _told(mentor, "mentorship_paused") and _told(mentee, "mentorship_paused")


def test_completing_asks_for_reflections_and_invites_the_mentee_to_mentor(
    mentorship, mentor, mentee
):
    next_cohort = ProgramFactory(name="Onboarding, autumn", purpose="onboarding")
    mentorship_transition(mentorship=mentorship, to_status="completed", by=mentor)
    [asked] = _told(mentee, "mentorship_completed")
    assert asked.needs_action and asked.url.endswith(f"/{mentorship.pk}/reflection/")
    [invitation] = _told(mentee, "mentor_invitation")
    assert invitation.url == next_cohort.get_absolute_url()
    assert not _told(mentor, "mentor_invitation")


def test_the_invitation_prefers_the_programs_next_cohort(mentorship, mentee):
    ProgramFactory(name="Sales skills", purpose="skills")
    cohort = ProgramFactory(name="Onboarding, autumn", purpose=mentorship.program.purpose)
    mentorship_transition(mentorship=mentorship, to_status="completed", by=mentee)
    assert _told(mentee, "mentor_invitation")[0].url == cohort.get_absolute_url()


def test_ending_early_invites_nobody(mentorship, mentee):
    mentorship_transition(mentorship=mentorship, to_status="ended", by=mentee, reason="no_time")
    assert not Notification.objects.filter(kind="mentor_invitation").exists()


def test_in_a_mutual_mentorship_both_peers_are_invited(mutual_mentorship, peer, peer_partner):
    mentorship_transition(mentorship=mutual_mentorship, to_status="completed", by=peer)
    assert _told(peer, "mentor_invitation") and _told(peer_partner, "mentor_invitation")


def test_an_unknown_reason_code_names_the_field(mentorship, mentee):
    with pytest.raises(ValidationError) as error:
        mentorship_transition(mentorship=mentorship, to_status="completed", by=mentee, reason="x")
    assert "reason" in error.value.message_dict


# --- what to do next ----------------------------------------------------------------------------


def test_the_next_action_follows_the_mentorship(program, mentor, mentee):
    proposal = make_mentorship(program=program, mentor=mentor, mentee=mentee, status="proposed")
    assert proposal.next_action(mentee).code == "answer_proposal"
    mentorship_accept(mentorship=proposal, by=mentee)
    proposal.refresh_from_db()
    assert proposal.next_action(mentee).code == "await_answer"
    mentorship_accept(mentorship=proposal, by=mentor)
    proposal.refresh_from_db()
    assert proposal.next_action(mentor).code == "write_agreement"
    agreement = agreement_save(
        mentorship=proposal,
        by=mentee,
        goals="Grow.",
        start_date="2026-03-02",
        end_date="2026-08-28",
    )
    assert proposal.next_action(mentor).code == "sign_agreement"
    agreement_sign(agreement=agreement, by=mentor)
    assert proposal.next_action(mentor).code == "await_signature"
    agreement_sign(agreement=agreement, by=mentee)
    assert proposal.next_action(mentor).label == "Agreement in force: meet every two weeks"
    mentorship_transition(mentorship=proposal, to_status="completed", by=mentee)
    proposal.refresh_from_db()
    assert proposal.next_action(mentor).code == "reflect"
    assert proposal.next_action(mentee).needs_me


def test_a_list_with_progress_costs_a_fixed_number_of_queries(
    django_assert_max_num_queries, program, mentor
):
    EnrollmentFactory(program=program, person=mentor, role="mentor", capacity=5)
    for _ in range(4):
        make_mentorship(program=program, mentor=mentor, mentee=UserFactory())
    with django_assert_max_num_queries(4):
        actions = [
            m.next_action(mentor) for m in Mentorship.objects.involving(mentor).with_progress()
        ]
    assert [a.code for a in actions] == ["meet"] * 4
