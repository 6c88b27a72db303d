"""Rows for growth's plans and assessments: development plans and their review, 360° assessments
and their raters, competency lists, training.

Who is who here (DESIGN.md §5 and §Privacy):
- a development plan is the pair's: the person growing (the mentee; each peer of a mutual
  mentorship) drafts it, their partner (the mentor) reviews it; admins see no plan at all;
- a 360° assessment is the subject's and their partner's; a rater answers through their own
  invitation (a signed link, or in the app) and sees their own answers, not the assessment;
- the training catalogue is for everyone signed in; admins and mentors add to it; the programs'
  competency lists are their admins'.

Many refusals here are of two kinds in one row: the partner *sees* the plan but may not do what
only its owner does (403), everyone else may not know it exists (404): rows say so with
`forbidden=` (the roles answered 403).
"""

import datetime
import time

from django.core import signing
from django.utils import timezone

from tandem.tests.access.base import (
    ADMINS_ANYWHERE,
    ALL,
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
# Who adds to the training catalogue: admins of any program, and mentors (peers mentor too).
TRAINERS = ADMINS_ANYWHERE | {"mentor", "peer"}

# Words the confidentiality tests look for (tandem/tests/test_confidentiality_assessments.py).
PLAN_CAREER_GOAL = "Lead the payments platform team by 2028"
PLAN_ITEM_TEXT = "Run the Thursday architecture review twice before June"
PLAN_SUGGESTION = "Pair with Nadia on the first review before running one alone"
COWORKER_COMMENTS = {
    "outsider": "Olga-says: mumbles through the quarterly demo",
    "external": "Kim-says: slides were unreadable from the back row",
}
SUPERVISOR_COMMENT = "Sofia-says: needs to delegate the release notes"
MENTOR_COMMENT = "Maria-says: explains trade-offs well one to one"


# --- what the rows point at ------------------------------------------------------------------


def stage(cast) -> dict:
    """Plans in each state of their review, an open and a closed 360° assessment of the mentee
    in `mentorship`, a training and a program competency.

    One plan per person per mentorship, so the states live in three more mentorships of the
    same mentor and mentee (each in its own program run by the program manager): `mentorship`
    has no plan yet (starting one), `drafting` a draft (the owner writes), `reviewing` a
    submitted one (the mentor reviews), `agreeing` an agreed one with two open comments (the
    owner revises, accepts, answers)."""
    from tandem.people.tests.factories import SkillFactory, UserFactory

    skills = [SkillFactory(name=name) for name in ("Public speaking", "Delegation", "Negotiation")]
    supervisor = UserFactory(email="supervisor@example.com", first_name="Sofia", last_name="Boss")
    profile = cast.mentee.profile
    profile.manager = supervisor
    profile.save(update_fields=["manager"])
    staged = {"assessed_skills": skills, "supervisor": supervisor}
    staged.update(_stage_plans(cast, skills[0]))
    staged.update(_stage_assessments(cast, skills))
    staged.update(_stage_training(cast, skills[0]))
    return staged


def _pair_mentorship(cast, name: str, slug: str):
    from tandem.mentorships.tests.factories import make_mentorship
    from tandem.programs.tests.factories import ProgramFactory

    program = ProgramFactory(name=name, slug=slug, status="running")
    program.admins.add(cast.program_manager)
    return make_mentorship(program=program, mentor=cast.mentor, mentee=cast.mentee)


def _plan(mentorship, owner, skill, text="Practise public speaking at every team meeting"):
    from tandem.growth import services

    plan = services.plan_start(
        mentorship=mentorship, owner=owner, career_goals=PLAN_CAREER_GOAL, job_demands="Demos."
    )
    item = services.plan_item_add(
        plan=plan,
        by=owner,
        skill=skill,
        activity="on_the_job",
        description=text,
        target_date=_in_days(90),
    )
    return plan, item


def _stage_plans(cast, skill) -> dict:
    from tandem.growth import services

    mentor, mentee = cast.mentor, cast.mentee
    plan, item = _plan(_pair_mentorship(cast, "Plans: drafting", "drafting"), mentee, skill)
    # Submitted: the mentor is reviewing it and has suggested a change.
    submitted, submitted_item = _plan(
        _pair_mentorship(cast, "Plans: reviewing", "reviewing"), mentee, skill, PLAN_ITEM_TEXT
    )
    services.plan_submit(plan=submitted, by=mentee)
    suggestion = services.plan_suggest(
        plan=submitted, by=mentor, item=submitted_item, field="resources", value=PLAN_SUGGESTION
    )
    # Agreed, with two comments the mentee has not yet answered.
    agreed, _item = _plan(_pair_mentorship(cast, "Plans: agreed", "agreeing"), mentee, skill)
    services.plan_submit(plan=agreed, by=mentee)
    comments = [
        services.plan_suggest(plan=agreed, by=mentor, comment=text)
        for text in ("Good choice of practice.", "Who gives you feedback after each talk?")
    ]
    services.plan_review(plan=agreed, by=mentor, outcome="agreed")
    return {
        "plan": plan,
        "plan_item": item,
        "submitted_plan": submitted,
        "open_suggestion": suggestion,
        "agreed_plan": agreed,
        "comment_to_accept": comments[0],
        "comment_to_answer": comments[1],
    }


def _stage_assessments(cast, skills) -> dict:
    """A closed assessment of the mentee (self, mentor, supervisor and two co-workers answered:
    the outsider, who has an account, and Kim, who has none) and an open one."""
    from tandem.growth import services
    from tandem.growth.links import rater_link_path
    from tandem.growth.models import RaterGroup
    from tandem.growth.tests.factories import answer

    mentorship, mentee = cast.mentorship, cast.mentee
    closed = services.assessment_start(
        mentorship=mentorship,
        subject=mentee,
        by=mentee,
        skills=skills,
        closes_on=_in_days(14),
        title="Spring 360°",
        coworkers=[cast.outsider.email, "Kim Berg <kim.berg@example.com>"],
    )

    def rater(group, **match):
        return closed.raters.get(group=group, **match)

    # Scores per competency (Public speaking, Delegation, Negotiation); None: not observed.
    answer(rater(RaterGroup.SELF), [5, 4, None])
    answer(rater(RaterGroup.MENTOR), [3, 4, None], [MENTOR_COMMENT, "", ""])
    answer(rater(RaterGroup.SUPERVISOR), [3, 2, None], ["", SUPERVISOR_COMMENT, ""])
    outsider_rater = rater(RaterGroup.COWORKER, person=cast.outsider)
    answer(outsider_rater, [1, 2, 2], [COWORKER_COMMENTS["outsider"], "", ""])
    external = rater(RaterGroup.COWORKER, email="kim.berg@example.com")
    answer(external, [2, 2, 1], [COWORKER_COMMENTS["external"], "", ""])
    services.assessment_close(assessment=closed, by=mentee)

    open_one = services.assessment_start(
        mentorship=mentorship,
        subject=mentee,
        by=mentee,
        skills=skills[:2],
        closes_on=_in_days(14),
        title="Autumn 360°",
        coworkers=["Ana Ruiz <ana@example.com>"],
    )
    ana = open_one.raters.get(email="ana@example.com")
    return {
        "closed_assessment": closed,
        "outsider_rater": outsider_rater,
        "assessment": open_one,
        "mentor_rater": open_one.raters.get(group=RaterGroup.MENTOR),
        "coworker_rater": ana,
        "rating_link": rater_link_path(ana),
        "expired_link": _expired_link_path(ana),
    }


def _expired_link_path(rater) -> str:
    """Ana's link as if it had been e-mailed fifteen days ago (links live fourteen)."""
    from tandem.growth.links import SALT

    class LongAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 15 * 24 * 3600)

    token = LongAgo(salt=SALT).sign_object(
        {"r": rater.pk, "t": rater.token}, serializer=signing.JSONSerializer
    )
    return f"/growth/rate/{token}/"


def _stage_training(cast, skill) -> dict:
    from tandem.growth import services

    course = services.training_create(
        by=cast.mentor,
        skills=[skill],
        title="Speaking with confidence",
        kind="course",
        provider="The Speaking School",
        description="Six weeks of practice with feedback.",
    )
    services.training_complete(training=course, person=cast.mentee)
    competency = services.competency_add(
        program=cast.program, by=cast.program_admin, skill=skill, description="Clear and brief."
    )
    return {"training": course, "competency": competency}


def _in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _rating(c, me) -> dict:
    data = {}
    for competency in c.assessment.competencies.all():
        data[f"score_{competency.pk}"] = "4"
        data[f"comment_{competency.pk}"] = "Clear and calm."
    return data


def _item_form(c, me) -> dict:
    return {
        "skill": c.skill.pk,
        "activity": "mentor",
        "description": "Shadow Maria in two client demos.",
        "resources": "",
        "training": "",
        "target_date": _in_days(60).isoformat(),
        "status": "planned",
    }


def _assessment_form(c, me) -> dict:
    return {"title": "Summer 360°", "other_skills": [c.skill.pk], "closes_on": _in_days(10)}


def _training_form(c, me) -> dict:
    return {"title": "Negotiation basics", "kind": "course", "format": "virtual"}


# --- pages -----------------------------------------------------------------------------------

PAGES = [
    # development plans: mentorship-scoped
    Page("growth:plan", lambda c: f"/growth/mentorships/{c.mentorship.pk}/plan/", PAIR, 404),
    Page(
        "growth:plan_start",
        lambda c: f"/growth/mentorships/{c.mentorship.pk}/plan/start/",
        MENTEE,
        404,
        forbidden=MENTOR,
        method="POST",
        data={"career_goals": "Grow into a product lead.", "job_demands": "Client demos."},
        ok=302,
    ),
    # In a mutual mentorship either peer drafts their own plan.
    Page(
        "growth:plan_start",
        lambda c: f"/growth/mentorships/{c.mutual_mentorship.pk}/plan/start/",
        PEER,
        404,
        method="POST",
        data={"career_goals": "Learn to run workshops."},
        ok=302,
    ),
    Page(
        "growth:plan_of",
        lambda c: f"/growth/mentorships/{c.plan.mentorship_id}/plan/{c.mentee.pk}/",
        PAIR,
        404,
    ),
    # the owner writes
    Page(
        "growth:plan_context",
        lambda c: f"/growth/plans/{c.plan.pk}/context/",
        MENTEE,
        404,
        forbidden=MENTOR,
        method="POST",
        data={"career_goals": "Grow into a product lead.", "job_demands": "Client demos."},
        ok=302,
    ),
    Page(
        "growth:item_create",
        lambda c: f"/growth/plans/{c.plan.pk}/items/",
        MENTEE,
        404,
        forbidden=MENTOR,
        method="POST",
        data=_item_form,
        ok=302,
    ),
    Page(
        "growth:item_edit",
        lambda c: f"/growth/plan-items/{c.plan_item.pk}/edit/",
        MENTEE,
        404,
        forbidden=MENTOR,
    ),
    Page(
        "growth:item_edit",
        lambda c: f"/growth/plan-items/{c.plan_item.pk}/edit/",
        MENTEE,
        404,
        forbidden=MENTOR,
        method="POST",
        data=_item_form,
        ok=302,
    ),
    Page(
        "growth:item_status",
        lambda c: f"/growth/plan-items/{c.plan_item.pk}/status/",
        MENTEE,
        404,
        forbidden=MENTOR,
        method="POST",
        data={"status": "in_progress"},
        ok=302,
    ),
    Page(
        "growth:item_delete",
        lambda c: f"/growth/plan-items/{c.plan_item.pk}/delete/",
        MENTEE,
        404,
        forbidden=MENTOR,
        method="POST",
        ok=302,
    ),
    Page(
        "growth:plan_submit",
        lambda c: f"/growth/plans/{c.plan.pk}/submit/",
        MENTEE,
        404,
        forbidden=MENTOR,
        method="POST",
        data={"note": "Ready for your eyes."},
        ok=302,
    ),
    # the partner reviews
    Page(
        "growth:plan_suggest",
        lambda c: f"/growth/plans/{c.submitted_plan.pk}/suggest/",
        MENTOR,
        404,
        forbidden=MENTEE,
        method="POST",
        data={"comment": "Add a date for the first review."},
        ok=302,
    ),
    Page(
        "growth:suggestion_withdraw",
        lambda c: f"/growth/suggestions/{c.open_suggestion.pk}/withdraw/",
        MENTOR,
        404,
        forbidden=MENTEE,
        method="POST",
        ok=302,
    ),
    Page(
        "growth:plan_review",
        lambda c: f"/growth/plans/{c.submitted_plan.pk}/review/",
        MENTOR,
        404,
        forbidden=MENTEE,
        method="POST",
        data={"outcome": "changes", "note": "See my suggestion."},
        ok=302,
    ),
    # the owner answers and revises
    Page(
        "growth:suggestion_accept",
        lambda c: f"/growth/suggestions/{c.comment_to_accept.pk}/accept/",
        MENTEE,
        404,
        forbidden=MENTOR,
        method="POST",
        data={"answer": "Thanks!"},
        ok=302,
    ),
    Page(
        "growth:suggestion_answer",
        lambda c: f"/growth/suggestions/{c.comment_to_answer.pk}/answer/",
        MENTEE,
        404,
        forbidden=MENTOR,
        method="POST",
        data={"answer": "My team lead, after each talk."},
        ok=302,
    ),
    Page(
        "growth:plan_revise",
        lambda c: f"/growth/plans/{c.agreed_plan.pk}/revise/",
        MENTEE,
        404,
        forbidden=MENTOR,
        method="POST",
        ok=302,
    ),
    Page(
        "growth:plan_versions",
        lambda c: f"/growth/plans/{c.submitted_plan.pk}/versions/",
        PAIR,
        404,
    ),
    # 360° assessments
    Page(
        "growth:assessments",
        lambda c: f"/growth/mentorships/{c.mentorship.pk}/assessments/",
        PAIR,
        404,
    ),
    Page(
        "growth:assessment_start",
        lambda c: f"/growth/mentorships/{c.plan.mentorship_id}/assessments/new/",
        PAIR,
        404,
    ),
    Page(
        "growth:assessment_start",
        lambda c: f"/growth/mentorships/{c.plan.mentorship_id}/assessments/new/",
        PAIR,
        404,
        method="POST",
        data=_assessment_form,
        ok=302,
    ),
    # In a mutual mentorship either peer is assessed.
    Page(
        "growth:assessment_start",
        lambda c: f"/growth/mentorships/{c.mutual_mentorship.pk}/assessments/new/",
        PEER,
        404,
    ),
    Page(
        "growth:assessment_detail", lambda c: f"/growth/assessments/{c.assessment.pk}/", PAIR, 404
    ),
    # Closed: the results, with the comments beside them.
    Page(
        "growth:assessment_detail",
        lambda c: f"/growth/assessments/{c.closed_assessment.pk}/",
        PAIR,
        404,
    ),
    Page(
        "growth:assessment_coworkers",
        lambda c: f"/growth/assessments/{c.assessment.pk}/coworkers/",
        MENTEE,
        404,
        forbidden=MENTOR,
        method="POST",
        data={"coworkers": "Bo Lind <bo.lind@example.com>"},
        ok=302,
    ),
    Page(
        "growth:assessment_remind",
        lambda c: f"/growth/assessments/{c.assessment.pk}/remind/",
        PAIR,
        404,
        method="POST",
        ok=302,
    ),
    Page(
        "growth:assessment_close",
        lambda c: f"/growth/assessments/{c.assessment.pk}/close/",
        PAIR,
        404,
        method="POST",
        ok=302,
    ),
    Page(
        "growth:assessment_gaps",
        lambda c: f"/growth/assessments/{c.closed_assessment.pk}/gaps/",
        MENTEE,
        404,
        forbidden=MENTOR,
        method="POST",
        ok=302,
    ),
    Page(
        "growth:assessment_export",
        lambda c: f"/growth/assessments/{c.closed_assessment.pk}/results.csv",
        PAIR,
        404,
    ),
    # The signed link: whoever holds it rates, no account needed; a forged or expired one is
    # refused with its own page.
    Page("growth:rate", lambda c: c.rating_link, ALL),
    Page("growth:rate", lambda c: c.rating_link, ALL, method="POST", data=_rating),
    Page("growth:rate", lambda c: c.rating_link[:-6] + "forged/", ALL, ok=400),
    Page("growth:rate", lambda c: c.expired_link, ALL, ok=410),
    # In the app, a rater with an account: their own answers once given, nobody else's.
    Page(
        "growth:rate_in_app",
        lambda c: f"/growth/ratings/{c.outsider_rater.pk}/",
        frozenset({"outsider"}),
        404,
    ),
    Page(
        "growth:rate_in_app",
        lambda c: f"/growth/ratings/{c.mentor_rater.pk}/",
        MENTOR,
        404,
        method="POST",
        data=_rating,
    ),
    # training and competencies
    Page("growth:training", lambda c: "/growth/training/", EVERYONE),
    Page("growth:training_create", lambda c: "/growth/training/new/", TRAINERS),
    Page(
        "growth:training_create",
        lambda c: "/growth/training/new/",
        TRAINERS,
        method="POST",
        data=_training_form,
        ok=302,
    ),
    Page("growth:training_detail", lambda c: f"/growth/training/{c.training.pk}/", EVERYONE),
    Page(
        "growth:training_edit",
        lambda c: f"/growth/training/{c.training.pk}/edit/",
        GLOBAL_ADMINS | MENTOR,
    ),
    Page(
        "growth:training_edit",
        lambda c: f"/growth/training/{c.training.pk}/edit/",
        GLOBAL_ADMINS | MENTOR,
        method="POST",
        data=_training_form,
        ok=302,
    ),
    Page(
        "growth:training_completed",
        lambda c: f"/growth/training/{c.training.pk}/completed/",
        EVERYONE,
        method="POST",
        ok=302,
    ),
    Page("growth:training_share", lambda c: f"/growth/training/{c.training.pk}/share/", MENTEE),
    Page(
        "growth:training_share",
        lambda c: f"/growth/training/{c.training.pk}/share/",
        MENTEE,
        method="POST",
        data={"title": "What I learnt", "description": "Breathing, pace.", "format": "virtual"},
        ok=302,
    ),
    Page("growth:competency_programs", lambda c: "/growth/competencies/", ADMINS_ANYWHERE),
    Page("growth:competencies", lambda c: f"/growth/competencies/{c.program.slug}/", MANAGERS),
    Page(
        "growth:competencies",
        lambda c: f"/growth/competencies/{c.program.slug}/",
        MANAGERS,
        method="POST",
        data=lambda c, me: {"skill": c.skill.pk, "description": "Reads code others wrote."},
        ok=302,
    ),
    Page(
        "growth:competency_remove",
        lambda c: f"/growth/competencies/remove/{c.competency.pk}/",
        MANAGERS,
        method="POST",
        ok=302,
    ),
]

# --- API -------------------------------------------------------------------------------------

G = "/api/v1/growth"

API = [
    # development plans
    Api(f"GET {G}/plans", lambda c: f"{G}/plans", EVERYONE),
    Api(
        f"POST {G}/mentorships/{{mentorship_id}}/plan",
        lambda c: f"{G}/mentorships/{c.mentorship.pk}/plan",
        MENTEE,
        404,
        forbidden=MENTOR,
        data={"job_demands": "Client demos."},
        ok=201,
    ),
    Api(
        f"POST {G}/mentorships/{{mentorship_id}}/plan",
        lambda c: f"{G}/mentorships/{c.mutual_mentorship.pk}/plan",
        PEER,
        404,
        data={},
        ok=201,
    ),
    Api(f"GET {G}/plans/{{plan_id}}", lambda c: f"{G}/plans/{c.plan.pk}", PAIR, 404),
    Api(
        f"PATCH {G}/plans/{{plan_id}}",
        lambda c: f"{G}/plans/{c.plan.pk}",
        MENTEE,
        404,
        forbidden=MENTOR,
        data={"career_goals": "Grow into a product lead.", "job_demands": "Client demos."},
    ),
    Api(
        f"POST {G}/plans/{{plan_id}}/items",
        lambda c: f"{G}/plans/{c.plan.pk}/items",
        MENTEE,
        404,
        forbidden=MENTOR,
        data=lambda c, me: {
            "skill_id": c.skill.pk,
            "activity": "mentor",
            "description": "Shadow Maria in two client demos.",
            "target_date": _in_days(60).isoformat(),
        },
        ok=201,
    ),
    Api(
        f"PATCH {G}/plan-items/{{item_id}}",
        lambda c: f"{G}/plan-items/{c.plan_item.pk}",
        MENTEE,
        404,
        forbidden=MENTOR,
        data={"description": "Speak first at every team meeting."},
    ),
    Api(
        f"DELETE {G}/plan-items/{{item_id}}",
        lambda c: f"{G}/plan-items/{c.plan_item.pk}",
        MENTEE,
        404,
        forbidden=MENTOR,
        ok=204,
    ),
    Api(
        f"POST {G}/plans/{{plan_id}}/submit",
        lambda c: f"{G}/plans/{c.plan.pk}/submit",
        MENTEE,
        404,
        forbidden=MENTOR,
        data={"note": "Ready for your eyes."},
        ok=201,
    ),
    Api(
        f"POST {G}/plans/{{plan_id}}/suggestions",
        lambda c: f"{G}/plans/{c.submitted_plan.pk}/suggestions",
        MENTOR,
        404,
        forbidden=MENTEE,
        data={"comment": "Add a date for the first review."},
        ok=201,
    ),
    Api(
        f"DELETE {G}/suggestions/{{suggestion_id}}",
        lambda c: f"{G}/suggestions/{c.open_suggestion.pk}",
        MENTOR,
        404,
        forbidden=MENTEE,
        ok=204,
    ),
    Api(
        f"POST {G}/plans/{{plan_id}}/review",
        lambda c: f"{G}/plans/{c.submitted_plan.pk}/review",
        MENTOR,
        404,
        forbidden=MENTEE,
        data={"outcome": "changes", "note": "See my suggestion."},
    ),
    Api(
        f"POST {G}/suggestions/{{suggestion_id}}/accept",
        lambda c: f"{G}/suggestions/{c.comment_to_accept.pk}/accept",
        MENTEE,
        404,
        forbidden=MENTOR,
        data={"answer": "Thanks!"},
    ),
    Api(
        f"POST {G}/suggestions/{{suggestion_id}}/answer",
        lambda c: f"{G}/suggestions/{c.comment_to_answer.pk}/answer",
        MENTEE,
        404,
        forbidden=MENTOR,
        data={"answer": "My team lead, after each talk."},
    ),
    Api(
        f"POST {G}/plans/{{plan_id}}/revise",
        lambda c: f"{G}/plans/{c.agreed_plan.pk}/revise",
        MENTEE,
        404,
        forbidden=MENTOR,
    ),
    Api(
        f"GET {G}/plans/{{plan_id}}/versions",
        lambda c: f"{G}/plans/{c.submitted_plan.pk}/versions",
        PAIR,
        404,
    ),
    Api(
        f"GET {G}/plans/{{plan_id}}/versions/{{number}}/diff",
        lambda c: f"{G}/plans/{c.submitted_plan.pk}/versions/1/diff",
        PAIR,
        404,
    ),
    # 360° assessments
    Api(f"GET {G}/assessments", lambda c: f"{G}/assessments", EVERYONE),
    Api(
        f"POST {G}/assessments",
        lambda c: f"{G}/assessments",
        PAIR,
        404,
        data=lambda c, me: {
            "mentorship_id": c.plan.mentorship_id,
            "subject_id": c.mentee.pk,
            "skill_ids": [c.skill.pk],
            "closes_on": _in_days(10).isoformat(),
        },
        ok=201,
    ),
    Api(
        f"GET {G}/assessments/{{assessment_id}}",
        lambda c: f"{G}/assessments/{c.assessment.pk}",
        PAIR,
        404,
    ),
    Api(
        f"POST {G}/assessments/{{assessment_id}}/raters",
        lambda c: f"{G}/assessments/{c.assessment.pk}/raters",
        MENTEE,
        404,
        forbidden=MENTOR,
        data={"coworkers": ["Bo Lind <bo.lind@example.com>"]},
        ok=201,
    ),
    Api(
        f"GET {G}/assessments/{{assessment_id}}/progress",
        lambda c: f"{G}/assessments/{c.assessment.pk}/progress",
        PAIR,
        404,
    ),
    Api(
        f"GET {G}/assessments/{{assessment_id}}/results",
        lambda c: f"{G}/assessments/{c.closed_assessment.pk}/results",
        PAIR,
        404,
    ),
    Api(
        f"POST {G}/assessments/{{assessment_id}}/close",
        lambda c: f"{G}/assessments/{c.assessment.pk}/close",
        PAIR,
        404,
    ),
    Api(
        f"POST {G}/assessments/{{assessment_id}}/remind",
        lambda c: f"{G}/assessments/{c.assessment.pk}/remind",
        PAIR,
        404,
    ),
    Api(
        f"POST {G}/assessments/{{assessment_id}}/gaps-to-plan",
        lambda c: f"{G}/assessments/{c.closed_assessment.pk}/gaps-to-plan",
        MENTEE,
        404,
        forbidden=MENTOR,
        data={},
        ok=201,
    ),
    # training
    Api(f"GET {G}/training", lambda c: f"{G}/training", EVERYONE),
    Api(
        f"POST {G}/training",
        lambda c: f"{G}/training",
        TRAINERS,
        data={"title": "Negotiation basics", "kind": "course"},
        ok=201,
    ),
    Api(f"GET {G}/training/{{training_id}}", lambda c: f"{G}/training/{c.training.pk}", EVERYONE),
    Api(
        f"PATCH {G}/training/{{training_id}}",
        lambda c: f"{G}/training/{c.training.pk}",
        GLOBAL_ADMINS | MENTOR,
        data={"duration": "8 weeks"},
    ),
    Api(
        f"POST {G}/training/{{training_id}}/completion",
        lambda c: f"{G}/training/{c.training.pk}/completion",
        EVERYONE,
        data={},
        ok=201,
    ),
    Api(
        f"POST {G}/training/{{training_id}}/sharing-sessions",
        lambda c: f"{G}/training/{c.training.pk}/sharing-sessions",
        MENTEE,
        data={"description": "Breathing, pace, and the three-point rule."},
        ok=201,
    ),
    # program competency lists: public once the program enrols, edited by its admins
    Api(
        f"GET {G}/programs/{{slug}}/competencies",
        lambda c: f"{G}/programs/{c.program.slug}/competencies",
        EVERYONE,
    ),
    Api(
        f"POST {G}/programs/{{slug}}/competencies",
        lambda c: f"{G}/programs/{c.program.slug}/competencies",
        MANAGERS,
        data=lambda c, me: {"skill_id": c.skill.pk},
        ok=201,
    ),
    Api(
        f"DELETE {G}/competencies/{{competency_id}}",
        lambda c: f"{G}/competencies/{c.competency.pk}",
        MANAGERS,
        ok=204,
    ),
]
