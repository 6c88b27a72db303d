"""`stable` is the mentee-optimal stable matching: it equals the `matching` package's
resident-optimal HospitalResident solution and has no blocking pair."""

import pytest
from matching.games import HospitalResident

from tandem.matching.engine import solve_problem
from tandem.matching.engine.interchange import load_problem
from tandem.matching.engine.stable import blocking_pairs
from tandem.matching.tests.helpers import random_score_problem


def _preferences(data):
    scores = {(e, r): s for e, r, s in data["pairs"]}
    mentees = [m["id"] for m in data["mentees"]]
    mentors = [m["id"] for m in data["mentors"]]
    mentee_prefs = {
        e: sorted([r for r in mentors if (e, r) in scores], key=lambda r: -scores[(e, r)])
        for e in mentees
    }
    mentor_prefs = {
        r: sorted([e for e in mentees if (e, r) in scores], key=lambda e: -scores[(e, r)])
        for r in mentors
    }
    return mentee_prefs, mentor_prefs


@pytest.mark.parametrize("seed", range(30))
def test_stable_equals_the_resident_optimal_reference(seed):
    data, problem = random_score_problem(seed, mentees=9, mentors=4, objective="stable")
    result = solve_problem(problem)
    mentee_prefs, mentor_prefs = _preferences(data)
    # The reference cannot take mentors with no capacity; nobody can be matched to them anyway.
    open_ = {m["id"]: m["capacity"] for m in data["mentors"] if m["capacity"] > 0}
    mentee_prefs = {e: [r for r in p if r in open_] for e, p in mentee_prefs.items()}
    mentor_prefs = {r: [e for e in p if mentee_prefs[e]] for r, p in mentor_prefs.items()}
    game = HospitalResident.create_from_dictionaries(
        {e: p for e, p in mentee_prefs.items() if p},
        {r: p for r, p in mentor_prefs.items() if p and r in open_},
        {r: c for r, c in open_.items() if mentor_prefs[r]},
    )
    reference = {
        (resident.name, hospital.name)
        for hospital, residents in game.solve(optimal="resident").items()
        for resident in residents
    }
    assert {(a.mentee, a.mentor) for a in result.assignments} == reference


@pytest.mark.parametrize("seed", range(30))
def test_stable_leaves_no_blocking_pair(seed):
    _, problem = random_score_problem(seed, mentees=15, mentors=5, objective="stable")
    result = solve_problem(problem)
    index = {m: i for i, m in enumerate(problem.mentor_ids)}
    matched = [-1] * len(problem.mentee_ids)
    for a in result.assignments:
        matched[problem.mentee_ids.index(a.mentee)] = index[a.mentor]
    scores = {(e, r): s for e, r, s in problem.pairs}
    prefs = [
        sorted([r for (ee, r) in scores if ee == e], key=lambda r: -scores[(e, r)])
        for e in range(len(problem.mentee_ids))
    ]
    key = lambda r, e, position: (scores[(e, r)], -e)  # noqa: E731
    assert blocking_pairs(matched, prefs, problem.capacities, key) == []


def test_stated_preferences_override_scores():
    data = {
        "objective": "stable",
        "mentees": [{"id": "e1"}, {"id": "e2"}],
        "mentors": [{"id": "r1", "capacity": 1}, {"id": "r2", "capacity": 1}],
        "pairs": [["e1", "r1", 0.9], ["e1", "r2", 0.1], ["e2", "r1", 0.8], ["e2", "r2", 0.7]],
        "mentee_preferences": {"e1": ["r1", "r2"], "e2": ["r1", "r2"]},
        "mentor_preferences": {"r1": ["e2", "e1"], "r2": ["e1", "e2"]},
    }
    result = solve_problem(load_problem(data))
    assert {(a.mentee, a.mentor) for a in result.assignments} == {("e2", "r1"), ("e1", "r2")}


def test_ties_are_broken_by_input_order():
    data = {
        "objective": "stable",
        "mentees": [{"id": "first"}, {"id": "second"}],
        "mentors": [{"id": "a", "capacity": 1}, {"id": "b", "capacity": 1}],
        "pairs": [["first", "a", 0.5], ["first", "b", 0.5], ["second", "a", 0.5]],
    }
    result = solve_problem(load_problem(data))
    assert {(x.mentee, x.mentor) for x in result.assignments} == {("first", "a")}
    assert result.unmatched_mentees == ["second"]
