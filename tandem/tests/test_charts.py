import pytest
from django.template.loader import render_to_string

from tandem.charts import Chart, Series


def _funnel():
    return Chart(
        id="funnel",
        title="Enrolment funnel",
        labels=["Enrolled", "Approved", "Matched"],
        series=[Series("People", [120, 110, 96])],
    )


def test_a_chart_is_its_data_and_a_chart_js_configuration():
    config = _funnel().config()
    assert config["type"] == "bar"
    assert config["data"]["labels"] == ["Enrolled", "Approved", "Matched"]
    assert config["data"]["datasets"][0]["data"] == [120, 110, 96]


def test_series_must_fit_the_labels():
    with pytest.raises(ValueError, match="does not fit"):
        Chart(id="x", title="x", labels=["a", "b"], series=[Series("s", [1])])


def test_the_page_shows_the_canvas_and_the_table():
    html = render_to_string("charts/_chart.html", {"chart": _funnel()})
    assert 'data-chart="chart-config-funnel"' in html
    assert '<th scope="row">Approved</th><td>110</td>' in html
    assert 'id="chart-config-funnel"' in html


def test_an_empty_chart_says_so_instead_of_drawing():
    empty = Chart(id="e", title="Empty", labels=["a"], series=[Series("s", [0])])
    html = render_to_string("charts/_chart.html", {"chart": empty})
    assert "No data yet." in html and "<canvas" not in html
