"""Assessment aggregation, the three-co-worker rule, gaps, change over time, gaps into the plan."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tandem.growth import services
from tandem.growth.models import RaterGroup
from tandem.growth.reports import program_skill_change
from tandem.growth.results import assessment_change, assessment_progress, assessment_results
from tandem.growth.tests.factories import (
    answer,
    closed_assessment,
    make_assessment,
    make_plan,
    rater,
)
from tandem.people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor(mentee):
    boss = UserFactory(email="boss@example.com")
    mentee.profile.manager = boss
    mentee.profile.save()
    return boss


def _by_name(results):
    return {c.name: c for c in results.competencies}


def test_results_per_competency_self_mentor_supervisor_and_coworkers(mentorship, supervisor):
    assessment = closed_assessment(
        mentorship=mentorship,
        me=[5, 2, 3],
        mentor=[3, 4, 3],
        supervisor=[3, 4, 2],
        coworkers=[[3, 5, 3], [2, 4, 3], [4, 3, 4]],
    )
    results = _by_name(assessment_results(assessment))
    speaking = results["Presentation skills"]
    assert (speaking.self_score, speaking.mentor_score, speaking.supervisor_score) == (5, 3, 3)
    assert speaking.coworker_average == 3.0
    assert speaking.others == 3.0
    assert (speaking.gap, speaking.gap_kind) == (2.0, "blind_spot")
    feedback = results["Giving feedback"]
    assert feedback.coworker_average == 4.0
    assert (feedback.gap, feedback.gap_kind) == (-2.0, "hidden_strength")
    delegation = results["Delegation"]
    assert delegation.coworker_average == 3.33
    assert delegation.others == 2.78
    assert delegation.gap_kind == ""


def test_two_coworkers_are_never_shown(mentorship):
    assessment = closed_assessment(
        mentorship=mentorship, me=[4, 4, 4], mentor=[3, 3, 3], coworkers=[[1, 1, 1], [5, 5, 5]]
    )
    results = assessment_results(assessment)
    assert results.coworkers_answered == 2
    assert not results.coworkers_shown
    for competency in results.competencies:
        assert competency.coworker_average is None
        assert competency.coworkers_rated
        # "Others" is only what may be shown: here, the mentor.
        assert competency.others == 3.0
    assert "at least 3 co-workers" in results.coworker_note
    assert "fewer did" in results.coworker_note


def test_three_coworkers_are_shown_as_an_average_only(mentorship):
    assessment = closed_assessment(
        mentorship=mentorship,
        me=[4, 4, 4],
        mentor=[3, 3, 3],
        coworkers=[[1, 2, 3], [5, 2, 3], [3, 2, 4]],
    )
    results = assessment_results(assessment)
    assert results.coworkers_shown
    assert [c.coworker_average for c in results.competencies] == [3.0, 2.0, 3.33]
    assert not hasattr(results.competencies[0], "coworker_scores")


def test_the_rule_holds_per_competency_when_some_coworkers_did_not_observe(mentorship):
    assessment = closed_assessment(
        mentorship=mentorship,
        me=[4, 4, 4],
        mentor=[3, 3, 3],
        coworkers=[[4, None, 3], [4, 2, 3], [4, None, 3]],
    )
    results = _by_name(assessment_results(assessment))
    assert results["Presentation skills"].coworker_average == 4.0
    # Only one co-worker rated feedback: their score must not appear as an "average".
    assert results["Giving feedback"].coworker_average is None
    assert results["Giving feedback"].coworkers_rated


def test_coworker_comments_are_pooled_sorted_and_only_beside_an_average(mentorship):
    assessment = closed_assessment(
        mentorship=mentorship,
        me=[4, 4, 4],
        mentor=[3, 3, 3],
        coworkers=[[4, 3, 3], [4, 3, 3], [4, 3, 3]],
    )
    # Answer comments directly: the factory's `answer` helper takes them per competency.
    results = assessment_results(assessment)
    assert all(c.group != "Co-workers" for r in results.competencies for c in r.comments)

    fresh = make_assessment(mentorship=mentorship, coworkers=["a@x.example", "b@x.example"])
    answer(rater(fresh, RaterGroup.COWORKER, 0), [4, 4, 4], ["Zesty demos", "", ""])
    answer(rater(fresh, RaterGroup.COWORKER, 1), [3, 3, 3], ["Always prepared", "", ""])
    answer(rater(fresh, RaterGroup.MENTOR), [3, 3, 3], ["Calm under questions", "", ""])
    services.assessment_close(assessment=fresh)
    speaking = assessment_results(fresh).competencies[0]
    # Two co-workers: their comments are withheld with their scores; the mentor's stays.
    assert [(c.group, c.text) for c in speaking.comments] == [("Mentor", "Calm under questions")]


def test_coworker_comments_appear_unattributed_in_alphabetical_order(mentorship):
    fresh = make_assessment(
        mentorship=mentorship, coworkers=["a@x.example", "b@x.example", "c@x.example"]
    )
    for index, comment in enumerate(["Zesty demos", "Always prepared", "Might slow down"]):
        answer(rater(fresh, RaterGroup.COWORKER, index), [4, 3, 3], [comment, "", ""])
    services.assessment_close(assessment=fresh)
    speaking = assessment_results(fresh).competencies[0]
    assert [(c.group, c.text) for c in speaking.comments] == [
        ("Co-workers", "Always prepared"),
        ("Co-workers", "Might slow down"),
        ("Co-workers", "Zesty demos"),
    ]


def test_results_wait_until_the_assessment_is_closed(mentorship):
    assessment = make_assessment(mentorship=mentorship)
    with pytest.raises(ValidationError) as error:
        assessment_results(assessment)
    assert "status" in error.value.message_dict


def test_progress_counts_answers_per_group_without_names(mentorship):
    assessment = make_assessment(
        mentorship=mentorship, coworkers=["a@x.example", "b@x.example", "c@x.example"]
    )
    answer(rater(assessment, RaterGroup.COWORKER, 1), [3, 3, 3])
    progress = {p.group: (p.invited, p.answered) for p in assessment_progress(assessment)}
    assert progress == {"self": (1, 0), "mentor": (1, 0), "coworker": (3, 1)}


# --- change over time ------------------------------------------------------------------------


def test_a_second_assessment_shows_the_change(mentorship, time_machine):
    first = closed_assessment(
        mentorship=mentorship,
        me=[4, 2, 3],
        mentor=[2, 3, 3],
        coworkers=[[2, 3, 3], [2, 3, 3], [2, 3, 3]],
    )
    time_machine.shift(datetime.timedelta(days=120))
    second = closed_assessment(
        mentorship=mentorship,
        me=[4, 3, 3],
        mentor=[4, 3, 3],
        coworkers=[[3, 3, 3], [4, 3, 3], [4, 3, 3]],
        names=("Presentation skills", "Giving feedback", "Coaching"),
    )
    before, changes = assessment_change(second)
    assert before == first
    speaking = next(c for c in changes if c.name == "Presentation skills")
    assert (speaking.others_before, speaking.others_after, speaking.others_change) == (
        2.0,
        3.83,
        1.83,
    )
    assert speaking.self_change == 0
    assert {c.name for c in changes} == {"Presentation skills", "Giving feedback"}


def test_the_program_report_averages_skill_change_over_people(mentorship, time_machine):
    closed_assessment(mentorship=mentorship, me=[3, 3, 3], mentor=[2, 2, 2])
    time_machine.shift(datetime.timedelta(days=90))
    closed_assessment(mentorship=mentorship, me=[3, 3, 3], mentor=[4, 3, 2])
    report = {c.name: c for c in program_skill_change(program=mentorship.program)}
    assert report["Presentation skills"].others_change == 2.0
    assert report["Giving feedback"].others_change == 1.0
    assert report["Delegation"].others_change == 0.0
    assert report["Delegation"].people == 1


# --- from gaps to the plan -------------------------------------------------------------------


def _gappy(mentorship):
    return closed_assessment(
        mentorship=mentorship,
        me=[5, 2, 3],
        mentor=[3, 4, 3],
        coworkers=[[3, 4, 3], [3, 4, 3], [3, 4, 3]],
    )


def test_gaps_become_plan_items_in_one_step(mentorship, mentee):
    assessment = _gappy(mentorship)
    items = services.assessment_gaps_to_plan(assessment=assessment, by=mentee)
    assert [(i.skill.name, i.activity) for i in items] == [
        ("Presentation skills", "mentor"),
        ("Giving feedback", "teaching"),
    ]
    assert "I rated myself 5, others 3" in items[0].description
    assert all(i.source_assessment == assessment for i in items)
    assert items[0].plan.status == "draft"
    # Twice is once.
    assert services.assessment_gaps_to_plan(assessment=assessment, by=mentee) == []


def test_chosen_gaps_only_and_unknown_skills_refused(mentorship, mentee):
    assessment = _gappy(mentorship)
    speaking = assessment.competencies.get(skill__name="Presentation skills").skill_id
    delegation = assessment.competencies.get(skill__name="Delegation").skill_id
    with pytest.raises(ValidationError) as error:
        services.assessment_gaps_to_plan(assessment=assessment, by=mentee, skill_ids=[delegation])
    assert "skills" in error.value.message_dict
    items = services.assessment_gaps_to_plan(assessment=assessment, by=mentee, skill_ids=[speaking])
    assert [i.skill_id for i in items] == [speaking]


def test_gaps_reopen_an_agreed_plan_and_wait_for_a_review_under_way(mentorship, mentee, mentor):
    plan = make_plan(mentorship=mentorship)
    services.plan_submit(plan=plan, by=mentee)
    assessment = _gappy(mentorship)
    with pytest.raises(ValidationError, match="waiting for its review"):
        services.assessment_gaps_to_plan(assessment=assessment, by=mentee)
    services.plan_review(plan=plan, by=mentor, outcome="agreed")
    services.assessment_gaps_to_plan(assessment=assessment, by=mentee)
    plan.refresh_from_db()
    assert plan.status == "draft"
    assert plan.items.count() == 3


def test_only_the_subject_plans_from_their_gaps(mentorship, mentor):
    assessment = _gappy(mentorship)
    with pytest.raises(ValidationError):
        services.assessment_gaps_to_plan(assessment=assessment, by=mentor)
