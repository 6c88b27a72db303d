"""What each role reads of development plans and 360° assessments, across every page and API
answer open to it (issue #5 and #8; DESIGN.md §Privacy).

- A development plan is the pair's: the mentee drafts, the mentor reviews; admins read nothing of
  it.
- A 360° assessment's results are the subject's and their partner's. Co-workers' ratings appear
  only as an average, and only where at least three co-workers rated; their comments only beside
  that average, unattributed. A rater reads their own answers and nothing else.
- The mentor and the supervisor are groups of one (results.py): the product shows their ratings
  and comments as such, to the subject and the mentor only — DESIGN.md restricts co-workers'.

The staged assessment (tandem/tests/access/growth_plans.py): self, mentor, supervisor and two
co-workers answered — the outsider (who has an account) and Kim (who has none) — then it closed.
"""

import csv
import io
import json
import re

import pytest
from django.test import Client

from tandem.growth import services
from tandem.growth.models import Assessment, AssessmentStatus
from tandem.growth.results import assessment_results
from tandem.tests.access import PAIR
from tandem.tests.access.growth_plans import (
    COWORKER_COMMENTS,
    MENTOR_COMMENT,
    PLAN_CAREER_GOAL,
    PLAN_ITEM_TEXT,
    PLAN_SUGGESTION,
    SUPERVISOR_COMMENT,
)
from tandem.tests.matrix import READ_ROWS, client_for, everything_seen_by
from tandem.tests.roles import ROLES

pytestmark = pytest.mark.django_db

ADMINS = {"program_manager", "other_program_admin", "program_admin", "superuser"}
THIRD_COMMENT = "Lee-says: always prepares a clear agenda"


def _answer_through_the_link(path: str, assessment, scores, comment: str):
    """Answer as a rater without an account: the link, no login."""
    data = {}
    for competency, score in zip(assessment.competencies.all(), scores, strict=True):
        data[f"score_{competency.pk}"] = str(score)
        data[f"comment_{competency.pk}"] = comment if competency.position == 0 else ""
    return Client().post(path, data)


def _api(role: str, cast, path: str):
    from tandem.tests.access.base import Api

    client = client_for(Api(f"GET {path}", lambda c: path, frozenset()), role, cast)
    return client.get(path)


# --- development plans -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_a_plan_and_its_review_are_read_by_the_pair_only(role, cast):
    seen = everything_seen_by(role, cast, READ_ROWS)
    for text in (PLAN_CAREER_GOAL, PLAN_ITEM_TEXT, PLAN_SUGGESTION):
        assert (text in seen) == (role in PAIR), text


# --- 360°: two co-workers answered -----------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_two_coworkers_comments_are_read_by_nobody_but_their_author(role, cast):
    seen = everything_seen_by(role, cast, READ_ROWS)
    assert COWORKER_COMMENTS["external"] not in seen
    # The outsider answered in the app: their own answers, on their invitation's page.
    assert (COWORKER_COMMENTS["outsider"] in seen) == (role == "outsider")


# Every page and API answer that shows ratings or could: growth's, and a person's own data.
RATINGS_ROWS = [row for row in READ_ROWS if "growth" in row.name or "privacy" in row.name]


@pytest.mark.parametrize("role", ROLES)
def test_two_coworkers_ratings_are_not_shown_even_as_an_average(role, cast):
    """Public speaking: co-workers gave 1 and 2, so 1.5 would be their average; Negotiation was
    rated by co-workers alone, so any figure in its row would be theirs."""
    # A bare number is looked for where ratings are shown (1.5 is common elsewhere: a chart's
    # step, a score's rule); the words are looked for everywhere by the tests above.
    seen = everything_seen_by(role, cast, RATINGS_ROWS)
    assert not re.search(r"(?<![\d.])1\.5(?!\d)", seen)
    if role not in PAIR:
        return
    path = f"/api/v1/growth/assessments/{cast.closed_assessment.pk}/results"
    results = json.loads(_api(role, cast, path).content)
    by_name = {c["name"]: c for c in results["competencies"]}
    assert [c["coworkers_average"] for c in results["competencies"]] == [None, None, None]
    negotiation = by_name["Negotiation"]
    assert {k: v for k, v in negotiation.items() if k not in ("skill_id", "name", "gap_kind")} == {
        "self_rating": None,
        "mentor": None,
        "supervisor": None,
        "coworkers_average": None,
        "others": None,
        "gap": None,
    }
    # "Others" is the mean of mentor (3) and supervisor (3): co-workers are not pooled in.
    assert by_name["Public speaking"]["others"] == 3.0
    export = cast.closed_assessment.get_absolute_url() + "results.csv"
    rows = list(
        csv.reader(io.StringIO(client_for(_page(), role, cast).get(export).content.decode()))
    )
    assert ["Negotiation", "", "", "", "", "", "", ""] in rows


def _page():
    from tandem.tests.access.base import Page

    return Page("growth:assessment_export", lambda c: "", frozenset())


def test_a_coworker_answering_through_the_link_reads_their_own_answers_only(cast):
    """Ana, without an account, answers the open assessment through her link; Bo, invited too,
    answers through his. Each reads their own comment on the thank-you page, nobody reads either
    once it closes — not the subject, not the mentor, not an admin."""
    assessment = cast.assessment
    bo = services.assessment_invite_coworkers(
        assessment=assessment, by=cast.mentee, coworkers=["Bo Lind <bo.lind@example.com>"]
    )[0]
    from tandem.growth.links import rater_link_path

    ana_says, bo_says = "Ana-says: talks too fast", "Bo-says: never checks the room"
    ana = _answer_through_the_link(cast.rating_link, assessment, [2, 3], ana_says)
    bo_page = _answer_through_the_link(rater_link_path(bo), assessment, [1, 5], bo_says)
    assert ana_says in ana.content.decode() and bo_says not in ana.content.decode()
    assert bo_says in bo_page.content.decode() and ana_says not in bo_page.content.decode()
    services.assessment_close(assessment=assessment, by=cast.mentee)
    for role in ROLES:
        seen = everything_seen_by(role, cast, READ_ROWS)
        assert ana_says not in seen and bo_says not in seen, role


@pytest.mark.parametrize("role", ROLES)
def test_the_subject_follows_progress_as_counts_never_names(role, cast):
    """While answers arrive, who has answered is a count per group."""
    from tandem.growth.links import rater_link_path

    ana = cast.coworker_rater
    _answer_through_the_link(rater_link_path(ana), cast.assessment, [4, 4], "")
    path = f"/api/v1/growth/assessments/{cast.assessment.pk}/progress"
    response = _api(role, cast, path)
    if role not in PAIR:
        assert response.status_code in (401, 404)
        return
    groups = {g["group"]: g for g in json.loads(response.content)}
    assert (groups["coworker"]["invited"], groups["coworker"]["answered"]) == (1, 1)
    assert "Ana" not in response.content.decode()


# --- 360°: three co-workers answered ---------------------------------------------------------


@pytest.fixture
def three_coworkers(cast):
    """The staged assessment reopened for a third co-worker, Lee, who answers through the link
    (4 on each competency), then closed again."""
    from tandem.growth.links import rater_link_path

    assessment = cast.closed_assessment
    Assessment.objects.filter(pk=assessment.pk).update(status=AssessmentStatus.OPEN, closed_at=None)
    assessment.refresh_from_db()
    lee = services.assessment_invite_coworkers(
        assessment=assessment, by=cast.mentee, coworkers=["Lee Chan <lee.chan@example.com>"]
    )[0]
    response = _answer_through_the_link(rater_link_path(lee), assessment, [4, 4, 4], THIRD_COMMENT)
    assert response.status_code == 200
    services.assessment_close(assessment=assessment, by=cast.mentee)
    return assessment


AVERAGES = {"Public speaking": 2.33, "Delegation": 2.67, "Negotiation": 2.33}
COMMENTS = sorted([COWORKER_COMMENTS["outsider"], COWORKER_COMMENTS["external"], THIRD_COMMENT])


@pytest.mark.parametrize("role", ROLES)
def test_three_coworkers_are_read_as_an_average_by_the_subject_and_partner(
    role, cast, three_coworkers
):
    seen = everything_seen_by(role, cast, READ_ROWS)
    for comment in COMMENTS:
        # The outsider still reads their own answers on their invitation, and nothing more.
        expected = role in PAIR or (role == "outsider" and comment == COWORKER_COMMENTS["outsider"])
        assert (comment in seen) == expected, comment
    assert ("2.67" in seen) == (role in PAIR)
    if role in PAIR:
        path = f"/api/v1/growth/assessments/{three_coworkers.pk}/results"
        results = json.loads(_api(role, cast, path).content)
        averages = {c["name"]: c["coworkers_average"] for c in results["competencies"]}
        assert averages == AVERAGES


def test_three_coworkers_comments_are_not_attributed(cast, three_coworkers):
    """The subject reads the comments under "Co-workers", in an order that is not the order of
    answering (the outsider, Kim, then Lee) and beside no co-worker's name."""
    page = client_for(_page(), "mentee", cast).get(three_coworkers.get_absolute_url())
    html = page.content.decode()
    positions = [html.index(comment) for comment in COMMENTS]
    assert positions == sorted(positions)
    for comment in COMMENTS:
        at = html.index(comment)
        before = html[html.rindex("<li>", 0, at) : at]
        assert "Co-workers:" in before
        for name in ("Olga", "Outsider", "Kim", "Berg", "Lee", "Chan", "@example.com"):
            assert name not in before, (comment, name)
    comments = [c.text for c in assessment_results(three_coworkers).competencies[0].comments]
    assert comments[-3:] == COMMENTS


# --- the mentor's and the supervisor's ratings ---------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_mentor_and_supervisor_comments_are_read_by_the_subject_and_the_mentor(role, cast):
    seen = everything_seen_by(role, cast, READ_ROWS)
    assert (SUPERVISOR_COMMENT in seen) == (role in PAIR)
    assert (MENTOR_COMMENT in seen) == (role in PAIR)
