"""Charts for every page that draws one: a chart is its data, drawn in the browser by Chart.js
(vendored, tandem/static/vendor) and always shown as a table too (the accessible fallback, and
what a CSV export of the chart writes).

    chart = Chart(id="funnel", title="Enrolment funnel", kind="bar",
                  labels=["Enrolled", "Approved", "Matched"],
                  series=[Series("People", [120, 110, 96])])
    {% include "charts/_chart.html" with chart=chart %}   (and charts/_scripts.html in extra_head)
"""

from dataclasses import dataclass, field

KINDS = ("bar", "line", "doughnut", "radar", "horizontal_bar", "stacked_bar")
PALETTE = ["#0b7285", "#e8590c", "#5f3dc4", "#2b8a3e", "#c2255c", "#495057", "#f08c00"]


@dataclass
class Series:
    name: str
    values: list[float | int | None]
    color: str = ""


@dataclass
class Chart:
    id: str
    title: str
    labels: list[str]
    series: list[Series]
    kind: str = "bar"
    unit: str = ""
    y_max: float | None = None
    description: str = ""
    options: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown chart kind {self.kind!r}")
        for series in self.series:
            if len(series.values) != len(self.labels):
                raise ValueError(f"{self.id}: series {series.name!r} does not fit the labels")

    @property
    def config_id(self) -> str:
        return f"chart-config-{self.id}"

    @property
    def is_empty(self) -> bool:
        return not any(v for s in self.series for v in s.values)

    def rows(self) -> list[tuple[str, list]]:
        """The table: one row per label, one column per series."""
        return [(label, [s.values[i] for s in self.series]) for i, label in enumerate(self.labels)]

    def config(self) -> dict:
        """Chart.js's configuration object."""
        kind = {"horizontal_bar": "bar", "stacked_bar": "bar"}.get(self.kind, self.kind)
        config = {
            "type": kind,
            "data": {
                "labels": self.labels,
                "datasets": [self._dataset(i, s) for i, s in enumerate(self.series)],
            },
            "options": {
                "responsive": True,
                "maintainAspectRatio": False,
                "animation": False,
                "plugins": {"legend": {"display": len(self.series) > 1 or kind == "doughnut"}},
            },
        }
        options = config["options"]
        if self.kind == "horizontal_bar":
            options["indexAxis"] = "y"
        if kind in ("bar", "line"):
            options["scales"] = {"y": {"beginAtZero": True}}
            if self.y_max is not None:
                options["scales"]["y"]["max"] = self.y_max
            if self.kind == "stacked_bar":
                options["scales"] = {
                    "x": {"stacked": True},
                    "y": {"stacked": True, "beginAtZero": True},
                }
        if kind == "radar" and self.y_max is not None:
            options["scales"] = {"r": {"min": 0, "max": self.y_max}}
        options.update(self.options)
        return config

    def _dataset(self, index: int, series: Series) -> dict:
        color = series.color or PALETTE[index % len(PALETTE)]
        dataset = {"label": series.name, "data": series.values, "borderColor": color}
        if self.kind == "doughnut":
            dataset["backgroundColor"] = PALETTE[: len(self.labels)]
        elif self.kind in ("line", "radar"):
            dataset["backgroundColor"] = color + "33"
            dataset["spanGaps"] = True
        else:
            dataset["backgroundColor"] = color
        return dataset
