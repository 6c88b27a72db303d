"""The sparse candidate graph: for each mentee, the k best admissible mentors by score.

Small problems (mentees × mentors ≤ FULL_SCAN_PAIRS, or few mentors) are scanned in full, so
the graph is exactly the top-k by score. Large ones first gather a pool per mentee from skill
posting lists (for each skill the mentee wants, `pool_per_skill` of the mentors giving it
credit: the best quarter by level, and a slice of the others that varies from mentee to
mentee), score the pool in full and keep its top-k. When a shared language is required, a
mentee whose languages few mentors speak draws from posting lists of those mentors only. A
mentee whose pool still has fewer than k admissible mentors (or who wants no skill) is scanned
in full. `stats` reports how many mentees had more admissible mentors than k (truncated by k).

The work is cut into chunks scored by a few threads: NumPy releases the GIL inside its
kernels, so the threads share the encoded profiles without copying them.
"""

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from tandem.matching.engine.scoring import Encoder, admissible, combine, factor_values

FULL_SCAN_PAIRS = 20_000_000
POOL_PER_SKILL = 60
# Pairs scored at once. Small blocks keep every temporary array under the allocator's mmap
# threshold, so its memory is reused rather than returned to the kernel and faulted in again:
# on this kind of machine the page faults cost more than the arithmetic.
SCORE_BLOCK = 32_768
CHUNK_PAIRS = 262_144  # pairs of a full scan handed to one thread at a time
CHUNK_MENTEES = 1024  # mentees of a pooled scan handed to one thread at a time
# A mentee language group draws from its own posting lists when fewer mentors than this share
# one of its languages; otherwise the shared lists are as good and cost nothing more.
OWN_POSTINGS_BELOW = 0.8
WORKERS = max(1, min(8, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1))


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
    exhaustive: bool | None = None,
    pool_per_skill: int = POOL_PER_SKILL,
) -> CandidateGraph:
    """Top-k admissible mentors for the given mentees (all by default) among `mentors`.

    `exhaustive` forces (True) or forbids (False) the full scan; by default it is chosen by
    size. `widen=False` keeps a pooled mentee's short list as it is (no full rescan).
    """
    n, m = len(enc.mentees.ids), len(enc.mentors.ids)
    mentees = np.arange(n) if mentees is None else np.asarray(mentees, dtype=np.int64)
    mentors = np.arange(m) if mentors is None else np.asarray(mentors, dtype=np.int64)
    scorer = _Scorer(enc, weights, constraints, forbidden, peers)
    if exhaustive is None:
        # Pooling pays only when a pool (a few skills × pool_per_skill) is far smaller than
        # the mentors to choose from.
        exhaustive = len(mentees) * len(mentors) <= FULL_SCAN_PAIRS or len(mentors) <= (
            30 * pool_per_skill
        )
    if exhaustive:
        graph = _full_scan(scorer, mentees, mentors, k)
        graph.stats["candidate_pool"] = "full scan"
    else:
        graph = _pooled(scorer, mentees, mentors, k, widen=widen, per_skill=pool_per_skill)
    graph.stats["k"] = k
    graph.stats["truncated_by_k"] = int((graph.admissible_count > k).sum())
    graph.stats["candidate_pairs"] = int(len(graph.score))
    return graph


class _Scorer:
    def __init__(self, enc, weights, constraints, forbidden, peers):
        self.enc, self.weights, self.constraints = enc, weights, constraints
        self.forbidden, self.peers = forbidden, peers

    def __call__(self, e: np.ndarray, r: np.ndarray):
        """The admissible pairs among (e[i], r[i]) and their scores."""
        blocks = [
            self._block(e[start : start + SCORE_BLOCK], r[start : start + SCORE_BLOCK])
            for start in range(0, len(e), SCORE_BLOCK)
        ]
        if not blocks:
            return e, r, np.zeros(0, dtype=np.float32)
        return tuple(np.concatenate(part) for part in zip(*blocks, strict=True))

    def _block(self, e, r):
        ok = admissible(self.enc, e, r, self.constraints, self.forbidden)
        e, r = e[ok], r[ok]
        score = combine(factor_values(self.enc, e, r, peers=self.peers), self.weights)
        if self.peers:  # mutual: each is the other's mentor, so the fit counts both ways
            back = combine(factor_values(self.enc, r, e, peers=True), self.weights)
            score = (score + back) / 2
        return e, r, score


def _in_parallel(work, items) -> list:
    if WORKERS == 1 or len(items) < 2:
        return [work(item) for item in items]
    with ThreadPoolExecutor(WORKERS) as pool:
        return list(pool.map(work, items))


def _collect(results, n_mentees):
    """Merge the threads' (top-k part, admissible mentees) into parts and counts per mentee."""
    counts = np.zeros(n_mentees, dtype=np.int64)
    parts = []
    for part, admitted in results:
        counts += np.bincount(admitted, minlength=n_mentees)
        parts.append(part)
    return parts, counts


def _full_scan(scorer, mentees, mentors, k) -> CandidateGraph:
    chunks = []
    for rows, among in _language_groups(scorer, mentees, mentors):
        if len(among) == 0:
            continue
        step = max(1, CHUNK_PAIRS // len(among))
        chunks += [(rows[start : start + step], among) for start in range(0, len(rows), step)]

    def scan(chunk):
        rows, among = chunk
        e, r, score = scorer(np.repeat(rows, len(among)), np.tile(among, len(rows)))
        return _keep_top_k(e, r, score, k), e

    parts, counts = _collect(_in_parallel(scan, chunks), len(scorer.enc.mentees.ids))
    return _graph(parts, counts)


def _language_groups(scorer, mentees, mentors):
    """Mentees grouped by the languages they speak, each with the mentors who share one:
    a mentee who speaks only Portuguese need not be paired, then refused, with everyone."""
    if not scorer.constraints.shared_language or len(mentees) * len(mentors) < CHUNK_PAIRS:
        yield mentees, mentors
        return
    spoken = scorer.enc.mentees.languages[mentees]
    keys, group = np.unique(spoken, axis=0, return_inverse=True)
    heard = scorer.enc.mentors.languages[mentors]
    for index, key in enumerate(keys):
        shares = (heard & key).any(axis=1)
        yield mentees[group.ravel() == index], mentors[shares]


def _pooled(scorer, mentees, mentors, k, *, widen: bool, per_skill: int) -> CandidateGraph:
    enc = scorer.enc
    postings = _Postings(enc, mentees, mentors, scorer.constraints, per_skill)
    chunks = [
        mentees[start : start + CHUNK_MENTEES] for start in range(0, len(mentees), CHUNK_MENTEES)
    ]

    def scan(rows):
        e, r, score = scorer(*postings.pool(rows))
        return _keep_top_k(e, r, score, k), e

    parts, counts = _collect(_in_parallel(scan, chunks), len(enc.mentees.ids))
    stats = {"candidate_pool": f"skill posting lists ({per_skill} per skill)"}
    short = mentees[counts[mentees] < k]
    if len(short) and widen:
        # Too few admissible mentors in the pool: look at everyone for these mentees.
        rescan = _full_scan(scorer, short, mentors, k)
        merged = tuple(np.concatenate([p[i] for p in parts]) for i in range(3))
        keep = ~np.isin(merged[0], short)
        parts = [tuple(x[keep] for x in merged), (rescan.mentee, rescan.mentor, rescan.score)]
        counts[short] = rescan.admissible_count[short]
        stats["full_scan_mentees"] = len(short)
    graph = _graph(parts, counts)
    graph.stats.update(stats)
    return graph


class _Postings:
    """For each skill, the mentors (among `mentors`) who give it credit, most credit first
    (equal credit: the mentor listed first), flattened into one array with offsets.

    Table 0 holds every mentor; when a shared language is required, a language group of
    mentees that few mentors can talk to gets a table of its own with only those mentors.
    """

    def __init__(self, enc, mentees, mentors, constraints, per_skill):
        self.enc, self.per_skill = enc, per_skill
        quality = enc.quality[mentors]
        skill, position = np.nonzero(quality.T > 0)  # skill-major, mentors in listed order
        order = np.lexsort((-quality[position, skill], skill))  # stable within a skill
        flat, skill = mentors[position[order]], skill[order]
        tables = [(flat, skill)]
        self.table_of = np.zeros(len(enc.mentees.ids), dtype=np.int64)
        if constraints.shared_language:
            tables += self._language_tables(mentees, mentors, flat, skill)
        n_skills = quality.shape[1]
        lengths = np.array([np.bincount(s, minlength=n_skills) for _, s in tables])
        self.length = lengths
        ends = np.cumsum(lengths.ravel()).reshape(lengths.shape)
        self.start = ends - lengths
        self.flat = np.concatenate([f for f, _ in tables])

    def _language_tables(self, mentees, mentors, flat, skill):
        enc = self.enc
        spoken = enc.mentees.languages[mentees]
        keys, group = np.unique(spoken, axis=0, return_inverse=True)
        tables = []
        for index, key in enumerate(keys):
            shares = (enc.mentors.languages & key).any(axis=1)
            if shares[mentors].mean() >= OWN_POSTINGS_BELOW:
                continue
            keep = shares[flat]
            tables.append((flat[keep], skill[keep]))
            self.table_of[mentees[group.ravel() == index]] = len(tables)
        return tables

    def pool(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each mentee's pool, as pairs sorted by mentee then mentor, without repeats."""
        wants = self.enc.wants
        counts = np.diff(wants.indptr)[rows]
        mentee = np.repeat(rows, counts)
        first = np.repeat(wants.indptr[rows], counts)
        step = np.arange(len(mentee)) - np.repeat(np.cumsum(counts) - counts, counts)
        skill = wants.indices[first + step]
        table = self.table_of[mentee]
        length, start = self.length[table, skill], self.start[table, skill]
        position = _window_positions(mentee, length, self.per_skill)
        valid = position < length[:, None]
        mentor = self.flat[(start[:, None] + position)[valid]]
        mentee = np.broadcast_to(mentee[:, None], position.shape)[valid]
        m = len(self.enc.mentors.ids)
        keys = np.sort(mentee * m + mentor)  # a plain sort: np.unique hashes, slower here
        keys = keys[np.r_[True, keys[1:] != keys[:-1]]]
        return keys // m, keys % m


def _window_positions(mentee, length, per_skill) -> np.ndarray:
    """Positions in each posting list: the best quarter, then a slice of the rest that starts
    at a different place for each mentee (everyone seeing only the same few top mentors would
    leave most capacity unused). A list no longer than the window is taken whole."""
    best = per_skill // 4
    column = np.arange(per_skill)
    rest = np.maximum(length - best, 1)[:, None]
    shift = ((mentee * 7919) % rest[:, 0])[:, None]
    sliced = best + (shift + column - best) % rest
    wide = (length > per_skill)[:, None]
    return np.where(wide & (column >= best), sliced, column)


def _keep_top_k(e, r, score, k):
    """The k best pairs of each mentee (ties: the pair listed first, i.e. the mentor listed
    first, wins)."""
    if len(e) == 0:
        return e, r, score
    order = _by_mentee_then_score(e, score)
    e, r, score = e[order], r[order], score[order]
    starts = np.flatnonzero(np.r_[True, e[1:] != e[:-1]])
    rank = np.arange(len(e)) - np.repeat(starts, np.diff(np.r_[starts, len(e)]))
    keep = rank < k
    return e[keep], r[keep], score[keep]


def _by_mentee_then_score(e, score) -> np.ndarray:
    """The order by mentee, then score descending, then position (a stable sort).

    Scores are non-negative float32, whose bit patterns sort like the numbers, so mentee,
    inverted score and position pack into one int64 and a plain (fast, unstable) sort of the
    packed keys does it; the position comes back from the low bits."""
    low = int(e.min())
    mentee_bits = (int(e.max()) - low).bit_length()
    position_bits = len(e).bit_length()
    if score.dtype != np.float32 or mentee_bits + 31 + position_bits > 63 or score.min() < 0:
        return np.argsort(e.astype(np.float64) * 4.0 - score, kind="stable")
    inverted = np.int64(0x7FFFFFFF) - score.view(np.int32).astype(np.int64)
    keys = ((e - low).astype(np.int64) << (31 + position_bits)) | (inverted << position_bits)
    keys |= np.arange(len(e), dtype=np.int64)
    keys.sort()
    return keys & ((1 << position_bits) - 1)


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


def mentor_side_candidates(
    enc: Encoder,
    weights: dict[str, float],
    constraints,
    forbidden: np.ndarray,
    mentees: np.ndarray,
    mentors: np.ndarray,
    per_skill: int,
) -> CandidateGraph:
    """Pairs seen from the mentors' side: for each skill a mentor gives credit for,
    `per_skill` of the given mentees who want it (a slice that differs from mentor to mentor),
    all scored. For a residual problem, where few mentors with room face many mentees: the
    mentees' own top lists would rarely reach those mentors."""
    scorer = _Scorer(enc, weights, constraints, forbidden, peers=False)
    mentee, mentor = _mentor_side_pairs(enc, mentees, mentors, per_skill)
    step = CHUNK_PAIRS
    chunks = [(mentee[s : s + step], mentor[s : s + step]) for s in range(0, len(mentee), step)]

    def scan(chunk):
        e, r, score = scorer(*chunk)
        return (e, r, score), e

    parts, counts = _collect(_in_parallel(scan, chunks), len(enc.mentees.ids))
    graph = _graph(parts, counts)
    graph.stats["candidate_pool"] = f"mentor side ({per_skill} mentees per skill)"
    return graph


def _mentor_side_pairs(enc, mentees, mentors, per_skill):
    """(mentee, mentor) pairs without repeats, sorted by mentee then mentor."""
    wants = enc.wants[mentees].tocoo()
    order = np.lexsort((wants.row, wants.col))  # by skill, then in the order mentees came
    wanting, n_skills = mentees[wants.row[order]], enc.quality.shape[1]
    length = np.bincount(wants.col, minlength=n_skills)
    start = np.cumsum(length) - length
    position, skill = np.nonzero(enc.quality[mentors] > 0)
    mentor = mentors[position]
    offset = _rotating_window(mentor, length[skill], per_skill)
    valid = np.arange(offset.shape[1]) < length[skill][:, None]
    mentee = wanting[(start[skill][:, None] + offset)[valid]]
    mentor = np.broadcast_to(mentor[:, None], offset.shape)[valid]
    # A mentor may give credit for no skill anyone wants, yet fit on everything else: each
    # also sees a slice of all the mentees, as wide as a few skills' windows.
    general = _rotating_window(mentors, len(mentees), 5 * per_skill)
    mentee = np.concatenate([mentee, mentees[general.ravel()]])
    mentor = np.concatenate([mentor, np.repeat(mentors, general.shape[1])])
    m = len(enc.mentors.ids)
    keys = np.sort(mentee.astype(np.int64) * m + mentor)
    keys = keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys
    return keys // m, keys % m


def _rotating_window(owner: np.ndarray, length, width: int) -> np.ndarray:
    """Positions `width` long in lists of `length` (one per owner, or one for all), starting at
    a place that differs from owner to owner; they wrap around a list shorter than `width`."""
    span = np.maximum(np.broadcast_to(length, owner.shape), 1)[:, None]
    shift = (owner * 7919)[:, None] % span
    return (shift + np.arange(min(width, int(span.max())))) % span
