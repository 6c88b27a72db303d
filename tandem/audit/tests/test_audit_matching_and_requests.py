"""Match runs, proposals, mentorship requests and reflections in the audit log: the program's
admins read their program's entries; the words participants wrote (a request's motivation, a
mentor's answer, a reflection) are never recorded."""

import pytest
from auditlog.models import LogEntry

from tandem.api.testing import api_client
from tandem.matching.services import match_run_publish, proposal_swap
from tandem.matching.tests.factories import enroll_mentee, enroll_mentor, finished_run
from tandem.mentorships.services import (
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
from tandem.programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db

ADMIRE = "Your talk on incident reviews changed how our team works"
HOPE = "I hope to run my first blameless post-mortem on my own"
ANSWER = "My quarter is full, but Lea would be a great fit"
GAINED = "Courage to push back on an impossible deadline"
PARTNER_GAINED = "A sharper eye for the cost of context switching"


@pytest.fixture
def history(program, program_manager, program_admin, mentor, mentee):
    """In `program` (run by program_manager): a run started, edited by hand and published; a
    request declined with a message; a closed mentorship with a reflection."""
    program.status, program.matching_mode = "matching", "hybrid"
    program.save()
    enroll_mentor(program, mentor, offers=["SQL"], capacity=1)
    spare = enroll_mentor(program, offers=["SQL"], capacity=1, first_name="Sven")
    theo = enroll_mentee(program, mentee, wants=["SQL"])
    run = finished_run(program, program_manager)
    proposal = run.proposals.get(mentee_enrollment=theo)
    proposal_swap(proposal=proposal, partner=spare, by=program_manager, override=True)
    match_run_publish(run=run, by=program_manager)

    choosing = ProgramFactory(status="running", matching_mode="self_select")
    choosing.admins.add(program_manager)
    asker = mentee_enrollment(choosing)
    request = make_request(
        mentee=asker.person,
        mentor_enrollment=mentor_enrollment(choosing, mentor),
        admire=ADMIRE,
        hope_to_gain=HOPE,
    )
    mentorship_request_decline(request=request, by=mentor, message=ANSWER)

    closed = make_mentorship(program=choosing, mentor=mentor)
    mentorship_transition(mentorship=closed, to_status="completed", by=mentor)
    reflection_save(
        mentorship=closed,
        by=mentor,
        gained=GAINED,
        partner_gained=PARTNER_GAINED,
        recommend="yes",
        reason="goals_met",
    )
    return {"program": program, "choosing": choosing, "run": run, "request": request}


def _read_by(user) -> list[dict]:
    return api_client(user).get("/api/v1/audit/entries", {"limit": 200}).json()["items"]


def test_the_programs_admin_reads_runs_proposals_requests_and_reflections(
    history, program_manager, other_program_admin
):
    seen = _read_by(program_manager)
    models = {entry["model"] for entry in seen}
    assert {
        "matching.matchrun",
        "matching.proposal",
        "matching.proposalchange",
        "mentorships.mentorshiprequest",
        "mentorships.reflection",
    } <= models
    run = next(e for e in seen if e["model"] == "matching.matchrun" and e["action"] == "update")
    assert {c["field"] for c in run["changes"]} >= {"published_at", "published_by"}
    request = [e for e in seen if e["model"] == "mentorships.mentorshiprequest"]
    assert {e["program"] for e in request} == {history["choosing"].pk}
    assert any(
        c["field"] == "status" and c["after"] == "declined" for e in request for c in e["changes"]
    )
    reflection = next(e for e in seen if e["model"] == "mentorships.reflection")
    assert {c["field"] for c in reflection["changes"]} == {
        "mentorship",
        "author",
        "recommend",
        "reason",
    }
    assert not [e for e in _read_by(other_program_admin) if e["model"].startswith("matching.")]


def test_the_words_participants_wrote_are_never_recorded(history):
    everything = str(
        list(LogEntry.objects.values_list("changes", "object_repr", "additional_data"))
    )
    for words in (ADMIRE, HOPE, ANSWER, GAINED, PARTNER_GAINED):
        assert words not in everything
