"""Peer pairing is an exact maximum-weight matching: it equals NetworkX's."""

import random

import networkx as nx
import pytest

from tandem.matching.engine import solve_problem
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
