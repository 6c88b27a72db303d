"""The fallback leaves out nobody whom a denser candidate graph could match: after it, no
augmenting path is left in the full admissible graph (stable: no mentor with room is left to
an unmatched mentee who could join them)."""

import random

import numpy as np
import pytest
from scipy import sparse
from scipy.sparse.csgraph import maximum_bipartite_matching

from tandem.matching.engine import load_problem, solve_problem
from tandem.matching.engine.generate import generate_problem
from tandem.matching.engine.scoring import Encoder, Taxonomy, admissible
from tandem.matching.engine.solve import forbidden_pairs


def _bilingual_squeeze(objective):
    """With k=1 both mentees see only Ana, who takes Xavier (the better fit); Bela speaks only
    Hindi, so Yan can be matched only if Xavier moves to Bela: an augmenting path of three."""
    mentor = {"seniority": 5, "capacity": 1}
    return {
        "objective": objective,
        "k": 1,
        "mentees": [
            {"id": "xavier", "languages": ["English", "Hindi"], "wants": {"SQL": 5}},
            {"id": "yan", "languages": ["English"], "wants": {"Go": 3}},
        ],
        "mentors": [
            {"id": "ana", "languages": ["English"], "offers": ["SQL"], **mentor},
            {"id": "bela", "languages": ["Hindi"], **mentor},
        ],
    }


@pytest.mark.parametrize("objective", ["max_total", "max_coverage"])
def test_an_augmenting_path_moves_one_mentee_to_match_another(objective):
    result = solve_problem(load_problem(_bilingual_squeeze(objective)))
    pairs = {(a.mentee, a.mentor) for a in result.assignments}
    assert pairs == {("xavier", "bela"), ("yan", "ana")}
    assert result.stats["fallback_paths"] == 1
    assert result.stats["fallback_moved"] == 1
    assert result.stats["fallback_resolved"] is True
    assert all(a.explanation and a.factors for a in result.assignments)


def test_stable_takes_only_direct_places_and_says_why_yan_is_left_out():
    result = solve_problem(load_problem(_bilingual_squeeze("stable")))
    assert {(a.mentee, a.mentor) for a in result.assignments} == {("xavier", "ana")}
    assert result.stats["fallback_moved"] == 0
    assert result.stats["fallback_guarantee"].startswith("maximal")
    assert result.unmatched_reasons == {"yan": "every admissible mentor is at capacity"}


def _maximum_on_full_admissible_graph(problem) -> int:
    """Hopcroft–Karp (SciPy) on every admissible pair, each mentor copied per capacity."""
    enc = Encoder(problem.mentees, problem.mentors, Taxonomy(problem.taxonomy))
    n, m = len(problem.mentees), len(problem.mentors)
    e, r = np.repeat(np.arange(n), m), np.tile(np.arange(m), n)
    ok = admissible(enc, e, r, problem.constraints, forbidden_pairs(problem))
    e, r = e[ok], r[ok]
    capacity = enc.mentors.capacity
    first_slot = np.cumsum(capacity) - capacity
    copies = np.repeat(np.arange(len(e)), capacity[r])
    slot = first_slot[r[copies]] + (
        np.arange(len(copies)) - np.repeat(np.cumsum(capacity[r]) - capacity[r], capacity[r])
    )
    graph = sparse.csr_matrix(
        (np.ones(len(copies)), (e[copies], slot)), shape=(n, int(capacity.sum()))
    )
    return int((maximum_bipartite_matching(graph, perm_type="column") >= 0).sum())


def _scarce_problem(seed, objective):
    """Few mentors, a small k, mixed languages, exclusions: the top-k optimum often leaves
    someone out whom the full graph could match."""
    rng = random.Random(seed)
    data = generate_problem(mentees=36, mentors=12, seed=seed, objective=objective, k=2)
    languages = ["English", "Hindi", "Spanish"]
    for person in data["mentees"] + data["mentors"]:
        person["languages"] = rng.sample(languages, rng.choice([1, 1, 2]))
    data["exclusions"] = [
        [rng.choice(data["mentees"])["id"], rng.choice(data["mentors"])["id"]] for _ in range(8)
    ]
    return data


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("objective", ["max_total", "max_coverage"])
def test_as_many_are_matched_as_on_the_full_admissible_graph(seed, objective):
    problem = load_problem(_scarce_problem(seed, objective))
    result = solve_problem(problem)
    assert len(result.assignments) == _maximum_on_full_admissible_graph(problem)
    load = {}
    for a in result.assignments:
        load[a.mentor] = load.get(a.mentor, 0) + 1
    assert all(load[m.id] <= m.capacity for m in problem.mentors if m.id in load)


@pytest.mark.parametrize("seed", range(12))
def test_stable_leaves_no_unmatched_mentee_beside_a_mentor_with_room(seed):
    problem = load_problem(_scarce_problem(seed, "stable"))
    result = solve_problem(problem)
    enc = Encoder(problem.mentees, problem.mentors, Taxonomy(problem.taxonomy))
    mentee_at = {p.id: i for i, p in enumerate(problem.mentees)}
    load = np.zeros(len(problem.mentors), dtype=np.int64)
    mentor_at = {p.id: i for i, p in enumerate(problem.mentors)}
    for a in result.assignments:
        load[mentor_at[a.mentor]] += 1
    room = np.flatnonzero(load < enc.mentors.capacity)
    unmatched = np.array([mentee_at[i] for i in result.unmatched_mentees], dtype=np.int64)
    e, r = np.repeat(unmatched, len(room)), np.tile(room, len(unmatched))
    assert not admissible(enc, e, r, problem.constraints, forbidden_pairs(problem)).any()
