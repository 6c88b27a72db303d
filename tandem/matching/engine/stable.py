"""Mentee-optimal stable matching with capacities: mentee-proposing deferred acceptance.

Mentees propose down their preference lists; a mentor holds the best proposals up to their
capacity and releases the worst when a better one arrives. The result is the stable matching
every mentee likes at least as well as any other stable matching (Gale–Shapley, Roth).
Iterative, no recursion: it runs at 100,000 mentees.
"""

import heapq
from collections.abc import Sequence


def stable_match(
    mentee_prefs: Sequence[Sequence[int]],
    capacities: Sequence[int],
    mentor_key,
) -> list[int]:
    """Mentor index per mentee (-1: unmatched).

    `mentee_prefs[e]` lists acceptable mentors, best first. `mentor_key(r, e, position)` gives
    mentor r's rating of mentee e (higher is better) or None if r finds e unacceptable;
    `position` is e's index into its own list, for callers that keep scores alongside.
    """
    n = len(mentee_prefs)
    matched = [-1] * n
    next_choice = [0] * n
    held: list[list] = [[] for _ in capacities]  # min-heaps of (rating, mentee): worst on top
    free = list(range(n - 1, -1, -1))
    while free:
        e = free.pop()
        prefs = mentee_prefs[e]
        while next_choice[e] < len(prefs):
            position = next_choice[e]
            r = prefs[position]
            next_choice[e] += 1
            rating = mentor_key(r, e, position)
            if rating is None or capacities[r] == 0:
                continue
            heap = held[r]
            entry = (rating, e)
            if len(heap) < capacities[r]:
                heapq.heappush(heap, entry)
                matched[e] = r
                break
            if heap[0] < entry:
                _, released = heapq.heapreplace(heap, entry)
                matched[released] = -1
                free.append(released)
                matched[e] = r
                break
    return matched


def blocking_pairs(
    matched: Sequence[int],
    mentee_prefs: Sequence[Sequence[int]],
    capacities: Sequence[int],
    mentor_key,
) -> list[tuple[int, int]]:
    """Pairs (e, r) who would both rather be together than with what they have."""
    held: list[list] = [[] for _ in capacities]
    position_of = [{} for _ in mentee_prefs]
    for e, prefs in enumerate(mentee_prefs):
        for position, r in enumerate(prefs):
            position_of[e].setdefault(r, position)
    for e, r in enumerate(matched):
        if r >= 0:
            held[r].append(mentor_key(r, e, position_of[e][r]))
    blocking = []
    for e, prefs in enumerate(mentee_prefs):
        limit = position_of[e].get(matched[e], len(prefs)) if matched[e] >= 0 else len(prefs)
        for position in range(limit):
            r = prefs[position]
            rating = mentor_key(r, e, position)
            if rating is None or capacities[r] == 0 or r == matched[e]:
                continue
            if len(held[r]) < capacities[r] or min(held[r]) < rating:
                blocking.append((e, r))
    return blocking
