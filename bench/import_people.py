"""Time the people import on N generated rows, on a scratch database it creates and drops.

    .venv/bin/python bench/import_people.py --rows 10000                 # SQLite (temporary file)
    .venv/bin/python bench/import_people.py --rows 10000 --postgres      # PostgreSQL on 127.0.0.1

It prints, for the row count and engine: the first import (everyone created), a re-import of
the same file (nothing changes), and an import where 10% of the rows changed. As a reference it
times the naive way (one ORM upsert per row: get_or_create + save + set() per person) on a
slice of the rows and extrapolates, side by side in the same run.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEPARTMENTS = ["Engineering", "Sales", "Marketing", "Finance", "People", "Operations", "Data"]
ZONES = ["Europe/London", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Europe/Paris"]
LANGUAGES = ["en", "es", "fr", "de", "pt", "hi", "Spanish", "German"]
FIRST = ["Ana", "Ben", "Chen", "Dara", "Eli", "Fatima", "Gus", "Hana", "Ivo", "Jon", "Kemi", "Lea"]
LAST = ["Lima", "Reed", "Okafor", "Schmidt", "Rossi", "Khan", "Moreau", "Silva", "Novak", "Berg"]


def _args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--postgres", action="store_true", help="use PostgreSQL on 127.0.0.1")
    parser.add_argument("--naive-rows", type=int, default=300, help="rows for the naive reference")
    return parser.parse_args()


def _scratch_database(postgres: bool) -> tuple[str, callable]:
    if not postgres:
        path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
        return f"sqlite:///{path}", lambda: path.unlink(missing_ok=True)
    import psycopg

    admin = "postgresql://postgres@127.0.0.1:5432/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS tandem_bench_import")
        connection.execute("CREATE DATABASE tandem_bench_import")

    def drop():
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute("DROP DATABASE IF EXISTS tandem_bench_import")

    return "postgres://postgres@127.0.0.1:5432/tandem_bench_import", drop


def generate_rows(count: int, seed: int, skills: dict[str, list[str]]) -> list[list[str]]:
    """People in a reporting tree whose managers appear in random order in the file."""
    rng = random.Random(seed)
    skill_names = sorted(skills)
    emails = [f"person{i}@bench.example" for i in range(count)]
    rows = []
    for i, email in enumerate(emails):
        manager = "" if i == 0 else emails[rng.randrange(0, max(1, i // 8) + 1) if i > 8 else 0]
        picked = rng.sample(skill_names, 5)
        # Some people write an alias ("public speaking") instead of the skill's name.
        written = [rng.choice(skills[n]) if skills[n] and rng.random() < 0.3 else n for n in picked]
        levels = [
            f"{name}:{rng.randint(1, 5)}{'*' if rng.random() < 0.2 else ''}" for name in written[:4]
        ]
        rows.append(
            [
                email,
                rng.choice(FIRST),
                rng.choice(LAST),
                rng.choice(["Engineer", "Analyst", "Manager", "Designer", "Consultant"]),
                rng.choice(DEPARTMENTS),
                manager if manager != email else "",
                rng.choice(ZONES),
                "; ".join(rng.sample(LANGUAGES, 2)),
                str(rng.randint(0, 30)),
                str(rng.randint(1, 7)),
                "; ".join(levels),
                f"{written[4]}:{rng.randint(3, 5)}",
                rng.choice(["in_person", "virtual", "either"]),
                f"20{rng.randint(10, 25)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            ]
        )
    rng.shuffle(rows)
    return rows


HEADER = [
    "email", "first_name", "last_name", "title", "department", "manager_email", "time_zone",
    "languages", "years_experience", "seniority", "skills", "wanted_skills", "meeting_mode",
    "hire_date",
]  # fmt: skip


def _csv(rows) -> bytes:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def _timed(label, fn):
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    return label, seconds, result


def naive_import(rows):
    """The reference: what a straightforward per-row ORM import does."""
    from django.db import transaction

    from tandem.people.models import Department, Language, Profile, ProfileSkill, Skill, User

    with transaction.atomic():
        for row in rows:
            values = dict(zip(HEADER, row, strict=True))
            user, _ = User.objects.get_or_create(email=values["email"].replace("@", "+naive@"))
            user.first_name, user.last_name = values["first_name"], values["last_name"]
            user.save()
            profile, _ = Profile.objects.get_or_create(user=user)
            profile.title = values["title"]
            profile.department, _ = Department.objects.get_or_create(name=values["department"])
            profile.time_zone = values["time_zone"]
            profile.save()
            codes = [c.strip() for c in values["languages"].split(";")]
            profile.languages.set(Language.objects.filter(code__in=codes))
            ProfileSkill.objects.filter(profile=profile).delete()
            for item in values["skills"].split(";"):
                name, _, level = item.strip().rstrip("*").partition(":")
                skill = Skill.objects.matching_name(name).first()
                ProfileSkill.objects.create(profile=profile, skill=skill, level=int(level))


def main():
    args = _args()
    url, drop = _scratch_database(args.postgres)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tandem.people.imports import people_import
    from tandem.people.models import Skill, SkillAlias

    try:
        call_command("migrate", verbosity=0)
        skills = {name: [] for name in Skill.objects.values_list("name", flat=True)}
        for alias, skill in SkillAlias.objects.values_list("name", "skill__name"):
            skills[skill].append(alias)
        rows = generate_rows(args.rows, args.seed, skills)
        data = _csv(rows)
        changed = [list(r) for r in rows]
        for row in random.Random(args.seed + 1).sample(changed, len(changed) // 10):
            row[3] = "Senior " + row[3]
        results = [
            _timed("first import (all new)", lambda: people_import(data=data)),
            _timed("re-import, same file", lambda: people_import(data=data)),
            _timed("re-import, 10% changed", lambda: people_import(data=_csv(changed))),
        ]
        naive_rows = rows[: args.naive_rows]
        label, naive_seconds, _ = _timed("naive per-row ORM", lambda: naive_import(naive_rows))
        engine = connection.vendor
        print(f"\nPeople import — {args.rows:,} rows, {engine}, seed {args.seed}")
        print(f"{'case':<28}{'seconds':>10}{'rows/s':>10}  created/updated/unchanged")
        for label, seconds, result in results:
            assert result.ok, result.errors[:3]
            counts = f"{result.created}/{result.updated}/{result.unchanged}"
            print(f"{label:<28}{seconds:>10.2f}{args.rows / seconds:>10.0f}  {counts}")
        per_row = naive_seconds / len(naive_rows)
        print(
            f"{'reference: naive ORM':<28}{per_row * args.rows:>10.2f}{1 / per_row:>10.0f}  "
            f"(measured on {len(naive_rows)} rows, extrapolated to {args.rows:,})"
        )
    finally:
        drop()


if __name__ == "__main__":
    main()
