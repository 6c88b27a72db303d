"""Optimal assignment with capacities, exact on the graph it is given (OR-Tools min-cost flow).

Scores become integer costs: they are scaled so that the largest |score| is 10^6 and rounded,
so two assignments whose totals differ by less than n·10^-6 of the largest score may tie.
`max_coverage` is lexicographic: each matched pair also earns a bonus larger than any possible
total of scores, so the flow first matches as many mentees as possible, then maximises score.
`assign_covering` maximises the total among the assignments that match every mentee of a given
set (and nobody else): the fallback's last step, once it knows who can be matched.
"""

import numpy as np
from ortools.graph.python import min_cost_flow

RESOLUTION = 1_000_000


def assign_optimal(
    mentee: np.ndarray,
    mentor: np.ndarray,
    score: np.ndarray,
    capacities: np.ndarray,
    n_mentees: int,
    *,
    coverage: bool,
) -> np.ndarray:
    """The mentor index for each mentee (-1: unmatched), maximising the objective."""
    matched = np.full(n_mentees, -1, dtype=np.int64)
    if len(score) == 0 or n_mentees == 0:
        return matched
    keep = capacities[mentor] > 0
    if not coverage:
        keep &= score > 0  # a pair that adds nothing (or less) never helps the total
    mentee, mentor, score = mentee[keep], mentor[keep], score[keep]
    if len(score) == 0:
        return matched
    costs = _integer_costs(score, n_mentees, coverage)
    flow, arcs = _build(mentee, mentor, costs, capacities, n_mentees)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow did not solve the problem (status {status})")
    used = flow.flows(arcs) > 0
    matched[mentee[used]] = mentor[used]
    return matched


def _integer_costs(score: np.ndarray, n_mentees: int, coverage: bool) -> np.ndarray:
    largest = max(float(np.max(np.abs(score))), 1e-6)  # tiny scores: resolution 10^-12
    scaled = np.rint(score * (RESOLUTION / largest)).astype(np.int64)
    if coverage:
        bonus = 2 * RESOLUTION * (n_mentees + 1) + 1
        scaled = scaled + bonus
    return -scaled


def _build(mentee, mentor, costs, capacities, n_mentees):
    """source → mentee (1) → mentor (its capacity) → sink, and source → sink for the unmatched."""
    n_mentors = len(capacities)
    source, sink = 0, 1 + n_mentees + n_mentors
    starts = np.concatenate(
        [
            np.zeros(n_mentees, dtype=np.int64),
            1 + mentee.astype(np.int64),
            1 + n_mentees + np.arange(n_mentors, dtype=np.int64),
            [source],
        ]
    )
    ends = np.concatenate(
        [
            1 + np.arange(n_mentees, dtype=np.int64),
            1 + n_mentees + mentor.astype(np.int64),
            np.full(n_mentors, sink, dtype=np.int64),
            [sink],
        ]
    )
    caps = np.concatenate(
        [
            np.ones(n_mentees, dtype=np.int64),
            np.ones(len(mentee), dtype=np.int64),
            capacities.astype(np.int64),
            [n_mentees],
        ]
    )
    unit_costs = np.concatenate(
        [np.zeros(n_mentees, dtype=np.int64), costs, np.zeros(n_mentors + 1, dtype=np.int64)]
    )
    flow = min_cost_flow.SimpleMinCostFlow()
    all_arcs = flow.add_arcs_with_capacity_and_unit_cost(starts, ends, caps, unit_costs)
    flow.set_nodes_supplies(
        np.array([source, sink], dtype=np.int64), np.array([n_mentees, -n_mentees], dtype=np.int64)
    )
    pair_arcs = all_arcs[n_mentees : n_mentees + len(mentee)]
    return flow, pair_arcs


def assign_covering(
    mentee: np.ndarray,
    mentor: np.ndarray,
    score: np.ndarray,
    capacities: np.ndarray,
    n_mentees: int,
    must_match: np.ndarray,
) -> np.ndarray:
    """The best total among assignments that match exactly the mentees in `must_match`.

    Each of them is a source of one unit that has to reach the sink through a mentor, so the
    flow is infeasible unless such an assignment exists on these pairs."""
    matched = np.full(n_mentees, -1, dtype=np.int64)
    wanted = np.zeros(n_mentees, dtype=bool)
    wanted[must_match] = True
    keep = wanted[mentee] & (capacities[mentor] > 0)
    mentee, mentor, score = mentee[keep], mentor[keep], score[keep]
    if len(must_match) == 0:
        return matched
    costs = _integer_costs(score, n_mentees, coverage=False)
    n_mentors = len(capacities)
    sink = n_mentees + n_mentors
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate([mentee, n_mentees + np.arange(n_mentors)]).astype(np.int64),
        np.concatenate([n_mentees + mentor, np.full(n_mentors, sink)]).astype(np.int64),
        np.concatenate([np.ones(len(mentee)), capacities]).astype(np.int64),
        np.concatenate([costs, np.zeros(n_mentors)]).astype(np.int64),
    )
    supplies = np.zeros(sink + 1, dtype=np.int64)
    supplies[must_match] = 1
    supplies[sink] = -len(must_match)
    flow.set_nodes_supplies(np.arange(sink + 1, dtype=np.int64), supplies)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow could not match the mentees it must (status {status})")
    used = flow.flows(arcs[: len(mentee)]) > 0
    matched[mentee[used]] = mentor[used]
    return matched
