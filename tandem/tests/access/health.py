"""Rows for relationship health and insights: check-ins, feedback, introductions, at-risk pairs,
dashboards and reports.

Who may do what (tandem/health/permissions.py, tandem/insights/permissions.py):
- a check-in is answered by its author only; a mentorship's check-ins tab is open to the pair
  and the program's admins, who see scores only (what each side wrote stays theirs);
- feedback and introductions are the pair's: the program's admins know the mentorship (403),
  anyone else may not know it exists (404); admins see only how many there are;
- health scores, risks and actions are the program's admins'; the pair knows the mentorship
  (403); the at-risk list is for whoever runs a program, each seeing their own programs;
- dashboards and reports: a program's admins for their program, global admins for the
  cross-program views. A program is no secret (its page is open to everyone signed in), so
  its dashboard answers 403 to those who may not open it.
"""

import datetime

from tandem.tests.access.base import (
    ADMINS_ANYWHERE,
    EVERYONE,
    GLOBAL_ADMINS,
    MANAGERS,
    PAIR,
    Api,
    Page,
)

MENTEE = frozenset({"mentee"})
MENTOR = frozenset({"mentor"})
PEER = frozenset({"peer"})


# What stage() writes, so the confidentiality tests can look for it.
MENTEE_LEARNED = "Maria taught me to write the decision before the meeting"
MENTEE_COMMENT = "I worry I am wasting Maria's time"
MENTOR_COMMENT = "Theo prepares better every week"
FEEDBACK = "You asked sharp questions about the roadmap"
INTRODUCTION = "To learn how the data team plans its quarter"
ACTION_NOTE = "Called both; they will meet on Thursdays"


def stage(cast) -> dict:
    """A first round both sides answered, a second round open to both (the mentee's is
    `checkin`), feedback from the mentee, an introduction by the mentor, an open risk with an
    admin's action."""
    from tandem.health import services
    from tandem.health.models import LOW_SCORE, Risk
    from tandem.health.tests.factories import RATINGS_OK, open_round

    mentorship = cast.mentorship
    first = {c.respondent_id: c for c in open_round(mentorship, 1)}
    answered = services.checkin_answer(
        checkin=first[cast.mentee.pk],
        by=cast.mentee,
        **RATINGS_OK,
        good_fit=True,
        learned=MENTEE_LEARNED,
        comment=MENTEE_COMMENT,
    )
    services.checkin_answer(
        checkin=first[cast.mentor.pk],
        by=cast.mentor,
        **RATINGS_OK,
        good_fit=True,
        comment=MENTOR_COMMENT,
        share_comment=True,
    )
    second = {c.respondent_id: c for c in open_round(mentorship, 2)}
    feedback = services.feedback_give(
        mentorship=mentorship, by=cast.mentee, went_well=FEEDBACK, do_differently=""
    )
    introduction = services.introduction_record(
        mentorship=mentorship,
        by=cast.mentor,
        contact_name="Ada Outside",
        contact_organisation="Data team",
        purpose=INTRODUCTION,
    )
    risk = Risk.objects.create(
        mentorship=mentorship, kind=LOW_SCORE, title="Low health score", reason="Test.", score=40
    )
    action = services.risk_action_record(
        mentorship=mentorship, by=cast.program_manager, kind="contacted", note=ACTION_NOTE
    )
    return {
        "checkin": second[cast.mentee.pk],
        "answered_checkin": answered,
        "feedback": feedback,
        "introduction": introduction,
        "risk": risk,
        "risk_action": action,
    }


ANSWER = {
    "engagement": 4,
    "flexibility": 4,
    "authenticity": 5,
    "reciprocity": 4,
    "satisfaction": 4,
    "learned": "How to say no",
    "comment": "Going well",
}


def _introduction(c, me) -> dict:
    return {
        "contact_name": "Bo Outside",
        "contact_organisation": "Finance",
        "purpose": "Budgets",
        "made_on": datetime.date.today().isoformat(),
    }


def _ms(c) -> int:
    return c.mentorship.pk


def _mutual(c) -> int:
    return c.mutual_mentorship.pk


PAGES = [
    # a mentorship's check-ins tab: the pair, and the program's admins (scores only)
    Page("health:checkins", lambda c: f"/health/mentorships/{_ms(c)}/", PAIR | MANAGERS, 404),
    Page(
        "health:checkins",
        lambda c: f"/health/mentorships/{_mutual(c)}/",
        PEER | MANAGERS,
        404,
    ),
    Page("health:my_checkins", lambda c: "/health/checkins/", EVERYONE),
    Page("health:checkin_answer", lambda c: f"/health/checkins/{c.checkin.pk}/", MENTEE, 404),
    Page(
        "health:checkin_answer",
        lambda c: f"/health/checkins/{c.checkin.pk}/",
        MENTEE,
        404,
        method="POST",
        data=ANSWER,
        ok=302,
    ),
    # feedback: the pair's
    Page(
        "health:feedback",
        lambda c: f"/health/mentorships/{_ms(c)}/feedback/",
        PAIR,
        refused=404,
        forbidden=MANAGERS,
    ),
    Page(
        "health:feedback",
        lambda c: f"/health/mentorships/{_ms(c)}/feedback/",
        PAIR,
        method="POST",
        data={"went_well": "Clear agenda", "do_differently": ""},
        ok=302,
        refused=404,
        forbidden=MANAGERS,
    ),
    # introductions: the pair's; the mentor records them, or either peer in mutual mentoring
    Page(
        "health:introductions",
        lambda c: f"/health/mentorships/{_ms(c)}/introductions/",
        PAIR,
        refused=404,
        forbidden=MANAGERS,
    ),
    Page(
        "health:introductions",
        lambda c: f"/health/mentorships/{_ms(c)}/introductions/",
        MENTOR,
        forbidden=MANAGERS | MENTEE,
        method="POST",
        data=_introduction,
        ok=302,
        refused=404,
    ),
    Page(
        "health:introductions",
        lambda c: f"/health/mentorships/{_mutual(c)}/introductions/",
        PEER,
        method="POST",
        data=_introduction,
        ok=302,
        refused=404,
        forbidden=MANAGERS,
    ),
    Page(
        "health:introduction_outcome",
        lambda c: f"/health/introductions/{c.introduction.pk}/outcome/",
        PAIR,
        method="POST",
        data={"outcome": "A coffee and a project"},
        ok=302,
        refused=404,
        forbidden=MANAGERS,
    ),
    # risks and actions: the program's admins; the pair knows the mentorship
    Page(
        "health:risk_action",
        lambda c: f"/health/mentorships/{_ms(c)}/actions/",
        MANAGERS,
        forbidden=PAIR,
        method="POST",
        data={"kind": "contacted", "note": "Rang Theo"},
        ok=302,
        refused=404,
    ),
    Page("health:at_risk", lambda c: "/health/at-risk/", ADMINS_ANYWHERE),
    Page(
        "health:program_at_risk", lambda c: f"/health/programs/{c.program.slug}/at-risk/", MANAGERS
    ),
    Page("health:how_the_score_works", lambda c: "/health/how-the-score-works/", EVERYONE),
    Page(
        "health:program_settings",
        lambda c: f"/health/programs/{c.program.slug}/settings/",
        MANAGERS,
    ),
    Page(
        "health:program_settings",
        lambda c: f"/health/programs/{c.program.slug}/settings/",
        MANAGERS,
        method="POST",
        data={
            "first_check_in_days": 14,
            "check_in_every_days": 30,
            "reminder_after_days": 5,
            "at_risk_below": 50,
        },
        ok=302,
    ),
    # insights: a program's admins for their program, global admins across programs
    Page("insights:overview", lambda c: "/insights/", ADMINS_ANYWHERE),
    Page("insights:report", lambda c: "/insights/report/", GLOBAL_ADMINS),
    Page("insights:export", lambda c: "/insights/export/kpis.csv", GLOBAL_ADMINS),
    Page("insights:outcomes", lambda c: "/insights/outcomes/", GLOBAL_ADMINS),
    Page("insights:outcomes_export", lambda c: "/insights/outcomes/career.csv", GLOBAL_ADMINS),
    Page("insights:program_dashboard", lambda c: f"/insights/programs/{c.program.slug}/", MANAGERS),
    Page(
        "insights:program_outcomes",
        lambda c: f"/insights/programs/{c.program.slug}/outcomes/",
        MANAGERS,
    ),
    Page(
        "insights:program_outcomes_export",
        lambda c: f"/insights/programs/{c.program.slug}/outcomes/career.csv",
        MANAGERS,
    ),
    Page(
        "insights:program_report",
        lambda c: f"/insights/programs/{c.program.slug}/report/",
        MANAGERS,
    ),
    Page(
        "insights:program_export",
        lambda c: f"/insights/programs/{c.program.slug}/export/funnel.csv",
        MANAGERS,
    ),
]

H = "/api/v1/health"

API = [
    Api("GET /api/v1/health/checkins/due", lambda c: f"{H}/checkins/due", EVERYONE),
    Api(
        "POST /api/v1/health/checkins/{checkin_id}/answer",
        lambda c: f"{H}/checkins/{c.checkin.pk}/answer",
        MENTEE,
        404,
        data=ANSWER,
    ),
    Api(
        "GET /api/v1/health/mentorships/{mentorship_id}/checkins",
        lambda c: f"{H}/mentorships/{_ms(c)}/checkins",
        PAIR | MANAGERS,
        404,
    ),
    Api(
        "GET /api/v1/health/mentorships/{mentorship_id}/feedback",
        lambda c: f"{H}/mentorships/{_ms(c)}/feedback",
        PAIR,
        refused=404,
        forbidden=MANAGERS,
    ),
    Api(
        "POST /api/v1/health/mentorships/{mentorship_id}/feedback",
        lambda c: f"{H}/mentorships/{_ms(c)}/feedback",
        PAIR,
        data={"went_well": "Clear agenda"},
        ok=201,
        refused=404,
        forbidden=MANAGERS,
    ),
    Api(
        "GET /api/v1/health/mentorships/{mentorship_id}/introductions",
        lambda c: f"{H}/mentorships/{_ms(c)}/introductions",
        PAIR,
        refused=404,
        forbidden=MANAGERS,
    ),
    Api(
        "POST /api/v1/health/mentorships/{mentorship_id}/introductions",
        lambda c: f"{H}/mentorships/{_ms(c)}/introductions",
        MENTOR,
        forbidden=MANAGERS | MENTEE,
        data=_introduction,
        ok=201,
        refused=404,
    ),
    Api(
        "POST /api/v1/health/mentorships/{mentorship_id}/introductions",
        lambda c: f"{H}/mentorships/{_mutual(c)}/introductions",
        PEER,
        data=_introduction,
        ok=201,
        refused=404,
        forbidden=MANAGERS,
    ),
    Api(
        "POST /api/v1/health/introductions/{introduction_id}/outcome",
        lambda c: f"{H}/introductions/{c.introduction.pk}/outcome",
        PAIR,
        data={"outcome": "A coffee and a project"},
        refused=404,
        forbidden=MANAGERS,
    ),
    Api("GET /api/v1/health/signals", lambda c: f"{H}/signals", EVERYONE),
    Api(
        "GET /api/v1/health/mentorships/{mentorship_id}/health",
        lambda c: f"{H}/mentorships/{_ms(c)}/health",
        MANAGERS,
        forbidden=PAIR,
        refused=404,
    ),
    Api("GET /api/v1/health/risks", lambda c: f"{H}/risks", ADMINS_ANYWHERE),
    Api(
        "GET /api/v1/health/mentorships/{mentorship_id}/actions",
        lambda c: f"{H}/mentorships/{_ms(c)}/actions",
        MANAGERS,
        forbidden=PAIR,
        refused=404,
    ),
    Api(
        "POST /api/v1/health/mentorships/{mentorship_id}/actions",
        lambda c: f"{H}/mentorships/{_ms(c)}/actions",
        MANAGERS,
        forbidden=PAIR,
        data={"kind": "contacted", "note": "Rang Theo"},
        ok=201,
        refused=404,
    ),
    Api(
        "GET /api/v1/insights/programs/{slug}/report",
        lambda c: f"/api/v1/insights/programs/{c.program.slug}/report",
        MANAGERS,
    ),
    Api("GET /api/v1/insights/report", lambda c: "/api/v1/insights/report", GLOBAL_ADMINS),
    Api(
        "GET /api/v1/insights/programs/{slug}/outcomes",
        lambda c: f"/api/v1/insights/programs/{c.program.slug}/outcomes",
        MANAGERS,
    ),
    Api("GET /api/v1/insights/outcomes", lambda c: "/api/v1/insights/outcomes", GLOBAL_ADMINS),
]
