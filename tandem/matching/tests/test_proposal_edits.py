"""Changing a run's proposals by hand: the preview before saving, swaps with and without broken
constraints, places that edits can never overfill, removals, pairing the unmatched, peers."""

import pytest
from django.core.exceptions import ValidationError

from tandem.matching.models import ProposalChange, UnmatchedReason
from tandem.matching.services import pair_preview, proposal_add, proposal_remove, proposal_swap
from tandem.matching.tests.factories import enroll_mentee, enroll_mentor, finished_run
from tandem.mentorships.tests.factories import make_mentorship
from tandem.programs.tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(cohort, program_admin):
    return finished_run(cohort.program, program_admin)


@pytest.fixture
def spare(cohort):
    """A third mentor with room, who offers SQL too."""
    return enroll_mentor(cohort.program, offers=["SQL"], capacity=1, first_name="Sara")


def _proposal(run, mentee):
    return run.proposals.with_people().get(mentee_enrollment=mentee)


def test_the_preview_scores_a_pair_as_the_run_did(run, cohort):
    theo = _proposal(run, cohort.theo)
    preview = pair_preview(run=run, person=cohort.theo, partner=cohort.maria, replacing=theo)
    assert preview.score == pytest.approx(theo.score, abs=1e-4)
    assert preview.explanation == theo.explanation
    assert preview.refusals == ["That is already the proposed pair."]


def test_the_preview_shows_the_new_score_its_reasons_and_nothing_is_saved(run, cohort, spare):
    theo = _proposal(run, cohort.theo)
    preview = pair_preview(run=run, person=cohort.theo, partner=spare, replacing=theo)
    assert preview.can_save and not preview.broken
    assert "SQL" in preview.explanation
    assert 0 < preview.percent <= 100
    assert preview.score_change == preview.percent - theo.percent
    assert _proposal(run, cohort.theo).mentor_enrollment == cohort.maria


def test_a_swap_gives_the_mentee_another_mentor_and_is_logged(run, cohort, spare, program_admin):
    theo = _proposal(run, cohort.theo)
    proposal_swap(proposal=theo, partner=spare, by=program_admin)
    theo.refresh_from_db()
    assert theo.mentor_enrollment == spare
    assert theo.edited_by == program_admin and not theo.overridden and theo.broken == []
    assert "SQL" in theo.explanation
    change = run.changes.get()
    assert change.action == ProposalChange.Action.SWAP and change.by == program_admin
    assert "Theo" in change.description and "Sara" in change.description


def test_a_swap_that_breaks_a_constraint_needs_an_explicit_override(run, cohort, program_admin):
    german = enroll_mentor(cohort.program, languages=["de"], capacity=1, first_name="Greta")
    theo = _proposal(run, cohort.theo)
    preview = pair_preview(run=run, person=cohort.theo, partner=german, replacing=theo)
    assert preview.broken == ["they share no language"] and preview.needs_override
    with pytest.raises(ValidationError) as error:
        proposal_swap(proposal=theo, partner=german, by=program_admin)
    assert "they share no language" in error.value.message_dict["override"][0]
    theo.refresh_from_db()
    assert theo.mentor_enrollment == cohort.maria and not run.changes.exists()

    proposal_swap(proposal=theo, partner=german, by=program_admin, override=True)
    theo.refresh_from_db()
    assert theo.mentor_enrollment == german
    assert theo.overridden and theo.broken == ["they share no language"]
    assert run.changes.get().overridden == ["they share no language"]


def test_the_reporting_line_shows_in_the_preview(run, cohort, program_admin):
    boss = enroll_mentor(cohort.program, capacity=1, first_name="Bea")
    cohort.theo.person.profile.manager = boss.person
    cohort.theo.person.profile.save()
    preview = pair_preview(
        run=run, person=cohort.theo, partner=boss, replacing=_proposal(run, cohort.theo)
    )
    assert preview.broken == ["they are in the same reporting line"]


def test_a_swap_never_overfills_a_mentor(run, cohort, program_admin):
    ben = _proposal(run, cohort.ben)
    with pytest.raises(ValidationError) as error:
        proposal_swap(proposal=ben, partner=cohort.maria, by=program_admin, override=True)
    assert (
        "Maria Mentor has no place left: 2 in all, 2 taken or proposed."
        in (error.value.message_dict["partner"])
    )
    ben.refresh_from_db()
    assert ben.mentor_enrollment == cohort.omar


def test_a_mentor_freed_by_a_swap_has_room_again(run, cohort, spare, program_admin):
    proposal_swap(proposal=_proposal(run, cohort.theo), partner=spare, by=program_admin)
    ben = _proposal(run, cohort.ben)
    proposal_swap(proposal=ben, partner=cohort.maria, by=program_admin)
    ben.refresh_from_db()
    assert ben.mentor_enrollment == cohort.maria


def test_places_taken_since_the_run_count(run, cohort, program_admin):
    outsider = EnrollmentFactory(program=cohort.program, role="mentee")
    make_mentorship(program=cohort.program, mentor=cohort.maria.person, mentee=outsider.person)
    preview = pair_preview(
        run=run, person=cohort.ben, partner=cohort.maria, replacing=_proposal(run, cohort.ben)
    )
    assert not preview.can_save
    assert "no place left" in preview.refusals[0]


def test_a_mentee_booked_since_the_run_cannot_be_swapped(run, cohort, spare, program_admin):
    make_mentorship(program=cohort.program, mentor=spare.person, mentee=cohort.theo.person)
    with pytest.raises(ValidationError, match="already has a mentoring partner"):
        proposal_swap(proposal=_proposal(run, cohort.theo), partner=cohort.omar, by=program_admin)


def test_a_partner_must_be_a_mentor_of_this_program(
    run, cohort, program_admin, other_program_admin
):
    from tandem.programs.models import Program

    elsewhere = enroll_mentor(Program.objects.get(slug="leadership"), offers=["SQL"])
    theo = _proposal(run, cohort.theo)
    with pytest.raises(ValidationError) as error:
        proposal_swap(proposal=theo, partner=elsewhere, by=program_admin)
    assert "partner" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        proposal_swap(proposal=theo, partner=cohort.ana, by=program_admin)
    assert "is not enrolled as a mentor" in error.value.message_dict["partner"][0]


def test_removing_a_proposal_lists_the_mentee_as_unmatched(run, cohort, program_admin):
    proposal_remove(proposal=_proposal(run, cohort.ben), by=program_admin)
    assert run.proposals.count() == 2
    row = run.unmatched.get()
    assert (row.enrollment, row.reason) == (cohort.ben, UnmatchedReason.REMOVED)
    assert "Lena Lead" in row.detail
    assert run.changes.get().action == ProposalChange.Action.REMOVE


def test_an_unmatched_mentee_can_be_paired_by_hand(run, cohort, spare, program_admin):
    proposal_remove(proposal=_proposal(run, cohort.ben), by=program_admin)
    proposal = proposal_add(run=run, person=cohort.ben, partner=spare, by=program_admin)
    assert proposal.mentor_enrollment == spare and proposal.is_edited
    assert not run.unmatched.exists()


def test_someone_with_a_proposal_is_not_added_twice(run, cohort, spare, program_admin):
    with pytest.raises(ValidationError) as error:
        proposal_add(run=run, person=cohort.theo, partner=spare, by=program_admin)
    assert "already has a proposal" in error.value.message_dict["person"][0]


def test_a_mentee_outside_the_run_cannot_be_paired_in_it(run, cohort, spare, program_admin):
    late = enroll_mentee(cohort.program, wants=["SQL"], first_name="Lou")
    with pytest.raises(ValidationError) as error:
        proposal_add(run=run, person=late, partner=spare, by=program_admin)
    assert "was not in this run" in error.value.message_dict["person"][0]


def test_a_published_run_can_no_longer_change(run, cohort, spare, program_admin):
    from tandem.matching.services import match_run_publish

    match_run_publish(run=run, by=program_admin)
    with pytest.raises(ValidationError, match="published"):
        proposal_swap(proposal=_proposal(run, cohort.theo), partner=spare, by=program_admin)
    with pytest.raises(ValidationError, match="published"):
        proposal_remove(proposal=_proposal(run, cohort.ben), by=program_admin)


# --- peers -----------------------------------------------------------------------------------


@pytest.fixture
def peer_run(circle, program_manager):
    from tandem.matching.tests.factories import enroll_peer

    enroll_peer(circle.program, wants=["SQL"], first_name="Sol", languages=["en"])
    return finished_run(circle.program, program_manager, objective="max_coverage")


def test_a_peer_gets_another_partner_and_the_old_one_waits(peer_run, circle, program_manager):
    [sol] = peer_run.unmatched.all()
    pair = peer_run.proposals.with_people().get(
        mentee_enrollment__in=[circle.priya, circle.paul],
        mentor_enrollment__in=[circle.priya, circle.paul],
    )
    proposal_swap(proposal=pair, person=circle.priya, partner=sol.enrollment, by=program_manager)
    pair.refresh_from_db()
    assert {pair.mentee_enrollment, pair.mentor_enrollment} == {circle.priya, sol.enrollment}
    row = peer_run.unmatched.get()
    assert (row.enrollment, row.reason) == (circle.paul, UnmatchedReason.PARTNER_CHANGED)


def test_a_peer_already_paired_cannot_be_taken(peer_run, circle, program_manager):
    pair = peer_run.proposals.get(mentee_enrollment__in=[circle.priya, circle.paul])
    with pytest.raises(ValidationError, match="already has a partner"):
        proposal_swap(proposal=pair, person=circle.priya, partner=circle.rita, by=program_manager)


def test_a_peer_preview_scores_both_ways_as_the_solver(peer_run, circle):
    pair = peer_run.proposals.with_people().get(mentee_enrollment__in=[circle.quinn, circle.rita])
    preview = pair_preview(
        run=peer_run,
        person=pair.mentee_enrollment,
        partner=pair.mentor_enrollment,
        replacing=pair,
    )
    assert preview.score == pytest.approx(pair.score, abs=1e-4)


def test_removing_a_peer_pair_frees_both(peer_run, circle, program_manager):
    pair = peer_run.proposals.get(mentee_enrollment__in=[circle.quinn, circle.rita])
    proposal_remove(proposal=pair, by=program_manager)
    freed = set(
        peer_run.unmatched.filter(reason=UnmatchedReason.REMOVED).values_list(
            "enrollment", flat=True
        )
    )
    assert freed == {circle.quinn.pk, circle.rita.pk}
