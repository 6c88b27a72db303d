"""Why a pair was proposed: the factor breakdown and one sentence a person can read."""

import numpy as np

from tandem.matching.engine.model import Person
from tandem.matching.engine.scoring import FACTOR_LABELS, Encoder, Taxonomy, factor_values


def breakdowns(
    enc: Encoder, e: np.ndarray, r: np.ndarray, weights: dict[str, float], *, peers=False
) -> list[list[dict]]:
    """Factor by factor (value, weight, contribution) for each pair (e[i], r[i])."""
    values = factor_values(enc, e, r, peers=peers)
    total = sum(weights.values())
    share = {name: weight / total for name, weight in weights.items()}
    rounded = {name: _rounded(values[name], share[name]) for name in weights}
    weight = {name: round(share[name], 4) for name in weights}
    return [
        [
            {
                "factor": name,
                "label": FACTOR_LABELS[name],
                "value": rounded[name][0][i],
                "weight": weight[name],
                "contribution": rounded[name][1][i],
            }
            for name in weights
        ]
        for i in range(len(e))
    ]


def _rounded(column: np.ndarray, share: float) -> tuple[list[float], list[float]]:
    """Each value and its contribution, rounded to 4 places (NumPy's rint of the value times
    10^4, then divided: the same figures as round() but for the rarest exact half-way ties)."""
    values = column.astype(np.float64)
    return np.round(values, 4).tolist(), np.round(values * share, 4).tolist()


def sentence(mentee: Person, mentor: Person, taxonomy: Taxonomy) -> str:
    """One line: the reasons that matter most, in plain words."""
    return Sentences(taxonomy)(mentee, mentor)


class Sentences:
    """Writes the sentence of many pairs, reading each person's profile once."""

    def __init__(self, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self._read: dict[int, _Profile] = {}

    def __call__(self, mentee: Person, mentor: Person) -> str:
        a, b = self._profile(mentee), self._profile(mentor)
        parts = []
        common = [x for x in a.languages if x.lower() in b.heard]
        if common:
            parts.append(f"Both speak {_join(common)}")
        skills = _skills_line(a, b)
        if skills:
            parts.append(skills)
        gap = mentor.seniority - mentee.seniority
        if gap > 0:
            parts.append(f"{b.first} is {gap} level{'s' if gap > 1 else ''} ahead")
        interests = [x for x in a.interests if x.lower() in b.liked]
        if interests:
            parts.append(f"they share {_join(interests)}")
        if mentee.department and mentor.department and mentee.department != mentor.department:
            parts.append(f"a view from {mentor.department}")
        return "; ".join(parts[:5]) + "." if parts else "Admissible, with little in common."

    def _profile(self, person: Person) -> "_Profile":
        # Keyed by identity: the people of one problem live as long as this object.
        found = self._read.get(id(person))
        if found is None:
            found = self._read[id(person)] = _Profile(person, self.taxonomy)
        return found


class _Profile:
    """What the sentences need of one person, computed once."""

    def __init__(self, person: Person, taxonomy: Taxonomy):
        self.first = (person.name or person.id).split()[0]
        self.languages = list(dict.fromkeys(person.languages))
        self.heard = {x.lower() for x in person.languages}
        self.interests = list(dict.fromkeys(person.interests))
        self.liked = {x.lower() for x in person.interests}
        self.wanted = list(dict.fromkeys(taxonomy.skill(s) for s in person.wants))
        self.names = {taxonomy.skill(s): s for s in person.wants}
        self.offered = {taxonomy.skill(s) for s in person.offers}
        self.categories = {taxonomy.category_of(s) for s in self.offered}
        self.category_of = taxonomy.category_of


def _skills_line(mentee: "_Profile", mentor: "_Profile") -> str:
    wanted = mentee.wanted
    if not wanted:
        return ""
    hits = [s for s in wanted if s in mentor.offered]
    if not hits:
        near = [s for s in wanted if mentee.category_of(s) in mentor.categories]
        if near:
            return f"{mentor.first} offers skills close to {_join([mentee.names[s] for s in near])}"
        return ""
    listed = _join([mentee.names[s] for s in hits])
    return (
        f"{mentor.first} offers {len(hits)} of the {len(wanted)} skills "
        f"{mentee.first} wants: {listed}"
    )


def _join(items) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
