"""Rows for growth's goals: goals and milestones, progress and comments, celebrations and
congratulations, the growth home page.

A goal in a mentorship is the pair's (issue #5): the person growing in it (the mentee, or either
peer of a mutual mentorship) sets, edits and reaches it; the partner reads it, comments on it and
congratulates, and is refused (403) what only the owner does; the program's admins see counts and
completion only (the goals tab's summary, the growth summary) and are told the goals themselves
do not exist (404), as is anyone else. A personal goal (in no mentorship) is its owner's alone.
"""

import datetime

from tandem.tests.access.base import EVERYONE, MANAGERS, PAIR, Api, Page

MENTEE = frozenset({"mentee"})
MENTOR = frozenset({"mentor"})
PEER = frozenset({"peer"})

# What stage() writes, distinctive enough to be looked for in everything a role is shown
# (tandem/tests/test_confidentiality_goals.py).
GOAL_TITLE = "Lead the spring incident review without notes"
GOAL_CRITERIA = "Ran the whole review myself and the team rated it four out of five"
PROGRESS_NOTE = "Drafted the review outline and rehearsed it with my cat"
COMMENT = "Your outline is strong: cut the timeline slide, it hides the lesson"
MILESTONE_TITLE = "Shadow two incident reviews run by the SRE lead"
REACHED_GOAL_TITLE = "Pair-program with the payments team for a week"
PERSONAL_GOAL_TITLE = "Read the whole Postgres manual chapter on locking"
PEER_GOAL_TITLE = "Give a lightning talk on feature flags"
PARTNER_GOAL_TITLE = "Write my first architecture decision record"


def _day(days: int) -> datetime.date:
    from django.utils import timezone

    return timezone.localdate() + datetime.timedelta(days=days)


def _goal(owner, mentorship, title: str, criteria: str = "Done, and my partner agrees"):
    from tandem.growth import services

    first = MILESTONE_TITLE if title == GOAL_TITLE else f"{title}: started"
    return services.goal_create(
        owner=owner,
        mentorship=mentorship,
        title=title,
        specific=f"{title}, in the next four months.",
        success_criteria=criteria,
        career_goal="Grow into a staff engineer.",
        why_it_matters="Leads explain what went wrong without blame.",
        target_date=_day(120),
        milestones=[
            {"title": first, "due_date": _day(30)},
            {"title": f"{title}: halfway", "due_date": _day(60)},
        ],
    )


def stage(cast) -> dict:
    """What this area's rows point at, added to the cast: {name: object}.

    On `mentorship`: the mentee's `goal` (two milestones, `milestone` the first, a progress note
    and the mentor's comment in its log) and a goal the mentee reached (its `celebration` for the
    mentor to congratulate); the mentee's `personal_goal`; on `mutual_mentorship`: a goal of each
    peer (`peer_goal`, `partner_goal`) and `partner_celebration`, a milestone `peer_partner`
    reached, for `peer` to congratulate."""
    from tandem.growth import services

    mentor, mentee, peer, partner = cast.mentor, cast.mentee, cast.peer, cast.peer_partner
    goal = _goal(mentee, cast.mentorship, GOAL_TITLE, GOAL_CRITERIA)
    services.goal_progress(goal=goal, by=mentee, progress=30, note=PROGRESS_NOTE)
    services.goal_comment(goal=goal, by=mentor, text=COMMENT)
    reached = services.goal_reach(
        goal=_goal(mentee, cast.mentorship, REACHED_GOAL_TITLE), by=mentee
    )
    partner_goal = _goal(partner, cast.mutual_mentorship, PARTNER_GOAL_TITLE)
    services.milestone_reach(milestone=partner_goal.milestones.first(), by=partner)
    return {
        "goal": goal,
        "milestone": goal.milestones.get(title=MILESTONE_TITLE),
        "celebration": reached.celebrations.get(),
        "personal_goal": _goal(mentee, None, PERSONAL_GOAL_TITLE),
        "peer_goal": _goal(peer, cast.mutual_mentorship, PEER_GOAL_TITLE),
        "partner_goal": partner_goal,
        "partner_celebration": partner_goal.celebrations.get(),
    }


def _new_goal(c, me) -> dict:
    """A valid new goal for the goal form (no milestone rows)."""
    return {
        "title": "Mentor an intern through their first release",
        "specific": "Pair with the summer intern until their first change ships.",
        "success_criteria": "Their change is in production and they say they learned.",
        "target_date": _day(90).isoformat(),
        "milestones-TOTAL_FORMS": "0",
        "milestones-INITIAL_FORMS": "0",
    }


def _new_goal_json(mentorship: str | None):
    def payload(c, me) -> dict:
        return {
            "mentorship_id": getattr(c, mentorship).pk if mentorship else None,
            "title": "Mentor an intern through their first release",
            "specific": "Pair with the summer intern until their first change ships.",
            "success_criteria": "Their change is in production and they say they learned.",
            "target_date": _day(90).isoformat(),
            "milestones": [{"title": "Agree on the change", "due_date": _day(20).isoformat()}],
        }

    return payload


def _milestone(c, me) -> dict:
    return {"title": "Run the review with the SRE lead watching", "due_date": _day(45).isoformat()}


def _goal_url(name: str, suffix: str = ""):
    return lambda c: f"/growth/goals/{getattr(c, name).pk}/{suffix}"


def _goals_url(mentorship: str, suffix: str = ""):
    return lambda c: f"/growth/mentorships/{getattr(c, mentorship).pk}/goals/{suffix}"


API_GOALS = "/api/v1/growth/goals"


def _api_goal(name: str, suffix: str = ""):
    return lambda c: f"{API_GOALS}/{getattr(c, name).pk}{suffix}"


PAGES = [
    Page("growth:home", lambda c: "/growth/", EVERYONE, 404),
    # a mentorship's goals: the pair sees them, the program's admins the counts only
    Page("growth:goals", _goals_url("mentorship"), PAIR | MANAGERS, 404),
    Page("growth:goals", _goals_url("mutual_mentorship"), PEER | MANAGERS, 404),
    # the person growing sets goals: the mentee; in a mutual mentorship, either peer
    Page("growth:goal_create", _goals_url("mentorship", "new/"), MENTEE, 404, forbidden=MENTOR),
    Page(
        "growth:goal_create",
        _goals_url("mentorship", "new/"),
        MENTEE,
        404,
        forbidden=MENTOR,
        method="POST",
        data=_new_goal,
        ok=302,
    ),
    Page("growth:goal_create", _goals_url("mutual_mentorship", "new/"), PEER, 404),
    Page(
        "growth:goal_create",
        _goals_url("mutual_mentorship", "new/"),
        PEER,
        404,
        method="POST",
        data=_new_goal,
        ok=302,
    ),
    Page("growth:personal_goal_create", lambda c: "/growth/goals/new/", EVERYONE, 404),
    Page(
        "growth:personal_goal_create",
        lambda c: "/growth/goals/new/",
        EVERYONE,
        404,
        method="POST",
        data=_new_goal,
        ok=302,
    ),
    # one goal: the pair reads it; only its owner changes it
    Page("growth:goal_detail", _goal_url("goal"), PAIR, 404),
    Page("growth:goal_detail", _goal_url("personal_goal"), MENTEE, 404),
    Page("growth:goal_detail", _goal_url("partner_goal"), PEER, 404),
    Page("growth:goal_edit", _goal_url("goal", "edit/"), MENTEE, 404, forbidden=MENTOR),
    Page(
        "growth:goal_edit",
        _goal_url("goal", "edit/"),
        MENTEE,
        404,
        forbidden=MENTOR,
        method="POST",
        data=lambda c, me: _new_goal(c, me) | {"title": "Lead the incident review, slides ok"},
        ok=302,
    ),
    Page("growth:goal_edit", _goal_url("personal_goal", "edit/"), MENTEE, 404),
    Page("growth:goal_edit", _goal_url("peer_goal", "edit/"), PEER, 404),
    Page("growth:goal_edit", _goal_url("partner_goal", "edit/"), frozenset(), 404, forbidden=PEER),
    Page(
        "growth:goal_delete",
        _goal_url("goal", "delete/"),
        MENTEE,
        404,
        forbidden=MENTOR,
        method="POST",
        ok=302,
    ),
    Page(
        "growth:goal_delete",
        _goal_url("personal_goal", "delete/"),
        MENTEE,
        404,
        method="POST",
        ok=302,
    ),
    Page(
        "growth:goal_progress",
        _goal_url("goal", "progress/"),
        MENTEE,
        404,
        forbidden=MENTOR,
        method="POST",
        data={"progress": "60", "note": "Ran a dry run with the team"},
        ok=302,
    ),
    Page(
        "growth:goal_progress",
        _goal_url("peer_goal", "progress/"),
        PEER,
        404,
        method="POST",
        data={"progress": "60"},
        ok=302,
    ),
    Page(
        "growth:goal_reach",
        _goal_url("goal", "reach/"),
        MENTEE,
        404,
        forbidden=MENTOR,
        method="POST",
        data={"note": "Done, and it went well"},
        ok=302,
    ),
    Page(
        "growth:goal_set_aside",
        _goal_url("goal", "set-aside/"),
        MENTEE,
        404,
        forbidden=MENTOR,
        method="POST",
        data={"note": "The spring review moved to another team"},
        ok=302,
    ),
    # the update log: the owner's notes and the partner's comments
    Page(
        "growth:goal_comment",
        _goal_url("goal", "comment/"),
        PAIR,
        404,
        method="POST",
        data={"text": "Well argued, keep going"},
        ok=302,
    ),
    Page(
        "growth:goal_comment",
        _goal_url("personal_goal", "comment/"),
        MENTEE,
        404,
        method="POST",
        data={"text": "Chapter 13 read"},
        ok=302,
    ),
    Page(
        "growth:goal_comment",
        _goal_url("partner_goal", "comment/"),
        PEER,
        404,
        method="POST",
        data={"text": "An ADR on the queue choice would be a good first one"},
        ok=302,
    ),
    # milestones: the goal's owner
    Page(
        "growth:milestone_add",
        _goal_url("goal", "milestones/"),
        MENTEE,
        404,
        forbidden=MENTOR,
        method="POST",
        data=_milestone,
        ok=302,
    ),
    Page(
        "growth:milestone_add",
        _goal_url("partner_goal", "milestones/"),
        frozenset(),
        404,
        forbidden=PEER,
        method="POST",
        data=_milestone,
        ok=302,
    ),
    Page(
        "growth:milestone_reach",
        lambda c: f"/growth/milestones/{c.milestone.pk}/reach/",
        MENTEE,
        404,
        forbidden=MENTOR,
        method="POST",
        ok=302,
    ),
    Page(
        "growth:milestone_delete",
        lambda c: f"/growth/milestones/{c.milestone.pk}/delete/",
        MENTEE,
        404,
        forbidden=MENTOR,
        method="POST",
        ok=302,
    ),
    # congratulating: the partner of whoever reached it
    Page(
        "growth:congratulate",
        lambda c: f"/growth/celebrations/{c.celebration.pk}/congratulate/",
        MENTOR,
        404,
        forbidden=MENTEE,
        method="POST",
        data={"text": "Brilliant week, the payments team loved it"},
        ok=302,
    ),
    Page(
        "growth:congratulate",
        lambda c: f"/growth/celebrations/{c.partner_celebration.pk}/congratulate/",
        PEER,
        404,
        method="POST",
        data={"text": "First milestone down!"},
        ok=302,
    ),
]

API = [
    Api("GET /api/v1/growth/goals", lambda c: API_GOALS, EVERYONE, 404),
    Api(
        "GET /api/v1/growth/goals",
        lambda c: f"{API_GOALS}?mentorship={c.mentorship.pk}",
        EVERYONE,
        404,
    ),
    # a personal goal: anyone; a goal in a mentorship: the person growing in it
    Api(
        "POST /api/v1/growth/goals",
        lambda c: API_GOALS,
        EVERYONE,
        404,
        data=_new_goal_json(None),
        ok=201,
    ),
    Api(
        "POST /api/v1/growth/goals",
        lambda c: API_GOALS,
        MENTEE,
        404,
        forbidden=MENTOR,
        data=_new_goal_json("mentorship"),
        ok=201,
    ),
    Api(
        "POST /api/v1/growth/goals",
        lambda c: API_GOALS,
        PEER,
        404,
        data=_new_goal_json("mutual_mentorship"),
        ok=201,
    ),
    Api("GET /api/v1/growth/goals/{goal_id}", _api_goal("goal"), PAIR, 404),
    Api("GET /api/v1/growth/goals/{goal_id}", _api_goal("personal_goal"), MENTEE, 404),
    Api("GET /api/v1/growth/goals/{goal_id}", _api_goal("partner_goal"), PEER, 404),
    Api(
        "PATCH /api/v1/growth/goals/{goal_id}",
        _api_goal("goal"),
        MENTEE,
        404,
        forbidden=MENTOR,
        data={"title": "Lead the incident review, slides allowed"},
    ),
    Api(
        "PATCH /api/v1/growth/goals/{goal_id}",
        _api_goal("personal_goal"),
        MENTEE,
        404,
        data={"title": "Read the locking chapter twice"},
    ),
    Api(
        "PATCH /api/v1/growth/goals/{goal_id}",
        _api_goal("peer_goal"),
        PEER,
        404,
        data={"title": "Give a talk on feature flags"},
    ),
    Api(
        "PATCH /api/v1/growth/goals/{goal_id}",
        _api_goal("partner_goal"),
        frozenset(),
        404,
        forbidden=PEER,
        data={"title": "Write two decision records"},
    ),
    Api(
        "DELETE /api/v1/growth/goals/{goal_id}",
        _api_goal("goal"),
        MENTEE,
        404,
        forbidden=MENTOR,
        ok=204,
    ),
    Api("DELETE /api/v1/growth/goals/{goal_id}", _api_goal("personal_goal"), MENTEE, 404, ok=204),
    Api(
        "POST /api/v1/growth/goals/{goal_id}/progress",
        _api_goal("goal", "/progress"),
        MENTEE,
        404,
        forbidden=MENTOR,
        data={"progress": 60, "note": "Ran a dry run with the team"},
        ok=201,
    ),
    Api(
        "POST /api/v1/growth/goals/{goal_id}/progress",
        _api_goal("peer_goal", "/progress"),
        PEER,
        404,
        data={"progress": 60},
        ok=201,
    ),
    Api(
        "POST /api/v1/growth/goals/{goal_id}/reach",
        _api_goal("goal", "/reach"),
        MENTEE,
        404,
        forbidden=MENTOR,
        data={"note": "Done"},
    ),
    Api(
        "POST /api/v1/growth/goals/{goal_id}/set-aside",
        _api_goal("goal", "/set-aside"),
        MENTEE,
        404,
        forbidden=MENTOR,
        data={"note": "The spring review moved to another team"},
    ),
    Api("GET /api/v1/growth/goals/{goal_id}/updates", _api_goal("goal", "/updates"), PAIR, 404),
    Api(
        "GET /api/v1/growth/goals/{goal_id}/updates",
        _api_goal("personal_goal", "/updates"),
        MENTEE,
        404,
    ),
    Api(
        "POST /api/v1/growth/goals/{goal_id}/comments",
        _api_goal("goal", "/comments"),
        PAIR,
        404,
        data={"text": "Well argued, keep going"},
        ok=201,
    ),
    Api(
        "POST /api/v1/growth/goals/{goal_id}/comments",
        _api_goal("personal_goal", "/comments"),
        MENTEE,
        404,
        data={"text": "Chapter 13 read"},
        ok=201,
    ),
    Api(
        "POST /api/v1/growth/goals/{goal_id}/comments",
        _api_goal("partner_goal", "/comments"),
        PEER,
        404,
        data={"text": "An ADR on the queue choice would be a good first one"},
        ok=201,
    ),
    Api(
        "POST /api/v1/growth/goals/{goal_id}/milestones",
        _api_goal("goal", "/milestones"),
        MENTEE,
        404,
        forbidden=MENTOR,
        data=_milestone,
        ok=201,
    ),
    Api(
        "POST /api/v1/growth/goals/{goal_id}/milestones",
        _api_goal("partner_goal", "/milestones"),
        frozenset(),
        404,
        forbidden=PEER,
        data=_milestone,
        ok=201,
    ),
    Api(
        "PATCH /api/v1/growth/milestones/{milestone_id}",
        lambda c: f"/api/v1/growth/milestones/{c.milestone.pk}",
        MENTEE,
        404,
        forbidden=MENTOR,
        data=_milestone,
    ),
    Api(
        "DELETE /api/v1/growth/milestones/{milestone_id}",
        lambda c: f"/api/v1/growth/milestones/{c.milestone.pk}",
        MENTEE,
        404,
        forbidden=MENTOR,
        ok=204,
    ),
    Api(
        "POST /api/v1/growth/milestones/{milestone_id}/reach",
        lambda c: f"/api/v1/growth/milestones/{c.milestone.pk}/reach",
        MENTEE,
        404,
        forbidden=MENTOR,
    ),
    # the celebration feed: the pair; the growth summary (counts): the pair and the admins
    Api(
        "GET /api/v1/growth/mentorships/{mentorship_id}/celebrations",
        lambda c: f"/api/v1/growth/mentorships/{c.mentorship.pk}/celebrations",
        PAIR,
        404,
    ),
    Api(
        "GET /api/v1/growth/mentorships/{mentorship_id}/celebrations",
        lambda c: f"/api/v1/growth/mentorships/{c.mutual_mentorship.pk}/celebrations",
        PEER,
        404,
    ),
    Api(
        "POST /api/v1/growth/celebrations/{celebration_id}/congratulations",
        lambda c: f"/api/v1/growth/celebrations/{c.celebration.pk}/congratulations",
        MENTOR,
        404,
        forbidden=MENTEE,
        data={"text": "Brilliant week, the payments team loved it"},
        ok=201,
    ),
    Api(
        "POST /api/v1/growth/celebrations/{celebration_id}/congratulations",
        lambda c: f"/api/v1/growth/celebrations/{c.partner_celebration.pk}/congratulations",
        PEER,
        404,
        data={"text": "First milestone down!"},
        ok=201,
    ),
    Api(
        "GET /api/v1/growth/mentorships/{mentorship_id}/growth-summary",
        lambda c: f"/api/v1/growth/mentorships/{c.mentorship.pk}/growth-summary",
        PAIR | MANAGERS,
        404,
    ),
    Api(
        "GET /api/v1/growth/mentorships/{mentorship_id}/growth-summary",
        lambda c: f"/api/v1/growth/mentorships/{c.mutual_mentorship.pk}/growth-summary",
        PEER | MANAGERS,
        404,
    ),
]
