"""Peer pairing is an exact maximum-weight matching: it equals NetworkX's, through every
proof the solver can take (integral relaxation with odd-set cuts, the blossom fallback, a
widened reduced-cost threshold)."""

import random

import networkx as nx
import numpy as np
import pytest

from tandem.matching.engine import peers, solve_problem
from tandem.matching.engine.interchange import load_problem


def _peer_problem(seed, objective, n=14, density=0.35):
    rng = random.Random(seed)
    pairs = [
        [f"p{i}", f"p{j}", round(rng.random(), 6)]
        for i in range(n)
        for j in range(i + 1, n)
        if rng.random() < density
    ]
    return {"objective": objective, "peers": [{"id": f"p{i}"} for i in range(n)], "pairs": pairs}


def _networkx_total(data, cardinality):
    graph = nx.Graph()
    graph.add_nodes_from(p["id"] for p in data["peers"])
    for a, b, s in data["pairs"]:
        graph.add_edge(a, b, weight=s)
    matching = nx.max_weight_matching(graph, maxcardinality=cardinality)
    return len(matching), sum(graph[a][b]["weight"] for a, b in matching)


@pytest.mark.parametrize("seed", range(15))
@pytest.mark.parametrize("objective", ["max_total", "max_coverage"])
def test_peer_pairing_equals_networkx(seed, objective):
    data = _peer_problem(seed, objective)
    result = solve_problem(load_problem(data))
    count, total = _networkx_total(data, cardinality=objective == "max_coverage")
    assert result.total_score == pytest.approx(total, abs=1e-4)
    if objective == "max_coverage":
        assert len(result.pairs) == count
    people = [p for pair in result.pairs for p in (pair.mentee, pair.mentor)]
    assert len(people) == len(set(people))
    assert set(result.unmatched) == {p["id"] for p in data["peers"]} - set(people)


def test_no_pairs_means_everyone_unmatched():
    data = {"objective": "max_total", "peers": [{"id": "a"}, {"id": "b"}], "pairs": []}
    result = solve_problem(load_problem(data))
    assert result.pairs == [] and result.unmatched == ["a", "b"]


def _odd_cycles_problem(seed, objective, cycles=6):
    """Disjoint odd cycles (triangles, pentagons…) with near-equal weights, a few chords and
    pairs between cycles: the plain relaxation puts 1/2 on every cycle pair, so only the
    odd-set cuts (or the blossom algorithm) reach the integral optimum."""
    rng = random.Random(seed)
    people, pairs, start = [], [], 0
    for _ in range(cycles):
        size = rng.choice([3, 5, 7])
        ring = list(range(start, start + size))
        people += ring
        for i, person in enumerate(ring):
            pairs.append(
                [f"p{person}", f"p{ring[(i + 1) % size]}", round(0.8 + rng.random() / 10, 6)]
            )
        start += size
    listed = {frozenset(pair[:2]) for pair in pairs}
    for _ in range(cycles):
        i, j = rng.sample(people, 2)
        if frozenset((f"p{i}", f"p{j}")) not in listed:
            listed.add(frozenset((f"p{i}", f"p{j}")))
            pairs.append([f"p{i}", f"p{j}", round(rng.random() / 3, 6)])
    return {"objective": objective, "peers": [{"id": f"p{i}"} for i in people], "pairs": pairs}


def _assert_equals_networkx(data, objective):
    result = solve_problem(load_problem(data))
    count, total = _networkx_total(data, cardinality=objective == "max_coverage")
    assert result.total_score == pytest.approx(total, abs=1e-4)
    if objective == "max_coverage":
        assert len(result.pairs) == count
    assert result.stats["status"] == "OPTIMAL"
    return result


def test_the_plain_relaxation_of_odd_cycles_is_fractional():
    data = _odd_cycles_problem(0, "max_total")
    problem = load_problem(data)
    a = np.array([p[0] for p in problem.pairs])
    b = np.array([p[1] for p in problem.pairs])
    weights = peers._integer_weights(np.array([p[2] for p in problem.pairs]), len(a), False)
    x, _ = peers._prices(a, b, weights, len(problem.peer_ids), cuts=[])
    assert ((x > 0.01) & (x < 0.99)).any()


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("objective", ["max_total", "max_coverage"])
def test_odd_set_cuts_make_odd_cycles_integral_and_optimal(seed, objective):
    result = _assert_equals_networkx(_odd_cycles_problem(seed, objective), objective)
    assert result.stats["certificate"] == "reduced-cost fixing + lp-integral"


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("objective", ["max_total", "max_coverage"])
def test_without_cuts_the_blossom_algorithm_proves_the_optimum(monkeypatch, seed, objective):
    monkeypatch.setattr(peers, "CUT_ROUNDS", 0)
    result = _assert_equals_networkx(_odd_cycles_problem(seed, objective), objective)
    assert result.stats["certificate"] == "reduced-cost fixing + blossom"


@pytest.mark.parametrize("seed", range(6))
def test_a_first_threshold_too_tight_is_widened_until_it_holds_the_optimum(monkeypatch, seed):
    # Keeping almost nothing at first forces the second, provably sufficient pass.
    monkeypatch.setattr(peers, "FIRST_KEEP_PER_PERSON", 0.05)
    data = _peer_problem(seed, "max_total", n=30, density=0.3)
    result = _assert_equals_networkx(data, "max_total")
    assert result.stats["edges_after_fixing"] <= len(data["pairs"])
    assert result.total_score <= result.stats["lp_bound"] + 1e-6
