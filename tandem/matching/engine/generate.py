"""Realistic profile-based problems for tests, benchmarks and trying the command line."""

import json
import random
from pathlib import Path

TAXONOMY_FILE = Path(__file__).resolve().parents[2] / "people" / "data" / "skills_taxonomy.json"
ZONES = [
    ("London", "Europe/London"),
    ("New York", "America/New_York"),
    ("Berlin", "Europe/Berlin"),
    ("Bangalore", "Asia/Kolkata"),
    ("São Paulo", "America/Sao_Paulo"),
    ("Madrid", "Europe/Madrid"),
    ("Singapore", "Asia/Singapore"),
    ("Remote", "UTC"),
]
LANGUAGES = ["English", "Spanish", "French", "German", "Portuguese", "Hindi", "Mandarin"]
DEPARTMENTS = [
    "Engineering",
    "Sales",
    "Marketing",
    "Finance",
    "People",
    "Operations",
    "Data",
    "Product",
    "Design",
    "Legal",
    "Support",
]
INTERESTS = [
    "chess",
    "running",
    "cooking",
    "photography",
    "music",
    "hiking",
    "reading",
    "gaming",
    "travel",
    "gardening",
    "yoga",
    "film",
    "football",
    "volunteering",
]
SURNAMES = ["Lima", "Reed", "Okafor", "Schmidt", "Khan", "Silva"]
GOALS = [
    "grow into a {role} role and get better at {skill}",
    "lead a team and learn {skill} from someone who has done it",
    "move into {dept} and build confidence in {skill}",
    "become the go-to person for {skill} in {dept}",
]
BACKGROUNDS = [
    "{years} years in {dept}; led {skill} work and mentored new hires",
    "former {role} who built {skill} practice across {dept}",
    "specialist in {skill} with a background in {dept} and {skill2}",
]


def load_taxonomy() -> dict[str, dict]:
    data = json.loads(TAXONOMY_FILE.read_text(encoding="utf-8"))
    return {
        s["name"]: {"category": s["category"], "aliases": s.get("aliases", [])}
        for s in data["skills"]
    }


def generate_problem(
    *,
    mentees: int,
    mentors: int | None = None,
    seed: int = 0,
    objective: str = "max_total",
    k: int = 50,
    peers: bool = False,
) -> dict:
    """A problem in the interchange format: people in a reporting tree with varied profiles."""
    rng = random.Random(seed)
    taxonomy = load_taxonomy()
    skills = sorted(taxonomy)
    if peers:
        people = [_person(rng, f"p{i}", skills, taxonomy, seniority=rng.randint(2, 5))
                  for i in range(mentees)]  # fmt: skip
        _reporting_tree(rng, people)
        return {"objective": objective, "peers": people, "taxonomy": taxonomy, "k": k}
    mentors = mentors if mentors is not None else max(1, mentees // 3)
    seniors = [_person(rng, f"r{i}", skills, taxonomy, seniority=rng.randint(3, 7), mentor=True)
               for i in range(mentors)]  # fmt: skip
    juniors = [_person(rng, f"e{i}", skills, taxonomy, seniority=rng.randint(1, 4))
               for i in range(mentees)]  # fmt: skip
    _reporting_tree(rng, seniors + juniors)
    return {
        "objective": objective,
        "mentees": juniors,
        "mentors": seniors,
        "taxonomy": taxonomy,
        "k": k,
    }


def _person(rng, pid, skills, taxonomy, *, seniority, mentor=False) -> dict:
    location, zone = rng.choice(ZONES)
    department = rng.choice(DEPARTMENTS)
    languages = ["English"] + rng.sample(LANGUAGES[1:], rng.choice([0, 0, 1, 1, 2]))
    if rng.random() < 0.03:
        languages = [rng.choice(LANGUAGES[1:])]  # a few people share no language with most
    has = rng.sample(skills, rng.randint(3, 6))
    levels = {s: min(5, max(1, seniority - 1 + rng.randint(-1, 1))) for s in has}
    wanted = [s for s in rng.sample(skills, 8) if s not in levels][: rng.randint(2, 4)]
    wants = {s: rng.randint(3, 5) for s in wanted}
    offers = [s for s in has if levels[s] >= 3][: rng.randint(2, 4)] if mentor else []
    written_wants = {_maybe_alias(rng, s, taxonomy): lvl for s, lvl in wants.items()}
    skill = rng.choice(list(wants) or has)
    person = {
        "id": pid,
        "name": f"{pid.upper()} {rng.choice(SURNAMES)}",
        "department": department,
        "location": location,
        "languages": languages,
        "timezone": zone,
        "meeting_mode": rng.choice(["either", "either", "virtual", "in_person"]),
        "availability_hours": rng.choice([2, 2, 3, 4, 6, 8]),
        "seniority": seniority,
        "years_experience": seniority * 2 + rng.randint(0, 4),
        "skills": levels,
        "offers": offers,
        "wants": written_wants if not mentor else {},
        "career_goals": rng.choice(GOALS).format(
            role="senior", skill=skill.lower(), dept=department
        ),
        "background": rng.choice(BACKGROUNDS).format(
            years=seniority * 2,
            dept=department,
            skill=has[0].lower(),
            skill2=has[1].lower(),
            role="team lead",
        ),
        "interests": rng.sample(INTERESTS, rng.randint(1, 4)),
    }
    if mentor:
        person["capacity"] = rng.randint(1, 4)
    return person


def _maybe_alias(rng, skill, taxonomy) -> str:
    aliases = taxonomy[skill]["aliases"]
    return rng.choice(aliases) if aliases and rng.random() < 0.2 else skill


def _reporting_tree(rng, people) -> None:
    """Managers are the more senior people; a few layers, no cycles."""
    ranked = sorted(range(len(people)), key=lambda i: -people[i]["seniority"])
    for position, index in enumerate(ranked[1:], start=1):
        boss = ranked[rng.randrange(0, max(1, position // 4) + 1)]
        if boss != index:
            people[index]["manager"] = people[boss]["id"]
