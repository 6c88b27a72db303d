"""Dashboard figures against a program counted by hand (factories.counted_program)."""

import datetime

import pytest

from tandem.insights.figures import Filters, dashboard
from tandem.insights.tests.factories import counted_program
from tandem.people.models import Department
from tandem.programs.models import Program

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(program_admin):
    return counted_program(program_admin)


def _board(program, **filters):
    return dashboard(Filters(programs=Program.objects.filter(pk=program.pk), **filters))


def _values(board, chart_id, series=0):
    return board.chart(chart_id).series[series].values


def _kpis(board):
    return {k.id: k.value for k in board.kpis}


def test_the_enrolment_funnel(counted):
    board = _board(counted)
    assert board.chart("funnel").labels == [
        "Enrolled",
        "Approved",
        "Matched",
        "Agreement signed",
        "Active",
        "Completed",
    ]
    assert _values(board, "funnel") == [6, 5, 4, 3, 3, 1]


def test_match_rate_and_time_to_match(counted):
    board = _board(counted)
    assert _kpis(board)["match_rate"] == 80.0  # 4 of 5 approved
    assert _kpis(board)["time_to_match"] == 19.5  # (3 + 10 + 20 + 45) / 4 days
    assert _values(board, "time_to_match") == [1, 1, 1, 1, 0]


def test_check_in_averages_per_quality_by_month(counted):
    chart = _board(counted).chart("checkin_trends")
    assert chart.labels == ["Sep 2026", "Oct 2026"]
    series = {s.name: s.values for s in chart.series}
    assert series["Engagement"] == [3.0, 5.0]
    assert series["Reciprocity"] == [4.0, 4.0]
    assert series["Overall satisfaction"] == [3.0, 3.0]


def test_check_in_response_and_satisfaction(counted):
    kpis = _kpis(_board(counted))
    assert kpis["response_rate"] == 75.0  # 3 answered of 4 due
    assert kpis["satisfaction"] == 3.0


def test_health_distribution_and_pairs_at_risk(counted):
    board = _board(counted)
    assert board.chart("health").labels == ["0–19", "20–39", "40–59", "60–79", "80–100"]
    assert _values(board, "health") == [0, 0, 1, 0, 0]
    kpis = _kpis(board)
    assert (kpis["active"], kpis["at_risk"], kpis["health"]) == (1, 1, 42.0)


def test_retention_and_early_endings_with_reasons(counted):
    board = _board(counted)
    assert _values(board, "retention") == [1, 1, 1]  # under way, completed, ended early
    assert round(_kpis(board)["retention"], 1) == 66.7
    endings = board.chart("early_endings")
    assert dict(zip(endings.labels, endings.series[0].values, strict=True))["Not enough time"] == 1
    assert sum(endings.series[0].values) == 1


def test_mentor_load_against_capacity(counted):
    board = _board(counted)
    chart = board.chart("mentor_load")
    rows = dict(chart.rows())
    assert rows == {"Engineering": [5, 2], "Sales": [1, 0]}
    assert round(_kpis(board)["mentor_load"], 1) == 33.3  # 2 of 6 places


def test_introductions_made(counted):
    board = _board(counted)
    chart = board.chart("introductions")
    assert chart.labels == ["Sep 2026", "Oct 2026"]
    assert [s.values for s in chart.series] == [[1, 0], [1, 1]]  # colleagues, outsiders
    assert _kpis(board)["introductions"] == 3


def test_filtered_by_department(counted):
    board = _board(counted, department=Department.objects.get(name="Engineering"))
    assert _values(board, "funnel") == [2, 2, 2, 2, 2, 1]
    assert _values(board, "retention") == [1, 1, 1]  # m6's mentor is in Engineering
    assert dict(board.chart("mentor_load").rows()) == {"Engineering": [5, 2]}


def test_filtered_by_dates(counted):
    board = _board(counted, date_from=datetime.date(2026, 9, 1), date_to=datetime.date(2026, 9, 30))
    assert _values(board, "funnel") == [5, 4, 3, 2, 2, 1]
    assert _values(board, "retention") == [1, 1, 0]
    assert board.chart("checkin_trends").labels == ["Sep 2026"]
    assert _kpis(board)["introductions"] == 2


def test_the_cross_program_view_sets_programs_side_by_side(counted):
    board = dashboard(Filters(programs=Program.objects.all()), cross_program=True)
    chart = board.charts[0]
    assert chart.id == "programs"
    rows = dict(chart.rows())
    assert rows["Counted cohort"] == [6, 1, 1]
    assert rows["Another program"] == [1, 0, 0]
    assert _values(board, "funnel")[0] == 7


def test_an_empty_program_has_no_figures_but_no_errors(program):
    board = _board(program)
    assert _values(board, "funnel") == [0, 0, 0, 0, 0, 0]
    assert _kpis(board)["match_rate"] is None
    assert board.chart("checkin_trends").is_empty and board.chart("health").is_empty


def test_later_figures_join_the_dashboard_by_being_listed(counted, monkeypatch):
    """The contract for meetings and goals: list a function, nothing else changes."""
    from tandem.charts import Chart, Series
    from tandem.insights import figures

    def meetings(scope):
        chart = Chart(id="meetings", title="Meetings held vs agreed", labels=["Sep 2026"],
                      series=[Series("Held", [3]), Series("Agreed", [4])])  # fmt: skip
        return figures.Figures(kpis=[figures.Kpi("held", "Meetings held", 3)], charts=[chart])

    monkeypatch.setattr(figures, "MORE_FIGURES", [meetings])
    board = _board(counted)
    assert board.chart("meetings").series[1].values == [4]
    assert _kpis(board)["held"] == 3


def test_a_peer_paired_twice_counts_once_from_the_first_pairing(program_admin):
    import datetime as dt

    from tandem.mentorships.models import Mentorship
    from tandem.mentorships.services import mentorship_transition
    from tandem.mentorships.tests.factories import make_mentorship
    from tandem.people.tests.factories import UserFactory
    from tandem.programs.models import Enrollment
    from tandem.programs.tests.factories import ProgramFactory

    circle = ProgramFactory(slug="circle", format="mutual", status="running")
    ada, ben, cy = (UserFactory(email=f"{n}@peers.example") for n in ("ada", "ben", "cy"))
    day = dt.datetime(2026, 9, 1, 9, tzinfo=dt.UTC)
    first = make_mentorship(program=circle, mentor=ada, mentee=ben)
    mentorship_transition(mentorship=first, to_status="ended", by=program_admin, reason="no_time")
    second = make_mentorship(program=circle, mentor=ben, mentee=cy)  # ben on the other side
    Enrollment.objects.filter(program=circle).update(created_at=day)
    Mentorship.objects.filter(pk=first.pk).update(created_at=day + dt.timedelta(days=3))
    Mentorship.objects.filter(pk=second.pk).update(created_at=day + dt.timedelta(days=10))
    board = _board(circle)
    assert _values(board, "time_to_match") == [2, 1, 0, 0, 0]  # ada 3, ben 3, cy 10 days
    assert round(_kpis(board)["time_to_match"], 1) == 5.3
    assert _values(board, "funnel")[:3] == [3, 3, 3]
