"""The fallback: nobody is left out whom a denser candidate graph could have matched.

The top-k graph's optimum may leave a mentee unmatched although an admissible mentor beyond
their top k still has room, or although moving someone else along would free a place. Two
steps close that gap:

1. The residual round: the mentees left out, the mentors with room, their own candidate
   graph (top-k pools among those mentors), solved for the same objective. It places most
   of them well, by score.
2. Augmenting paths on the full admissible graph (not a candidate graph): a breadth-first
   search from every mentor with room, alternating "a mentee admissible to this mentor" and
   "that mentee's current mentor", until it reaches an unmatched mentee; moving everyone one
   step along the path matches her and unmatches nobody. When the search from every mentor
   with room reaches no unmatched mentee, there is no augmenting path, so (Berge's theorem,
   on the graph where each mentor is copied once per unit of capacity) no assignment on the
   full admissible graph matches more mentees. For `stable` only paths of length one are
   taken (a mentee joins a mentor with room; nobody is moved, which would break stability):
   then no unmatched mentee has an admissible mentor with room.

The full admissible graph is never listed: whether a pair is admissible depends on the
languages (and, with `mentor_must_be_senior`, the seniorities) of the two sides, so people
fall into a few classes, compatible or not as classes, less a sparse list of forbidden pairs.
Each step of the search counts, for each mentee, the compatible mentors in the frontier minus
the forbidden ones among them: an exact test with vectorised NumPy, no pair by pair scan.
"""

from dataclasses import dataclass

import numpy as np

from tandem.matching.engine.scoring import Encoder


@dataclass
class Augmented:
    paths: int  # augmenting paths applied
    moved: int  # mentees already matched who changed mentor along a path
    searches: int  # breadth-first searches run (the last one found nothing)
    edges: tuple[np.ndarray, np.ndarray]  # the (mentee, mentor) pairs the paths added


class AdmissibleGraph:
    """The full admissible graph as compatible classes less forbidden pairs."""

    def __init__(self, enc: Encoder, constraints, forbidden: np.ndarray):
        self.n, self.m = len(enc.mentees.ids), len(enc.mentors.ids)
        mentee_key, mentor_key = self._keys(enc, constraints)
        mentee_kinds, self.mentee_class = np.unique(mentee_key, axis=0, return_inverse=True)
        mentor_kinds, self.mentor_class = np.unique(mentor_key, axis=0, return_inverse=True)
        self.mentee_class, self.mentor_class = (
            self.mentee_class.ravel(),
            self.mentor_class.ravel(),
        )
        self.compatible = self._compatible(mentee_kinds, mentor_kinds, constraints)
        self.usable = enc.mentors.capacity > 0
        if constraints.min_mentor_seniority is not None:
            self.usable &= enc.mentors.seniority >= constraints.min_mentor_seniority
        self.forbidden = forbidden
        self.forbidden_mentee, self.forbidden_mentor = forbidden // self.m, forbidden % self.m

    @staticmethod
    def _keys(enc, constraints):
        """Per person: [seniority or 0, language bitset words if a shared language counts]."""
        sides = []
        for side in (enc.mentees, enc.mentors):
            level = side.seniority.astype(np.int64)[:, None]
            if not constraints.mentor_must_be_senior:
                level = np.zeros_like(level)
            words = side.languages if constraints.shared_language else side.languages[:, :0]
            sides.append(np.hstack([level, words.view(np.int64)]))
        return sides

    @staticmethod
    def _compatible(mentee_kinds, mentor_kinds, constraints) -> np.ndarray:
        ok = mentor_kinds[None, :, 0] > mentee_kinds[:, None, 0]
        if not constraints.mentor_must_be_senior:
            ok = np.ones_like(ok)
        if constraints.shared_language:
            spoken = mentee_kinds[:, None, 1:].view(np.uint64)
            heard = mentor_kinds[None, :, 1:].view(np.uint64)
            ok &= (spoken & heard).any(axis=2)
        return ok

    def is_forbidden(self, mentee: np.ndarray, mentor: np.ndarray) -> np.ndarray:
        if len(self.forbidden) == 0:
            return np.zeros(len(mentee), dtype=bool)
        keys = mentee * self.m + mentor
        position = np.minimum(np.searchsorted(self.forbidden, keys), len(self.forbidden) - 1)
        return self.forbidden[position] == keys

    def reached_from(self, frontier: np.ndarray, matched: np.ndarray) -> np.ndarray:
        """How many frontier mentors each mentee could join (her own mentor excluded)."""
        in_frontier = np.zeros(self.m, dtype=bool)
        in_frontier[frontier] = True
        per_class = np.bincount(self.mentor_class[frontier], minlength=self.compatible.shape[1])
        count = (self.compatible.astype(np.int64) @ per_class)[self.mentee_class]
        count -= (matched >= 0) & in_frontier[np.maximum(matched, 0)]
        barred = (
            in_frontier[self.forbidden_mentor]
            & self.compatible[
                self.mentee_class[self.forbidden_mentee], self.mentor_class[self.forbidden_mentor]
            ]
        )
        count -= np.bincount(self.forbidden_mentee[barred], minlength=self.n)
        return count

    def choose_mentors(self, mentees, frontier, matched) -> np.ndarray:
        """For each mentee (each has one), a frontier mentor she is admissible to."""
        chosen = np.full(len(mentees), -1, dtype=np.int64)
        for kind in np.unique(self.mentee_class[mentees]).tolist():
            group = np.flatnonzero(self.mentee_class[mentees] == kind)
            options = frontier[self.compatible[kind, self.mentor_class[frontier]]]
            who = mentees[group]
            # Each mentee starts at a different option, so that one search spreads the
            # mentees over many mentors instead of sending all of them to the first.
            tried = who % len(options)
            while True:  # next option for those whose pick is their own mentor or forbidden
                pick = options[tried]
                bad = (pick == matched[who]) | self.is_forbidden(who, pick)
                if not bad.any():
                    break
                tried[bad] = (tried[bad] + 1) % len(options)
            chosen[group] = pick
        return chosen


def augment(graph: AdmissibleGraph, matched, capacities, *, max_length=None) -> Augmented:
    """Apply augmenting paths to `matched` (in place) until none is left."""
    paths = moved = searches = 0
    new_mentee, new_mentor = [], []
    while True:
        searches += 1
        found = _search(graph, matched, capacities, max_length)
        if found is None:
            break
        applied = _apply(found, matched, capacities)
        if not applied:
            break
        for path in applied:
            paths += 1
            moved += len(path) - 1
            new_mentee += [e for e, _ in path]
            new_mentor += [r for _, r in path]
    edges = (np.array(new_mentee, dtype=np.int64), np.array(new_mentor, dtype=np.int64))
    return Augmented(paths, moved, searches, edges)


@dataclass
class _Forest:
    free: np.ndarray  # unmatched mentees reached at the last layer
    join: np.ndarray  # per mentee: the mentor she would move to (-1: not reached)
    leaves: np.ndarray  # per mentor: the mentee who would leave them (-1: a root, with room)


def _search(graph: AdmissibleGraph, matched, capacities, max_length) -> _Forest | None:
    room = capacities - np.bincount(matched[matched >= 0], minlength=graph.m)
    frontier = np.flatnonzero((room > 0) & graph.usable)
    if len(frontier) == 0 or not (matched < 0).any():
        return None
    seen_mentee = np.zeros(graph.n, dtype=bool)
    seen_mentor = np.zeros(graph.m, dtype=bool)
    seen_mentor[frontier] = True
    join = np.full(graph.n, -1, dtype=np.int64)
    leaves = np.full(graph.m, -1, dtype=np.int64)
    length = 0
    while len(frontier):
        length += 1
        reached = np.flatnonzero(~seen_mentee & (graph.reached_from(frontier, matched) > 0))
        seen_mentee[reached] = True
        join[reached] = graph.choose_mentors(reached, frontier, matched)
        free = reached[matched[reached] < 0]
        if len(free):
            return _Forest(free, join, leaves)
        if max_length is not None and length >= max_length:
            return None
        # Their mentors get a free place if they move: the next layer starts there.
        mentors, first = np.unique(matched[reached], return_index=True)
        fresh = ~seen_mentor[mentors]
        frontier = mentors[fresh]
        leaves[frontier] = reached[first[fresh]]
        seen_mentor[frontier] = True
    return None


def _apply(forest: _Forest, matched, capacities) -> list[list[tuple[int, int]]]:
    """Vertex-disjoint paths of the forest, each ending at a root that still has room."""
    room = capacities - np.bincount(matched[matched >= 0], minlength=len(capacities))
    used_mentees: set[int] = set()
    used_mentors: set[int] = set()
    applied = []
    for start in forest.free.tolist():
        path, mentee = [], start
        while True:
            mentor = int(forest.join[mentee])
            path.append((mentee, mentor))
            leaving = int(forest.leaves[mentor])
            if leaving < 0:
                break
            mentee = leaving
        root = path[-1][1]
        inner = {r for _, r in path[:-1]}
        mentees = {e for e, _ in path}
        if room[root] <= 0 or inner & used_mentors or mentees & used_mentees:
            continue
        room[root] -= 1
        used_mentors |= inner
        used_mentees |= mentees
        for mentee, mentor in path:
            matched[mentee] = mentor
        applied.append(path)
    return applied
