import json

import pytest

from tandem.growth import services
from tandem.growth.models import (
    Celebration,
    Congratulation,
    Goal,
    GoalUpdate,
    Rater,
    RaterGroup,
    Rating,
    Training,
)
from tandem.growth.privacy import ERASED, erase, personal_data
from tandem.growth.reports import goal_counts, program_goal_counts
from tandem.growth.results import assessment_results
from tandem.growth.tests.factories import (
    TrainingFactory,
    answer,
    closed_assessment,
    make_assessment,
    make_goal,
    make_plan,
    rater,
)
from tandem.people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(mentorship, mentee, mentor):
    """A mentee with a goal reached and congratulated, a reviewed plan and a closed 360°."""
    goal = make_goal(owner=mentee, mentorship=mentorship)
    services.goal_progress(goal=goal, by=mentee, progress=50, note="Halfway, nervous.")
    services.goal_comment(goal=goal, by=mentor, text="You will be great.")
    services.goal_reach(goal=goal, by=mentee)
    services.celebration_congratulate(
        celebration=Celebration.objects.get(), by=mentor, text="Bravo!"
    )
    plan = make_plan(mentorship=mentorship)
    services.plan_submit(plan=plan, by=mentee, note="My first plan")
    services.plan_suggest(plan=plan, by=mentor, comment="Add a deadline for feedback.")
    services.plan_review(plan=plan, by=mentor, outcome="changes")
    assessment = closed_assessment(
        mentorship=mentorship,
        me=[4, 4, 4],
        mentor=[3, 3, 3],
        coworkers=[[1, 2, 3], [5, 5, 5]],
    )
    return {"goal": goal, "plan": plan, "assessment": assessment}


def test_personal_data_holds_what_the_person_wrote_and_what_is_about_them(history, mentee):
    data = personal_data(mentee)
    json.dumps(data)  # a data download is plain JSON
    [goal] = data["goals"]
    assert goal["title"] == "Present our roadmap"
    assert [m["title"] for m in goal["milestones"]][0] == "Draft the slides"
    assert {entry["text"] for entry in goal["log"]} >= {"Halfway, nervous.", "You will be great."}
    assert goal["congratulations_received"][0]["text"] == "Bravo!"
    [plan] = data["development_plans"]
    assert plan["versions"][0]["note"] == "My first plan"
    assert plan["suggestions_received"][0]["comment"] == "Add a deadline for feedback."
    [assessment] = data["assessments_as_subject"]
    assert assessment["answers_per_group"]["coworker"] == {"invited": 2, "answered": 2}
    assert data["ratings_given"][0]["as"] == "self"


def test_a_subjects_download_never_holds_individual_coworker_ratings(history, mentee):
    [assessment] = personal_data(mentee)["assessments_as_subject"]
    assert [r["coworkers_average"] for r in assessment["results"]] == [None, None, None]
    text = json.dumps(assessment)
    assert "coworker0@example.com" not in text


def test_a_raters_download_holds_their_own_answers_only(history, mentor):
    data = personal_data(mentor)
    [given] = data["ratings_given"]
    assert (given["as"], [r["score"] for r in given["ratings"]]) == ("mentor", [3, 3, 3])
    assert data["goals"] == []
    assert data["goal_comments_written"][0]["text"] == "You will be great."
    assert data["congratulations_written"][0]["text"] == "Bravo!"
    assert data["plan_reviews_written"][0]["comment"] == "Add a deadline for feedback."


def test_answers_given_by_email_belong_to_the_account_with_that_address(mentorship):
    assessment = make_assessment(mentorship=mentorship, coworkers=["Ana <ana@example.com>"])
    answer(rater(assessment, RaterGroup.COWORKER), [4, 4, 4], ["Calm", "", ""])
    ana = UserFactory(email="ana@example.com")  # she has an account now
    [given] = personal_data(ana)["ratings_given"]
    assert (given["as"], given["ratings"][0]["comment"]) == ("coworker", "Calm")
    erase(ana)
    assert not Rater.objects.filter(email="ana@example.com").exists()


def test_erasing_keeps_the_counts_program_reports_use(history, mentee, mentorship):
    before = program_goal_counts(program=mentorship.program)
    erase(mentee)
    after = program_goal_counts(program=mentorship.program)
    assert after == before
    goal = Goal.objects.get()
    assert (goal.title, goal.specific, goal.success_criteria) == (ERASED, "", "")
    assert (goal.status, goal.progress) == ("reached", 100)
    assert set(goal.milestones.values_list("title", flat=True)) == {ERASED}
    assert not GoalUpdate.objects.exclude(text="").filter(goal=goal).exists()
    plan = history["plan"]
    plan.refresh_from_db()
    assert (plan.status, plan.version, plan.job_demands) == ("changes", 1, "")
    assert set(plan.items.values_list("description", flat=True)) == {ERASED}
    assert set(plan.versions.get().items.values_list("description", flat=True)) == {ERASED}


def test_erasing_a_subject_keeps_scores_but_not_words(history, mentee):
    assessment = history["assessment"]
    scores_before = sorted(Rating.objects.values_list("score", flat=True))
    erase(mentee)
    assessment.refresh_from_db()
    assert assessment.title == ERASED
    assert sorted(Rating.objects.values_list("score", flat=True)) == scores_before
    assert not Rating.objects.exclude(comment="").exists()
    assert [c.self_score for c in assessment_results(assessment).competencies] == [4, 4, 4]


def test_erasing_a_rater_forgets_who_they_were_but_keeps_the_averages(history, mentor):
    assessment = history["assessment"]
    erase(mentor)
    mentor_rater = Rater.objects.get(assessment=assessment, group="mentor")
    assert (mentor_rater.person, mentor_rater.email, mentor_rater.name) == (None, "", "")
    assert [c.mentor_score for c in assessment_results(assessment).competencies] == [3, 3, 3]
    assert not Congratulation.objects.exists()
    assert not GoalUpdate.objects.filter(kind="comment").exists()


def test_erasing_an_expert_withdraws_their_sessions(mentee, mentor):
    course = TrainingFactory()
    services.training_complete(training=course, person=mentee)
    session = services.training_offer_sharing(training=course, by=mentee, description="Notes")
    internal = TrainingFactory(kind="internal", expert=mentee, added_by=mentee)
    erase(mentee)
    assert not Training.objects.filter(pk=session.pk).exists()
    internal.refresh_from_db()
    assert (internal.expert, internal.added_by, internal.is_active) == (None, None, False)
    assert personal_data(mentee)["training_completed"] == []


def test_erase_is_safe_for_someone_with_nothing_here(outsider):
    erase(outsider)
    assert personal_data(outsider)["goals"] == []
    assert goal_counts(Goal.objects.all()).goals == 0
