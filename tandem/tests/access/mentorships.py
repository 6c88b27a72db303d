"""Rows for mentorships and matching: match runs and proposals, requests, the mentorship and its
agreement, reflections, lineage.

- A mentorship: the pair sees and does everything of it; the program's admins see its overview
  (metadata) and move it on (pause, complete…), and are refused (403) its content (agreement,
  reflections) and answering a proposal for someone; anyone else is told it does not exist (404).
- A request and its motivation: the mentee who wrote it and the mentor it was sent to, nobody
  else (not the program's admins: the README gives them no page of requests, and a request is a
  mentee's words to one mentor); the mentor answers it, the mentee withdraws it (each is
  refused, 403, the other's move).
- Choosing a mentor: the approved mentees of a program where mentees choose; anyone else may see
  the program, so they are refused (403).
- Matching: the program's admins and the global admins; anyone else may see the program, so
  they are refused (403), as on the programs' own admin pages.
"""

import datetime

from tandem.tests.access.base import EVERYONE, MANAGERS, PAIR, Api, Page

MENTOR = frozenset({"mentor"})
MENTEE = frozenset({"mentee"})
PEER = frozenset({"peer"})

# What stage() writes, distinctive enough to be looked for in everything a role is shown
# (tandem/tests/test_confidentiality_mentorships.py).
ADMIRE = "You rebuilt the billing service without a single outage, calmly"
HOPE_TO_GAIN = "I hope to stop freezing when I present to the leadership team"
DECLINE_MESSAGE = "My calendar is full until autumn; ask me again then"
GAINED = "I learned to say no to scope creep without guilt"
PARTNER_GAINED = "My mentor found a fresh view on onboarding juniors"


def _program(cast, **fields):
    """A program of the cast's program manager (global admins run every program)."""
    from tandem.programs.tests.factories import ProgramFactory

    program = ProgramFactory(**fields)
    program.admins.add(cast.program_manager)
    return program


def stage(cast) -> dict:
    """What this area's rows point at, added to the cast: {name: object}.

    - `match_program` (admin-matched, matching): mentors Nora (1 place, English) and Omar
      (1 place, German only), mentees Wanda and Xavier (English): two finished runs, each
      proposing Wanda → Nora and leaving Xavier unmatched (`run`, `other_run`, `proposal`,
      `xavier`, `omar`);
    - `choosing` (self-select, running): the cast's mentor and a second mentor, the cast's
      mentee; a pending `request` mentee → mentor (ADMIRE, HOPE_TO_GAIN) and a request to the
      second mentor that was declined with DECLINE_MESSAGE (`declined_request`);
    - `second_round` (running): a `closed` (completed) mentorship mentor → mentee with the
      mentee's reflection (GAINED, PARTNER_GAINED), and a `proposed` one after it;
    - `bridge` (running): an active mentorship mentor → mentee whose agreement (`unsigned`) is
      not signed yet."""
    from django.utils import timezone

    from tandem.matching.models import Unmatched
    from tandem.matching.tests.factories import finished_run
    from tandem.mentorships.models import MentorshipRequest
    from tandem.mentorships.services import (
        mentorship_request_decline,
        mentorship_transition,
        reflection_save,
    )
    from tandem.mentorships.tests.factories import (
        AgreementFactory,
        make_mentorship,
        make_request,
        mentee_enrollment,
        mentor_enrollment,
        speaking,
    )
    from tandem.people.tests.factories import UserFactory

    mentor, mentee = cast.mentor, cast.mentee

    match_program = _program(
        cast, name="Spring cohort", slug="spring-cohort", status="matching", matching_mode="admin"
    )
    nora = mentor_enrollment(match_program, UserFactory(first_name="Nora"), capacity=1)
    omar = mentor_enrollment(
        match_program, speaking(UserFactory(first_name="Omar"), "de", "German"), capacity=1
    )
    omar.person.profile.languages.remove(*omar.person.profile.languages.filter(code="en"))
    wanda = mentee_enrollment(match_program, UserFactory(first_name="Wanda"))
    xavier = mentee_enrollment(match_program, UserFactory(first_name="Xavier"))
    other_run = finished_run(match_program, cast.program_admin)
    run = finished_run(match_program, cast.program_admin)
    proposal = run.proposals.get()
    assert proposal.mentee_enrollment == wanda and proposal.mentor_enrollment == nora
    assert Unmatched.objects.filter(run=run, enrollment=xavier).exists()

    choosing = _program(
        cast,
        name="Choose your mentor",
        slug="choose",
        status="running",
        matching_mode="self_select",
    )
    asked = mentor_enrollment(choosing, mentor, capacity=2)
    second = mentor_enrollment(choosing, UserFactory(first_name="Sven"), capacity=2)
    asking = mentee_enrollment(choosing, mentee)
    declined = make_request(mentee=mentee, mentor_enrollment=second)
    mentorship_request_decline(request=declined, by=second.person, message=DECLINE_MESSAGE)
    # Written directly: the matching rules refuse a request between people who were paired
    # before (as the cast's mentor and mentee are), and the request is what the rows need.
    request = MentorshipRequest.objects.create(
        program=choosing,
        mentee=mentee,
        mentor=mentor,
        mentee_enrollment=asking,
        mentor_enrollment=asked,
        admire=ADMIRE,
        hope_to_gain=HOPE_TO_GAIN,
        score=0.8,
        expires_at=timezone.now() + datetime.timedelta(days=choosing.request_expiry_days),
    )

    second_round = _program(cast, name="Second round", slug="second-round", status="running")
    closed = make_mentorship(program=second_round, mentor=mentor, mentee=mentee)
    mentorship_transition(
        mentorship=closed, to_status="completed", by=mentor, reason="goals_met", notify_people=False
    )
    reflection_save(
        mentorship=closed,
        by=mentee,
        gained=GAINED,
        partner_gained=PARTNER_GAINED,
        recommend="yes",
        reason="goals_met",
    )
    proposed = make_mentorship(
        program=second_round, mentor=mentor, mentee=mentee, status="proposed"
    )

    bridge = _program(cast, name="Bridge", slug="bridge", status="running")
    bridged = make_mentorship(program=bridge, mentor=mentor, mentee=mentee, agreement=False)
    unsigned = AgreementFactory(mentorship=bridged, version=1, created_by=mentee)

    return {
        "match_program": match_program,
        "run": run,
        "other_run": other_run,
        "proposal": proposal,
        "xavier": xavier,
        "omar": omar,
        "choosing": choosing,
        "second_mentor": second,
        "request": request,
        "declined_request": declined,
        "closed": closed,
        "proposed_mentorship": proposed,
        "bridged": bridged,
        "unsigned": unsigned,
    }


def _run_form(cast, me):
    from tandem.matching.factors import DEFAULT_WEIGHTS

    data = {"objective": "max_total", "reporting_line": "on", "shared_language": "on"}
    return data | {f"weight_{name}": str(weight) for name, weight in DEFAULT_WEIGHTS.items()}


def _agreement_form(cast, me):
    return {
        "goals": "Present the roadmap to the leadership team by June.",
        "meeting_frequency": "fortnightly",
        "meeting_style": "mixed",
        "meeting_minutes": "60",
        "start_date": "2026-02-02",
        "end_date": "2026-08-31",
        "confidentiality": "What we say stays between us.",
    }


def _agreement_json(cast, me):
    return {"goals": "Present the roadmap to the leadership team by June.", "meeting_minutes": 45}


def _reflection(cast, me):
    return {
        "gained": "Patience with long reviews.",
        "partner_gained": "A new view on estimates.",
        "recommend": "yes",
        "reason": "goals_met",
    }


def _motivation(cast, me):
    return {
        "admire": "The way you run design reviews that everyone leaves smarter.",
        "hope_to_gain": "Enough confidence to lead the next review myself.",
    }


def _mentorship(name):
    return lambda c: f"/mentorships/{getattr(c, name).pk}/"


def _m(c, name):
    return getattr(c, name).pk


PAGES = [
    Page("mentorships:list", lambda c: "/mentorships/", EVERYONE, 404),
    Page("mentorships:requests", lambda c: "/mentorships/requests/", EVERYONE, 404),
    Page("mentorships:lineage", lambda c: "/mentorships/lineage/", EVERYONE, 404),
    # one mentorship: its overview for the pair and the program's admins
    Page("mentorships:detail", _mentorship("mentorship"), PAIR | MANAGERS, 404),
    Page("mentorships:detail", _mentorship("mutual_mentorship"), PEER | MANAGERS, 404),
    Page("mentorships:detail", _mentorship("proposed_mentorship"), PAIR | MANAGERS, 404),
    Page("mentorships:detail", _mentorship("closed"), PAIR | MANAGERS, 404),
    Page(
        "mentorships:accept",
        lambda c: f"/mentorships/{c.proposed_mentorship.pk}/accept/",
        PAIR,
        404,
        forbidden=MANAGERS,
        method="POST",
        ok=302,
    ),
    Page(
        "mentorships:decline",
        lambda c: f"/mentorships/{c.proposed_mentorship.pk}/decline/",
        PAIR,
        404,
        forbidden=MANAGERS,
        method="POST",
        data={"reason": "We already work in the same team."},
        ok=302,
    ),
    Page(
        "mentorships:transition",
        lambda c: f"/mentorships/{c.mentorship.pk}/transition/",
        PAIR | MANAGERS,
        404,
        method="POST",
        data={"action": "paused", "paused-status": "paused", "paused-note": ""},
        ok=302,
    ),
    Page(
        "mentorships:transition",
        lambda c: f"/mentorships/{c.mutual_mentorship.pk}/transition/",
        PEER | MANAGERS,
        404,
        method="POST",
        data={"action": "paused", "paused-status": "paused", "paused-note": ""},
        ok=302,
    ),
    Page(
        "mentorships:reflection",
        lambda c: f"/mentorships/{c.closed.pk}/reflection/",
        PAIR,
        404,
        forbidden=MANAGERS,
    ),
    Page(
        "mentorships:reflection",
        lambda c: f"/mentorships/{c.closed.pk}/reflection/",
        PAIR,
        404,
        forbidden=MANAGERS,
        method="POST",
        data=_reflection,
        ok=302,
    ),
    # the agreement: the pair only
    Page(
        "mentorships:agreement",
        lambda c: f"/mentorships/{c.mentorship.pk}/agreement/",
        PAIR,
        404,
        forbidden=MANAGERS,
    ),
    Page(
        "mentorships:agreement",
        lambda c: f"/mentorships/{c.mutual_mentorship.pk}/agreement/",
        PEER,
        404,
        forbidden=MANAGERS,
    ),
    Page(
        "mentorships:agreement",
        lambda c: f"/mentorships/{c.mentorship.pk}/agreement/",
        PAIR,
        404,
        forbidden=MANAGERS,
        method="POST",
        data=_agreement_form,
        ok=302,
    ),
    Page(
        "mentorships:agreement_sign",
        lambda c: f"/mentorships/{c.bridged.pk}/agreement/sign/",
        PAIR,
        404,
        forbidden=MANAGERS,
        method="POST",
        data={"version": "1"},
        ok=302,
    ),
    Page(
        "mentorships:agreement_version",
        lambda c: f"/mentorships/{c.mentorship.pk}/agreement/v1/",
        PAIR,
        404,
        forbidden=MANAGERS,
    ),
    # choosing a mentor: approved mentees of a program where mentees choose
    Page("mentorships:find", lambda c: "/mentorships/find/choose/", MENTEE, 403),
    Page(
        "mentorships:mentor",
        lambda c: f"/mentorships/find/choose/mentors/{c.second_mentor.person_id}/",
        MENTEE,
        403,
    ),
    Page(
        "mentorships:mentor",
        lambda c: f"/mentorships/find/choose/mentors/{c.second_mentor.person_id}/",
        MENTEE,
        403,
        method="POST",
        data=_motivation,
        ok=302,
    ),
    # a request: its two people
    Page(
        "mentorships:request_detail",
        lambda c: f"/mentorships/requests/{c.request.pk}/",
        MENTEE | MENTOR,
        404,
    ),
    Page(
        "mentorships:request_accept",
        lambda c: f"/mentorships/requests/{c.request.pk}/accept/",
        MENTOR,
        404,
        forbidden=MENTEE,
        method="POST",
        data={"message": "Gladly."},
        ok=302,
    ),
    Page(
        "mentorships:request_decline",
        lambda c: f"/mentorships/requests/{c.request.pk}/decline/",
        MENTOR,
        404,
        forbidden=MENTEE,
        method="POST",
        data={"message": "Not this term."},
        ok=302,
    ),
    Page(
        "mentorships:request_withdraw",
        lambda c: f"/mentorships/requests/{c.request.pk}/withdraw/",
        MENTEE,
        404,
        forbidden=MENTOR,
        method="POST",
        ok=302,
    ),
    # matching: the program's admins
    Page("matching:program", lambda c: "/matching/spring-cohort/", MANAGERS, 403),
    Page(
        "matching:run_create",
        lambda c: "/matching/spring-cohort/runs/",
        MANAGERS,
        403,
        method="POST",
        data=_run_form,
        ok=302,
    ),
    Page(
        "matching:compare",
        lambda c: f"/matching/spring-cohort/compare/?a={c.other_run.pk}&b={c.run.pk}",
        MANAGERS,
        403,
    ),
    Page("matching:run", lambda c: f"/matching/runs/{c.run.pk}/", MANAGERS, 403),
    Page("matching:run_progress", lambda c: f"/matching/runs/{c.run.pk}/progress/", MANAGERS, 403),
    Page(
        "matching:preview",
        lambda c: f"/matching/runs/{c.run.pk}/preview/?person={c.xavier.pk}&partner={c.omar.pk}",
        MANAGERS,
        403,
    ),
    Page(
        "matching:pair",
        lambda c: f"/matching/runs/{c.run.pk}/unmatched/{c.xavier.pk}/pair/",
        MANAGERS,
        403,
    ),
    Page(
        "matching:pair",
        lambda c: f"/matching/runs/{c.run.pk}/unmatched/{c.xavier.pk}/pair/",
        MANAGERS,
        403,
        method="POST",
        data=lambda c, me: {"partner": c.omar.pk, "override": "on"},
        ok=302,
    ),
    Page("matching:swap", lambda c: f"/matching/proposals/{c.proposal.pk}/swap/", MANAGERS, 403),
    Page(
        "matching:swap",
        lambda c: f"/matching/proposals/{c.proposal.pk}/swap/",
        MANAGERS,
        403,
        method="POST",
        data=lambda c, me: {"partner": c.omar.pk, "override": "on"},
        ok=302,
    ),
    Page(
        "matching:remove",
        lambda c: f"/matching/proposals/{c.proposal.pk}/remove/",
        MANAGERS,
        403,
        method="POST",
        ok=302,
    ),
    Page(
        "matching:publish",
        lambda c: f"/matching/runs/{c.run.pk}/publish/",
        MANAGERS,
        403,
        method="POST",
        ok=302,
    ),
]

MS = "/api/v1/mentorships"
MATCHING = "/api/v1/matching"

API = [
    Api(f"GET {MS}/", lambda c: f"{MS}/", EVERYONE, 404),
    Api(f"GET {MS}/{{mentorship_id}}", lambda c: f"{MS}/{c.mentorship.pk}", PAIR | MANAGERS, 404),
    Api(
        f"GET {MS}/{{mentorship_id}}",
        lambda c: f"{MS}/{c.mutual_mentorship.pk}",
        PEER | MANAGERS,
        404,
    ),
    Api(f"GET {MS}/{{mentorship_id}}", lambda c: f"{MS}/{c.closed.pk}", PAIR | MANAGERS, 404),
    Api(
        f"POST {MS}/{{mentorship_id}}/accept",
        lambda c: f"{MS}/{c.proposed_mentorship.pk}/accept",
        PAIR,
        404,
        forbidden=MANAGERS,
    ),
    Api(
        f"POST {MS}/{{mentorship_id}}/decline",
        lambda c: f"{MS}/{c.proposed_mentorship.pk}/decline",
        PAIR,
        404,
        forbidden=MANAGERS,
        data={"reason": "We already work in the same team."},
    ),
    Api(
        f"POST {MS}/{{mentorship_id}}/transition",
        lambda c: f"{MS}/{c.mentorship.pk}/transition",
        PAIR | MANAGERS,
        404,
        data={"status": "paused"},
    ),
    Api(
        f"POST {MS}/{{mentorship_id}}/transition",
        lambda c: f"{MS}/{c.mutual_mentorship.pk}/transition",
        PEER | MANAGERS,
        404,
        data={"status": "paused"},
    ),
    Api(
        f"POST {MS}/{{mentorship_id}}/reflection",
        lambda c: f"{MS}/{c.closed.pk}/reflection",
        PAIR,
        404,
        forbidden=MANAGERS,
        data=_reflection,
    ),
    Api(
        f"GET {MS}/{{mentorship_id}}/agreement",
        lambda c: f"{MS}/{c.mentorship.pk}/agreement",
        PAIR,
        404,
        forbidden=MANAGERS,
    ),
    Api(
        f"GET {MS}/{{mentorship_id}}/agreement",
        lambda c: f"{MS}/{c.mutual_mentorship.pk}/agreement",
        PEER,
        404,
        forbidden=MANAGERS,
    ),
    Api(
        f"PUT {MS}/{{mentorship_id}}/agreement",
        lambda c: f"{MS}/{c.mentorship.pk}/agreement",
        PAIR,
        404,
        forbidden=MANAGERS,
        data=_agreement_json,
    ),
    Api(
        f"PUT {MS}/{{mentorship_id}}/agreement",
        lambda c: f"{MS}/{c.mutual_mentorship.pk}/agreement",
        PEER,
        404,
        forbidden=MANAGERS,
        data=_agreement_json,
    ),
    Api(
        f"POST {MS}/{{mentorship_id}}/agreement/sign",
        lambda c: f"{MS}/{c.bridged.pk}/agreement/sign",
        PAIR,
        404,
        forbidden=MANAGERS,
        data={"version": 1},
    ),
    Api(
        f"GET {MS}/{{mentorship_id}}/agreement/versions",
        lambda c: f"{MS}/{c.mentorship.pk}/agreement/versions",
        PAIR,
        404,
        forbidden=MANAGERS,
    ),
    # choosing a mentor, requests
    Api(f"GET {MS}/shortlist", lambda c: f"{MS}/shortlist?program=choose", MENTEE, 403),
    Api(f"GET {MS}/requests", lambda c: f"{MS}/requests", EVERYONE, 404),
    Api(
        f"POST {MS}/requests",
        lambda c: f"{MS}/requests",
        MENTEE,
        403,
        data=lambda c, me: (
            {"program": "choose", "mentor": c.second_mentor.person_id} | _motivation(c, me)
        ),
        ok=201,
    ),
    Api(
        f"GET {MS}/requests/{{request_id}}",
        lambda c: f"{MS}/requests/{c.request.pk}",
        MENTEE | MENTOR,
        404,
    ),
    Api(
        f"GET {MS}/requests/{{request_id}}",
        lambda c: f"{MS}/requests/{c.declined_request.pk}",
        MENTEE,
        404,
    ),
    Api(
        f"POST {MS}/requests/{{request_id}}/accept",
        lambda c: f"{MS}/requests/{c.request.pk}/accept",
        MENTOR,
        404,
        forbidden=MENTEE,
        data={"message": "Gladly."},
    ),
    Api(
        f"POST {MS}/requests/{{request_id}}/decline",
        lambda c: f"{MS}/requests/{c.request.pk}/decline",
        MENTOR,
        404,
        forbidden=MENTEE,
        data={"message": "Not this term."},
    ),
    Api(
        f"POST {MS}/requests/{{request_id}}/withdraw",
        lambda c: f"{MS}/requests/{c.request.pk}/withdraw",
        MENTEE,
        404,
        forbidden=MENTOR,
    ),
    # matching: the program's admins
    Api(
        f"GET {MATCHING}/programs/{{slug}}/runs",
        lambda c: f"{MATCHING}/programs/spring-cohort/runs",
        MANAGERS,
        403,
    ),
    Api(
        f"POST {MATCHING}/programs/{{slug}}/runs",
        lambda c: f"{MATCHING}/programs/spring-cohort/runs",
        MANAGERS,
        403,
        data={},
        ok=201,
    ),
    Api(f"GET {MATCHING}/runs/{{run_id}}", lambda c: f"{MATCHING}/runs/{c.run.pk}", MANAGERS, 403),
    Api(
        f"GET {MATCHING}/runs/{{run_id}}/proposals",
        lambda c: f"{MATCHING}/runs/{c.run.pk}/proposals",
        MANAGERS,
        403,
    ),
    Api(
        f"GET {MATCHING}/runs/{{run_id}}/unmatched",
        lambda c: f"{MATCHING}/runs/{c.run.pk}/unmatched",
        MANAGERS,
        403,
    ),
    Api(
        f"GET {MATCHING}/runs/{{run_id}}/compare/{{other_id}}",
        lambda c: f"{MATCHING}/runs/{c.run.pk}/compare/{c.other_run.pk}",
        MANAGERS,
        403,
    ),
    Api(
        f"POST {MATCHING}/runs/{{run_id}}/preview",
        lambda c: f"{MATCHING}/runs/{c.run.pk}/preview",
        MANAGERS,
        403,
        data=lambda c, me: {"person": c.xavier.person_id, "partner": c.omar.person_id},
    ),
    Api(
        f"POST {MATCHING}/runs/{{run_id}}/proposals",
        lambda c: f"{MATCHING}/runs/{c.run.pk}/proposals",
        MANAGERS,
        403,
        data=lambda c, me: {
            "person": c.xavier.person_id,
            "partner": c.omar.person_id,
            "override": True,
        },
        ok=201,
    ),
    Api(
        f"POST {MATCHING}/proposals/{{proposal_id}}/swap",
        lambda c: f"{MATCHING}/proposals/{c.proposal.pk}/swap",
        MANAGERS,
        403,
        data=lambda c, me: {"partner": c.omar.person_id, "override": True},
    ),
    Api(
        f"DELETE {MATCHING}/proposals/{{proposal_id}}",
        lambda c: f"{MATCHING}/proposals/{c.proposal.pk}",
        MANAGERS,
        403,
        ok=204,
    ),
    Api(
        f"POST {MATCHING}/runs/{{run_id}}/publish",
        lambda c: f"{MATCHING}/runs/{c.run.pk}/publish",
        MANAGERS,
        403,
    ),
]
