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
