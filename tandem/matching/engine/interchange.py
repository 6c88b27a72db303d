"""The JSON interchange format (see tandem/matching/README.md), validated strictly.

Every problem with a file is reported as one ProblemError whose message names what is wrong,
so the command line can print one line and exit non-zero.
"""

import math
from dataclasses import asdict

from tandem.matching.engine import collector
from tandem.matching.engine.model import (
    DEFAULT_WEIGHTS,
    OBJECTIVES,
    PEER_OBJECTIVES,
    Constraints,
    PeerResult,
    PeerScoreProblem,
    Person,
    ProfileProblem,
    Result,
    ScoreProblem,
)


class ProblemError(ValueError):
    """A malformed problem; the message says what and where."""


def load_problem(data) -> ScoreProblem | PeerScoreProblem | ProfileProblem:
    with collector.paused():
        return _load(data)


def _load(data) -> ScoreProblem | PeerScoreProblem | ProfileProblem:
    if not isinstance(data, dict):
        raise ProblemError("the problem must be a JSON object")
    peers = "peers" in data
    objective = data.get("objective")
    allowed = PEER_OBJECTIVES if peers else OBJECTIVES
    if objective not in allowed:
        raise ProblemError(f"unknown objective {objective!r}: use one of {', '.join(allowed)}")
    if "pairs" in data:
        return _peer_scores(data) if peers else _scores(data)
    return _profiles(data, peers=peers)


# --- score-based ----------------------------------------------------------------------------


def _ids(items, what: str) -> list[str]:
    if not isinstance(items, list):
        raise ProblemError(f"{what} must be a list")
    ids, seen = [], set()
    for position, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
            raise ProblemError(f"{what}[{position}] needs a non-empty string id")
        if item["id"] in seen:
            raise ProblemError(f"duplicate id {item['id']!r} in {what}")
        seen.add(item["id"])
        ids.append(item["id"])
    return ids


def _capacity(item: dict) -> int:
    capacity = item.get("capacity", 1)
    if isinstance(capacity, bool) or not isinstance(capacity, int):
        raise ProblemError(f"mentor {item['id']!r}: capacity must be a whole number")
    if capacity < 0:
        raise ProblemError(f"mentor {item['id']!r}: capacity {capacity} is negative")
    return capacity


def _score(value, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ProblemError(f"{where}: the score must be a number")
    if not math.isfinite(value):
        raise ProblemError(f"{where}: the score {value} is not finite")
    return float(value)


def _pairs(raw, left: dict[str, int], right: dict[str, int], names: tuple[str, str]):
    if not isinstance(raw, list):
        raise ProblemError("pairs must be a list of [a, b, score]")
    pairs, seen = [], set()
    for position, pair in enumerate(raw):
        where = f"pairs[{position}]"
        if not isinstance(pair, list) or len(pair) != 3:
            raise ProblemError(f"{where} must be [{names[0]}, {names[1]}, score]")
        a, b, score = pair
        if a not in left:
            raise ProblemError(f"{where}: unknown {names[0]} id {a!r}")
        if b not in right:
            raise ProblemError(f"{where}: unknown {names[1]} id {b!r}")
        key = (left[a], right[b])
        if key in seen:
            raise ProblemError(f"{where}: the pair {a!r}, {b!r} is listed twice")
        seen.add(key)
        pairs.append((left[a], right[b], _score(score, where)))
    return pairs


def _scores(data: dict) -> ScoreProblem:
    mentee_ids = _ids(data.get("mentees"), "mentees")
    mentor_ids = _ids(data.get("mentors"), "mentors")
    capacities = [_capacity(item) for item in data["mentors"]]
    mentees = {m: i for i, m in enumerate(mentee_ids)}
    mentors = {m: i for i, m in enumerate(mentor_ids)}
    pairs = _pairs(data.get("pairs"), mentees, mentors, ("mentee", "mentor"))
    return ScoreProblem(
        objective=data["objective"],
        mentee_ids=mentee_ids,
        mentor_ids=mentor_ids,
        capacities=capacities,
        pairs=pairs,
        mentee_preferences=_preferences(data, "mentee_preferences", mentees, mentors),
        mentor_preferences=_preferences(data, "mentor_preferences", mentors, mentees),
    )


def _preferences(data, key, owners, others) -> dict[int, list[int]] | None:
    raw = data.get(key)
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ProblemError(f"{key} must be an object of id → list of ids")
    result = {}
    for owner, ranked in raw.items():
        if owner not in owners:
            raise ProblemError(f"{key}: unknown id {owner!r}")
        if not isinstance(ranked, list) or any(r not in others for r in ranked):
            unknown = [r for r in ranked if r not in others] if isinstance(ranked, list) else []
            raise ProblemError(
                f"{key}[{owner!r}]: unknown id {unknown[0] if unknown else ranked!r}"
            )
        if len(set(ranked)) != len(ranked):
            raise ProblemError(f"{key}[{owner!r}] lists someone twice")
        result[owners[owner]] = [others[r] for r in ranked]
    return result


def _peer_scores(data: dict) -> PeerScoreProblem:
    peer_ids = _ids(data.get("peers"), "peers")
    peers = {p: i for i, p in enumerate(peer_ids)}
    pairs = _pairs(data.get("pairs"), peers, peers, ("peer", "peer"))
    seen = set()
    for a, b, _ in pairs:
        if a == b:
            raise ProblemError(f"pairs: {peer_ids[a]!r} cannot be paired with themself")
        if (b, a) in seen:
            raise ProblemError(f"pairs: {peer_ids[a]!r}, {peer_ids[b]!r} is listed both ways")
        seen.add((a, b))
    return PeerScoreProblem(objective=data["objective"], peer_ids=peer_ids, pairs=pairs)


# --- profile-based --------------------------------------------------------------------------


PERSON_FIELDS = set(Person.__dataclass_fields__)


def _person(raw: dict, what: str, position: int) -> Person:
    unknown = set(raw) - PERSON_FIELDS
    if unknown:
        raise ProblemError(f"{what}[{position}]: unknown field(s) {', '.join(sorted(unknown))}")
    values = dict(raw)
    for name in ("languages", "offers", "interests"):
        if name in values:
            values[name] = tuple(_strings(values[name], f"{what}[{position}].{name}"))
    for name in ("skills", "wants"):
        if name in values:
            values[name] = _levels(values[name], f"{what}[{position}].{name}")
    for name in ("seniority", "years_experience"):
        if name in values and (isinstance(values[name], bool) or not isinstance(values[name], int)):
            raise ProblemError(f"{what}[{position}].{name} must be a whole number")
    if "availability_hours" in values:
        values["availability_hours"] = _score(values["availability_hours"], f"{what}[{position}]")
    if values.get("meeting_mode", "either") not in ("in_person", "virtual", "either"):
        raise ProblemError(f"{what}[{position}].meeting_mode must be in_person, virtual or either")
    return Person(**values)


def _strings(value, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProblemError(f"{where} must be a list of strings")
    return value


def _levels(value, where: str) -> dict[str, int]:
    if not isinstance(value, dict):
        raise ProblemError(f"{where} must be an object of skill → level")
    for skill, level in value.items():
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
            raise ProblemError(f"{where}[{skill!r}]: the level must be 1 to 5")
    return dict(value)


def _profiles(data: dict, *, peers: bool) -> ProfileProblem:
    people_key = "peers" if peers else "mentees"
    _ids(data.get(people_key), people_key)
    mentees = [_person(p, people_key, i) for i, p in enumerate(data[people_key])]
    if peers:
        mentors = mentees
    else:
        _ids(data.get("mentors"), "mentors")
        mentors = [_person(p, "mentors", i) for i, p in enumerate(data["mentors"])]
        for mentor, raw in zip(mentors, data["mentors"], strict=True):
            mentor.capacity = _capacity(raw)
    return ProfileProblem(
        objective=data["objective"],
        mentees=mentees,
        mentors=mentors,
        weights=_weights(data.get("weights", {})),
        constraints=_constraints(data.get("constraints", {})),
        exclusions=_pair_set(data.get("exclusions", []), "exclusions"),
        existing=_pair_set(data.get("existing", []), "existing"),
        taxonomy=data.get("taxonomy", {}),
        k=_k(data.get("k", 50)),
        peers=peers,
    )


def _weights(raw) -> dict[str, float]:
    if not isinstance(raw, dict):
        raise ProblemError("weights must be an object of factor → weight")
    unknown = set(raw) - set(DEFAULT_WEIGHTS)
    if unknown:
        raise ProblemError(
            f"unknown weight(s) {', '.join(sorted(unknown))}: factors are "
            + ", ".join(DEFAULT_WEIGHTS)
        )
    weights = dict(DEFAULT_WEIGHTS)
    for name, value in raw.items():
        value = _score(value, f"weights.{name}")
        if value < 0:
            raise ProblemError(f"weights.{name} is negative")
        weights[name] = value
    if sum(weights.values()) <= 0:
        raise ProblemError("at least one weight must be positive")
    return weights


def _constraints(raw) -> Constraints:
    if not isinstance(raw, dict):
        raise ProblemError("constraints must be an object")
    unknown = set(raw) - set(Constraints.__dataclass_fields__)
    if unknown:
        raise ProblemError(f"unknown constraint(s) {', '.join(sorted(unknown))}")
    return Constraints(**raw)


def _pair_set(raw, what: str) -> set[tuple[str, str]]:
    if not isinstance(raw, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in raw
    ):
        raise ProblemError(f"{what} must be a list of [mentee id, mentor id]")
    return {(a, b) for a, b in raw}


def _k(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ProblemError("k must be a whole number ≥ 1")
    return value


# --- results --------------------------------------------------------------------------------


def dump_result(result: Result | PeerResult) -> dict:
    if isinstance(result, PeerResult):
        return {
            "objective": result.objective,
            "pairs": [
                {"a": p.mentee, "b": p.mentor, "score": round(p.score, 6)}
                | ({"explanation": p.explanation} if p.explanation else {})
                for p in result.pairs
            ],
            "unmatched": result.unmatched,
            "total_score": round(result.total_score, 6),
            "stats": result.stats,
        }
    assignments = []
    for a in result.assignments:
        entry = {"mentee": a.mentee, "mentor": a.mentor, "score": round(a.score, 6)}
        entry["explanation"] = a.explanation or None
        if a.factors:
            entry["factors"] = a.factors
        assignments.append(entry)
    out = {
        "objective": result.objective,
        "assignments": assignments,
        "unmatched_mentees": result.unmatched_mentees,
        "total_score": round(result.total_score, 6),
        "stats": result.stats,
    }
    if result.unmatched_reasons:
        out["unmatched_reasons"] = result.unmatched_reasons
    return out


__all__ = ["ProblemError", "asdict", "dump_result", "load_problem"]
