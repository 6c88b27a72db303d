"""Publishing a run: every proposal becomes a proposed mentorship, at once and only once; people
who took a place since the run are reported, never double-booked."""

import pytest
from django.core.exceptions import ValidationError

from tandem.matching.models import RunStatus
from tandem.matching.services import match_run_publish, proposal_swap
from tandem.matching.tests.factories import enroll_mentor, finished_run
from tandem.mentorships.models import Mentorship, MentorshipOrigin
from tandem.mentorships.tests.factories import make_mentorship
from tandem.notifications.models import Notification
from tandem.programs.models import Enrollment, Program

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(cohort, program_admin):
    return finished_run(cohort.program, program_admin)


def test_publishing_proposes_every_pair_and_tells_both_people(run, cohort, program_admin):
    report = match_run_publish(run=run, by=program_admin)
    assert len(report.proposed) == 3 and report.skipped == []
    mentorships = Mentorship.objects.filter(program=cohort.program)
    assert mentorships.count() == 3
    assert set(mentorships.values_list("status", "origin", "created_by")) == {
        ("proposed", MentorshipOrigin.MATCH_RUN, program_admin.pk)
    }
    theo = run.proposals.get(mentee_enrollment=cohort.theo)
    assert theo.mentorship.mentor == cohort.maria.person
    assert theo.mentorship.score == pytest.approx(theo.score)
    assert Notification.objects.filter(
        recipient=cohort.theo.person, kind="proposal_received"
    ).exists()
    run.refresh_from_db()
    assert run.is_published and run.published_by == program_admin


def test_publishing_takes_the_places(run, cohort, program_admin):
    match_run_publish(run=run, by=program_admin)
    loads = dict(Enrollment.objects.filter(program=cohort.program).values_list("pk", "load"))
    assert loads[cohort.maria.pk] == 2 and loads[cohort.omar.pk] == 1 and loads[cohort.theo.pk] == 1


def test_a_run_is_published_once(run, program_admin):
    match_run_publish(run=run, by=program_admin)
    with pytest.raises(ValidationError, match="already published"):
        match_run_publish(run=run, by=program_admin)
    assert Mentorship.objects.count() == 3


def test_a_pair_made_by_hand_is_published_as_paired_by_an_admin(run, cohort, program_admin):
    spare = enroll_mentor(cohort.program, offers=["SQL"], capacity=1, first_name="Sara")
    proposal_swap(
        proposal=run.proposals.get(mentee_enrollment=cohort.theo), partner=spare, by=program_admin
    )
    match_run_publish(run=run, by=program_admin)
    theo = Mentorship.objects.get(mentee=cohort.theo.person)
    assert (theo.mentor, theo.origin) == (spare.person, MentorshipOrigin.ADMIN)


def test_someone_booked_since_the_run_is_reported_not_double_booked(run, cohort, program_admin):
    sara = enroll_mentor(cohort.program, capacity=1, first_name="Sara")
    make_mentorship(program=cohort.program, mentor=sara.person, mentee=cohort.ben.person)
    report = match_run_publish(run=run, by=program_admin)
    [skipped] = report.skipped
    assert skipped.mentee_enrollment == cohort.ben
    assert skipped.skipped_reason == "Ben Brown already has a mentoring partner in this program."
    assert len(report.proposed) == 2
    assert Mentorship.objects.filter(mentee=cohort.ben.person).count() == 1
    cohort.ben.refresh_from_db()
    cohort.omar.refresh_from_db()
    assert (cohort.ben.load, cohort.omar.load) == (1, 0)


def test_a_mentor_filled_since_the_run_is_reported_too(run, cohort, program_admin):
    make_mentorship(program=cohort.program, mentor=cohort.omar.person)
    report = match_run_publish(run=run, by=program_admin)
    assert [p.skipped_reason for p in report.skipped] == [
        "Omar Okafor has no place left (capacity 1)."
    ]


def test_a_second_run_published_after_the_first_skips_everyone_taken(run, cohort, program_admin):
    second = finished_run(cohort.program, program_admin, objective="stable")
    match_run_publish(run=run, by=program_admin)
    with pytest.raises(ValidationError, match="None of the proposals can be made"):
        match_run_publish(run=second, by=program_admin)
    second.refresh_from_db()
    assert not second.is_published
    assert not second.proposals.exclude(skipped_reason="").exists()  # rolled back as a whole
    assert Mentorship.objects.count() == 3


def test_an_unfinished_run_cannot_be_published(run, program_admin):
    type(run).objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    run.refresh_from_db()
    with pytest.raises(ValidationError, match="finished"):
        match_run_publish(run=run, by=program_admin)


def test_a_run_cannot_be_published_once_the_program_is_closed(run, cohort, program_admin):
    Program.objects.filter(pk=cohort.program.pk).update(status="closed")
    with pytest.raises(ValidationError, match="closed"):
        match_run_publish(run=run, by=program_admin)
    assert not Mentorship.objects.exists()


def test_a_mutual_run_publishes_mutual_mentorships(circle, program_manager):
    run = finished_run(circle.program, program_manager)
    match_run_publish(run=run, by=program_manager)
    mentorships = Mentorship.objects.filter(program=circle.program)
    assert mentorships.count() == 2
    assert set(mentorships.values_list("kind", flat=True)) == {"mutual"}
    for mentorship in mentorships:
        assert mentorship.mentor_id < mentorship.mentee_id  # the core orders the two sides
    pair = Mentorship.objects.involving(circle.priya.person).get()
    assert pair.partner_of(circle.priya.person) == circle.paul.person


def test_the_two_people_read_why_they_were_proposed(run, cohort, program_admin, client):
    match_run_publish(run=run, by=program_admin)
    proposal = run.proposals.get(mentee_enrollment=cohort.theo)
    client.force_login(cohort.theo.person)
    page = client.get(proposal.mentorship.get_absolute_url()).content.decode()
    assert "Why you two:" in page
    assert proposal.explanation in page
    assert "Factor by factor" in page
