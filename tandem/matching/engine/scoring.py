"""Scoring mentee–mentor pairs from profiles: named factors in [0, 1], a weighted sum, and
the plain-words explanation of any pair. Vectorised over flat arrays of pairs so that millions
of pairs score in seconds; explanations are built only for the pairs someone looks at.

The factors (weights are parameters, defaults in model.DEFAULT_WEIGHTS):
- skills: for each skill the mentee wants, full credit (0.6 at level 1 … 1.0 at level 5) if the
  mentor offers it, half credit if the mentor offers another skill of its category; averaged
  over the skills wanted. Aliases of the taxonomy count as the skill.
- career_goals: cosine similarity of the mentee's career goals with the mentor's background
  and expertise (hashed TF-IDF, projected to 32 dimensions with a fixed random projection).
- seniority: 1.0 when the mentor is 1–2 levels ahead, 0.6 at 3, 0.3 further, 0.2 at the same
  level, 0 when the mentor is junior to the mentee.
- interests: shared interests over the smaller list.
- language: 1.0 when they share a language.
- time_zone: overlap of 9-to-5 working days (0 at 8 hours apart or more).
- meeting_mode: 1.0 compatible (in person only when in the same location), 0.2 otherwise.
- availability: the mentor's hours per mentee against the mentee's wish, capped at 1.
- cross_department: 1.0 when they work in different departments.
"""

import datetime
import functools
import re
import zlib
import zoneinfo
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from tandem.matching.engine.model import DEFAULT_WEIGHTS, Constraints, Person

FACTORS = list(DEFAULT_WEIGHTS)
FACTOR_LABELS = {
    "skills": "Skills wanted vs expertise offered",
    "career_goals": "Career goals vs background",
    "seniority": "Seniority gap",
    "interests": "Shared interests",
    "language": "Shared language",
    "time_zone": "Time-zone overlap",
    "meeting_mode": "Meeting-mode fit",
    "availability": "Availability",
    "cross_department": "Different department",
}
MODES = {"either": 0, "in_person": 1, "virtual": 2}
# compatibility[mentee mode][mentor mode]; in person also needs the same location.
MODE_FIT = np.array([[1.0, 1.0, 1.0], [1.0, 1.0, 0.2], [1.0, 0.2, 1.0]], dtype=np.float32)
SENIORITY_FIT = {-1: 0.0, 0: 0.2, 1: 1.0, 2: 1.0, 3: 0.6, 4: 0.3}  # -1: junior, 4: four or more
SENIORITY_TABLE = np.array([SENIORITY_FIT[gap] for gap in range(-1, 5)], dtype=np.float32)
TEXT_DIMENSIONS = 32
DENSE_WANTS = 32  # beyond this many skills wanted by one mentee, skills are scored sparsely
HASH_BUCKETS = 1 << 18
STOPWORDS = {
    "the",
    "and",
    "for",
    "with",
    "that",
    "this",
    "from",
    "into",
    "over",
    "have",
    "want",
    "would",
    "like",
    "more",
    "about",
    "their",
    "there",
    "what",
    "when",
    "which",
    "will",
    "your",
    "you",
    "our",
    "are",
    "was",
    "were",
    "been",
    "being",
    "also",
    "some",
    "them",
    "they",
    "then",
    "than",
    "just",
    "very",
    "can",
    "could",
    "should",
    "learn",
    "become",
    "better",
    "work",
    "help",
    "get",
    "make",
}
REFERENCE_INSTANT = datetime.datetime(2026, 1, 15, 12, tzinfo=datetime.UTC)


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z][a-z+#]{2,}", text.lower()) if w not in STOPWORDS]


@functools.cache
def _utc_offset(zone: str) -> float:
    try:
        offset = REFERENCE_INSTANT.astimezone(zoneinfo.ZoneInfo(zone)).utcoffset()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return 0.0
    return offset.total_seconds() / 3600 if offset else 0.0


class Taxonomy:
    """Skill names, aliases and categories; unknown skills are their own category."""

    def __init__(self, raw: dict[str, dict]):
        self.canonical: dict[str, str] = {}
        self.category: dict[str, str] = {}
        self._seen: dict[str, str] = {}
        for name, info in (raw or {}).items():
            key = name.strip().lower()
            self.canonical[key] = key
            self.category[key] = str((info or {}).get("category", key)).lower()
            for alias in (info or {}).get("aliases", []):
                self.canonical.setdefault(alias.strip().lower(), key)

    def skill(self, name: str) -> str:
        # Asked millions of times for a few hundred names: remember each answer.
        found = self._seen.get(name)
        if found is None:
            key = name.strip().lower()
            found = self._seen[name] = self.canonical.get(key, key)
        return found

    def category_of(self, skill: str) -> str:
        return self.category.get(skill, "skill:" + skill)


@dataclass
class Encoded:
    """Everything about one side (mentees or mentors) as arrays."""

    ids: list[str]
    seniority: np.ndarray
    utc_offset: np.ndarray
    mode: np.ndarray
    location: np.ndarray
    department: np.ndarray
    hours: np.ndarray
    capacity: np.ndarray
    languages: np.ndarray  # bitsets, shape (n, words)
    interests: np.ndarray  # bitsets
    interest_count: np.ndarray
    text: np.ndarray  # (n, TEXT_DIMENSIONS), unit length or zero


class Encoder:
    """Turns both sides into arrays over shared vocabularies."""

    def __init__(self, mentees: list[Person], mentors: list[Person], taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        people = mentees + mentors
        self.language_bits = _vocabulary(lang.lower() for p in people for lang in p.languages)
        self.interest_bits = _vocabulary(i.lower() for p in people for i in p.interests)
        self.locations = _vocabulary(p.location.lower() for p in people)
        self.departments = _vocabulary(p.department.lower() for p in people if p.department)
        skills = {taxonomy.skill(s) for p in people for s in [*p.wants, *p.offers, *p.skills]}
        self.skill_index = {s: i for i, s in enumerate(sorted(skills))}
        categories = sorted({taxonomy.category_of(s) for s in self.skill_index})
        self.category_index = {c: i for i, c in enumerate(categories)}
        self.skill_category = np.array(
            [self.category_index[taxonomy.category_of(s)] for s in sorted(self.skill_index)],
            dtype=np.int64,
        )
        self.mentees = self._encode(mentees, career=True)
        self.mentors = self._encode(mentors, career=False)
        self._text(mentees, mentors)
        self.wants = self._wants(mentees)
        self.quality = self._quality(mentors)
        self._dense_skills()

    def _encode(self, people: list[Person], career: bool) -> Encoded:
        n = len(people)
        return Encoded(
            ids=[p.id for p in people],
            seniority=np.array([p.seniority for p in people], dtype=np.int16),
            utc_offset=np.array([_utc_offset(p.timezone) for p in people], dtype=np.float32),
            mode=np.array([MODES.get(p.meeting_mode, 0) for p in people], dtype=np.int8),
            location=np.array([self.locations.get(p.location.lower(), -1) for p in people]),
            department=np.array(
                [
                    self.departments.get(p.department.lower(), -1) if p.department else -1
                    for p in people
                ]
            ),
            hours=np.array([max(p.availability_hours, 0.0) for p in people], dtype=np.float32),
            capacity=np.array([p.capacity for p in people], dtype=np.int64),
            languages=_bitsets([p.languages for p in people], self.language_bits),
            interests=_bitsets([p.interests for p in people], self.interest_bits),
            interest_count=np.array([len(set(p.interests)) for p in people], dtype=np.float32),
            text=np.zeros((n, TEXT_DIMENSIONS), dtype=np.float32),
        )

    def _text(self, mentees, mentors) -> None:
        goals = [p.career_goals for p in mentees]
        backgrounds = [" ".join([p.background, *p.offers, *p.skills]) for p in mentors]
        dense = _project(_tfidf(goals + backgrounds))
        self.mentees.text = dense[: len(mentees)]
        self.mentors.text = dense[len(mentees) :]

    def _wants(self, mentees) -> sparse.csr_matrix:
        rows, cols = [], []
        for i, p in enumerate(mentees):
            for skill in dict.fromkeys(self.taxonomy.skill(s) for s in p.wants):
                rows.append(i)
                cols.append(self.skill_index[skill])
        data = np.ones(len(rows), dtype=np.float32)
        shape = (len(mentees), max(1, len(self.skill_index)))
        return sparse.csr_matrix((data, (rows, cols)), shape=shape)

    def _dense_skills(self) -> None:
        """Each mentee's wanted skills as a padded table, and the mentors' credit flattened
        with a zero column for the padding: one flat gather scores every wanted skill."""
        wants, n_skills = self.wants, self.quality.shape[1]
        self.wanted_count = np.diff(wants.indptr)
        width = max(1, int(self.wanted_count.max(initial=0)))
        self.wanted = np.full((wants.shape[0], width), n_skills, dtype=np.int64)
        rows = np.repeat(np.arange(wants.shape[0]), self.wanted_count)
        self.wanted[rows, np.arange(len(rows)) - wants.indptr[rows]] = wants.indices
        padded = np.zeros((self.quality.shape[0], n_skills + 1), dtype=np.float32)
        padded[:, :n_skills] = self.quality
        self.credit = padded.ravel()

    def _quality(self, mentors) -> np.ndarray:
        """Credit a mentor gives each skill: 0.6–1.0 when offered, 0.5 within its category."""
        n_skills = max(1, len(self.skill_index))
        rows, cols, credit = [], [], []
        for r, p in enumerate(mentors):
            levels = {self.taxonomy.skill(s): level for s, level in p.skills.items()}
            for skill in {self.taxonomy.skill(s) for s in p.offers}:
                rows.append(r)
                cols.append(self.skill_index[skill])
                credit.append(0.6 + 0.1 * (min(max(levels.get(skill, 4), 1), 5) - 1))
        offered = sparse.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(mentors), n_skills)
        )
        # With no skill anywhere there is one placeholder skill, in a placeholder category.
        skill_category = self.skill_category if len(self.skill_category) else np.zeros(1, np.int64)
        in_category = sparse.csr_matrix(
            (np.ones(n_skills, dtype=np.float32), (np.arange(n_skills), skill_category)),
            shape=(n_skills, max(1, len(self.category_index))),
        )
        # A mentor who offers any skill of a category gives half credit for all of it...
        categories = (offered @ in_category) > 0
        quality = (categories @ in_category.T).toarray().astype(bool).astype(np.float32) * 0.5
        # ...and full credit, by level, for what they offer.
        quality[rows, cols] = credit
        return quality


def _vocabulary(items) -> dict[str, int]:
    vocabulary: dict[str, int] = {}
    for item in items:
        if item and item not in vocabulary:
            vocabulary[item] = len(vocabulary)
    return vocabulary


def _bitsets(lists, vocabulary: dict[str, int]) -> np.ndarray:
    words = max(1, (len(vocabulary) + 63) // 64)
    bits = np.zeros((len(lists), words), dtype=np.uint64)
    rows, indices = [], []
    for row, items in enumerate(lists):
        for item in items:
            index = vocabulary.get(item.lower())
            if index is not None:
                rows.append(row)
                indices.append(index)
    indices = np.array(indices, dtype=np.uint64)
    flags = np.left_shift(np.uint64(1), indices % np.uint64(64))
    np.bitwise_or.at(
        bits, (np.array(rows, dtype=np.int64), (indices // 64).astype(np.int64)), flags
    )
    return bits


def _tfidf(documents: list[str]) -> sparse.csr_matrix:
    rows, cols, counts = [], [], []
    buckets: dict[str, int] = {}  # the vocabulary is small next to the number of words
    for row, text in enumerate(documents):
        terms: dict[int, int] = {}
        for word in _words(text):
            bucket = buckets.get(word)
            if bucket is None:
                bucket = buckets[word] = zlib.crc32(word.encode()) % HASH_BUCKETS
            terms[bucket] = terms.get(bucket, 0) + 1
        rows.extend([row] * len(terms))
        cols.extend(terms)
        counts.extend(terms.values())
    shape = (len(documents), HASH_BUCKETS)
    matrix = sparse.csr_matrix((np.array(counts, dtype=np.float32), (rows, cols)), shape=shape)
    document_frequency = np.bincount(matrix.indices, minlength=HASH_BUCKETS)
    idf = np.log((1 + len(documents)) / (1 + document_frequency)).astype(np.float32) + 1
    matrix.data = (1 + np.log(matrix.data)) * idf[matrix.indices]
    return matrix


def _project(matrix) -> np.ndarray:
    """Random ±1 projection of the used hash buckets to TEXT_DIMENSIONS, unit length rows.

    The signs come from a fixed hash of (bucket, dimension), so the same words always land in
    the same place and the same profiles always score the same.
    """
    used, columns = np.unique(matrix.indices, return_inverse=True)
    compact = sparse.csr_matrix(
        (matrix.data, columns.ravel(), matrix.indptr), shape=(matrix.shape[0], len(used))
    )
    mixed = used.astype(np.uint64)[:, None] * np.uint64(0x9E3779B97F4A7C15) + np.arange(
        TEXT_DIMENSIONS, dtype=np.uint64
    ) * np.uint64(0xBF58476D1CE4E5B9)
    mixed ^= mixed >> np.uint64(31)
    mixed *= np.uint64(0x94D049BB133111EB)
    signs = np.where((mixed >> np.uint64(63)) == 1, 1.0, -1.0).astype(np.float32)
    dense = np.asarray(compact @ signs, dtype=np.float32)
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    return np.divide(dense, norms, out=np.zeros_like(dense), where=norms > 0)


def _popcount_and(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    if a.shape[1] == 1:  # the usual case: fewer than 64 languages or interests
        return np.bitwise_count(a[:, 0] & b[:, 0]).astype(np.float32)
    return np.bitwise_count(a & b).sum(axis=1).astype(np.float32)


def _rows(table: np.ndarray, index: np.ndarray) -> np.ndarray:
    # np.take copies whole rows at once: several times faster than table[index] on 2-D tables
    return np.take(table, index, axis=0)


def factor_values(
    enc: Encoder, e: np.ndarray, r: np.ndarray, *, peers: bool = False
) -> dict[str, np.ndarray]:
    """Each factor's raw value in [0, 1] for the pairs (e[i], r[i])."""
    ee, rr = enc.mentees, enc.mentors
    gap = rr.seniority[r].astype(np.int16) - ee.seniority[e]
    if peers:  # peers learn best from someone close to their own level
        seniority = np.clip(1 - np.abs(gap) / 3, 0, 1).astype(np.float32)
    else:
        seniority = SENIORITY_TABLE[np.clip(gap, -1, 4) + 1]
    shared_interests = _popcount_and(_rows(ee.interests, e), _rows(rr.interests, r))
    fewest = np.maximum(np.minimum(ee.interest_count[e], rr.interest_count[r]), 1)
    zone_gap = np.abs(ee.utc_offset[e] - rr.utc_offset[r])
    zone_gap = np.minimum(zone_gap, 24 - zone_gap)
    same_place = (ee.location[e] == rr.location[r]) & (ee.location[e] >= 0)
    mode = MODE_FIT[ee.mode[e], rr.mode[r]]
    in_person = (ee.mode[e] == 1) | (rr.mode[r] == 1)
    mode = np.where(in_person & ~same_place & (mode == 1.0), 0.3, mode)
    per_mentee = rr.hours[r] / np.maximum(rr.capacity[r], 1)
    wish = np.maximum(ee.hours[e], 0.5)
    return {
        "skills": _skill_fit(enc, e, r),
        "career_goals": np.clip(np.einsum("ij,ij->i", _rows(ee.text, e), _rows(rr.text, r)), 0, 1),
        "seniority": seniority,
        "interests": np.minimum(shared_interests / fewest, 1),
        "language": (_popcount_and(_rows(ee.languages, e), _rows(rr.languages, r)) > 0).astype(
            np.float32
        ),
        "time_zone": np.clip(1 - zone_gap / 8, 0, 1).astype(np.float32),
        "meeting_mode": mode.astype(np.float32),
        "availability": np.minimum(per_mentee / wish, 1).astype(np.float32),
        "cross_department": (
            (ee.department[e] != rr.department[r]) & (ee.department[e] >= 0)
        ).astype(np.float32),
    }


def _skill_fit(enc: Encoder, e: np.ndarray, r: np.ndarray) -> np.ndarray:
    if enc.wanted.shape[1] > DENSE_WANTS:
        return _skill_fit_sparse(enc, e, r)
    cells = _rows(enc.wanted, e)
    cells += (r * (enc.quality.shape[1] + 1))[:, None]
    summed = np.take(enc.credit, cells).sum(axis=1)
    return summed / np.maximum(enc.wanted_count[e], 1)


def _skill_fit_sparse(enc: Encoder, e: np.ndarray, r: np.ndarray) -> np.ndarray:
    """The same, for mentees who want so many skills that a padded table would be wasteful."""
    wants = enc.wants
    counts = np.diff(wants.indptr)[e]
    total = int(counts.sum())
    if total == 0:
        return np.zeros(len(e), dtype=np.float32)
    pair_of = np.repeat(np.arange(len(e)), counts)
    first = np.repeat(wants.indptr[e], counts)
    step = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    skills = wants.indices[first + step]
    credit = enc.quality[r[pair_of], skills]
    summed = np.bincount(pair_of, weights=credit, minlength=len(e)).astype(np.float32)
    return summed / np.maximum(counts, 1)


def combine(factors: dict[str, np.ndarray], weights: dict[str, float]) -> np.ndarray:
    total_weight = sum(weights.values())
    score = np.zeros_like(factors["skills"], dtype=np.float32)
    for name, weight in weights.items():
        if weight:
            score += np.float32(weight / total_weight) * factors[name]
    return score


def admissible(
    enc: Encoder,
    e: np.ndarray,
    r: np.ndarray,
    constraints: Constraints,
    forbidden: np.ndarray,
) -> np.ndarray:
    """Which pairs pass every hard constraint (forbidden: sorted keys e * n_mentors + r).

    fallback.AdmissibleGraph states the same rules as compatible classes for its search of
    the full graph: a new rule belongs in both."""
    ok = enc.mentors.capacity[r] > 0
    if constraints.shared_language:
        ok &= _popcount_and(_rows(enc.mentees.languages, e), _rows(enc.mentors.languages, r)) > 0
    if constraints.min_mentor_seniority is not None:
        ok &= enc.mentors.seniority[r] >= constraints.min_mentor_seniority
    if constraints.mentor_must_be_senior:
        ok &= enc.mentors.seniority[r] > enc.mentees.seniority[e]
    if len(forbidden) and len(e):
        m = len(enc.mentors.ids)
        keys = e.astype(np.int64) * m + r
        # Only the forbidden pairs of these mentees: a block spans few, so the search is short.
        low, high = np.searchsorted(forbidden, [e.min() * m, (e.max() + 1) * m])
        nearby = forbidden[low:high]
        if len(nearby):
            position = np.minimum(np.searchsorted(nearby, keys), len(nearby) - 1)
            ok &= nearby[position] != keys
    return ok
