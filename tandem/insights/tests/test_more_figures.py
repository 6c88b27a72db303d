"""The dashboard's meeting and goal parts against two pairs counted by hand; filters apply;
they reach the page, the CSV export, the printable report and the API like the others."""

import csv
import datetime
import io

import pytest
import time_machine
from django.urls import reverse

from tandem.growth.models import Assessment, DevelopmentPlan, Goal
from tandem.insights.figures import ROW_HEADINGS, Filters, dashboard
from tandem.meetings.tests.factories import make_meeting
from tandem.mentorships.models import Mentorship
from tandem.mentorships.tests.factories import make_mentorship, signed_agreement
from tandem.people.tests.factories import DepartmentFactory, UserFactory
from tandem.programs.models import Program
from tandem.programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
NOW = datetime.datetime(2026, 11, 25, 12, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _on(month: int, day: int, year: int = 2026) -> datetime.datetime:
    return datetime.datetime(year, month, day, 14, tzinfo=UTC)


def _person(email, department):
    person = UserFactory(email=email)
    person.profile.department = department
    person.profile.save()
    return person


def _pair(program, mentor, mentee, *, began, frequency, until):
    mentorship = make_mentorship(program=program, mentor=mentor, mentee=mentee, agreement=False)
    signed_agreement(
        mentorship, meeting_frequency=frequency, start_date=began.date(), end_date=until
    )
    Mentorship.objects.filter(pk=mentorship.pk).update(started_at=began)
    return mentorship


def _goal(mentorship, owner, created, target, status="active", reached=None):
    return Goal.objects.create(
        owner=owner,
        mentorship=mentorship,
        title="A goal",
        specific="…",
        success_criteria="…",
        created_at=created,
        target_date=target,
        status=status,
        reached_at=reached,
    )


@pytest.fixture
def two_pairs(program_admin):
    """Pair A (Engineering): began 1 Sep, fortnightly agreement to 28 Feb. Meetings: 8 and
    22 Sep held, 6 Oct called off by the mentor, 20 Oct held, 3 Nov not recorded, 17 Nov did
    not take place; 1 Dec booked (to come), 10 Nov proposed and never agreed.
    Pair B (Sales): began 16 Oct, monthly agreement to 31 Mar. 20 Oct held, 19 Nov called off.

    Called for by the agreements (days in the month / interval):
      Sep  A 30/14 = 2.14                      → 2.1
      Oct  A 31/14 = 2.21 + B 16/30 = 0.53     → 2.7
      Nov  A 25/14 = 1.79 + B 25/30 = 0.83     → 2.6   (up to today, 25 Nov)
    Goals: A's mentee reached one (set 10 Sep, reached 15 Oct), has one past its target date
    and one on track (both set 10 Sep), set one aside (set 2 Oct); B's mentee set one on
    2 Nov. A personal goal is nobody's business. Plans: A agreed, B draft. One 360° (A),
    closed."""
    engineering, sales = DepartmentFactory(name="Engineering"), DepartmentFactory(name="Sales")
    program = ProgramFactory(name="Counted meetings", slug="counted-meetings", status="running")
    program.admins.add(program_admin)
    a_mentor, a_mentee = (_person(f"a-{r}@example.com", engineering) for r in ("mr", "me"))
    b_mentor, b_mentee = (_person(f"b-{r}@example.com", sales) for r in ("mr", "me"))
    a = _pair(
        program, a_mentor, a_mentee, began=_on(9, 1), frequency="fortnightly",
        until=datetime.date(2027, 2, 28),
    )  # fmt: skip
    b = _pair(
        program, b_mentor, b_mentee, began=_on(10, 16), frequency="monthly",
        until=datetime.date(2027, 3, 31),
    )  # fmt: skip
    for day, fields in (
        (_on(9, 8), {"outcome": "held"}),
        (_on(9, 22), {"outcome": "held"}),
        (_on(10, 6), {"status": "cancelled", "cancelled_by": a_mentor, "cancelled_at": _on(10, 1)}),
        (_on(10, 20), {"outcome": "held"}),
        (_on(11, 3), {}),
        (_on(11, 17), {"outcome": "not_held"}),
        (_on(12, 1), {}),
        (_on(11, 10), {"status": "proposed"}),
    ):
        make_meeting(a, day, **fields)
    make_meeting(b, _on(10, 20), outcome="held")
    make_meeting(
        b, _on(11, 19), status="cancelled", cancelled_by=b_mentee, cancelled_at=_on(11, 18)
    )
    _goal(a, a_mentee, _on(9, 10), datetime.date(2026, 12, 1), "reached", _on(10, 15))
    _goal(a, a_mentee, _on(9, 10), datetime.date(2026, 11, 1))
    _goal(a, a_mentee, _on(9, 10), datetime.date(2027, 1, 31))
    _goal(a, a_mentee, _on(10, 2), datetime.date(2027, 1, 31), "dropped")
    _goal(b, b_mentee, _on(11, 2), datetime.date(2027, 2, 1))
    _goal(None, a_mentee, _on(9, 12), datetime.date(2027, 2, 1))
    DevelopmentPlan.objects.create(mentorship=a, owner=a_mentee, status="agreed")
    DevelopmentPlan.objects.create(mentorship=b, owner=b_mentee, status="draft")
    Assessment.objects.create(
        mentorship=a, subject=a_mentee, title="360°", closes_on=datetime.date(2026, 10, 1),
        status="closed",
    )  # fmt: skip
    return program


def _board(program, **filters):
    return dashboard(Filters(programs=Program.objects.filter(pk=program.pk), **filters))


def _kpis(board):
    return {k.id: k for k in board.kpis}


def test_meetings_held_vs_agreed_per_month(two_pairs):
    chart = _board(two_pairs).chart("meetings")
    assert chart.labels == ["Sep 2026", "Oct 2026", "Nov 2026"]
    assert [(s.name, s.values) for s in chart.series] == [
        ("Called for by the agreements", [2.1, 2.7, 2.6]),
        ("Held", [2, 2, 1]),  # November: the meeting not recorded yet counts as held
        ("Called off", [0, 1, 1]),
    ]


def test_meeting_key_figures(two_pairs):
    kpis = _kpis(_board(two_pairs))
    # 5 held (4 recorded + 1 not yet) of 7.5 called for (2.14 + 2.21 + 1.79 + 0.53 + 0.83)
    assert kpis["meetings_held"].value == 5
    assert kpis["meetings_held"].detail == "62% of the 8 agreed · 1 not recorded yet"
    assert kpis["meetings_cancelled"].value == 2
    assert kpis["meetings_cancelled"].detail == "29% of agreed meetings"  # 2 of 7


def test_goal_completion_and_plans(two_pairs):
    board = _board(two_pairs)
    completion = board.chart("goal_completion")
    assert dict(zip(completion.labels, completion.series[0].values, strict=True)) == {
        "Reached": 1,
        "In progress": 2,
        "Past their target date": 1,
        "Set aside": 1,
    }
    by_month = board.chart("goals_by_month")
    assert by_month.labels == ["Sep 2026", "Oct 2026", "Nov 2026"]
    assert [s.values for s in by_month.series] == [[3, 1, 1], [0, 1, 0]]
    plans = board.chart("plans")
    assert dict(zip(plans.labels, plans.series[0].values, strict=True))["Agreed"] == 1
    kpis = _kpis(board)
    assert (kpis["goals_reached"].value, kpis["goals_reached"].detail) == (
        20.0,
        "1 of 5 goals set",
    )
    assert (kpis["plans_agreed"].value, kpis["plans_agreed"].detail) == (
        1,
        "of 2 development plans",
    )
    assert (kpis["assessments"].value, kpis["assessments"].detail) == (1, "1 closed")


def test_the_department_filter_keeps_pair_a(two_pairs):
    engineering = DepartmentFactory._meta.model.objects.get(name="Engineering")
    board = _board(two_pairs, department=engineering)
    meetings = board.chart("meetings")
    assert [s.values for s in meetings.series] == [[2.1, 2.2, 1.8], [2, 1, 1], [0, 1, 0]]
    assert _kpis(board)["goals_reached"].detail == "1 of 4 goals set"


def test_the_dates_select_meetings_and_goals(two_pairs):
    board = _board(
        two_pairs, date_from=datetime.date(2026, 10, 1), date_to=datetime.date(2026, 10, 31)
    )
    meetings = board.chart("meetings")
    assert meetings.labels == ["Oct 2026"]
    assert [s.values for s in meetings.series] == [[2.7], [2], [1]]
    assert _kpis(board)["goals_reached"].detail == "0 of 1 goals set"  # set aside on 2 Oct


def test_the_new_tables_have_headings_and_reach_csv_report_and_api(
    two_pairs, client, program_admin
):
    client.force_login(program_admin)
    for table in ("meetings", "goal_completion", "goals_by_month", "plans"):
        response = client.get(reverse("insights:program_export", args=[two_pairs.slug, table]))
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0][0] == ROW_HEADINGS[table]
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    reverse("insights:program_export", args=[two_pairs.slug, "meetings"])
                ).content.decode()
            )
        )
    )
    assert rows == [
        ["Month", "Called for by the agreements", "Held", "Called off"],
        ["Sep 2026", "2.1", "2", "0"],
        ["Oct 2026", "2.7", "2", "1"],
        ["Nov 2026", "2.6", "1", "1"],
    ]
    report = client.get(reverse("insights:program_report", args=[two_pairs.slug])).content.decode()
    assert "Meetings held vs agreed" in report and "Goal completion" in report
    body = client.get(f"/api/v1/insights/programs/{two_pairs.slug}/report").json()
    tables = {t["id"]: t for t in body["tables"]}
    assert tables["meetings"]["row_heading"] == "Month"
    assert tables["meetings"]["series"][1]["values"] == [2, 2, 1]
    assert {"meetings_held", "goals_reached", "plans_agreed"} <= {k["id"] for k in body["kpis"]}
