"""The outcome report against people counted by hand: who is in each group, the rates, and
their intervals (Wilson for proportions, computed here by hand; Newcombe for differences; the
t-interval for means); the groups too small to conclude; never a claim of cause."""

import csv
import datetime
import io
import math

import pytest
import time_machine
from django.urls import reverse

from tandem.growth.models import Goal
from tandem.growth.tests.factories import closed_assessment
from tandem.insights.outcomes import MIN_GROUP, outcome_report, outcome_tables, verdict
from tandem.insights.stats import difference, mean_interval, proportion
from tandem.mentorships.services import mentorship_transition
from tandem.mentorships.tests.factories import make_mentorship
from tandem.people.imports import people_import
from tandem.people.tests.factories import UserFactory
from tandem.programs.models import Program
from tandem.programs.tests.factories import EnrollmentFactory, ProgramFactory
from tandem.tests.roles import ROLES

pytestmark = pytest.mark.django_db

Z = 1.959963984540054  # the 97.5th percentile of the normal distribution
TODAY = datetime.date(2026, 11, 25)


def wilson(k: int, n: int) -> tuple[float, float]:
    """The Wilson score interval, by its textbook formula."""
    p = k / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z / (1 + Z * Z / n) * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return centre - half, centre + half


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC)) as traveller:
        yield traveller


def _people(*names):
    return {name: UserFactory(email=f"{name}@counted.example") for name in names}


def _import(as_of: str, csv: str):
    result = people_import(data=csv, as_of=datetime.date.fromisoformat(as_of))
    assert result.ok, result.errors


@pytest.fixture
def counted(clock, program_admin, mutual_program):
    """The spring program (starts 1 June) and a later cohort (starts 15 December).

    person  program  enrollment  mentorship               group
    m1      spring   mentee      active                   mentored
    m2      spring   mentee      completed                mentored
    m3      spring   mentee      ended early              mentored
    m4      spring   mentee      paused                   mentored
    m5      spring   mentee      active                   mentored
    m6      spring   mentee      proposed, never begun    not yet mentored
    w1–w4   spring   approved    —                        not yet mentored
    w5      later    waitlisted  —                        not yet mentored
    w6      spring   pending     —                        neither (not approved)
    w7      later    approved    a peer in another program  neither (mentored elsewhere)

    People imports: 15 May (before the period) w2 promoted; 30 September m1 promoted with a new
    title, m2 and m3 left; 20 November m3 came back, m4 a new title, w1 left, w3 promoted.

    Counted by hand: still in the organisation 4 of 5 mentored (m2 left), 5 of 6 not yet
    mentored (w1 left); promoted 1 of 5 (m1) and 1 of 6 (w3; w2's was before the period);
    new title 2 of 5 (m1, m4) and 0 of 6.
    360°: m1 (mentor's view 2, 2, 2 → 4, 3, 2: +2, +1, 0; mean +1) and m5 (3, 3, 3 → 3, 4, 4:
    0, +1, +1; mean +0.67). Goals: m1 reached 1 of 2, m2 1 of 1, m3 0 of 1.
    """
    spring = ProgramFactory(
        name="Spring cohort",
        slug="spring",
        status="running",
        start_date=datetime.date(2026, 6, 1),
        end_date=datetime.date(2026, 12, 31),
    )
    spring.admins.add(program_admin)
    later = ProgramFactory(
        name="Winter cohort",
        slug="winter",
        status="enrolling",
        start_date=datetime.date(2026, 12, 15),
        end_date=datetime.date(2027, 6, 15),
    )
    people = _people("m1", "m2", "m3", "m4", "m5", "m6", "w1", "w2", "w3", "w4", "w5", "w6", "w7")
    mentor = UserFactory(email="mentor@counted.example")
    EnrollmentFactory(program=spring, person=mentor, role="mentor", capacity=9)
    pairs = {
        name: make_mentorship(program=spring, mentor=mentor, mentee=people[name])
        for name in ("m1", "m2", "m3", "m4", "m5")
    }
    make_mentorship(program=spring, mentor=mentor, mentee=people["m6"], status="proposed")
    mentorship_transition(mentorship=pairs["m2"], to_status="completed", by=program_admin)
    mentorship_transition(
        mentorship=pairs["m3"], to_status="ended", by=program_admin, reason="no_time"
    )
    mentorship_transition(mentorship=pairs["m4"], to_status="paused", by=mentor)
    for name in ("w1", "w2", "w3", "w4"):
        EnrollmentFactory(program=spring, person=people[name], role="mentee", status="approved")
    EnrollmentFactory(program=spring, person=people["w6"], role="mentee", status="pending")
    EnrollmentFactory(program=later, person=people["w5"], role="mentee", status="waitlisted")
    EnrollmentFactory(program=later, person=people["w7"], role="mentee", status="approved")
    make_mentorship(program=mutual_program, mentor=people["w7"], mentee=UserFactory())

    people["m1"].profile.seniority, people["m1"].profile.title = 2, "Analyst"
    people["m1"].profile.save()
    people["m4"].profile.title = "Designer"
    people["m4"].profile.save()
    _import("2026-05-15", "email,seniority\nw2@counted.example,4\n")
    _import("2026-09-30", "email,title,seniority\nm1@counted.example,Senior Analyst,3\n")
    _import("2026-09-30", "email,is_active\nm2@counted.example,no\nm3@counted.example,no\n")
    _import("2026-11-20", "email,is_active\nm3@counted.example,yes\nw1@counted.example,no\n")
    _import("2026-11-20", "email,title\nm4@counted.example,Senior Designer\n")
    _import("2026-11-20", "email,seniority\nw3@counted.example,4\n")

    closed_assessment(mentorship=pairs["m1"], me=[3, 3, 3], mentor=[2, 2, 2])
    closed_assessment(mentorship=pairs["m5"], me=[3, 3, 3], mentor=[3, 3, 3])
    clock.move_to(datetime.datetime(2026, 10, 1, 9, tzinfo=datetime.UTC))
    closed_assessment(mentorship=pairs["m1"], me=[3, 3, 3], mentor=[4, 3, 2])
    closed_assessment(mentorship=pairs["m5"], me=[3, 3, 3], mentor=[3, 4, 4])
    for name, status in (("m1", "reached"), ("m1", "active"), ("m2", "reached"), ("m3", "active")):
        Goal.objects.create(
            owner=people[name],
            mentorship=pairs[name],
            title="A goal",
            specific="…",
            success_criteria="…",
            target_date=TODAY,
            status=status,
            reached_at=datetime.datetime(2026, 10, 20, tzinfo=datetime.UTC)
            if status == "reached"
            else None,
        )
    Goal.objects.create(  # a personal goal: its owner's alone, never counted
        owner=people["w4"], title="Mine", specific="…", success_criteria="…", target_date=TODAY
    )
    clock.move_to(datetime.datetime(2026, 11, 25, 9, tzinfo=datetime.UTC))
    return {"spring": spring, "later": later, "people": people}


def _report(counted):
    return outcome_report(Program.objects.filter(pk=counted["spring"].pk), today=TODAY)


def _ids(counted, *names):
    return {counted["people"][name].pk for name in names}


def test_who_is_in_each_group(counted):
    groups = _report(counted).groups
    assert groups.mentored == _ids(counted, "m1", "m2", "m3", "m4", "m5")
    assert groups.waiting == _ids(counted, "m6", "w1", "w2", "w3", "w4", "w5")
    assert (groups.since, groups.until) == (datetime.date(2026, 6, 1), TODAY)


def test_retention_and_career_moves_with_wilson_intervals(counted):
    report = _report(counted)
    rates = {c.id: c for c in report.comparisons}
    expected = {
        "retention": ((4, 5), (5, 6)),
        "promoted": ((1, 5), (1, 6)),
        "new_title": ((2, 5), (0, 6)),
    }
    for measure, ((k1, n1), (k2, n2)) in expected.items():
        mentored, waiting = rates[measure].mentored, rates[measure].waiting
        assert (mentored.k, mentored.n, waiting.k, waiting.n) == (k1, n1, k2, n2)
        assert (mentored.low, mentored.high) == pytest.approx(wilson(k1, n1), abs=1e-9)
        assert (waiting.low, waiting.high) == pytest.approx(wilson(k2, n2), abs=1e-9)
    # 4 of 5: (0.8 + 0.384) / 1.768 ∓ 1.109 × √(0.032 + 0.0384) = 0.3755 to 0.9638
    assert rates["retention"].mentored.display == "80.0% (95% CI 37.6–96.4%)"
    assert rates["new_title"].waiting.display == "0.0% (95% CI 0.0–39.0%)"
    assert report.imports_in_period == 5  # the May import is before the period


def test_the_difference_uses_newcombes_interval(counted):
    retention = next(c for c in _report(counted).comparisons if c.id == "retention")
    l1, u1 = wilson(4, 5)
    l2, u2 = wilson(5, 6)
    d = 4 / 5 - 5 / 6
    assert retention.difference.value == pytest.approx(d)
    assert retention.difference.low == pytest.approx(d - math.hypot(0.8 - l1, u2 - 5 / 6))
    assert retention.difference.high == pytest.approx(d + math.hypot(u1 - 0.8, 5 / 6 - l2))


def test_groups_this_small_are_too_small_to_conclude(counted):
    report = _report(counted)
    assert report.too_small and MIN_GROUP == 20
    for comparison in report.comparisons:
        assert comparison.verdict.startswith("Too few people to conclude")
        assert "(5 mentored, 6 not yet mentored)" in comparison.verdict


def test_with_enough_people_the_verdict_reads_the_interval_and_never_claims_cause():
    equal = verdict(
        proportion(30, 40), proportion(28, 40), difference(proportion(30, 40), proportion(28, 40))
    )
    assert equal == "No clear difference: the interval of the difference includes zero."
    apart = verdict(
        proportion(36, 40), proportion(20, 40), difference(proportion(36, 40), proportion(20, 40))
    )
    assert apart.startswith("Higher among mentored people")
    assert "not proof that mentoring caused it" in apart


def test_360_skill_change_per_person_and_per_competency(counted):
    report = _report(counted)
    overall = report.skills_overall
    values = [1.0, 2 / 3]  # m1: (2 + 1 + 0) / 3; m5: (0 + 1 + 1) / 3
    mean = sum(values) / 2
    half = 12.706204736 * math.sqrt(sum((v - mean) ** 2 for v in values)) / math.sqrt(2)
    assert overall.n == 2
    assert overall.mean == pytest.approx(mean)
    assert (overall.low, overall.high) == pytest.approx((mean - half, mean + half))
    skills = {row.name: row.change for row in report.skills}
    assert skills["Presentation skills"].mean == pytest.approx(1.0)  # +2 and 0
    assert (skills["Giving feedback"].mean, skills["Giving feedback"].low) == (1.0, 1.0)
    assert skills["Delegation"].n == 2


def test_goal_attainment_of_mentored_people(counted):
    report = _report(counted)
    assert (report.goal_people.k, report.goal_people.n) == (2, 3)  # m1 and m2, of m1–m3
    assert (report.goals_reached.k, report.goals_reached.n) == (2, 4)
    assert (report.goal_people.low, report.goal_people.high) == pytest.approx(wilson(2, 3))


def test_the_seniority_make_up_of_each_group(counted):
    composition = {label: (a, b) for label, a, b in _report(counted).composition}
    # everyone mid-level (the default) except w2 and w3, senior since their promotions
    assert composition == {
        "Entry level and junior": (0, 0),
        "Mid-level": (5, 4),
        "Senior and above": (0, 2),
    }


def test_every_table_has_its_sizes_and_intervals(counted):
    tables = {t.id: t for t in outcome_tables(_report(counted))}
    career = tables["career"]
    assert career.columns[:6] == [
        "Measure",
        "Mentored: people",
        "Mentored: count",
        "Mentored: %",
        "Mentored: 95% CI low (%)",
        "Mentored: 95% CI high (%)",
    ]
    assert career.rows[0][:6] == ["Still in the organisation", 5, 4, 80.0, 37.6, 96.4]
    assert tables["groups"].rows[-1] == ["All", 5, 6]
    assert tables["goals"].rows[0][1:4] == [3, 2, 66.7]


def test_the_intervals_of_the_edges():
    assert mean_interval([]).mean is None
    assert mean_interval([0.5]).low is None
    assert proportion(0, 0).display == "—"
    assert difference(proportion(1, 2), proportion(0, 0)) is None


# --- the pages, the CSV and the API ----------------------------------------------------------


MANAGERS = {"program_manager", "program_admin", "superuser"}
GLOBAL = {"program_admin", "superuser"}


def _expected(role, allowed):
    if role == "anonymous":
        return 302
    return 200 if role in allowed else 403


@pytest.mark.parametrize("role", ROLES)
def test_a_programs_outcomes_are_for_its_admins(role, as_role, program):
    url = reverse("insights:program_outcomes", args=[program.slug])
    assert as_role(role).get(url).status_code == _expected(role, MANAGERS)
    csv_url = reverse("insights:program_outcomes_export", args=[program.slug, "career"])
    assert as_role(role).get(csv_url).status_code == _expected(role, MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_outcomes_across_programs_are_for_global_admins(role, as_role, program):
    assert as_role(role).get(reverse("insights:outcomes")).status_code == _expected(role, GLOBAL)
    csv_url = reverse("insights:outcomes_export", args=["groups"])
    assert as_role(role).get(csv_url).status_code == _expected(role, GLOBAL)


@pytest.mark.parametrize("role", ROLES)
def test_the_outcomes_api(role, as_role, program):
    response = as_role(role).get(f"/api/v1/insights/programs/{program.slug}/outcomes")
    overview = as_role(role).get("/api/v1/insights/outcomes")
    if role == "anonymous":
        assert response.status_code == overview.status_code == 401
        return
    assert response.status_code == (200 if role in MANAGERS else 403)
    assert overview.status_code == (200 if role in GLOBAL else 403)


def test_the_page_shows_the_group_sizes_intervals_and_warnings(counted, client, program_admin):
    client.force_login(program_admin)
    page = client.get(reverse("insights:program_outcomes", args=["spring"])).content.decode()
    assert "<strong>5</strong><small>people</small>" in page  # mentored
    assert "<strong>6</strong><small>people</small>" in page  # not yet mentored
    assert "80.0% (95% CI 37.6–96.4%)" in page
    assert "The groups are too small to conclude." in page
    assert "they do not show that mentoring caused any difference" in page
    assert "enrolled as mentee or peer, approved or on the waiting list" in page


def test_each_table_downloads_as_csv(counted, client, program_admin):
    client.force_login(program_admin)
    url = reverse("insights:program_outcomes_export", args=["spring", "career"])
    response = client.get(url)
    assert response["Content-Disposition"] == 'attachment; filename="spring-outcomes-career.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][:6] == ["Still in the organisation", "5", "4", "80.0", "37.6", "96.4"]
    for table in ("groups", "skills", "goals"):
        url = reverse("insights:program_outcomes_export", args=["spring", table])
        assert client.get(url).status_code == 200
    url = reverse("insights:program_outcomes_export", args=["spring", "nothing"])
    assert client.get(url).status_code == 404


def test_the_api_gives_the_groups_and_every_table(counted, client, program_admin):
    client.force_login(program_admin)
    body = client.get("/api/v1/insights/programs/spring/outcomes").json()
    assert body["groups"] == {
        "mentored": 5,
        "not_yet_mentored": 6,
        "since": "2026-06-01",
        "until": "2026-11-25",
    }
    assert (body["min_group"], body["too_small"], body["imports_in_period"]) == (20, True, 5)
    tables = {t["id"]: t for t in body["tables"]}
    assert set(tables) == {"groups", "career", "skills", "goals"}
    assert tables["career"]["rows"][0][:6] == ["Still in the organisation", 5, 4, 80.0, 37.6, 96.4]
    chosen = client.get("/api/v1/insights/outcomes?program=spring").json()
    assert chosen["groups"]["mentored"] == 5
    unknown = client.get("/api/v1/insights/outcomes?program=nope")
    assert unknown.status_code == 400
    assert "program" in unknown.content.decode()


def test_without_an_import_in_the_period_the_page_says_so(program, client, program_admin):
    client.force_login(program_admin)
    page = client.get(reverse("insights:program_outcomes", args=[program.slug])).content.decode()
    assert "retention, promotions and title changes cannot be measured" in page


def test_an_unknown_cohort_is_not_found(client, program_admin):
    client.force_login(program_admin)
    assert client.get(reverse("insights:outcomes") + "?program=nope").status_code == 404


def test_a_program_not_begun_says_so(client, program_admin):
    future = ProgramFactory(
        slug="future",
        status="enrolling",
        start_date=datetime.date(2027, 1, 4),
        end_date=datetime.date(2027, 6, 30),
    )
    with time_machine.travel(datetime.datetime(2026, 11, 25, 9, tzinfo=datetime.UTC)):
        client.force_login(program_admin)
        page = client.get(reverse("insights:program_outcomes", args=[future.slug]))
    assert "This program starts on 4 January 2027" in page.content.decode()
