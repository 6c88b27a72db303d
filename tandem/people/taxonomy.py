"""The skills taxonomy and the language list Tandem ships with, loaded idempotently.

The loader takes the model classes as arguments so that the data migration can pass its
historical models and a management command (or a test) the real ones.
"""

import json
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
SKILLS_FILE = DATA_DIR / "skills_taxonomy.json"
LANGUAGES_FILE = DATA_DIR / "languages.json"


def taxonomy_load(
    *,
    category_model,
    skill_model,
    alias_model,
    language_model,
    skills_path: Path = SKILLS_FILE,
    languages_path: Path = LANGUAGES_FILE,
) -> dict[str, int]:
    """Add what is missing; never rename or delete what admins have edited since."""
    data = json.loads(skills_path.read_text(encoding="utf-8"))
    categories = {c.name.lower(): c for c in category_model.objects.all()}
    skills = {s.name.lower(): s for s in skill_model.objects.all()}
    taken_aliases = {a.name.lower() for a in alias_model.objects.all()}
    added = {"categories": 0, "skills": 0, "aliases": 0, "languages": 0}
    for name in data["categories"]:
        if name.lower() not in categories:
            categories[name.lower()] = category_model.objects.create(name=name)
            added["categories"] += 1
    for entry in data["skills"]:
        skill = skills.get(entry["name"].lower())
        if skill is None:
            skill = skill_model.objects.create(
                name=entry["name"],
                category=categories[entry["category"].lower()],
                description=entry.get("description", ""),
            )
            skills[skill.name.lower()] = skill
            added["skills"] += 1
        for alias in entry.get("aliases", []):
            if alias.lower() in taken_aliases or alias.lower() in skills:
                continue
            alias_model.objects.create(skill=skill, name=alias)
            taken_aliases.add(alias.lower())
            added["aliases"] += 1
    added["languages"] = _languages_load(language_model, languages_path)
    return added


def _languages_load(language_model, path: Path) -> int:
    known = set(language_model.objects.values_list("code", flat=True))
    missing = [
        language_model(code=entry["code"], name=entry["name"])
        for entry in json.loads(path.read_text(encoding="utf-8"))
        if entry["code"] not in known
    ]
    language_model.objects.bulk_create(missing)
    return len(missing)


def taxonomy_load_current() -> dict[str, int]:
    """The loader with today's models, for commands and tests."""
    from tandem.people.models import Language, Skill, SkillAlias, SkillCategory

    return taxonomy_load(
        category_model=SkillCategory,
        skill_model=Skill,
        alias_model=SkillAlias,
        language_model=Language,
    )
