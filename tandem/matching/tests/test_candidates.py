"""The sparse candidate graph: top-k by score, truncation reported, and the fallback that
gives an unmatched mentee any admissible mentor who still has room."""

import numpy as np
import pytest

from tandem.matching.engine import load_problem, solve_problem
from tandem.matching.engine.candidates import _keep_top_k
from tandem.matching.engine.generate import generate_problem


def test_truncation_by_k_is_reported():
    data = generate_problem(mentees=40, mentors=15, seed=3, k=3)
    result = solve_problem(load_problem(data))
    assert result.stats["k"] == 3
    assert result.stats["truncated_by_k"] > 0
    assert result.stats["candidate_pairs"] <= 40 * 3


def test_a_mentee_whose_top_k_is_full_still_gets_a_mentor_with_room():
    # Everybody's single best candidate is the star; with k=1 only the fallback finds the rest.
    mentors = [{"id": "star", "languages": ["English"], "offers": ["SQL"], "skills": {"SQL": 5},
                "seniority": 5, "capacity": 1}]  # fmt: skip
    mentors += [{"id": f"m{i}", "languages": ["English"], "seniority": 5, "capacity": 1}
                for i in range(3)]  # fmt: skip
    mentees = [{"id": f"e{i}", "languages": ["English"], "wants": {"SQL": 4}} for i in range(3)]
    data = {"objective": "max_total", "mentees": mentees, "mentors": mentors, "k": 1}
    result = solve_problem(load_problem(data))
    assert len(result.assignments) == 3
    assert result.stats["fallback_rounds"] >= 1


@pytest.mark.parametrize("objective", ["max_total", "max_coverage", "stable"])
def test_every_objective_respects_capacity_on_a_realistic_problem(objective):
    data = generate_problem(mentees=120, mentors=40, seed=5, objective=objective, k=10)
    problem = load_problem(data)
    result = solve_problem(problem)
    capacity = {m.id: m.capacity for m in problem.mentors}
    load = {}
    for a in result.assignments:
        load[a.mentor] = load.get(a.mentor, 0) + 1
        assert a.explanation and a.factors
    assert all(load[m] <= capacity[m] for m in load)
    assert len(result.assignments) + len(result.unmatched_mentees) == 120


def test_peers_from_profiles_pair_everyone_once():
    data = generate_problem(mentees=30, seed=2, peers=True, objective="max_coverage", k=10)
    result = solve_problem(load_problem(data))
    people = [p for pair in result.pairs for p in (pair.mentee, pair.mentor)]
    assert len(people) == len(set(people))
    assert len(people) + len(result.unmatched) == 30
    assert all(pair.explanation for pair in result.pairs)


def test_top_k_keeps_the_best_scores_and_breaks_ties_by_listing_order():
    rng = np.random.default_rng(7)
    e = rng.integers(0, 40, 3000)
    r = np.arange(3000)
    score = (rng.integers(0, 6, 3000) / 5).astype(np.float32)  # many equal scores
    kept_e, kept_r, kept_score = _keep_top_k(e, r, score, 4)
    for mentee in range(40):
        listed = np.flatnonzero(e == mentee)
        best = sorted(listed, key=lambda i: (-score[i], i))[:4]
        assert kept_r[kept_e == mentee].tolist() == [int(r[i]) for i in best]
