"""Intervals for the outcome report, from SciPy: a proportion with its Wilson score interval, a
mean with its t-interval, and the difference of two proportions with Newcombe's hybrid score
interval (built from the two Wilson intervals). 95% throughout."""

import math
from dataclasses import dataclass
from statistics import fmean, stdev

from scipy import stats

CONFIDENCE = 0.95


@dataclass(frozen=True)
class Proportion:
    """k people out of n, with the Wilson score interval of k / n."""

    k: int
    n: int
    low: float | None
    high: float | None

    @property
    def rate(self) -> float | None:
        return self.k / self.n if self.n else None

    @property
    def display(self) -> str:
        """'62.5% (95% CI 48.1–75.0%)', or '—' for nobody."""
        if not self.n:
            return "—"
        return f"{100 * self.rate:.1f}% (95% CI {100 * self.low:.1f}–{100 * self.high:.1f}%)"

    @property
    def of(self) -> str:
        return f"{self.k:,} of {self.n:,}"


def proportion(k: int, n: int) -> Proportion:
    if not n:
        return Proportion(k, n, None, None)
    interval = stats.binomtest(k, n).proportion_ci(confidence_level=CONFIDENCE, method="wilson")
    return Proportion(k, n, float(interval.low), float(interval.high))


def _signed(value: float) -> str:
    return f"{value:+.2f}".replace("-", "−")


@dataclass(frozen=True)
class Mean:
    """The mean of n values with its t-interval (none for fewer than two values)."""

    n: int
    mean: float | None
    low: float | None
    high: float | None

    @property
    def display(self) -> str:
        """'+0.42 (95% CI +0.10 to +0.74)'."""
        if self.mean is None:
            return "—"
        if self.low is None:
            return f"{_signed(self.mean)} (one person: no interval)"
        return f"{_signed(self.mean)} (95% CI {_signed(self.low)} to {_signed(self.high)})"


def mean_interval(values: list[float]) -> Mean:
    if not values:
        return Mean(0, None, None, None)
    average = fmean(values)
    if len(values) < 2:
        return Mean(1, average, None, None)
    spread = stdev(values)
    if spread == 0:
        return Mean(len(values), average, average, average)
    error = spread / math.sqrt(len(values))
    low, high = stats.t.interval(CONFIDENCE, len(values) - 1, loc=average, scale=error)
    return Mean(len(values), average, float(low), float(high))


@dataclass(frozen=True)
class Difference:
    """p1 − p2 with Newcombe's hybrid score interval."""

    value: float
    low: float
    high: float

    @property
    def excludes_zero(self) -> bool:
        return self.low > 0 or self.high < 0

    @property
    def display(self) -> str:
        """In percentage points: '+8.3 points (95% CI −12.0 to +27.1)'."""
        points = [f"{100 * v:+.1f}".replace("-", "−") for v in (self.value, self.low, self.high)]
        return f"{points[0]} points (95% CI {points[1]} to {points[2]})"


def difference(first: Proportion, second: Proportion) -> Difference | None:
    """Newcombe (1998), method 10: the interval of p1 − p2 from each proportion's Wilson
    interval (l, u): d − √((p1 − l1)² + (u2 − p2)²) to d + √((u1 − p1)² + (p2 − l2)²)."""
    if not (first.n and second.n):
        return None
    p1, p2 = first.rate, second.rate
    d = p1 - p2
    low = d - math.sqrt((p1 - first.low) ** 2 + (second.high - p2) ** 2)
    high = d + math.sqrt((first.high - p1) ** 2 + (p2 - second.low) ** 2)
    return Difference(d, low, high)
