"""From a problem to a result: candidates, the solver for the objective, explanations."""

import time

import numpy as np

from tandem.matching.engine import collector
from tandem.matching.engine.assign import assign_covering, assign_optimal
from tandem.matching.engine.candidates import mentor_side_candidates, top_k_candidates
from tandem.matching.engine.explain import Sentences, breakdowns
from tandem.matching.engine.fallback import AdmissibleGraph, augment
from tandem.matching.engine.model import (
    Assignment,
    PeerResult,
    PeerScoreProblem,
    ProfileProblem,
    Result,
    ScoreProblem,
)
from tandem.matching.engine.peers import pair_peers
from tandem.matching.engine.scoring import Encoder, Taxonomy, combine, factor_values
from tandem.matching.engine.stable import stable_match

# The residual round scores every pair of (mentees left out) × (mentors with room) up to this
# many pairs; beyond it, for each skill a mentor with room gives credit for, RESIDUAL_PER_SKILL
# of the mentees left out who want it.
RESIDUAL_FULL_SCAN = 2_000_000
LINE_STEPS = 64  # levels of management climbed by everyone at once
RESIDUAL_PER_SKILL = 60


def solve_problem(problem) -> Result | PeerResult:
    with collector.paused():
        if isinstance(problem, ScoreProblem):
            return solve_scores(problem)
        if isinstance(problem, PeerScoreProblem):
            return solve_peer_scores(problem)
        if problem.peers:
            return solve_peer_profiles(problem)
        return solve_profiles(problem)


# --- score-based ----------------------------------------------------------------------------


def _edges(pairs):
    if not pairs:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float64)
    array = np.array(pairs, dtype=np.float64)
    return array[:, 0].astype(np.int64), array[:, 1].astype(np.int64), array[:, 2]


def solve_scores(problem: ScoreProblem) -> Result:
    started = time.perf_counter()
    e, r, score = _edges(problem.pairs)
    capacities = np.array(problem.capacities, dtype=np.int64)
    n = len(problem.mentee_ids)
    if problem.objective == "stable":
        matched = _stable(problem, e, r, score, capacities)
    else:
        matched = assign_optimal(
            e, r, score, capacities, n, coverage=problem.objective == "max_coverage"
        )
    matched = np.asarray(matched, dtype=np.int64)
    lookup = _matched_scores(e, r, score, matched) if len(score) else {}
    result = _result(problem.objective, problem.mentee_ids, problem.mentor_ids, matched, lookup)
    result.stats.update(
        {"mentees": n, "mentors": len(problem.mentor_ids), "pairs": len(score)}
        | {"seconds": round(time.perf_counter() - started, 3)}
    )
    return result


def _stable(problem: ScoreProblem, e, r, score, capacities) -> list[int]:
    n = len(problem.mentee_ids)
    if problem.mentee_preferences is None and problem.mentor_preferences is None:
        # Scores on both sides: each proposal carries its own score, no lookup needed.
        prefs, pref_scores = _by_score(e, r, score, n, with_scores=True)
        return stable_match(
            prefs, capacities.tolist(), lambda m, mentee, pos: (pref_scores[mentee][pos], -mentee)
        )
    scores = {(int(a), int(b)): float(s) for a, b, s in zip(e, r, score, strict=True)}
    if problem.mentee_preferences is not None:
        prefs = [
            [m for m in problem.mentee_preferences.get(i, []) if (i, m) in scores] for i in range(n)
        ]
    else:
        prefs = _by_score(e, r, score, n)
    if problem.mentor_preferences is not None:
        ranks = {
            m: {mentee: -pos for pos, mentee in enumerate(order)}
            for m, order in problem.mentor_preferences.items()
        }

        def mentor_key(m, mentee, position):
            rank = ranks.get(m, {}).get(mentee)
            return None if rank is None else (rank, -mentee)
    else:

        def mentor_key(m, mentee, position):
            return (scores[(mentee, m)], -mentee)

    return stable_match(prefs, capacities.tolist(), mentor_key)


def _by_score(e, r, score, n, *, with_scores=False):
    """Each mentee's admissible mentors, best score first, ties in input order of mentors."""
    e, r, score = _sorted_by_mentee_score_mentor(e, r, score)
    prefs: list[list[int]] = [[] for _ in range(n)]
    scores: list[list[float]] = [[] for _ in range(n)]
    bounds = np.flatnonzero(np.r_[True, e[1:] != e[:-1], True]) if len(e) else []
    for start, end in zip(bounds[:-1], bounds[1:], strict=True):
        prefs[int(e[start])] = r[start:end].tolist()
        if with_scores:
            scores[int(e[start])] = score[start:end].tolist()
    return (prefs, scores) if with_scores else prefs


def _sorted_by_mentee_score_mentor(e, r, score):
    """The pairs by mentee, best score first, then mentor.

    Each score is replaced by its rank among the distinct scores, so mentee, rank and mentor
    pack into one int64 whose plain sort replaces a three-key lexsort; all three come back
    from the packed keys."""
    if len(e) == 0:
        return e, r, score
    distinct, rank = np.unique(-score, return_inverse=True)
    widths = [int(x.max()).bit_length() for x in (e, rank, r)]
    if sum(widths) > 63:
        order = np.lexsort((r, -score, e))
        return e[order], r[order], score[order]
    rank_shift, mentee_shift = widths[2], widths[1] + widths[2]
    keys = (e.astype(np.int64) << mentee_shift) | (rank.astype(np.int64) << rank_shift) | r
    keys.sort()
    mask = (1 << widths[1]) - 1
    return (
        keys >> mentee_shift,
        keys & ((1 << widths[2]) - 1),
        -distinct[(keys >> rank_shift) & mask],
    )


def _result(objective, mentee_ids, mentor_ids, matched, lookup) -> Result:
    assignments, unmatched, total = [], [], 0.0
    for i, m in enumerate(matched):
        if m < 0:
            unmatched.append(mentee_ids[i])
            continue
        score = lookup[(i, int(m))]
        total += score
        assignments.append(Assignment(mentee_ids[i], mentor_ids[int(m)], score))
    return Result(objective, assignments, unmatched, total, {"matched": len(assignments)})


def solve_peer_scores(problem: PeerScoreProblem) -> PeerResult:
    started = time.perf_counter()
    a, b, score = _edges(problem.pairs)
    chosen, stats = pair_peers(
        a, b, score, len(problem.peer_ids), coverage=problem.objective == "max_coverage"
    )
    lookup = {}
    for i, j, s in zip(a.tolist(), b.tolist(), score.tolist(), strict=True):
        lookup[(i, j)] = lookup[(j, i)] = s
    return _peer_result(problem.objective, problem.peer_ids, chosen, lookup, stats, started)


def _peer_result(objective, ids, chosen, lookup, stats, started, explain=None) -> PeerResult:
    paired = {p for pair in chosen for p in pair}
    pairs = [
        Assignment(ids[i], ids[j], lookup[(i, j)], explain(i, j) if explain else "")
        for i, j in chosen
    ]
    stats = stats | {
        "people": len(ids),
        "paired": 2 * len(pairs),
        "seconds": round(time.perf_counter() - started, 3),
    }
    return PeerResult(
        objective,
        pairs,
        [p for i, p in enumerate(ids) if i not in paired],
        sum(p.score for p in pairs),
        stats,
    )


# --- profile-based --------------------------------------------------------------------------


def forbidden_pairs(problem: ProfileProblem) -> np.ndarray:
    """Sorted keys (mentee index × number of mentors + mentor index) of pairs never allowed."""
    mentee_at = {p.id: i for i, p in enumerate(problem.mentees)}
    mentor_at = {p.id: i for i, p in enumerate(problem.mentors)}
    m = len(problem.mentors)
    keys = [mentee_at[p.id] * m + mentor_at[p.id] for p in problem.mentees if p.id in mentor_at]
    pairs = set(problem.exclusions)
    if problem.constraints.exclude_existing:
        pairs |= problem.existing
    keys += [mentee_at[a] * m + mentor_at[b] for a, b in pairs if a in mentee_at and b in mentor_at]
    if problem.constraints.reporting_line:
        keys += _reporting_line(problem, mentee_at, mentor_at)
    keys = np.sort(np.array(keys, dtype=np.int64))  # sort, then drop repeats: np.unique hashes
    return keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys


def _reporting_line(problem, mentee_at, mentor_at) -> list[int]:
    """A mentee never gets a mentor above them in their line, nor one who reports to them.

    Everyone climbs their chain of managers at once, one level per step; the few chains
    still climbing after LINE_STEPS levels (very deep, or looping) finish one by one."""
    manager_of = {p.id: p.manager for p in problem.mentees + problem.mentors if p.manager}
    names = list(dict.fromkeys([*manager_of, *manager_of.values()]))
    index = {name: i for i, name in enumerate(names)}
    above = np.full(len(names), -1, dtype=np.int64)
    above[[index[p] for p in manager_of]] = [index[b] for b in manager_of.values()]
    as_mentee = np.array([mentee_at.get(name, -1) for name in names], dtype=np.int64)
    as_mentor = np.array([mentor_at.get(name, -1) for name in names], dtype=np.int64)
    m = len(problem.mentors)
    person = np.array([index[p] for p in manager_of], dtype=np.int64)
    boss = above[person]
    keys = []
    for _ in range(LINE_STEPS):
        climbing = (boss >= 0) & (boss != person)
        person, boss = person[climbing], boss[climbing]
        keys += _line_pairs(person, boss, as_mentee, as_mentor, m)
        boss = above[boss]
    for start in person[boss >= 0].tolist():
        seen, chief = {start}, int(above[start])
        while chief >= 0 and chief not in seen:
            keys += _line_pairs(np.array([start]), np.array([chief]), as_mentee, as_mentor, m)
            seen.add(chief)
            chief = int(above[chief])
    return keys


def _line_pairs(person, boss, as_mentee, as_mentor, m) -> list[int]:
    """person reports (directly or not) to boss: the two never pair, either way round."""
    down = (as_mentee[person] >= 0) & (as_mentor[boss] >= 0)
    up = (as_mentee[boss] >= 0) & (as_mentor[person] >= 0)
    return [
        *(as_mentee[person[down]] * m + as_mentor[boss[down]]).tolist(),
        *(as_mentee[boss[up]] * m + as_mentor[person[up]]).tolist(),
    ]


def solve_profiles(problem: ProfileProblem) -> Result:
    clock = _Clock()
    taxonomy = Taxonomy(problem.taxonomy)
    enc = Encoder(problem.mentees, problem.mentors, taxonomy)
    forbidden = forbidden_pairs(problem)
    clock.lap("encode")
    graph = top_k_candidates(enc, problem.weights, problem.constraints, forbidden, problem.k)
    clock.lap("candidates")
    edges = [(graph.mentee, graph.mentor, graph.score)]
    capacities = enc.mentors.capacity
    n = len(problem.mentees)
    matched = _solve_edges(problem.objective, *edges[0], capacities, n)
    clock.lap("solve")
    fallback = _fallback(problem, enc, forbidden, matched, capacities, edges)
    matched = fallback.pop("matched")
    clock.lap("fallback")
    e, r, score = (np.concatenate([part[i] for part in edges]) for i in range(3))
    lookup = _matched_scores(e, r, score, matched)
    mentee_ids, mentor_ids = enc.mentees.ids, enc.mentors.ids
    result = _result(problem.objective, mentee_ids, mentor_ids, matched, lookup)
    _explain(result, problem, enc, taxonomy, matched)
    result.unmatched_reasons = _unmatched_reasons(fallback.pop("admissible"), matched, mentee_ids)
    clock.lap("explain")
    result.stats.update(graph.stats)
    result.stats.update(fallback)
    result.stats.update({"mentees": n, "mentors": len(mentor_ids), "seconds": clock.laps})
    return result


class _Clock:
    def __init__(self):
        self.last, self.laps = time.perf_counter(), {}

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round(now - self.last, 3)
        self.last = now


def _matched_scores(e, r, score, matched) -> dict[tuple[int, int], float]:
    """The score of each chosen pair, found among the edges in one pass (no sort)."""
    if len(e) == 0:
        return {}
    hit = np.flatnonzero(matched[e] == r)
    mentees, first = np.unique(e[hit], return_index=True)  # a pair listed twice: the first
    pairs = zip(mentees.tolist(), r[hit[first]].tolist(), strict=True)
    return dict(zip(pairs, score[hit[first]].tolist(), strict=True))


def _solve_edges(objective, e, r, score, capacities, n) -> np.ndarray:
    if objective == "stable":
        prefs, pref_scores = _by_score(e, r, score, n, with_scores=True)
        matched = stable_match(
            prefs, capacities.tolist(), lambda m, mentee, pos: (pref_scores[mentee][pos], -mentee)
        )
        return np.array(matched, dtype=np.int64)
    return assign_optimal(e, r, score, capacities, n, coverage=objective == "max_coverage")


def _fallback(problem, enc, forbidden, matched, capacities, edges) -> dict:
    """Leave out nobody whom a denser graph could match (see fallback.py for the argument).

    The optimum on the top-k graph is kept when nobody needs to move; `edges` gains the
    pairs the fallback adds, so the final assignment is scored (and re-solved) on them."""
    stable = problem.objective == "stable"
    rounds = _residual_round(problem, enc, forbidden, matched, capacities, edges)
    admissible = AdmissibleGraph(enc, problem.constraints, forbidden)
    found = augment(admissible, matched, capacities, max_length=1 if stable else None)
    stats = {
        "fallback_rounds": rounds,
        "fallback_paths": found.paths,
        "fallback_moved": found.moved,
        "fallback_searches": found.searches,
        "fallback_guarantee": (
            "maximal: no unmatched mentee has an admissible mentor with room"
            if stable
            else "maximum: no augmenting path in the full admissible graph"
        ),
    }
    if found.paths:
        path_e, path_r = found.edges
        path_score = combine(factor_values(enc, path_e, path_r), problem.weights)
        edges.append((path_e, path_r, path_score.astype(np.float64)))
    if found.paths and not stable:
        # Paths choose their pairs by admissibility alone: re-solve for the best total among
        # assignments that match exactly the same mentees, on every candidate pair.
        e, r, score = (np.concatenate([part[i] for part in edges]) for i in range(3))
        must = np.flatnonzero(matched >= 0)
        matched = assign_covering(e, r, score, capacities, len(matched), must)
        stats["fallback_resolved"] = True
    every = np.flatnonzero(admissible.usable)
    stats["admissible"] = admissible.reached_from(every, np.full(len(matched), -1))
    stats["matched"] = matched
    return stats


def _residual_round(problem, enc, forbidden, matched, capacities, edges) -> int:
    """Mentees the optimum left out, mentors with room: their own candidate graph, solved for
    the same objective, so that the leftover places go by score."""
    unmatched = np.flatnonzero(matched < 0)
    room = capacities - np.bincount(matched[matched >= 0], minlength=len(capacities))
    spare = np.flatnonzero(room > 0)
    if len(unmatched) == 0 or len(spare) == 0:
        return 0
    if len(unmatched) * len(spare) <= RESIDUAL_FULL_SCAN:
        extra = top_k_candidates(
            enc, problem.weights, problem.constraints, forbidden, problem.k,
            mentees=unmatched, mentors=spare, exhaustive=True,
        )  # fmt: skip
    else:
        extra = mentor_side_candidates(
            enc, problem.weights, problem.constraints, forbidden, unmatched, spare,
            RESIDUAL_PER_SKILL,
        )  # fmt: skip
    residual = _solve_edges(
        problem.objective, extra.mentee, extra.mentor, extra.score, room, len(matched)
    )
    newly = residual >= 0
    matched[newly] = residual[newly]
    edges.append((extra.mentee, extra.mentor, extra.score))
    return 1


def _explain(result: Result, problem: ProfileProblem, enc, taxonomy, matched) -> None:
    mentors = problem.mentors
    chosen = np.flatnonzero(matched >= 0)
    factors = breakdowns(enc, chosen, matched[chosen], problem.weights)
    sentence = Sentences(taxonomy)
    for assignment, e, table in zip(result.assignments, chosen.tolist(), factors, strict=True):
        r = int(matched[e])
        assignment.explanation = sentence(problem.mentees[e], mentors[r])
        assignment.factors = table


def _unmatched_reasons(admissible_count, matched, mentee_ids) -> dict[str, str]:
    reasons = {}
    for i in np.flatnonzero(matched < 0).tolist():
        if admissible_count[i] == 0:
            reasons[mentee_ids[i]] = "no admissible mentor (constraints exclude everyone)"
        else:
            reasons[mentee_ids[i]] = "every admissible mentor is at capacity"
    return reasons


def solve_peer_profiles(problem: ProfileProblem) -> PeerResult:
    started = time.perf_counter()
    taxonomy = Taxonomy(problem.taxonomy)
    enc = Encoder(problem.mentees, problem.mentors, taxonomy)
    enc.mentors.capacity[:] = 1
    forbidden = forbidden_pairs(problem)
    graph = top_k_candidates(
        enc, problem.weights, problem.constraints, forbidden, problem.k, peers=True
    )
    a, b = np.minimum(graph.mentee, graph.mentor), np.maximum(graph.mentee, graph.mentor)
    keys, first = np.unique(a * len(problem.mentees) + b, return_index=True)
    a, b, score = a[first], b[first], graph.score[first]
    chosen, stats = pair_peers(
        a, b, score, len(problem.mentees), coverage=problem.objective == "max_coverage"
    )
    lookup = {}
    for i, j, s in zip(a.tolist(), b.tolist(), score.tolist(), strict=True):
        lookup[(i, j)] = lookup[(j, i)] = s
    people = problem.mentees
    stats = stats | graph.stats

    sentence = Sentences(taxonomy)

    def explain(i, j):
        return sentence(people[i], people[j])

    return _peer_result(problem.objective, enc.mentees.ids, chosen, lookup, stats, started, explain)
