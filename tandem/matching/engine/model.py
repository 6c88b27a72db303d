"""The engine's data: problems in, results out. Plain dataclasses, no framework."""

from dataclasses import dataclass, field

OBJECTIVES = ("max_total", "max_coverage", "stable")
PEER_OBJECTIVES = ("max_total", "max_coverage")


@dataclass
class Person:
    """A participant's profile, as far as matching needs it (DESIGN.md §1)."""

    id: str
    name: str = ""
    department: str = ""
    manager: str | None = None
    location: str = ""
    languages: tuple[str, ...] = ()
    timezone: str = "UTC"
    meeting_mode: str = "either"  # in_person | virtual | either
    availability_hours: float = 2.0
    seniority: int = 3
    years_experience: int = 0
    skills: dict[str, int] = field(default_factory=dict)  # skill → level 1–5
    offers: tuple[str, ...] = ()  # skills this person can mentor in
    wants: dict[str, int] = field(default_factory=dict)  # skill → target level
    career_goals: str = ""
    background: str = ""
    interests: tuple[str, ...] = ()
    capacity: int = 1  # mentors only


@dataclass
class Constraints:
    """Hard rules: a pair that breaks one is never proposed."""

    reporting_line: bool = True
    shared_language: bool = True
    exclude_existing: bool = True
    min_mentor_seniority: int | None = None
    mentor_must_be_senior: bool = False


DEFAULT_WEIGHTS = {
    "skills": 0.35,
    "career_goals": 0.15,
    "seniority": 0.12,
    "interests": 0.06,
    "language": 0.05,
    "time_zone": 0.08,
    "meeting_mode": 0.06,
    "availability": 0.08,
    "cross_department": 0.05,
}


@dataclass
class ProfileProblem:
    """Mentees and mentors described by their profiles; the engine scores them."""

    objective: str
    mentees: list[Person]
    mentors: list[Person]
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    constraints: Constraints = field(default_factory=Constraints)
    exclusions: set[tuple[str, str]] = field(default_factory=set)
    existing: set[tuple[str, str]] = field(default_factory=set)
    taxonomy: dict[str, dict] = field(default_factory=dict)  # skill → {category, aliases}
    k: int = 50
    peers: bool = False


@dataclass
class ScoreProblem:
    """Admissible pairs with their scores given; a pair not listed is forbidden."""

    objective: str
    mentee_ids: list[str]
    mentor_ids: list[str]
    capacities: list[int]
    pairs: list[tuple[int, int, float]]  # (mentee index, mentor index, score)
    mentee_preferences: dict[int, list[int]] | None = None
    mentor_preferences: dict[int, list[int]] | None = None


@dataclass
class PeerScoreProblem:
    objective: str
    peer_ids: list[str]
    pairs: list[tuple[int, int, float]]


@dataclass
class Assignment:
    mentee: str
    mentor: str
    score: float
    explanation: str = ""
    factors: list[dict] = field(default_factory=list)


@dataclass
class Result:
    objective: str
    assignments: list[Assignment]
    unmatched_mentees: list[str]
    total_score: float
    stats: dict = field(default_factory=dict)
    unmatched_reasons: dict[str, str] = field(default_factory=dict)


@dataclass
class PeerResult:
    objective: str
    pairs: list[Assignment]
    unmatched: list[str]
    total_score: float
    stats: dict = field(default_factory=dict)
