"""The growth API: happy paths, refusals per role, bad payloads naming their field, and the
co-worker rule in the results."""

import pytest

from tandem.growth import services
from tandem.growth.models import Celebration, RaterGroup, TrainingCompletion
from tandem.growth.tests.factories import (
    TrainingFactory,
    answer,
    closed_assessment,
    make_assessment,
    make_goal,
    make_plan,
    rater,
    skills,
)
from tandem.people.models import Skill
from tandem.tests.roles import ROLES

pytestmark = pytest.mark.django_db

API = "/api/v1/growth"
PAIR = {"mentor", "mentee"}
ADMINS_OF_PROGRAM = {"program_manager", "program_admin", "superuser"}


def _call(client, method: str, path: str, payload=None):
    return getattr(client, method)(API + path, payload or {}, content_type="application/json")


def _status(role, allowed, refused=404):
    if role == "anonymous":
        return 401
    return 200 if role in allowed else refused


def _fields(response) -> set[str]:
    return {error["field"] for error in response.json()["errors"]}


@pytest.fixture
def goal(mentorship, mentee):
    return make_goal(owner=mentee, mentorship=mentorship)


# --- goals -----------------------------------------------------------------------------------


def test_a_mentee_creates_a_goal_with_milestones(as_role, mentorship):
    response = _call(
        as_role("mentee"),
        "post",
        "/goals",
        {
            "mentorship_id": mentorship.pk,
            "title": "Lead a retrospective",
            "specific": "Facilitate the team's next retrospective.",
            "success_criteria": "Three actions agreed and followed up.",
            "target_date": "2027-01-29",
            "milestones": [{"title": "Shadow one", "due_date": "2026-12-11"}],
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["title"], body["status"], body["progress"]) == (
        "Lead a retrospective",
        "active",
        0,
    )
    assert [m["title"] for m in body["milestones"]] == ["Shadow one"]


def test_a_malformed_goal_names_the_field(as_role, mentorship):
    response = _call(as_role("mentee"), "post", "/goals", {"title": "x", "target_date": "soon"})
    assert response.status_code == 422
    assert {"specific", "success_criteria", "target_date"} <= _fields(response)


def test_a_goal_refused_by_a_rule_names_the_field(as_role, mentorship):
    payload = {
        "mentorship_id": mentorship.pk,
        "title": "Mine",
        "specific": "x",
        "success_criteria": "y",
        "target_date": "2027-01-29",
    }
    past = payload | {"target_date": "2020-01-01"}
    response = _call(as_role("mentee"), "post", "/goals", past)
    assert response.status_code == 400
    assert _fields(response) == {"target_date"}


def test_the_mentor_is_refused_setting_a_goal_in_a_one_way_mentorship(as_role, mentorship):
    """403, as the page answers: the mentor sees the goals but the mentee is the one growing."""
    payload = {
        "mentorship_id": mentorship.pk,
        "title": "Mine",
        "specific": "x",
        "success_criteria": "y",
        "target_date": "2027-01-29",
    }
    response = _call(as_role("mentor"), "post", "/goals", payload)
    assert response.status_code == 403
    assert not mentorship.goals.exists()


def test_either_peer_sets_a_goal_in_a_mutual_mentorship(as_role, mutual_mentorship):
    payload = {
        "mentorship_id": mutual_mentorship.pk,
        "title": "Mine",
        "specific": "x",
        "success_criteria": "y",
        "target_date": "2027-01-29",
    }
    assert _call(as_role("peer"), "post", "/goals", payload).status_code == 201


def test_nobody_sets_a_goal_in_a_mentorship_they_cannot_see(as_role, mentorship):
    payload = {
        "mentorship_id": mentorship.pk,
        "title": "Mine",
        "specific": "x",
        "success_criteria": "y",
        "target_date": "2027-01-29",
    }
    assert _call(as_role("program_admin"), "post", "/goals", payload).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_reading_a_goal(role, as_role, goal):
    response = as_role(role).get(f"{API}/goals/{goal.pk}")
    assert response.status_code == _status(role, PAIR)


@pytest.mark.parametrize("role", ROLES)
def test_listing_goals_shows_the_pairs_only(role, as_role, goal):
    response = as_role(role).get(f"{API}/goals")
    if role == "anonymous":
        assert response.status_code == 401
        return
    titles = [g["title"] for g in response.json()["items"]]
    assert titles == (["Present our roadmap"] if role in PAIR else [])


def test_listing_goals_filters(as_role, goal, mentee, mentorship):
    make_goal(owner=mentee, title="Personal one")
    client = as_role("mentee")
    mine = client.get(f"{API}/goals", {"mentorship": mentorship.pk}).json()
    assert [g["title"] for g in mine["items"]] == ["Present our roadmap"]
    assert client.get(f"{API}/goals", {"status": "reached"}).json()["count"] == 0
    assert client.get(f"{API}/goals", {"status": "nonsense"}).status_code == 422


@pytest.mark.parametrize("role", ROLES)
def test_updating_a_goal(role, as_role, goal):
    response = _call(as_role(role), "patch", f"/goals/{goal.pk}", {"title": "Present twice"})
    expected = {"anonymous": 401, "mentee": 200, "mentor": 403}.get(role, 404)
    assert response.status_code == expected


def test_progress_reach_and_the_log(as_role, goal):
    client = as_role("mentee")
    response = _call(client, "post", f"/goals/{goal.pk}/progress", {"progress": 150})
    assert response.status_code == 422
    assert _fields(response) == {"progress"}
    response = _call(client, "post", f"/goals/{goal.pk}/progress", {"progress": 70, "note": "Ok"})
    assert (response.status_code, response.json()["progress"]) == (201, 70)
    response = _call(client, "post", f"/goals/{goal.pk}/reach", {"note": "Done!"})
    assert (response.json()["status"], response.json()["progress"]) == ("reached", 100)
    log = client.get(f"{API}/goals/{goal.pk}/updates").json()
    assert [u["kind"] for u in log["items"]] == ["reached", "progress"]
    again = _call(client, "post", f"/goals/{goal.pk}/reach")
    assert again.status_code == 400


def test_the_partner_comments_but_does_not_update(as_role, goal):
    mentor = as_role("mentor")
    response = _call(mentor, "post", f"/goals/{goal.pk}/comments", {"text": "Keep it up"})
    assert response.status_code == 201
    assert _call(mentor, "post", f"/goals/{goal.pk}/progress", {"progress": 10}).status_code == 403
    empty = _call(mentor, "post", f"/goals/{goal.pk}/comments", {"text": " "})
    assert (empty.status_code, _fields(empty)) == (400, {"text"})


def test_milestones_through_the_api(as_role, goal):
    client = as_role("mentee")
    added = _call(
        client,
        "post",
        f"/goals/{goal.pk}/milestones",
        {"title": "Dry run", "due_date": "2027-03-01"},
    )
    assert added.status_code == 201
    milestone_id = added.json()["id"]
    late = _call(
        client,
        "patch",
        f"/milestones/{milestone_id}",
        {"title": "Dry run", "due_date": "2028-01-01"},
    )
    assert (late.status_code, _fields(late)) == (400, {"due_date"})
    reached = _call(client, "post", f"/milestones/{milestone_id}/reach")
    assert reached.json()["reached_at"] is not None
    assert _call(client, "delete", f"/milestones/{milestone_id}").status_code == 400
    other = goal.milestones.exclude(pk=milestone_id).first()
    assert _call(client, "delete", f"/milestones/{other.pk}").status_code == 204
    assert _call(as_role("mentor"), "post", f"/milestones/{other.pk}/reach").status_code == 404


def test_deleting_a_goal(as_role, mentee):
    goal = make_goal(owner=mentee)
    assert _call(as_role("mentor"), "delete", f"/goals/{goal.pk}").status_code == 404
    assert _call(as_role("mentee"), "delete", f"/goals/{goal.pk}").status_code == 204


@pytest.mark.parametrize("role", ROLES)
def test_the_celebration_feed(role, as_role, goal, mentee):
    services.milestone_reach(milestone=goal.milestones.first(), by=mentee)
    response = as_role(role).get(f"{API}/mentorships/{goal.mentorship_id}/celebrations")
    assert response.status_code == _status(role, PAIR)
    if response.status_code == 200:
        [item] = response.json()
        assert (item["kind"], item["title"]) == ("milestone", "Draft the slides")
        assert item["can_congratulate"] == (role == "mentor")


@pytest.mark.parametrize("role", ROLES)
def test_congratulating(role, as_role, goal, mentee):
    services.milestone_reach(milestone=goal.milestones.first(), by=mentee)
    celebration = Celebration.objects.get()
    response = _call(
        as_role(role), "post", f"/celebrations/{celebration.pk}/congratulations", {"text": "Yay!"}
    )
    expected = {"anonymous": 401, "mentor": 201, "mentee": 403}.get(role, 404)
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_the_growth_summary_has_counts_not_content(role, as_role, goal, mentee):
    services.goal_reach(goal=goal, by=mentee)
    response = as_role(role).get(f"{API}/mentorships/{goal.mentorship_id}/growth-summary")
    assert response.status_code == _status(role, PAIR | ADMINS_OF_PROGRAM)
    if response.status_code == 200:
        [person] = response.json()
        assert person["goals"]["reached"] == 1
        assert person["goals"]["completion_rate"] == 1.0
        assert "Present our roadmap" not in response.content.decode()


# --- development plans -----------------------------------------------------------------------


def _item_payload(**overrides):
    speaking = Skill.objects.get(name="Presentation skills")
    return {
        "skill_id": speaking.pk,
        "activity": "mentor",
        "description": "Shadow two client demos.",
        "target_date": "2027-01-29",
    } | overrides


def test_a_plan_is_drafted_reviewed_revised_and_agreed_through_the_api(as_role, mentorship):
    mentee, mentor = as_role("mentee"), None
    plan = _call(mentee, "post", f"/mentorships/{mentorship.pk}/plan", {"job_demands": "Demos"})
    assert plan.status_code == 201
    plan_id = plan.json()["id"]
    item = _call(mentee, "post", f"/plans/{plan_id}/items", _item_payload())
    assert item.status_code == 201
    item_id = item.json()["id"]
    assert _call(mentee, "post", f"/plans/{plan_id}/submit", {"note": "Hi"}).status_code == 201

    mentor = as_role("mentor")
    suggestion = _call(
        mentor,
        "post",
        f"/plans/{plan_id}/suggestions",
        {"item_id": item_id, "field": "target_date", "value": "2027-02-26", "comment": "Later"},
    )
    assert suggestion.status_code == 201
    review = _call(mentor, "post", f"/plans/{plan_id}/review", {"outcome": "changes"})
    assert review.json()["outcome"] == "changes"

    mentee = as_role("mentee")
    accepted = _call(mentee, "post", f"/suggestions/{suggestion.json()['id']}/accept")
    assert accepted.json()["state"] == "accepted"
    assert _call(mentee, "post", f"/plans/{plan_id}/submit").json()["number"] == 2
    agreed = _call(as_role("mentor"), "post", f"/plans/{plan_id}/review", {"outcome": "agreed"})
    assert agreed.json()["outcome"] == "agreed"

    mentee = as_role("mentee")
    diff = mentee.get(f"{API}/plans/{plan_id}/versions/2/diff").json()
    assert diff["items"][0]["changes"] == [
        {
            "name": "target_date",
            "label": "Target date",
            "old": "29 January 2027",
            "new": "26 February 2027",
        }
    ]
    assert [v["number"] for v in mentee.get(f"{API}/plans/{plan_id}/versions").json()] == [2, 1]
    assert _call(mentee, "post", f"/plans/{plan_id}/revise").json()["status"] == "draft"


@pytest.mark.parametrize("role", ROLES)
def test_reading_a_plan(role, as_role, mentorship):
    plan = make_plan(mentorship=mentorship)
    response = as_role(role).get(f"{API}/plans/{plan.pk}")
    assert response.status_code == _status(role, PAIR)


@pytest.mark.parametrize("role", ROLES)
def test_adding_items(role, as_role, mentorship):
    plan = make_plan(mentorship=mentorship, items=())
    response = _call(as_role(role), "post", f"/plans/{plan.pk}/items", _item_payload())
    expected = {"anonymous": 401, "mentee": 201, "mentor": 403}.get(role, 404)
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_reviewing(role, as_role, mentorship, mentee):
    plan = make_plan(mentorship=mentorship)
    services.plan_submit(plan=plan, by=mentee)
    response = _call(as_role(role), "post", f"/plans/{plan.pk}/review", {"outcome": "agreed"})
    expected = {"anonymous": 401, "mentor": 200, "mentee": 403}.get(role, 404)
    assert response.status_code == expected


def test_bad_plan_payloads_name_their_field(as_role, mentorship, mentee):
    plan = make_plan(mentorship=mentorship, items=())
    client = as_role("mentee")
    cases = [
        (_item_payload(skill_id=999999), 400, {"skill_id"}),
        (_item_payload(activity="osmosis"), 400, {"activity"}),
        (_item_payload(training_id=999999), 400, {"training_id"}),
        (_item_payload(status="finished"), 422, {"status"}),
        ({"description": "no skill"}, 422, {"skill_id", "activity", "target_date"}),
    ]
    for payload, status, fields in cases:
        response = _call(client, "post", f"/plans/{plan.pk}/items", payload)
        assert (response.status_code, _fields(response)) == (status, fields), payload
    empty = _call(client, "post", f"/plans/{plan.pk}/submit")
    assert (empty.status_code, _fields(empty)) == (400, {"items"})


def test_suggestions_on_a_plan_under_review_only(as_role, mentorship, mentee):
    plan = make_plan(mentorship=mentorship)
    mentor = as_role("mentor")
    early = _call(mentor, "post", f"/plans/{plan.pk}/suggestions", {"comment": "Hi"})
    assert early.status_code == 400
    services.plan_submit(plan=plan, by=mentee)
    wrong = _call(mentor, "post", f"/plans/{plan.pk}/suggestions", {"item_id": 999999})
    assert (wrong.status_code, _fields(wrong)) == (400, {"item_id"})
    comment = _call(mentor, "post", f"/plans/{plan.pk}/suggestions", {"comment": "Good"})
    assert _call(mentor, "delete", f"/suggestions/{comment.json()['id']}").status_code == 204
    plan_comment = _call(mentor, "post", f"/plans/{plan.pk}/suggestions", {"comment": "Go"})
    _call(mentor, "post", f"/plans/{plan.pk}/review", {"outcome": "changes"})
    answer_ = _call(
        as_role("mentee"), "post", f"/suggestions/{plan_comment.json()['id']}/answer", {}
    )
    assert (answer_.status_code, _fields(answer_)) == (400, {"answer"})


# --- 360° assessments ------------------------------------------------------------------------


def _assessment_payload(mentorship, subject, **overrides):
    return {
        "mentorship_id": mentorship.pk,
        "subject_id": subject.pk,
        "skill_ids": [s.pk for s in skills("Presentation skills", "Delegation")],
        "closes_on": "2026-12-09",
    } | overrides


def test_starting_an_assessment_through_the_api(as_role, mentorship, mentee):
    response = _call(
        as_role("mentee"),
        "post",
        "/assessments",
        _assessment_payload(mentorship, mentee, coworkers=["ana@example.com"]),
    )
    assert response.status_code == 201
    assert [c["name"] for c in response.json()["competencies"]] == [
        "Presentation skills",
        "Delegation",
    ]


@pytest.mark.parametrize(
    ("overrides", "status", "field"),
    [
        ({"skill_ids": [999999]}, 400, "skill_ids"),
        ({"skill_ids": []}, 400, "skills"),
        ({"closes_on": "2026-11-01"}, 400, "closes_on"),
        ({"closes_on": "whenever"}, 422, "closes_on"),
        ({"coworkers": ["nope"]}, 400, "coworkers"),
        ({"subject_id": 999999}, 400, "subject_id"),
    ],
)
def test_a_bad_assessment_payload_names_the_field(
    as_role, mentorship, mentee, overrides, status, field
):
    response = _call(
        as_role("mentee"),
        "post",
        "/assessments",
        _assessment_payload(mentorship, mentee, **overrides),
    )
    assert response.status_code == status
    assert field in _fields(response)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_start_an_assessment_of_the_mentee(role, as_role, mentorship, mentee):
    response = _call(as_role(role), "post", "/assessments", _assessment_payload(mentorship, mentee))
    expected = {"anonymous": 401, "mentee": 201, "mentor": 201}.get(role, 404)
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_reading_results(role, as_role, mentorship):
    assessment = closed_assessment(mentorship=mentorship, me=[3, 3, 3], mentor=[4, 4, 4])
    response = as_role(role).get(f"{API}/assessments/{assessment.pk}/results")
    assert response.status_code == _status(role, PAIR)


def test_results_wait_for_the_close(as_role, mentorship):
    assessment = make_assessment(mentorship=mentorship)
    response = as_role("mentee").get(f"{API}/assessments/{assessment.pk}/results")
    assert (response.status_code, _fields(response)) == (400, {"status"})


def test_results_never_carry_two_coworkers_scores(as_role, mentorship):
    assessment = closed_assessment(
        mentorship=mentorship, me=[4, 4, 4], mentor=[3, 3, 3], coworkers=[[1, 2, 1], [5, 4, 5]]
    )
    body = as_role("mentor").get(f"{API}/assessments/{assessment.pk}/results").json()
    assert body["coworkers_answered"] == 2
    assert [c["coworkers_average"] for c in body["competencies"]] == [None, None, None]
    assert [c["others"] for c in body["competencies"]] == [3.0, 3.0, 3.0]
    assert set(body["competencies"][0]) == {
        "skill_id",
        "name",
        "self_rating",
        "mentor",
        "supervisor",
        "coworkers_average",
        "others",
        "gap",
        "gap_kind",
    }


def test_results_average_three_coworkers(as_role, mentorship):
    assessment = closed_assessment(
        mentorship=mentorship,
        me=[5, 4, 4],
        mentor=[3, 3, 3],
        coworkers=[[2, 3, 4], [3, 3, 4], [4, 3, 4]],
    )
    body = as_role("mentee").get(f"{API}/assessments/{assessment.pk}/results").json()
    speaking = body["competencies"][0]
    assert (speaking["self_rating"], speaking["mentor"], speaking["coworkers_average"]) == (
        5,
        3,
        3.0,
    )
    assert (speaking["gap"], speaking["gap_kind"]) == (2.0, "blind_spot")


def test_progress_and_invitations(as_role, mentorship):
    assessment = make_assessment(mentorship=mentorship)
    mentee = as_role("mentee")
    invited = _call(
        mentee,
        "post",
        f"/assessments/{assessment.pk}/raters",
        {"coworkers": ["a@x.example", "b@x.example"]},
    )
    assert invited.status_code == 201
    assert [r["group"] for r in invited.json()] == ["coworker", "coworker"]
    answer(rater(assessment, RaterGroup.COWORKER, 0), [3, 3, 3])
    progress = mentee.get(f"{API}/assessments/{assessment.pk}/progress").json()
    assert {p["group"]: (p["invited"], p["answered"]) for p in progress}["coworker"] == (2, 1)
    assert "a@x.example" not in str(progress)
    refused = _call(
        as_role("mentor"),
        "post",
        f"/assessments/{assessment.pk}/raters",
        {"coworkers": ["c@x.example"]},
    )
    assert refused.status_code == 403


def test_closing_reminding_and_gaps_to_plan(as_role, mentorship, mentee):
    assessment = make_assessment(mentorship=mentorship)
    answer(rater(assessment, RaterGroup.SELF), [5, 2, 3])
    answer(rater(assessment, RaterGroup.MENTOR), [3, 4, 3])
    client = as_role("mentee")
    assert client.post(f"{API}/assessments/{assessment.pk}/remind").json() == {"sent": 0}
    assert (
        _call(as_role("outsider"), "post", f"/assessments/{assessment.pk}/close").status_code == 404
    )
    client = as_role("mentee")  # the test client is shared: sign the mentee back in
    closed = _call(client, "post", f"/assessments/{assessment.pk}/close")
    assert closed.json()["status"] == "closed"
    assert _call(client, "post", f"/assessments/{assessment.pk}/close").status_code == 403
    items = _call(client, "post", f"/assessments/{assessment.pk}/gaps-to-plan", {})
    assert items.status_code == 201
    assert [i["skill"] for i in items.json()] == ["Presentation skills", "Giving feedback"]
    refused = _call(as_role("mentor"), "post", f"/assessments/{assessment.pk}/gaps-to-plan", {})
    assert refused.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_listing_assessments(role, as_role, mentorship):
    make_assessment(mentorship=mentorship)
    response = as_role(role).get(f"{API}/assessments")
    if role == "anonymous":
        assert response.status_code == 401
    else:
        assert response.json()["count"] == (1 if role in PAIR else 0)


# --- training and competencies ---------------------------------------------------------------


def test_the_catalogue_lists_and_filters(as_role, mentorship):
    TrainingFactory(title="Speaking with confidence", skill_names=["Presentation skills"])
    TrainingFactory(title="Budgeting basics", kind="source")
    client = as_role("mentee")
    assert client.get(f"{API}/training").json()["count"] == 2
    speaking = Skill.objects.get(name="Presentation skills").pk
    filtered = client.get(f"{API}/training", {"skill": speaking}).json()
    assert [t["title"] for t in filtered["items"]] == ["Speaking with confidence"]
    assert client.get(f"{API}/training", {"kind": "source", "q": "budget"}).json()["count"] == 1


@pytest.mark.parametrize("role", ROLES)
def test_adding_to_the_catalogue(role, as_role, mentorship, mentor):
    payload = {
        "title": "Code review clinic",
        "kind": "internal",
        "expert_id": mentor.pk,
        "skill_ids": [Skill.objects.get(name="Code review").pk],
    }
    response = _call(as_role(role), "post", "/training", payload)
    allowed = {"mentor", "program_manager", "other_program_admin", "program_admin", "superuser"}
    expected = 401 if role == "anonymous" else (201 if role in allowed else 403)
    assert response.status_code == expected


def test_bad_training_payloads_name_their_field(as_role, mentorship):
    client = as_role("mentor")
    cases = [
        ({"title": "X", "kind": "webinar"}, 422, "kind"),
        ({"title": "X", "kind": "internal"}, 400, "expert"),
        ({"title": "X", "kind": "course", "expert_id": 999999}, 400, "expert_id"),
        ({"title": "X", "kind": "course", "url": "not a url"}, 400, "url"),
        ({"title": "X", "kind": "sharing"}, 400, "kind"),
        ({"title": "", "kind": "course"}, 400, "title"),
    ]
    for payload, status, field in cases:
        response = _call(client, "post", "/training", payload)
        assert (response.status_code, field in _fields(response)) == (status, True), payload


def test_completion_then_a_sharing_session(as_role, mentee):
    course = TrainingFactory(skill_names=["Negotiation"])
    client = as_role("mentee")
    refused = _call(client, "post", f"/training/{course.pk}/sharing-sessions", {"description": "x"})
    assert refused.status_code == 403
    done = _call(client, "post", f"/training/{course.pk}/completion", {})
    assert done.status_code == 201
    assert TrainingCompletion.objects.filter(person=mentee).exists()
    shared = _call(
        client, "post", f"/training/{course.pk}/sharing-sessions", {"description": "What I learnt"}
    )
    assert shared.status_code == 201
    assert (shared.json()["kind"], shared.json()["based_on_id"]) == ("sharing", course.pk)


def test_editing_training(as_role, mentor):
    course = TrainingFactory(added_by=mentor)
    assert (
        _call(as_role("mentee"), "patch", f"/training/{course.pk}", {"title": "Y"}).status_code
        == 403
    )
    response = _call(as_role("mentor"), "patch", f"/training/{course.pk}", {"is_active": False})
    assert response.json()["is_active"] is False
    assert as_role("mentee").get(f"{API}/training/{course.pk}").status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_program_competencies(role, as_role, program):
    coaching = Skill.objects.get(name="Coaching")
    response = _call(
        as_role(role), "post", f"/programs/{program.slug}/competencies", {"skill_id": coaching.pk}
    )
    expected = 401 if role == "anonymous" else (201 if role in ADMINS_OF_PROGRAM else 403)
    assert response.status_code == expected
    if role != "anonymous":
        listed = as_role(role).get(f"{API}/programs/{program.slug}/competencies")
        assert listed.status_code == 200


def test_removing_a_competency(as_role, program, program_manager):
    competency = services.competency_add(
        program=program, by=program_manager, skill=Skill.objects.get(name="Coaching")
    )
    assert _call(as_role("mentee"), "delete", f"/competencies/{competency.pk}").status_code == 403
    assert (
        _call(as_role("program_manager"), "delete", f"/competencies/{competency.pk}").status_code
        == 204
    )
