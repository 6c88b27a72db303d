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
    rounded = {name: _rounded(values[name].tolist(), share[name]) for name in weights}
    return [
        [
            {
                "factor": name,
                "label": FACTOR_LABELS[name],
                "value": rounded[name][0][i],
                "weight": round(share[name], 4),
                "contribution": rounded[name][1][i],
            }
            for name in weights
        ]
        for i in range(len(e))
    ]


def _rounded(column: list[float], share: float) -> tuple[list[float], list[float]]:
    """Each value and its contribution, rounded to 4 places. A factor takes few distinct
    values (levels, tables, flags), so each is rounded once."""
    values, contributions = {}, {}
    for value in set(column):
        values[value] = round(value, 4)
        contributions[value] = round(value * share, 4)
    return [values[v] for v in column], [contributions[v] for v in column]


def sentence(mentee: Person, mentor: Person, taxonomy: Taxonomy) -> str:
    """One line: the reasons that matter most, in plain words."""
    parts = []
    common = _shared(mentee.languages, mentor.languages)
    if common:
        parts.append(f"Both speak {_join(common)}")
    skills = _skills_line(mentee, mentor, taxonomy)
    if skills:
        parts.append(skills)
    gap = mentor.seniority - mentee.seniority
    if gap > 0:
        parts.append(f"{_first(mentor)} is {gap} level{'s' if gap > 1 else ''} ahead")
    interests = _shared(mentee.interests, mentor.interests)
    if interests:
        parts.append(f"they share {_join(interests)}")
    if mentee.department and mentor.department and mentee.department != mentor.department:
        parts.append(f"a view from {mentor.department}")
    return "; ".join(parts[:5]) + "." if parts else "Admissible, with little in common."


def _skills_line(mentee: Person, mentor: Person, taxonomy: Taxonomy) -> str:
    wanted = list(dict.fromkeys(taxonomy.skill(s) for s in mentee.wants))
    if not wanted:
        return ""
    offered = {taxonomy.skill(s) for s in mentor.offers}
    hits = [s for s in wanted if s in offered]
    names = {taxonomy.skill(s): s for s in mentee.wants}
    if not hits:
        categories = {taxonomy.category_of(s) for s in offered}
        near = [s for s in wanted if taxonomy.category_of(s) in categories]
        if near:
            return f"{_first(mentor)} offers skills close to {_join([names[s] for s in near])}"
        return ""
    listed = _join([names[s] for s in hits])
    return (
        f"{_first(mentor)} offers {len(hits)} of the {len(wanted)} skills "
        f"{_first(mentee)} wants: {listed}"
    )


def _shared(a, b) -> list[str]:
    lower = {x.lower() for x in b}
    return [x for x in dict.fromkeys(a) if x.lower() in lower]


def _first(person: Person) -> str:
    return (person.name or person.id).split()[0]


def _join(items) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
