"""Every growth page for every role: goals and plans are the pair's; admins see counts and
completion; co-worker ratings are never shown one by one; a rater sees only their answers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.growth import services
from tandem.growth.models import (
    Celebration,
    Congratulation,
    DevelopmentPlan,
    Goal,
    PlanSuggestion,
    RaterGroup,
)
from tandem.growth.tests.factories import (
    TrainingFactory,
    answer,
    closed_assessment,
    make_assessment,
    make_goal,
    make_plan,
    rater,
)
from tandem.people.models import Skill
from tandem.people.tests.factories import UserFactory
from tandem.tests.roles import ROLES

pytestmark = pytest.mark.django_db

EVERYONE = set(ROLES) - {"anonymous"}
ADMINS_OF_PROGRAM = {"program_manager", "program_admin", "superuser"}
PAIR = {"mentor", "mentee"}


def _expected(role: str, allowed: set[str], refused: int = 404) -> int:
    if role == "anonymous":
        return 302
    return 200 if role in allowed else refused


def _get(as_role, role, url):
    return as_role(role).get(url)


@pytest.fixture
def goal(mentorship, mentee):
    return make_goal(owner=mentee, mentorship=mentorship, title="Present our roadmap")


@pytest.fixture
def peer_goal(mutual_mentorship, peer):
    return make_goal(owner=peer, mentorship=mutual_mentorship, title="Run a retrospective")


# --- the hub and the goals tab ---------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_growth_home(role, as_role, mentorship):
    assert _get(as_role, role, reverse("growth:home")).status_code == _expected(role, EVERYONE)


@pytest.mark.parametrize("role", ROLES)
def test_goals_tab_of_a_mentorship(role, as_role, goal):
    url = reverse("growth:goals", args=[goal.mentorship_id])
    response = _get(as_role, role, url)
    assert response.status_code == _expected(role, PAIR | ADMINS_OF_PROGRAM)
    if response.status_code == 200:
        page = response.content.decode()
        assert ("Present our roadmap" in page) == (role in PAIR)
        if role in ADMINS_OF_PROGRAM:
            assert "Goals set" in page


@pytest.mark.parametrize("role", ROLES)
def test_goals_tab_of_a_mutual_mentorship(role, as_role, peer_goal):
    response = _get(as_role, role, reverse("growth:goals", args=[peer_goal.mentorship_id]))
    assert response.status_code == _expected(role, {"peer"} | ADMINS_OF_PROGRAM)
    if response.status_code == 200:
        assert ("Run a retrospective" in response.content.decode()) == (role == "peer")


def test_admins_read_counts_and_completion_not_content(as_role, goal, mentee):
    services.milestone_reach(milestone=goal.milestones.first(), by=mentee)
    make_goal(owner=mentee, mentorship=goal.mentorship, title="Secret ambition")
    services.goal_reach(goal=goal, by=mentee)
    response = as_role("program_manager").get(reverse("growth:goals", args=[goal.mentorship_id]))
    summary = response.context["summary"][0]
    assert (summary.goals.goals, summary.goals.reached, summary.goals.completion_rate) == (
        2,
        1,
        0.5,
    )
    page = response.content.decode()
    for secret in ("Secret ambition", "Present our roadmap", "Draft the slides"):
        assert secret not in page


@pytest.mark.parametrize("role", ROLES)
def test_set_a_goal_page(role, as_role, mentorship):
    response = _get(as_role, role, reverse("growth:goal_create", args=[mentorship.pk]))
    expected = _expected(role, {"mentee"})
    assert response.status_code == (403 if role == "mentor" else expected)


@pytest.mark.parametrize("role", ROLES)
def test_set_a_goal_in_a_mutual_mentorship(role, as_role, mutual_mentorship):
    response = _get(as_role, role, reverse("growth:goal_create", args=[mutual_mentorship.pk]))
    assert response.status_code == _expected(role, {"peer"})


@pytest.mark.parametrize("role", ROLES)
def test_goal_detail(role, as_role, goal):
    assert _get(as_role, role, goal.get_absolute_url()).status_code == _expected(role, PAIR)


@pytest.mark.parametrize("role", ROLES)
def test_goal_detail_in_a_mutual_mentorship(role, as_role, peer_goal):
    response = _get(as_role, role, peer_goal.get_absolute_url())
    assert response.status_code == _expected(role, {"peer"})


@pytest.mark.parametrize("role", ROLES)
def test_a_personal_goal_is_its_owners_alone(role, as_role, mentee):
    personal = make_goal(owner=mentee, title="Run a half marathon")
    response = _get(as_role, role, personal.get_absolute_url())
    assert response.status_code == _expected(role, {"mentee"})


@pytest.mark.parametrize("role", ROLES)
def test_goal_edit_page(role, as_role, goal):
    response = _get(as_role, role, reverse("growth:goal_edit", args=[goal.pk]))
    assert response.status_code == (403 if role == "mentor" else _expected(role, {"mentee"}))


@pytest.mark.parametrize("role", ROLES)
def test_reaching_a_milestone(role, as_role, goal):
    milestone = goal.milestones.first()
    response = as_role(role).post(reverse("growth:milestone_reach", args=[milestone.pk]))
    milestone.refresh_from_db()
    if role == "mentee":
        assert response.status_code == 302
        assert milestone.is_reached
    else:
        assert response.status_code == {"anonymous": 302, "mentor": 403}.get(role, 404)
        assert not milestone.is_reached


@pytest.mark.parametrize("role", ROLES)
def test_progress_updates(role, as_role, goal):
    response = as_role(role).post(reverse("growth:goal_progress", args=[goal.pk]), {"progress": 60})
    goal.refresh_from_db()
    assert (goal.progress == 60) == (role == "mentee")
    if role != "mentee":
        assert response.status_code == {"anonymous": 302, "mentor": 403}.get(role, 404)


@pytest.mark.parametrize("role", ROLES)
def test_commenting_on_a_goal(role, as_role, goal):
    response = as_role(role).post(
        reverse("growth:goal_comment", args=[goal.pk]), {"text": "Keep going!"}
    )
    assert goal.updates.filter(kind="comment").exists() == (role in PAIR)
    if role not in PAIR:
        assert response.status_code == (302 if role == "anonymous" else 404)


@pytest.mark.parametrize("role", ROLES)
def test_congratulating(role, as_role, goal, mentee):
    services.milestone_reach(milestone=goal.milestones.first(), by=mentee)
    celebration = Celebration.objects.get()
    response = as_role(role).post(
        reverse("growth:congratulate", args=[celebration.pk]), {"text": "Well done!"}
    )
    assert Congratulation.objects.exists() == (role == "mentor")
    if role != "mentor":
        assert response.status_code == {"anonymous": 302, "mentee": 403}.get(role, 404)


def test_a_bad_progress_value_is_a_message_not_a_500(as_role, goal):
    response = as_role("mentee").post(
        reverse("growth:goal_progress", args=[goal.pk]), {"progress": "150"}, follow=True
    )
    assert response.status_code == 200
    assert "Progress is a whole number from 0 to 100." in response.content.decode()


def test_the_goal_form_names_the_fields_at_fault(as_role, mentorship):
    response = as_role("mentee").post(
        reverse("growth:goal_create", args=[mentorship.pk]),
        {
            "title": "Learn SQL",
            "specific": "",
            "success_criteria": "Three reports a month.",
            "target_date": "2026-01-01",
            "milestones-TOTAL_FORMS": "1",
            "milestones-INITIAL_FORMS": "0",
            "milestones-0-title": "First report",
            "milestones-0-due_date": "",
        },
    )
    assert response.status_code == 400
    assert "specific" in response.context["form"].errors
    assert "due_date" in response.context["milestones"].forms[0].errors


def test_a_goal_is_set_through_the_page_with_its_milestones(as_role, mentorship):
    response = as_role("mentee").post(
        reverse("growth:goal_create", args=[mentorship.pk]),
        {
            "title": "Learn SQL",
            "specific": "Write my own reports.",
            "success_criteria": "Three reports a month without help.",
            "career_goal": "",
            "why_it_matters": "",
            "target_date": "2027-03-01",
            "milestones-TOTAL_FORMS": "2",
            "milestones-INITIAL_FORMS": "0",
            "milestones-0-title": "First report",
            "milestones-0-due_date": "2027-01-15",
            "milestones-1-title": "",
            "milestones-1-due_date": "",
        },
    )
    goal = mentorship.goals.get()
    assert response.status_code == 302
    assert [m.title for m in goal.milestones.all()] == ["First report"]


# --- development plans -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_plan_page(role, as_role, mentorship):
    make_plan(mentorship=mentorship)
    response = _get(as_role, role, reverse("growth:plan", args=[mentorship.pk]))
    assert response.status_code == _expected(role, PAIR)
    if response.status_code == 200:
        assert "Practise presentation skills" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_plan_page_of_a_mutual_mentorship(role, as_role, mutual_mentorship, peer_partner):
    url = reverse("growth:plan_of", args=[mutual_mentorship.pk, peer_partner.pk])
    assert _get(as_role, role, url).status_code == _expected(role, {"peer"})


def test_an_unreadable_plan_context_is_a_message_and_nothing_changes(client, mentorship, mentee):
    plan = make_plan(mentorship=mentorship)
    client.force_login(mentee)
    url = reverse("growth:plan_context", args=[plan.pk])
    response = client.post(url, {"career_goals": "Lead\x00", "job_demands": "Demos"}, follow=True)
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    plan.refresh_from_db()
    assert plan.job_demands == "Demos to clients."


@pytest.mark.parametrize("role", ROLES)
def test_plan_versions_page(role, as_role, mentorship, mentee):
    plan = make_plan(mentorship=mentorship)
    services.plan_submit(plan=plan, by=mentee)
    response = _get(as_role, role, reverse("growth:plan_versions", args=[plan.pk]))
    assert response.status_code == _expected(role, PAIR)


@pytest.mark.parametrize("role", ROLES)
def test_adding_a_plan_item(role, as_role, mentorship):
    plan = make_plan(mentorship=mentorship, items=())
    presentation = Skill.objects.get(name="Presentation skills")
    response = as_role(role).post(
        reverse("growth:item_create", args=[plan.pk]),
        {
            "skill": presentation.pk,
            "activity": "mentor",
            "description": "Shadow Maria's client demos.",
            "resources": "",
            "target_date": "2027-01-29",
            "status": "planned",
        },
    )
    assert plan.items.exists() == (role == "mentee")
    if role != "mentee":
        assert response.status_code == {"anonymous": 302, "mentor": 403}.get(role, 404)


@pytest.mark.parametrize("role", ROLES)
def test_suggesting_on_a_plan(role, as_role, mentorship, mentee):
    plan = make_plan(mentorship=mentorship)
    services.plan_submit(plan=plan, by=mentee)
    response = as_role(role).post(
        reverse("growth:plan_suggest", args=[plan.pk]),
        {"item": plan.items.get().pk, "field": "", "comment": "Ask for feedback after each."},
    )
    assert PlanSuggestion.objects.exists() == (role == "mentor")
    if role != "mentor":
        assert response.status_code == {"anonymous": 302, "mentee": 403}.get(role, 404)


@pytest.mark.parametrize("role", ROLES)
def test_finishing_a_review(role, as_role, mentorship, mentee):
    plan = make_plan(mentorship=mentorship)
    services.plan_submit(plan=plan, by=mentee)
    as_role(role).post(reverse("growth:plan_review", args=[plan.pk]), {"outcome": "agreed"})
    plan.refresh_from_db()
    assert (plan.status == "agreed") == (role == "mentor")


def test_a_mentee_drafts_and_submits_through_the_pages(as_role, mentorship):
    client = as_role("mentee")
    client.post(reverse("growth:plan_start", args=[mentorship.pk]), {"job_demands": "Demos."})
    plan = mentorship.plans.get()
    response = client.post(reverse("growth:plan_submit", args=[plan.pk]), follow=True)
    assert "Add at least one development item before submitting." in response.content.decode()


def test_a_bad_item_is_shown_at_its_fields(as_role, mentorship):
    plan = make_plan(mentorship=mentorship, items=())
    response = as_role("mentee").post(
        reverse("growth:item_create", args=[plan.pk]),
        {
            "skill": "",
            "activity": "mentor",
            "description": "",
            "target_date": "2020-01-01",
            "status": "planned",
        },
    )
    assert response.status_code == 400
    assert set(response.context["item_form"].errors) >= {"skill", "description"}


# --- 360° assessments ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_assessments_of_a_mentorship(role, as_role, mentorship):
    make_assessment(mentorship=mentorship)
    response = _get(as_role, role, reverse("growth:assessments", args=[mentorship.pk]))
    assert response.status_code == _expected(role, PAIR)


@pytest.mark.parametrize("role", ROLES)
def test_start_assessment_page(role, as_role, mentorship):
    response = _get(as_role, role, reverse("growth:assessment_start", args=[mentorship.pk]))
    assert response.status_code == _expected(role, PAIR)


@pytest.mark.parametrize("role", ROLES)
def test_start_assessment_page_in_a_mutual_mentorship(role, as_role, mutual_mentorship):
    url = reverse("growth:assessment_start", args=[mutual_mentorship.pk])
    assert _get(as_role, role, url).status_code == _expected(role, {"peer"})


@pytest.mark.parametrize("role", ROLES)
def test_assessment_detail(role, as_role, mentorship):
    assessment = make_assessment(mentorship=mentorship)
    response = _get(as_role, role, assessment.get_absolute_url())
    assert response.status_code == _expected(role, PAIR)


@pytest.mark.parametrize("role", ROLES)
def test_assessment_detail_in_a_mutual_mentorship(role, as_role, mutual_mentorship, peer):
    assessment = make_assessment(mentorship=mutual_mentorship, subject=peer)
    response = _get(as_role, role, assessment.get_absolute_url())
    assert response.status_code == _expected(role, {"peer"})


@pytest.mark.parametrize("role", ROLES)
def test_results_export(role, as_role, mentorship):
    assessment = closed_assessment(mentorship=mentorship, me=[3, 3, 3], mentor=[4, 4, 4])
    url = reverse("growth:assessment_export", args=[assessment.pk])
    response = _get(as_role, role, url)
    assert response.status_code == _expected(role, PAIR)


@pytest.mark.parametrize("role", ROLES)
def test_closing_an_assessment(role, as_role, mentorship):
    assessment = make_assessment(mentorship=mentorship)
    as_role(role).post(reverse("growth:assessment_close", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.is_closed == (role in PAIR)


def _two_coworker_assessment(mentorship):
    return closed_assessment(
        mentorship=mentorship, me=[4, 4, 4], mentor=[3, 3, 3], coworkers=[[1, 1, 1], [5, 5, 5]]
    )


@pytest.mark.parametrize("role", ["mentee", "mentor"])
def test_two_coworkers_are_not_shown_on_the_page_nor_in_the_export(role, as_role, mentorship):
    assessment = _two_coworker_assessment(mentorship)
    client = as_role(role)
    page = client.get(assessment.get_absolute_url())
    assert all(c.coworker_average is None for c in page.context["results"].competencies)
    assert "Co-workers (average)" not in [s.name for s in page.context["chart"].series]
    assert "fewer than 3" in page.content.decode()
    export = client.get(reverse("growth:assessment_export", args=[assessment.pk])).content.decode()
    rows = [line.split(",") for line in export.splitlines()[1:4]]
    assert [row[4] for row in rows] == ["", "", ""]


def test_the_mentor_sees_the_average_of_three_coworkers_but_not_who(as_role, mentorship):
    assessment = closed_assessment(
        mentorship=mentorship,
        me=[4, 4, 4],
        mentor=[3, 3, 3],
        coworkers=[[2, 2, 2], [3, 3, 3], [4, 4, 4]],
    )
    page = as_role("mentor").get(assessment.get_absolute_url())
    content = page.content.decode()
    assert [c.coworker_average for c in page.context["results"].competencies] == [3.0, 3.0, 3.0]
    for index in range(3):
        assert f"coworker{index}@example.com" not in content


def test_the_subject_sees_who_was_asked_but_not_who_answered(as_role, mentorship):
    assessment = make_assessment(
        mentorship=mentorship, coworkers=["a@x.example", "b@x.example", "c@x.example"]
    )
    answer(rater(assessment, RaterGroup.COWORKER, 1), [3, 3, 3])
    page = as_role("mentee").get(assessment.get_absolute_url()).content.decode()
    assert "1 of 3" in page
    assert "b@x.example" in page  # who was asked: they chose them
    assert "answered" not in page.split("b@x.example")[1][:80]


def test_a_supervisor_who_rated_sees_their_answers_not_the_results(client, mentorship, mentee):
    boss = UserFactory(email="boss@example.com")
    mentee.profile.manager = boss
    mentee.profile.save()
    assessment = make_assessment(mentorship=mentorship)
    answer(rater(assessment, RaterGroup.SUPERVISOR), [2, 3, 4], ["Needs polish", "", ""])
    answer(rater(assessment, RaterGroup.MENTOR), [5, 5, 5], ["Mentor's secret view", "", ""])
    services.assessment_close(assessment=assessment, by=mentee)
    client.force_login(boss)
    assert client.get(assessment.get_absolute_url()).status_code == 404
    own = client.get(reverse("growth:rate_in_app", args=[rater(assessment, "supervisor").pk]))
    assert "Needs polish" in own.content.decode()
    assert "Mentor&#x27;s secret view" not in own.content.decode()
    assert "Mentor's secret view" not in own.content.decode()


def test_gaps_go_to_the_plan_from_the_results_page(as_role, mentorship):
    assessment = closed_assessment(
        mentorship=mentorship,
        me=[5, 2, 3],
        mentor=[3, 4, 3],
        coworkers=[[3, 4, 3], [3, 4, 3], [3, 4, 3]],
    )
    response = as_role("mentee").post(reverse("growth:assessment_gaps", args=[assessment.pk]))
    assert response.status_code == 302
    assert mentorship.plans.get().items.count() == 2


# --- training and competencies ---------------------------------------------------------------

CAN_ADD_TRAINING = {
    "mentor",
    "peer",
    "program_manager",
    "other_program_admin",
    "program_admin",
    "superuser",
}


@pytest.mark.parametrize("role", ROLES)
def test_training_catalogue(role, as_role, mentorship):
    TrainingFactory(title="Speaking with confidence")
    response = _get(as_role, role, reverse("growth:training"))
    assert response.status_code == _expected(role, EVERYONE)


@pytest.mark.parametrize("role", ROLES)
def test_adding_training(role, as_role, mentorship, mutual_mentorship):
    response = _get(as_role, role, reverse("growth:training_create"))
    assert response.status_code == _expected(role, CAN_ADD_TRAINING, refused=403)


def test_a_skill_filter_beyond_any_id_finds_nothing_rather_than_failing(client, mentee):
    TrainingFactory(title="Speaking with confidence")
    client.force_login(mentee)
    for skill in ("99999999999999999999999", "²", "-1"):
        response = client.get(reverse("growth:training"), {"skill": skill})
        assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_training_detail(role, as_role):
    training = TrainingFactory()
    response = _get(as_role, role, training.get_absolute_url())
    assert response.status_code == _expected(role, EVERYONE)


@pytest.mark.parametrize("role", ROLES)
def test_editing_training(role, as_role, mentor):
    training = TrainingFactory(added_by=mentor)
    response = _get(as_role, role, reverse("growth:training_edit", args=[training.pk]))
    allowed = {"mentor", "program_admin", "superuser"}
    assert response.status_code == _expected(role, allowed, refused=403)


@pytest.mark.parametrize("role", ROLES)
def test_program_competencies(role, as_role, program):
    response = _get(as_role, role, reverse("growth:competencies", args=[program.slug]))
    assert response.status_code == _expected(role, ADMINS_OF_PROGRAM, refused=403)


@pytest.mark.parametrize("role", ROLES)
def test_competency_lists(role, as_role, program):
    response = _get(as_role, role, reverse("growth:competency_programs"))
    allowed = ADMINS_OF_PROGRAM | {"other_program_admin"}
    assert response.status_code == _expected(role, allowed, refused=403)


def test_offering_a_knowledge_sharing_session_after_completing_a_course(as_role, mentee):
    course = TrainingFactory(title="Negotiation masterclass", skill_names=["Negotiation"])
    client = as_role("mentee")
    share = reverse("growth:training_share", args=[course.pk])
    assert client.get(share).status_code == 403
    client.post(reverse("growth:training_completed", args=[course.pk]))
    response = client.post(
        share,
        {
            "title": "What I learnt: negotiation",
            "description": "The three moves that changed my client calls.",
            "format": "virtual",
            "starts_on": "2026-12-10",
        },
    )
    session = course.sharing_sessions.get()
    assert response.status_code == 302
    assert (session.kind, session.expert) == ("sharing", mentee)
    assert [s.name for s in session.skills.all()] == ["Negotiation"]
    catalogue = client.get(reverse("growth:training"), {"kind": "sharing"}).content.decode()
    assert "What I learnt: negotiation" in catalogue


def test_a_program_admin_adds_a_competency(as_role, program):
    coaching = Skill.objects.get(name="Coaching")
    client = as_role("program_manager")
    url = reverse("growth:competencies", args=[program.slug])
    client.post(url, {"skill": coaching.pk, "description": "Asks before telling."})
    assert program.competencies.get().skill == coaching
    again = client.post(url, {"skill": coaching.pk})
    assert again.status_code == 400
    assert "already on the list" in again.content.decode()


# --- the remaining pages and actions, role by role -------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_personal_goal_page(role, as_role):
    response = _get(as_role, role, reverse("growth:personal_goal_create"))
    assert response.status_code == _expected(role, EVERYONE)


@pytest.mark.parametrize("role", ROLES)
def test_plan_of_the_mentee(role, as_role, mentorship, mentee):
    make_plan(mentorship=mentorship)
    url = reverse("growth:plan_of", args=[mentorship.pk, mentee.pk])
    assert _get(as_role, role, url).status_code == _expected(role, PAIR)


@pytest.mark.parametrize("role", ROLES)
def test_item_edit_page(role, as_role, mentorship):
    item = make_plan(mentorship=mentorship).items.get()
    response = _get(as_role, role, reverse("growth:item_edit", args=[item.pk]))
    assert response.status_code == (403 if role == "mentor" else _expected(role, {"mentee"}))


@pytest.mark.parametrize("role", ROLES)
def test_rating_in_the_app_is_for_the_rater_only(role, as_role, mentorship):
    assessment = make_assessment(mentorship=mentorship)
    url = reverse("growth:rate_in_app", args=[rater(assessment, RaterGroup.MENTOR).pk])
    assert _get(as_role, role, url).status_code == _expected(role, {"mentor"})


@pytest.mark.parametrize("role", ROLES)
def test_sharing_page_needs_a_completed_outside_training(role, as_role, mentee):
    course = TrainingFactory()
    services.training_complete(training=course, person=mentee)
    response = _get(as_role, role, reverse("growth:training_share", args=[course.pk]))
    assert response.status_code == _expected(role, {"mentee"}, refused=403)


def _goal_actions(goal):
    milestone = goal.milestones.first()
    return {
        "reach": (reverse("growth:goal_reach", args=[goal.pk]), {}),
        "set_aside": (reverse("growth:goal_set_aside", args=[goal.pk]), {"note": "Not now."}),
        "add_milestone": (
            reverse("growth:milestone_add", args=[goal.pk]),
            {"title": "Extra", "due_date": "2027-01-10"},
        ),
        "delete_milestone": (reverse("growth:milestone_delete", args=[milestone.pk]), {}),
        "delete": (reverse("growth:goal_delete", args=[goal.pk]), {}),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "action", ["reach", "set_aside", "add_milestone", "delete_milestone", "delete"]
)
def test_only_the_owner_changes_a_goal(role, action, as_role, goal):
    url, data = _goal_actions(goal)[action]
    before = (goal.status, goal.milestones.count(), Goal.objects.count())
    response = as_role(role).post(url, data)
    goal_now = Goal.objects.filter(pk=goal.pk).first()
    after = (
        (goal_now.status, goal_now.milestones.count(), Goal.objects.count()) if goal_now else None
    )
    if role == "mentee":
        assert response.status_code == 302
        assert after != before
    else:
        assert response.status_code == {"anonymous": 302, "mentor": 403}.get(role, 404)
        assert after == before


@pytest.mark.parametrize("role", ROLES)
def test_only_the_owner_submits_and_revises_a_plan(role, as_role, mentorship, mentee, mentor):
    plan = make_plan(mentorship=mentorship)
    as_role(role).post(reverse("growth:plan_submit", args=[plan.pk]))
    plan.refresh_from_db()
    assert (plan.status == "submitted") == (role == "mentee")
    if role == "mentee":
        services.plan_review(plan=plan, by=mentor, outcome="agreed")
        as_role(role).post(reverse("growth:plan_revise", args=[plan.pk]))
        plan.refresh_from_db()
        assert plan.status == "draft"


@pytest.mark.parametrize("role", ROLES)
def test_only_the_owner_answers_a_suggestion(role, as_role, mentorship, mentee, mentor):
    plan = make_plan(mentorship=mentorship)
    services.plan_submit(plan=plan, by=mentee)
    suggestion = services.plan_suggest(plan=plan, by=mentor, comment="Be specific.")
    services.plan_review(plan=plan, by=mentor, outcome="changes")
    as_role(role).post(
        reverse("growth:suggestion_answer", args=[suggestion.pk]), {"answer": "Will do."}
    )
    suggestion.refresh_from_db()
    assert (suggestion.state == "answered") == (role == "mentee")


@pytest.mark.parametrize("role", ROLES)
def test_only_the_subject_invites_coworkers(role, as_role, mentorship):
    assessment = make_assessment(mentorship=mentorship)
    as_role(role).post(
        reverse("growth:assessment_coworkers", args=[assessment.pk]),
        {"coworkers": "ana@example.com"},
    )
    invited = assessment.raters.filter(group="coworker").exists()
    assert invited == (role == "mentee")


@pytest.mark.parametrize("role", ROLES)
def test_only_the_pair_sends_reminders(role, as_role, mentorship):
    assessment = make_assessment(mentorship=mentorship)
    response = as_role(role).post(reverse("growth:assessment_remind", args=[assessment.pk]))
    expected = 302 if role in PAIR | {"anonymous"} else 404
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_only_admins_of_the_program_remove_a_competency(role, as_role, program, program_admin):
    competency = services.competency_add(
        program=program, by=program_admin, skill=Skill.objects.get(name="Coaching")
    )
    as_role(role).post(reverse("growth:competency_remove", args=[competency.pk]))
    assert program.competencies.exists() == (role not in ADMINS_OF_PROGRAM)


# --- no N+1 ----------------------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _celebrated_goal(mentorship, mentee, mentor, title):
    goal = make_goal(owner=mentee, mentorship=mentorship, title=title)
    services.milestone_reach(milestone=goal.milestones.first(), by=mentee)
    services.celebration_congratulate(celebration=goal.celebrations.get(), by=mentor, text="Yay")


def test_the_goals_page_costs_the_same_for_more_goals(as_role, mentorship, mentee, mentor):
    _celebrated_goal(mentorship, mentee, mentor, "One")
    client = as_role("mentor")
    url = reverse("growth:goals", args=[mentorship.pk])
    few = _queries(client, url)
    for title in ("Two", "Three", "Four"):
        _celebrated_goal(mentorship, mentee, mentor, title)
    assert _queries(client, url) == few


def _reviewed_plan(mentorship, mentee, mentor, names):
    DevelopmentPlan.objects.all().delete()
    plan = make_plan(mentorship=mentorship, items=names)
    services.plan_submit(plan=plan, by=mentee)
    for item in plan.items.all():
        services.plan_suggest(plan=plan, by=mentor, item=item, comment="Why this one?")
    return plan


def test_the_plan_page_costs_the_same_for_more_items(as_role, mentorship, mentee, mentor):
    _reviewed_plan(mentorship, mentee, mentor, ("Presentation skills",))
    client = as_role("mentor")
    url = reverse("growth:plan", args=[mentorship.pk])
    few = _queries(client, url)
    more = ("Presentation skills", "Delegation", "Coaching", "Giving feedback")
    _reviewed_plan(mentorship, mentee, mentor, more)
    assert _queries(client, url) == few
