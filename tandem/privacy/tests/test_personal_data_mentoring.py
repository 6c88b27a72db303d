"""Requests, reflections, proposals and their decline reasons in a person's data: the download
has them, erasure takes the person's words out (and the notifications' copies of them) while
the rows — and so every count — stay."""

import pytest

from tandem.matching.models import Proposal
from tandem.matching.services import match_run_publish
from tandem.matching.tests.factories import enroll_mentee, enroll_mentor, finished_run
from tandem.mentorships.models import MentorshipRequest, Reflection
from tandem.mentorships.services import (
    mentorship_decline,
    mentorship_request_decline,
    mentorship_transition,
    reflection_save,
)
from tandem.mentorships.tests.factories import (
    make_mentorship,
    make_request,
    mentee_enrollment,
    mentor_enrollment,
)
from tandem.notifications.models import Notification
from tandem.people.tests.factories import UserFactory
from tandem.privacy.services import person_erase, personal_data_collect
from tandem.privacy.tests.test_personal_data import _mentions
from tandem.programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db

ADMIRE = "Your migration of the ledger to event sourcing"
HOPE = "I want to reason about consistency without fear"
ANSWER = "I am on parental leave from May, so not this time"
DECLINE_REASON = "We sit in the same daily stand-up already"
GAINED = "I finally wrote my first design document alone"
PARTNER_GAINED = "Maria got a fresh look at our onboarding material"


@pytest.fixture
def story(program, program_manager, mentor, mentee):
    """The mentee: proposed to the mentor by a match run and declining it with a reason; asking
    Sven in a self-select program and declined with an answer; reflecting on a closed
    mentorship with the mentor."""
    program.status, program.matching_mode = "matching", "admin"
    program.save()
    enroll_mentor(program, mentor, offers=["SQL"])
    enroll_mentee(program, mentee, wants=["SQL"])
    run = finished_run(program, program_manager)
    match_run_publish(run=run, by=program_manager)
    proposal = run.proposals.get()
    mentorship_decline(mentorship=proposal.mentorship, by=mentee, reason=DECLINE_REASON)

    choosing = ProgramFactory(status="running", matching_mode="self_select")
    mentee_enrollment(choosing, mentee)
    sven = mentor_enrollment(choosing, UserFactory(first_name="Sven", last_name="Sorensen"))
    request = make_request(mentee=mentee, mentor_enrollment=sven, admire=ADMIRE, hope_to_gain=HOPE)
    mentorship_request_decline(request=request, by=sven.person, message=ANSWER)

    closed = make_mentorship(mentor=mentor, mentee=mentee)
    mentorship_transition(mentorship=closed, to_status="completed", by=mentor)
    reflection_save(
        mentorship=closed,
        by=mentee,
        gained=GAINED,
        partner_gained=PARTNER_GAINED,
        recommend="with_reservations",
        reason="goals_met",
    )
    return {"proposal": proposal, "request": request, "sven": sven.person, "closed": closed}


def test_the_download_has_requests_reflections_decline_reasons_and_proposals(story, mentee):
    data = personal_data_collect(person=mentee)
    sent = data["mentorships"]["requests"][0]
    assert (sent["direction"], sent["admire"], sent["hope_to_gain"]) == ("sent", ADMIRE, HOPE)
    assert sent["mentors_answer"] == ANSWER
    reflection = data["mentorships"]["reflections_i_wrote"][0]
    assert (reflection["gained"], reflection["partner_gained"]) == (GAINED, PARTNER_GAINED)
    notes = [step["note"] for step in data["mentorships"]["lifecycle_steps_taken"]]
    assert DECLINE_REASON in notes
    proposed = data["matching"]["proposals_naming_me"][0]
    assert proposed["partner"] == "Maria Mentor" and proposed["explanation"]


def test_the_mentor_asked_finds_the_request_and_their_answer(story):
    received = personal_data_collect(person=story["sven"])["mentorships"]["requests"][0]
    assert (received["direction"], received["admire"]) == ("received", ADMIRE)
    assert received["mentors_answer"] == ANSWER


def test_erasing_the_mentee_takes_their_words_and_keeps_the_rows(story, mentee):
    counts = (
        MentorshipRequest.objects.count(),
        Reflection.objects.count(),
        Proposal.objects.count(),
    )
    assert _mentions(ADMIRE, HOPE, GAINED, DECLINE_REASON)
    person_erase(person=mentee)
    assert _mentions(ADMIRE, HOPE, GAINED, PARTNER_GAINED, DECLINE_REASON) == []
    assert counts == (
        MentorshipRequest.objects.count(),
        Reflection.objects.count(),
        Proposal.objects.count(),
    )
    request, reflection = MentorshipRequest.objects.get(), Reflection.objects.get()
    assert (request.status, request.score) == ("declined", story["request"].score)
    assert request.response == ANSWER  # the mentor's words are the mentor's
    assert (reflection.recommend, reflection.reason) == ("with_reservations", "goals_met")
    proposal = Proposal.objects.get()
    assert proposal.score == story["proposal"].score and proposal.explanation == ""
    # The admins keep the notice that the proposal was declined, without the reason.
    told = Notification.objects.get(
        kind="proposal_declined", recipient__email="manager@example.com"
    )
    assert "removed at the writer's request" in told.body


def test_erasing_the_mentor_asked_takes_their_answer_from_the_mentees_notification(story, mentee):
    person_erase(person=story["sven"])
    assert _mentions(ANSWER) == []
    assert MentorshipRequest.objects.get().admire == ADMIRE  # the mentee's words stay theirs
    told = mentee.notifications.get(kind="request_declined")
    assert "removed at the writer's request" in told.body
