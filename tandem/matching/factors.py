"""What a run is asked to do, in words an admin can read: each factor the engine scores, each
hard constraint, and the checks on the weights and constraints an admin (or a script) sends."""

import math
from dataclasses import dataclass, fields

from django.core.exceptions import ValidationError

from tandem.matching.engine.model import DEFAULT_WEIGHTS, Constraints
from tandem.matching.engine.scoring import FACTOR_LABELS
from tandem.matching.models import Objective
from tandem.people.models import Seniority

# Plain language for each factor of the score (tandem/matching/README.md has the formulas).
FACTOR_DESCRIPTIONS = {
    "skills": "How many of the skills the mentee wants to grow the mentor offers to teach "
    "(half credit for a skill of the same family).",
    "career_goals": "How closely the mentee's career goals match the mentor's background and "
    "expertise, word for word.",
    "seniority": "Best when the mentor is one or two levels ahead; less for a bigger gap, "
    "little for the same level.",
    "interests": "Interests they share outside work, out of the shorter list.",
    "language": "Whether they speak a language in common.",
    "time_zone": "How much of their working days overlap (none at eight hours apart).",
    "meeting_mode": "Whether they can meet the way both prefer (in person needs the same office).",
    "availability": "Whether the mentor's monthly hours per mentee cover what the mentee hopes "
    "for.",
    "cross_department": "A view from another department: full marks when they work in "
    "different ones.",
}
PEER_FACTOR_DESCRIPTIONS = FACTOR_DESCRIPTIONS | {
    "skills": "How many of the skills each peer wants to grow the other offers to teach "
    "(half credit for a skill of the same family), both ways.",
    "career_goals": "How closely each peer's career goals match the other's background.",
    "seniority": "Best when they are at about the same level.",
    "availability": "Whether each has the monthly hours the other hopes for.",
}

CONSTRAINT_LABELS = {
    "reporting_line": "Never pair someone with their manager, anyone above them, or anyone "
    "who reports to them",
    "shared_language": "They must share a language",
    "exclude_existing": "Never propose a pair who have (or had) a mentorship together",
    "min_mentor_seniority": "Mentors must be at least this senior",
    "mentor_must_be_senior": "The mentor must be more senior than the mentee",
}
# Mentor-side rules make no sense when both people mentor each other.
MENTORING_ONLY_CONSTRAINTS = ("min_mentor_seniority", "mentor_must_be_senior")
PEER_OBJECTIVES = (Objective.MAX_TOTAL, Objective.MAX_COVERAGE)
MAX_WEIGHT = 1.0


@dataclass(frozen=True)
class Factor:
    name: str
    label: str
    description: str
    default: float


def factors(*, peers: bool = False) -> list[Factor]:
    """Every factor of the score, in the engine's order, with its default weight."""
    descriptions = PEER_FACTOR_DESCRIPTIONS if peers else FACTOR_DESCRIPTIONS
    return [
        Factor(name, FACTOR_LABELS[name], descriptions[name], weight)
        for name, weight in DEFAULT_WEIGHTS.items()
    ]


def objectives_for(*, peers: bool) -> list[tuple[str, str]]:
    if peers:
        return [(value, Objective(value).label) for value in PEER_OBJECTIVES]
    return list(Objective.choices)


def default_constraints() -> dict:
    return {f.name: f.default for f in fields(Constraints)}


def clean_objective(objective, *, peers: bool) -> str:
    allowed = [value for value, _ in objectives_for(peers=peers)]
    if objective not in allowed:
        labels = ", ".join(f"{v} ({Objective(v).label.lower()})" for v in allowed)
        raise ValidationError({"objective": f"Choose one of {labels}."})
    return objective


def clean_weights(raw) -> dict[str, float]:
    """The defaults, with the weights given on top: each between 0 and 1, one above 0."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ValidationError({"weights": "Give the weights as factor → number."})
    weights = dict(DEFAULT_WEIGHTS)
    for name, value in raw.items():
        field = f"weights.{name}"
        if name not in DEFAULT_WEIGHTS:
            known = ", ".join(DEFAULT_WEIGHTS)
            raise ValidationError({field: f"Unknown factor; the factors are {known}."})
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValidationError({field: "The weight must be a number."})
        if not math.isfinite(value) or not 0 <= value <= MAX_WEIGHT:
            raise ValidationError({field: "The weight must be between 0 and 1."})
        weights[name] = float(value)
    if sum(weights.values()) <= 0:
        raise ValidationError({"weights": "Give at least one factor a weight above zero."})
    return weights


def clean_constraints(raw, *, peers: bool) -> dict:
    """The defaults, with the constraints given on top; each checked for its type."""
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ValidationError({"constraints": "Give the constraints as name → value."})
    constraints = default_constraints()
    for name, value in raw.items():
        field = f"constraints.{name}"
        if name not in constraints:
            known = ", ".join(constraints)
            raise ValidationError({field: f"Unknown constraint; the constraints are {known}."})
        if name == "min_mentor_seniority":
            value = _seniority(value, field)
        elif not isinstance(value, bool):
            raise ValidationError({field: "Must be true or false."})
        constraints[name] = value
    if peers:
        for name in MENTORING_ONLY_CONSTRAINTS:
            if constraints[name]:
                raise ValidationError({f"constraints.{name}": "Not used in a mutual program."})
    return constraints


def _seniority(value, field: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value not in Seniority.values:
        raise ValidationError({field: "Give a seniority level from 1 (entry) to 7 (executive)."})
    return value


def constraint_rows(constraints: dict, *, peers: bool) -> list[tuple[str, str]]:
    """Each constraint a run used, as (rule, in force?) for a page."""
    rows = []
    for name, label in CONSTRAINT_LABELS.items():
        if peers and name in MENTORING_ONLY_CONSTRAINTS:
            continue
        value = constraints.get(name)
        if name == "min_mentor_seniority":
            shown = Seniority(value).label if value else "No minimum"
        else:
            shown = "Yes" if value else "No"
        rows.append((label, shown))
    return rows


def weight_rows(weights: dict, *, peers: bool) -> list[dict]:
    """Each factor a run used: label, description, weight and its share of the score."""
    total = sum(weights.values()) or 1
    return [
        {
            "factor": factor,
            "weight": weights.get(factor.name, 0),
            "share": round(100 * weights.get(factor.name, 0) / total),
        }
        for factor in factors(peers=peers)
    ]


def explained_factors(table: list[dict], *, peers: bool) -> list[dict]:
    """A pair's factor breakdown as a person reads it: what each factor measures, how the pair
    does on it (%), its share of the score (%), and the points it adds (out of 100)."""
    descriptions = PEER_FACTOR_DESCRIPTIONS if peers else FACTOR_DESCRIPTIONS
    return [
        {
            "factor": row["factor"],
            "label": row.get("label") or FACTOR_LABELS.get(row["factor"], row["factor"]),
            "description": descriptions.get(row["factor"], ""),
            "value": round(100 * row["value"]),
            "weight": round(100 * row["weight"]),
            "points": round(100 * row["contribution"], 1),
        }
        for row in table
    ]
