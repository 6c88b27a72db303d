"""Starting and solving match runs: parameters, refusals, proposals with their reasons, the
people left unmatched and why, mutual programs, and what a run keeps about itself."""

import pytest
from django.core.exceptions import ValidationError

from tandem.matching.engine.model import DEFAULT_WEIGHTS
from tandem.matching.models import MatchRun, UnmatchedReason
from tandem.matching.services import match_run_start
from tandem.matching.tests.factories import enroll_mentee, enroll_mentor, finished_run
from tandem.mentorships.tests.factories import make_mentorship
from tandem.programs.models import Program

pytestmark = pytest.mark.django_db


def _pairs(run):
    return {
        (p.mentee_enrollment.person.first_name, p.mentor_enrollment.person.first_name)
        for p in run.proposals.with_people()
    }


def test_a_run_proposes_the_pairs_that_fit_and_explains_each(cohort, program_admin):
    run = finished_run(cohort.program, program_admin)
    assert _pairs(run) == {("Theo", "Maria"), ("Ana", "Maria"), ("Ben", "Omar")}
    theo = run.proposals.get(mentee_enrollment=cohort.theo)
    assert 0 < theo.score <= 1
    assert "SQL" in theo.explanation
    skills = next(f for f in theo.factors if f["factor"] == "skills")
    assert skills["value"] == 1.0 and skills["label"] == "Skills wanted vs expertise offered"
    assert sum(f["contribution"] for f in theo.factors) == pytest.approx(theo.score, abs=1e-3)
    assert not run.unmatched.exists()


def test_a_run_keeps_its_parameters_who_ran_it_its_stats_and_timings(cohort, program_admin):
    run = finished_run(
        cohort.program,
        program_admin,
        objective="max_coverage",
        weights={"skills": 0.8, "interests": 0},
        constraints={"shared_language": False, "min_mentor_seniority": 4},
    )
    assert (run.number, run.objective, run.created_by) == (1, "max_coverage", program_admin)
    assert run.weights == DEFAULT_WEIGHTS | {"skills": 0.8, "interests": 0.0}
    assert run.constraints["shared_language"] is False
    assert run.constraints["min_mentor_seniority"] == 4 and run.constraints["reporting_line"]
    assert run.started_at <= run.finished_at and run.progress == 100
    assert set(run.timings) == {"build", "solve", "explain", "save"}
    assert run.stats["mentees"] == 3 and run.matched_count == 3
    assert run.people_count == 5 and run.places_count == 3 and not run.in_background
    assert sorted(run.mentee_ids) == sorted([cohort.theo.pk, cohort.ana.pk, cohort.ben.pk])
    assert run.mentor_places == {str(cohort.maria.pk): 2, str(cohort.omar.pk): 1}


def test_runs_are_numbered_within_their_program(cohort, program_admin):
    first = finished_run(cohort.program, program_admin)
    second = finished_run(cohort.program, program_admin, objective="stable")
    assert (first.number, second.number) == (1, 2)
    assert list(MatchRun.objects.for_program(cohort.program)) == [second, first]


def test_someone_no_mentor_may_have_is_unmatched_with_the_reason(cohort, program_admin):
    enroll_mentee(cohort.program, languages=["ja"], first_name="Kenji")
    run = finished_run(cohort.program, program_admin)
    [row] = run.unmatched.select_related("enrollment__person")
    assert row.enrollment.person.first_name == "Kenji"
    assert row.reason == UnmatchedReason.NO_ADMISSIBLE
    assert row.detail.startswith("no admissible mentor")
    assert "constraints" in row.help()


def test_when_places_run_out_the_last_mentee_is_told_capacity(cohort, program_admin):
    enroll_mentee(cohort.program, wants=["SQL"], first_name="Zoe")
    run = finished_run(cohort.program, program_admin)
    assert run.proposals.count() == 3
    [row] = run.unmatched.all()
    assert row.reason == UnmatchedReason.CAPACITY


def test_a_mentors_manager_is_never_proposed(cohort, program_admin):
    cohort.theo.person.profile.manager = cohort.maria.person
    cohort.theo.person.profile.save()
    run = finished_run(cohort.program, program_admin)
    theo = run.proposals.filter(mentee_enrollment=cohort.theo).first()
    assert theo is None or theo.mentor_enrollment != cohort.maria


def test_only_waiting_mentees_and_mentors_with_room_take_part(cohort, program_admin):
    make_mentorship(program=cohort.program, mentor=cohort.omar.person, mentee=cohort.ben.person)
    run = finished_run(cohort.program, program_admin)
    assert _pairs(run) == {("Theo", "Maria"), ("Ana", "Maria")}
    assert cohort.ben.pk not in run.mentee_ids
    assert str(cohort.omar.pk) not in run.mentor_places


def test_a_mutual_program_pairs_its_peers(circle, program_manager):
    run = finished_run(circle.program, program_manager, objective="max_coverage")
    assert run.peers
    pairs = {frozenset(p.pair_key()) for p in run.proposals.with_people()}
    assert pairs == {
        frozenset({circle.priya.person_id, circle.paul.person_id}),
        frozenset({circle.quinn.person_id, circle.rita.person_id}),
    }
    proposal = run.proposals.with_people().get(mentee_enrollment__in=[circle.priya, circle.paul])
    assert {f["factor"] for f in proposal.factors} == set(DEFAULT_WEIGHTS)
    skills = next(f for f in proposal.factors if f["factor"] == "skills")
    assert skills["value"] == 1.0  # each teaches the other what they want
    assert proposal.explanation


def test_an_odd_peer_out_is_unmatched_with_the_reason(circle, program_manager):
    from tandem.matching.tests.factories import enroll_peer

    enroll_peer(circle.program, languages=["ja"], first_name="Kenji")
    run = finished_run(circle.program, program_manager)
    [row] = run.unmatched.select_related("enrollment__person")
    assert row.enrollment.person.first_name == "Kenji"
    assert row.reason == UnmatchedReason.NO_ADMISSIBLE


def test_stable_is_not_offered_to_a_mutual_program(circle, program_manager):
    with pytest.raises(ValidationError) as error:
        match_run_start(program=circle.program, by=program_manager, objective="stable")
    assert "objective" in error.value.message_dict


def test_mentor_side_constraints_are_refused_for_peers(circle, program_manager):
    with pytest.raises(ValidationError) as error:
        match_run_start(
            program=circle.program, by=program_manager, constraints={"mentor_must_be_senior": True}
        )
    assert error.value.message_dict == {
        "constraints.mentor_must_be_senior": ["Not used in a mutual program."]
    }


@pytest.mark.parametrize(
    ("parameters", "field"),
    [
        ({"objective": "fastest"}, "objective"),
        ({"weights": {"charisma": 0.5}}, "weights.charisma"),
        ({"weights": {"skills": -1}}, "weights.skills"),
        ({"weights": {"skills": "lots"}}, "weights.skills"),
        ({"weights": {"skills": float("nan")}}, "weights.skills"),
        ({"weights": dict.fromkeys(DEFAULT_WEIGHTS, 0)}, "weights"),
        ({"constraints": {"shared_language": "yes"}}, "constraints.shared_language"),
        ({"constraints": {"min_mentor_seniority": 9}}, "constraints.min_mentor_seniority"),
        ({"constraints": {"nepotism": True}}, "constraints.nepotism"),
    ],
)
def test_bad_parameters_name_their_field_and_record_nothing(
    cohort, program_admin, parameters, field
):
    with pytest.raises(ValidationError) as error:
        match_run_start(program=cohort.program, by=program_admin, **parameters)
    assert field in error.value.message_dict
    assert not MatchRun.objects.exists()


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"status": "enrolling"}, "enrollment has closed"),
        ({"status": "closed"}, "enrollment has closed"),
        ({"matching_mode": "self_select"}, "mentees choose their own mentor"),
    ],
)
def test_a_program_not_ready_for_matching_is_refused(cohort, program_admin, change, reason):
    Program.objects.filter(pk=cohort.program.pk).update(**change)
    cohort.program.refresh_from_db()
    with pytest.raises(ValidationError, match=reason):
        match_run_start(program=cohort.program, by=program_admin)
    assert not MatchRun.objects.exists()


def test_a_hybrid_program_that_is_running_can_rematch(cohort, program_admin):
    Program.objects.filter(pk=cohort.program.pk).update(status="running", matching_mode="hybrid")
    cohort.program.refresh_from_db()
    assert finished_run(cohort.program, program_admin).proposals.count() == 3


def test_nobody_waiting_is_refused(program, program_admin):
    Program.objects.filter(pk=program.pk).update(status="matching")
    program.refresh_from_db()
    enroll_mentor(program, offers=["SQL"])
    with pytest.raises(ValidationError, match="Nobody is waiting"):
        match_run_start(program=program, by=program_admin)


def test_no_mentor_with_room_is_refused(program, program_admin):
    Program.objects.filter(pk=program.pk).update(status="matching")
    program.refresh_from_db()
    enroll_mentee(program, wants=["SQL"])
    enroll_mentor(program, offers=["SQL"], capacity=0)
    with pytest.raises(ValidationError, match="No approved mentor has a place left"):
        match_run_start(program=program, by=program_admin)


def test_a_failure_is_recorded_with_its_reason(cohort, program_admin, monkeypatch):
    def broken_engine(problem):
        raise RuntimeError("the solver ran out of memory")

    monkeypatch.setattr("tandem.matching.services.solve_problem", broken_engine)
    run = match_run_start(program=cohort.program, by=program_admin)
    assert run.status == "failed"
    assert run.error == "RuntimeError: the solver ran out of memory"
    assert run.finished_at is not None and not run.proposals.exists()


def test_a_large_run_is_queued_for_the_worker(cohort, program_admin, settings):
    settings.MATCH_RUN_BACKGROUND_ABOVE = 4
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    run = match_run_start(program=cohort.program, by=program_admin)
    assert (run.status, run.in_background, run.people_count) == ("queued", True, 5)
    assert run.stage == "Waiting for the background worker"
    assert not run.proposals.exists()


def test_a_small_run_answers_at_once(cohort, program_admin, settings):
    settings.MATCH_RUN_BACKGROUND_ABOVE = 5
    run = match_run_start(program=cohort.program, by=program_admin)
    assert (run.status, run.in_background) == ("done", False)
