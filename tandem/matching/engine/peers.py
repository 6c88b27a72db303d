"""Pairing peers who mentor each other: maximum-weight matching on a general graph, exact.

Weights are scores scaled to integers like the bipartite solver's (the largest |score| becomes
10^6); max_coverage adds to every pair a bonus larger than any total, so that the most pairs
come first. The optimum is found and proven in three steps:

1. The linear relaxation of the whole graph (x_e ≥ 0, at most 1 at each person), solved by
   HiGHS through SciPy. Its dual prices y ≥ 0 bound every matching M:
   w(M) ≤ U − Σ_{e∈M} rc_e, with U = Σ y and rc_e = y_a + y_b − w_e the pair's reduced cost.
2. Reduced-cost fixing: if some matching weighs L, an optimal one weighs at least L, so none
   of its pairs has a reduced cost above U − L. The pairs with the smallest reduced costs
   (τ: about 1.2 per person) form a small graph K.
3. K is solved exactly: its relaxation again, plus an odd-set (blossom) inequality
   Σ_{e⊆S} x_e ≤ (|S|−1)/2 for each odd set S of people joined by fractional pairs, re-solved
   until the solution is integral — an integral optimum of a relaxation with valid
   inequalities is optimal ("lp-integral"). Should the cuts not get there in a few rounds,
   rustworkx's blossom algorithm solves K instead ("blossom"). Its weight is L; if
   U − L ≤ τ, every optimal pair is in K and the matching is optimal on the whole graph.
   Otherwise τ becomes U − L and K is solved again, now provably containing the optimum.

`stats.certificate` says which proof applied, `stats.lp_bound` and `stats.edges_after_fixing`
give the figures.
"""

import numpy as np
import rustworkx
from scipy import sparse
from scipy.optimize import linprog
from scipy.sparse.csgraph import connected_components

RESOLUTION = 1_000_000
SLACK = 0.5  # on integer weights: well above the rounding error of sums in float64
FIRST_KEEP_PER_PERSON = 1.2  # pairs kept by the first reduced-cost threshold, per person
CUT_ROUNDS = 12
INTEGRAL = 1e-6


def pair_peers(
    a: np.ndarray, b: np.ndarray, score: np.ndarray, n_people: int, *, coverage: bool
) -> tuple[list[tuple[int, int]], dict]:
    """The chosen pairs (a, b) and how optimality was proven."""
    keep = a != b
    if not coverage:
        keep &= score > 0
    a, b, score = a[keep], b[keep], score[keep]
    stats = {"solver": "highs lp + odd-set cuts", "status": "OPTIMAL", "edges": len(score)}
    if len(score) == 0:
        return [], stats | {"certificate": "no pairs"}
    weights = _integer_weights(score, n_people, coverage)
    prices = _prices(a, b, weights, n_people, cuts=[])[1]
    upper, reduced = _bound(a, b, weights, prices, n_people)
    threshold = _first_threshold(reduced, n_people)
    while True:
        kept = np.flatnonzero(reduced <= threshold + SLACK)
        chosen, certificate = _solve_exactly(a[kept], b[kept], weights[kept], n_people, coverage)
        lower = int(weights[kept[chosen]].sum())
        if upper - lower <= threshold:
            break
        threshold = upper - lower  # now K holds every optimal pair: the next pass is final
    stats |= {
        "certificate": f"reduced-cost fixing + {certificate}",
        "lp_bound": round(upper / RESOLUTION, 6),
        "edges_after_fixing": len(kept),
    }
    return list(zip(a[kept[chosen]].tolist(), b[kept[chosen]].tolist(), strict=True)), stats


def _integer_weights(score, n_people, coverage) -> np.ndarray:
    largest = max(float(np.max(np.abs(score))), 1e-6)  # tiny scores: resolution 10^-12
    weights = np.rint(score * (RESOLUTION / largest)).astype(np.int64)
    if coverage:
        weights += 2 * RESOLUTION * (n_people + 1) + 1
    return weights


def _prices(a, b, weights, n_people, cuts):
    """The relaxation with the given odd sets: (x, prices per person) or None if unsolved."""
    m = len(weights)
    rows = [np.r_[a, b]]
    columns = [np.r_[np.arange(m), np.arange(m)]]
    limits = [np.ones(n_people)]
    for index, members in enumerate(cuts):
        inside = np.flatnonzero(np.isin(a, members) & np.isin(b, members))
        rows.append(np.full(len(inside), n_people + index))
        columns.append(inside)
        limits.append([(len(members) - 1) // 2])
    matrix = sparse.csc_matrix(
        (np.ones(sum(len(r) for r in rows)), (np.concatenate(rows), np.concatenate(columns))),
        shape=(n_people + len(cuts), m),
    )
    # x_e ≤ 1 follows from the rows, so no bounds with prices of their own are needed.
    solved = linprog(
        -weights.astype(np.float64),
        A_ub=matrix,
        b_ub=np.concatenate(limits).astype(np.float64),
        bounds=(0, None),
        method="highs-ds",
    )
    if solved.status != 0:
        return None, np.zeros(n_people)
    return solved.x, np.maximum(-solved.ineqlin.marginals[:n_people], 0.0)


def _bound(a, b, weights, prices, n_people):
    """The dual bound U and each pair's reduced cost, valid for any prices y ≥ 0.

    Some reduced costs may come out slightly negative (the solver's tolerance): a matching
    has at most n/2 pairs, so U grows by n/2 times the worst of them to stay a true bound."""
    reduced = prices[a] + prices[b] - weights
    shortfall = max(0.0, -float(reduced.min()))
    return float(prices.sum()) + shortfall * (n_people // 2), reduced


def _first_threshold(reduced, n_people) -> float:
    wanted = int(FIRST_KEEP_PER_PERSON * n_people)
    if wanted >= len(reduced):
        return float(reduced.max())
    return float(np.partition(reduced, wanted)[wanted])


def _solve_exactly(a, b, weights, n_people, coverage):
    """An optimal matching of this (small) graph, and how it was proven."""
    cuts: list[np.ndarray] = []
    for _ in range(CUT_ROUNDS):
        x, _ = _prices(a, b, weights, n_people, cuts)
        if x is None:
            break
        fractional = (x > INTEGRAL) & (x < 1 - INTEGRAL)
        if not fractional.any():
            chosen = np.flatnonzero(x > 0.5)
            if _is_optimal_matching(a[chosen], b[chosen], weights, chosen, x):
                return chosen, "lp-integral"
            break
        found = _odd_sets(a[fractional], b[fractional], n_people)
        if not found:
            break
        cuts += found
    return _blossom(a, b, weights, n_people, coverage), "blossom"


def _is_optimal_matching(a, b, weights, chosen, x) -> bool:
    """Nobody twice, and the weight equals the relaxation's optimum (to well under one unit,
    the smallest difference between two integer totals)."""
    people = np.r_[a, b]
    return len(np.unique(people)) == len(people) and (
        float(weights[chosen].sum()) >= float(weights @ x) - SLACK
    )


def _odd_sets(a, b, n_people) -> list[np.ndarray]:
    """People joined by fractional pairs, grouped; the groups of odd size."""
    graph = sparse.coo_matrix((np.ones(len(a)), (a, b)), shape=(n_people, n_people))
    _, label = connected_components(graph, directed=False)
    touched = np.unique(np.r_[a, b])
    touched = touched[np.argsort(label[touched], kind="stable")]
    bounds = np.flatnonzero(np.r_[True, np.diff(label[touched]) != 0, True])
    groups = [touched[s:e] for s, e in zip(bounds[:-1], bounds[1:], strict=True)]
    return [members for members in groups if len(members) % 2 == 1 and len(members) >= 3]


def _blossom(a, b, weights, n_people, coverage) -> np.ndarray:
    """Edmonds' blossom algorithm (rustworkx): exact, used when the cuts stall."""
    graph = rustworkx.PyGraph()
    graph.add_nodes_from(range(n_people))
    graph.add_edges_from(list(zip(a.tolist(), b.tolist(), range(len(a)), strict=True)))
    raw = weights - (2 * RESOLUTION * (n_people + 1) + 1 if coverage else 0)
    matching = rustworkx.max_weight_matching(
        graph, max_cardinality=coverage, weight_fn=lambda edge: int(raw[edge])
    )
    return np.array(sorted(graph.get_edge_data(i, j) for i, j in matching), dtype=np.int64)
