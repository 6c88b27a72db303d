"""The sparse candidate graph: for each mentee, the k best admissible mentors by score.

Small problems (mentees × mentors ≤ FULL_SCAN_PAIRS, or few mentors) are scanned in full, so
the graph is exactly the top-k by score. Large ones first gather a pool per mentee from skill
posting lists
(for each skill the mentee wants, POOL_PER_SKILL of the mentors giving it credit: the best
quarter by level, and a slice of the others that varies from mentee to mentee), score the
pool in full and keep its top-k; a mentee whose pool has fewer than k admissible mentors (or
who wants no skill) is scanned in full.
`stats` reports how many mentees had more admissible mentors than k (truncated by k).
"""

from dataclasses import dataclass, field

import numpy as np

from tandem.matching.engine.scoring import Encoder, admissible, combine, factor_values

FULL_SCAN_PAIRS = 20_000_000
BLOCK_PAIRS = 2_000_000
POOL_PER_SKILL = 60


@dataclass
class CandidateGraph:
    mentee: np.ndarray
    mentor: np.ndarray
    score: np.ndarray
    admissible_count: np.ndarray  # per mentee, in what was scanned
    stats: dict = field(default_factory=dict)


def top_k_candidates(
    enc: Encoder,
    weights: dict[str, float],
    constraints,
    forbidden: np.ndarray,
    k: int,
    *,
    mentees: np.ndarray | None = None,
    mentors: np.ndarray | None = None,
    peers: bool = False,
    widen: bool = True,
) -> CandidateGraph:
    """Top-k admissible mentors for the given mentees (all by default) among `mentors`."""
    n, m = len(enc.mentees.ids), len(enc.mentors.ids)
    mentees = np.arange(n) if mentees is None else mentees
    mentors = np.arange(m) if mentors is None else mentors
    scorer = _Scorer(enc, weights, constraints, forbidden, peers)
    # Pooling pays only when a pool (a few skills × POOL_PER_SKILL) is far smaller than the
    # mentors to choose from.
    if len(mentees) * len(mentors) <= FULL_SCAN_PAIRS or len(mentors) <= 30 * POOL_PER_SKILL:
        graph = _full_scan(scorer, mentees, mentors, k)
        graph.stats["candidate_pool"] = "full scan"
    else:
        graph = _pooled(scorer, enc, mentees, mentors, k, widen=widen)
    graph.stats["k"] = k
    graph.stats["truncated_by_k"] = int((graph.admissible_count > k).sum())
    graph.stats["candidate_pairs"] = int(len(graph.score))
    return graph


class _Scorer:
    def __init__(self, enc, weights, constraints, forbidden, peers):
        self.enc, self.weights, self.constraints = enc, weights, constraints
        self.forbidden, self.peers = forbidden, peers

    def __call__(self, e: np.ndarray, r: np.ndarray):
        ok = admissible(self.enc, e, r, self.constraints, self.forbidden)
        e, r = e[ok], r[ok]
        score = combine(factor_values(self.enc, e, r, peers=self.peers), self.weights)
        if self.peers:  # mutual: each is the other's mentor, so the fit counts both ways
            back = combine(factor_values(self.enc, r, e, peers=True), self.weights)
            score = (score + back) / 2
        return e, r, score


def _full_scan(scorer, mentees, mentors, k) -> CandidateGraph:
    parts, counts = [], np.zeros(len(scorer.enc.mentees.ids), dtype=np.int64)
    for rows, among in _language_groups(scorer, mentees, mentors):
        block = max(1, BLOCK_PAIRS // max(1, len(among)))
        for start in range(0, len(rows), block):
            chunk = rows[start : start + block]
            e, r, score = scorer(np.repeat(chunk, len(among)), np.tile(among, len(chunk)))
            counts += np.bincount(e, minlength=len(counts))
            parts.append(_keep_top_k(e, r, score, k))
    return _graph(parts, counts)


def _language_groups(scorer, mentees, mentors):
    """Mentees grouped by the languages they speak, each with the mentors who share one:
    a mentee who speaks only Portuguese need not be paired, then refused, with everyone."""
    if not scorer.constraints.shared_language or len(mentees) * len(mentors) < BLOCK_PAIRS:
        yield mentees, mentors
        return
    spoken = scorer.enc.mentees.languages[mentees]
    keys, group = np.unique(spoken, axis=0, return_inverse=True)
    heard = scorer.enc.mentors.languages[mentors]
    for index, key in enumerate(keys):
        shares = (heard & key).any(axis=1)
        yield mentees[group.ravel() == index], mentors[shares]


def _pooled(scorer, enc, mentees, mentors, k, *, widen: bool) -> CandidateGraph:
    postings = _posting_lists(enc, mentors)
    parts, counts = [], np.zeros(len(enc.mentees.ids), dtype=np.int64)
    chunk = 4000
    short = []
    for start in range(0, len(mentees), chunk):
        rows = mentees[start : start + chunk]
        e, r = _pool_pairs(enc.wants, postings, rows)
        e, r, score = scorer(e, r)
        found = np.bincount(e, minlength=len(counts))
        counts += found
        parts.append(_keep_top_k(e, r, score, k))
        short.extend(rows[found[rows] < k].tolist())
    stats = {"candidate_pool": f"skill posting lists ({POOL_PER_SKILL} per skill)"}
    if short and widen:
        # Too few admissible mentors in the pool: look at everyone for these mentees.
        rescan = _full_scan(scorer, np.array(short), mentors, k)
        keep = ~np.isin(np.concatenate([p[0] for p in parts]), short)
        merged = [tuple(np.concatenate([p[i] for p in parts])[keep] for i in range(3))]
        parts = merged + [(rescan.mentee, rescan.mentor, rescan.score)]
        counts[short] = rescan.admissible_count[short]
        stats["full_scan_mentees"] = len(short)
    graph = _graph(parts, counts)
    graph.stats.update(stats)
    return graph


def _posting_lists(enc, mentors) -> list[np.ndarray]:
    """For each skill, every mentor (among `mentors`) who gives it credit, most credit first."""
    quality = enc.quality[mentors]
    lists = []
    for skill in range(quality.shape[1]):
        column = quality[:, skill]
        offering = np.flatnonzero(column > 0)
        order = np.argsort(-column[offering], kind="stable")  # equals: the mentor listed first
        lists.append(mentors[offering[order]])
    return lists


def _window(posting: np.ndarray, row: int) -> np.ndarray:
    """The best mentors for a skill, plus a slice of the rest that differs from mentee to
    mentee: everyone seeing only the same few top mentors would leave most capacity unused."""
    if len(posting) <= POOL_PER_SKILL:
        return posting
    best = POOL_PER_SKILL // 4
    rest = posting[best:]
    start = (row * 7919) % len(rest)
    slice_ = np.take(rest, np.arange(start, start + POOL_PER_SKILL - best), mode="wrap")
    return np.concatenate([posting[:best], slice_])


def _pool_pairs(wants, postings, rows) -> tuple[np.ndarray, np.ndarray]:
    e_parts, r_parts = [], []
    for row in rows.tolist():
        skills = wants.indices[wants.indptr[row] : wants.indptr[row + 1]]
        if len(skills) == 0:
            continue
        pool = np.unique(np.concatenate([_window(postings[s], row) for s in skills]))
        e_parts.append(np.full(len(pool), row, dtype=np.int64))
        r_parts.append(pool)
    if not e_parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(e_parts), np.concatenate(r_parts).astype(np.int64)


def _keep_top_k(e, r, score, k):
    """The k best pairs of each mentee (ties: the mentor listed first wins)."""
    if len(e) == 0:
        return e, r, score
    # One stable sort on mentee, then score descending; pairs arrive in mentor order.
    order = np.argsort(e.astype(np.float64) * 4.0 - score, kind="stable")
    e, r, score = e[order], r[order], score[order]
    starts = np.flatnonzero(np.r_[True, e[1:] != e[:-1]])
    rank = np.arange(len(e)) - np.repeat(starts, np.diff(np.r_[starts, len(e)]))
    keep = rank < k
    return e[keep], r[keep], score[keep]


def _graph(parts, counts) -> CandidateGraph:
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return CandidateGraph(empty, empty, np.zeros(0, dtype=np.float32), counts)
    return CandidateGraph(
        mentee=np.concatenate([p[0] for p in parts]).astype(np.int64),
        mentor=np.concatenate([p[1] for p in parts]).astype(np.int64),
        score=np.concatenate([p[2] for p in parts]).astype(np.float64),
        admissible_count=counts,
    )
