"""Pairing peers who mentor each other: maximum-weight matching on a general graph, exact.

Solved as a 0/1 program with OR-Tools CP-SAT (one variable per candidate pair, each person in
at most one pair), which proves optimality on the sparse candidate graph. Weights are scaled to
integers like the bipartite solver; max_coverage adds a bonus per pair larger than any total.
"""

import numpy as np
from ortools.sat.python import cp_model

RESOLUTION = 1_000_000


def pair_peers(
    a: np.ndarray,
    b: np.ndarray,
    score: np.ndarray,
    n_people: int,
    *,
    coverage: bool,
    time_limit: float = 600.0,
) -> tuple[list[tuple[int, int]], dict]:
    """The chosen pairs (a, b) and the solver's stats."""
    keep = a != b
    if not coverage:
        keep &= score > 0
    a, b, score = a[keep], b[keep], score[keep]
    if len(score) == 0:
        return [], {"solver": "cp-sat", "status": "OPTIMAL", "edges": 0}
    largest = max(float(np.max(np.abs(score))), 1e-6)  # tiny scores: resolution 10^-12
    weights = np.rint(score * (RESOLUTION / largest)).astype(np.int64)
    if coverage:
        weights += 2 * RESOLUTION * (n_people + 1) + 1
    model = cp_model.CpModel()
    chosen = [model.new_bool_var("") for _ in range(len(weights))]
    incident: list[list] = [[] for _ in range(n_people)]
    for var, i, j in zip(chosen, a.tolist(), b.tolist(), strict=True):
        incident[i].append(var)
        incident[j].append(var)
    for variables in incident:
        if len(variables) > 1:
            model.add_at_most_one(variables)
    model.maximize(cp_model.LinearExpr.weighted_sum(chosen, weights.tolist()))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = time_limit
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RuntimeError(f"the peer solver found no solution ({solver.status_name(status)})")
    pairs = [
        (int(i), int(j))
        for var, i, j in zip(chosen, a, b, strict=True)
        if solver.boolean_value(var)
    ]
    stats = {
        "solver": "cp-sat",
        "status": solver.status_name(status),
        "edges": len(weights),
        "seconds": round(solver.wall_time, 3),
    }
    return pairs, stats
