"""max_total and max_coverage agree with SciPy's linear_sum_assignment on the slot-expanded
matrix (each mentor repeated once per unit of capacity)."""

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

from tandem.matching.engine import solve_problem
from tandem.matching.tests.helpers import random_score_problem


def _reference(problem, coverage: bool) -> tuple[int, float]:
    slots = [j for j, c in enumerate(problem.capacities) for _ in range(c)]
    n = len(problem.mentee_ids)
    if not slots or n == 0:
        return 0, 0.0
    score = np.full((n, len(slots)), np.nan)
    by_mentor = {}
    for e, r, s in problem.pairs:
        by_mentor.setdefault(r, []).append((e, s))
    for column, r in enumerate(slots):
        for e, s in by_mentor.get(r, []):
            score[e, column] = s
    admissible = ~np.isnan(score)
    bonus = 1000.0 if coverage else 0.0
    value = np.where(admissible, np.nan_to_num(score) + bonus, -1e9 if coverage else 0.0)
    if not coverage:
        value = np.where(admissible, np.maximum(np.nan_to_num(score), 0), 0.0)
    rows, cols = linear_sum_assignment(value, maximize=True)
    chosen = admissible[rows, cols] & ((value[rows, cols] > 0) if not coverage else True)
    total = float(np.nan_to_num(score)[rows, cols][chosen].sum())
    return int(chosen.sum()), total


def _check_feasible(problem, result):
    ids = {m: i for i, m in enumerate(problem.mentor_ids)}
    allowed = {(problem.mentee_ids[e], problem.mentor_ids[r]) for e, r, _ in problem.pairs}
    load = [0] * len(problem.mentor_ids)
    for a in result.assignments:
        assert (a.mentee, a.mentor) in allowed
        load[ids[a.mentor]] += 1
    assert all(used <= cap for used, cap in zip(load, problem.capacities, strict=True))
    assert len({a.mentee for a in result.assignments}) == len(result.assignments)


@pytest.mark.parametrize("seed", range(25))
def test_max_total_equals_scipy(seed):
    _, problem = random_score_problem(seed, mentees=10 + seed % 7, mentors=4 + seed % 3)
    result = solve_problem(problem)
    _check_feasible(problem, result)
    _, expected = _reference(problem, coverage=False)
    assert result.total_score == pytest.approx(expected, abs=1e-5)


@pytest.mark.parametrize("seed", range(25))
def test_max_coverage_matches_as_many_as_scipy_then_the_best_total(seed):
    _, problem = random_score_problem(
        seed, mentees=10 + seed % 5, mentors=5, density=0.35, objective="max_coverage"
    )
    result = solve_problem(problem)
    _check_feasible(problem, result)
    count, total = _reference(problem, coverage=True)
    assert len(result.assignments) == count
    assert result.total_score == pytest.approx(total, abs=1e-5)


def test_coverage_can_give_up_score_to_match_one_more():
    from tandem.matching.engine.interchange import load_problem

    data = {
        "mentees": [{"id": "ann"}, {"id": "ben"}],
        "mentors": [{"id": "maria", "capacity": 1}, {"id": "omar", "capacity": 1}],
        "pairs": [["ann", "maria", 0.9], ["ann", "omar", 0.1], ["ben", "maria", 0.2]],
    }
    total = solve_problem(load_problem(data | {"objective": "max_total"}))
    coverage = solve_problem(load_problem(data | {"objective": "max_coverage"}))
    assert {(a.mentee, a.mentor) for a in total.assignments} == {("ann", "maria")}
    assert {(a.mentee, a.mentor) for a in coverage.assignments} == {
        ("ann", "omar"),
        ("ben", "maria"),
    }
    assert coverage.unmatched_mentees == [] and total.unmatched_mentees == ["ben"]
