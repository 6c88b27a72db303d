"""In Chromium: the dashboard's charts are drawn with data, and their tables hold the figures."""

import pytest

from tandem.insights.tests.factories import counted_program

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAWN = "canvas[data-drawn='yes']"


def _painted(canvas) -> bool:
    """Some pixel of the canvas is not transparent: Chart.js painted it."""
    return canvas.evaluate(
        """c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                  for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) return true; }
                  return false; }"""
    )


def test_the_dashboards_charts_render_with_data(page, sign_in, program_admin):
    program = counted_program(program_admin)
    sign_in(program_admin)
    page.goto(f"/insights/programs/{program.slug}/")
    charts_with_data = page.locator("figure.chart canvas").count()
    assert charts_with_data >= 8
    page.wait_for_function(f'document.querySelectorAll("{DRAWN}").length === {charts_with_data}')
    funnel = page.locator("figure#funnel")
    assert _painted(funnel.locator("canvas"))
    funnel.get_by_text("Show the figures").click()
    assert funnel.get_by_role("row", name="Agreement signed").inner_text().split() == [
        "Agreement",
        "signed",
        "3",
    ]
    trends = page.locator("figure#checkin_trends")
    assert _painted(trends.locator("canvas"))
    trends.get_by_text("Show the figures").click()
    assert "Sep 2026" in trends.get_by_role("row", name="Sep 2026").inner_text()
    assert page.locator("#kpi-match_rate strong").inner_text() == "80.0%"


def test_the_printable_report_shows_every_table(page, sign_in, program_admin):
    program = counted_program(program_admin)
    sign_in(program_admin)
    page.goto(f"/insights/programs/{program.slug}/report/")
    assert page.get_by_role("heading", name="Counted cohort: program report").is_visible()
    assert (
        page.locator("details.chart-table[open]").count()
        == page.locator("details.chart-table").count()
    )
    assert page.get_by_role("row", name="Completed").first.is_visible()


def _meeting_pair(admin):
    """One pair that began 60 days ago (fortnightly): two meetings held, one called off, and
    two goals (one reached)."""
    import datetime

    from django.utils import timezone

    from tandem.growth.models import Goal
    from tandem.meetings.tests.factories import make_meeting
    from tandem.mentorships.models import Mentorship
    from tandem.mentorships.tests.factories import make_mentorship, signed_agreement
    from tandem.programs.tests.factories import ProgramFactory

    now = timezone.now()
    began = now - datetime.timedelta(days=60)
    program = ProgramFactory(name="Meeting cohort", slug="meeting-cohort", status="running")
    program.admins.add(admin)
    pair = make_mentorship(program=program, agreement=False)
    signed_agreement(
        pair, start_date=began.date(), end_date=(now + datetime.timedelta(days=90)).date()
    )
    Mentorship.objects.filter(pk=pair.pk).update(started_at=began)
    make_meeting(pair, now - datetime.timedelta(days=50), outcome="held")
    make_meeting(pair, now - datetime.timedelta(days=36), outcome="held")
    called_off = now - datetime.timedelta(days=22)
    make_meeting(
        pair,
        called_off,
        status="cancelled",
        cancelled_by=pair.mentor,
        cancelled_at=called_off - datetime.timedelta(days=1),
    )
    for status in ("reached", "active"):
        Goal.objects.create(
            owner=pair.mentee, mentorship=pair, title="A goal", specific="…",
            success_criteria="…", target_date=(now + datetime.timedelta(days=30)).date(),
            status=status, reached_at=now if status == "reached" else None,
        )  # fmt: skip
    return program


def test_the_meeting_and_goal_charts_render_with_data(page, sign_in, program_admin):
    program = _meeting_pair(program_admin)
    sign_in(program_admin)
    page.goto(f"/insights/programs/{program.slug}/")
    for chart_id in ("meetings", "goal_completion", "goals_by_month", "plans"):
        assert page.locator(f"figure#{chart_id}").is_visible()
    page.wait_for_function(
        "document.querySelector(\"figure#meetings canvas[data-drawn='yes']\") !== null"
        " && document.querySelector(\"figure#goal_completion canvas[data-drawn='yes']\") !== null"
    )
    meetings = page.locator("figure#meetings")
    assert _painted(meetings.locator("canvas"))
    assert _painted(page.locator("figure#goal_completion canvas"))
    meetings.get_by_text("Show the figures").click()
    rows = meetings.locator("tbody tr")
    held = sum(int(rows.nth(i).locator("td").nth(1).inner_text()) for i in range(rows.count()))
    assert held == 2
    assert page.locator("#kpi-goals_reached strong").inner_text() == "50.0%"
