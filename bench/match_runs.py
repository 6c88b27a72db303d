"""Time a match run end to end on the database, on a scratch database it creates and drops.

    .venv/bin/python bench/match_runs.py --people 3000               # SQLite (temporary file)
    .venv/bin/python bench/match_runs.py --people 3000 --postgres    # PostgreSQL on 127.0.0.1
    .venv/bin/python bench/match_runs.py --people 3000 --peers       # a mutual program

It builds the demo organisation with N people, enrolls all of them in one program (juniors as
mentees, seniors as mentors with 1–3 places; or everyone as a peer) and prints: each step of
the run (reading profiles, the engine, explanations, saving), the matching page and the run
page as an admin loads them, a swap preview, and publishing every proposal.
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


def _args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--postgres", action="store_true", help="use PostgreSQL on 127.0.0.1")
    parser.add_argument("--peers", action="store_true", help="a mutual program")
    return parser.parse_args()


def _scratch_database(postgres: bool):
    if not postgres:
        path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
        return f"sqlite:///{path}", lambda: path.unlink(missing_ok=True)
    import psycopg

    admin = "postgresql://postgres@127.0.0.1:5432/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS tandem_bench_match_runs")
        connection.execute("CREATE DATABASE tandem_bench_match_runs")

    def drop():
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute("DROP DATABASE IF EXISTS tandem_bench_match_runs")

    return "postgres://postgres@127.0.0.1:5432/tandem_bench_match_runs", drop


def _timed(label: str, action):
    started = time.perf_counter()
    result = action()
    print(f"  {label:<44} {time.perf_counter() - started:8.2f} s")
    return result


def _program(people: int, seed: int, peers: bool):
    from tandem.people.demo import demo_build
    from tandem.people.models import Profile, User
    from tandem.programs.models import Enrollment, Program

    _timed(f"build the demo organisation ({people} people)", lambda: demo_build(people=people))
    rng = random.Random(seed)
    program = Program.objects.create(
        name="Bench cohort",
        slug="bench-cohort",
        purpose="peer" if peers else "skills",
        format="mutual" if peers else "mentoring",
        start_date="2027-01-04",
        end_date="2027-06-30",
        status="matching",
    )
    admin = User.objects.get(email="admin@example.com")
    program.admins.add(admin)
    rows = []
    for profile in Profile.objects.only("user_id", "seniority"):
        if peers:
            rows.append(Enrollment(program=program, person_id=profile.user_id, role="peer"))
        elif profile.seniority >= 4:
            capacity = rng.choice([1, 2, 2, 3])
            rows.append(
                Enrollment(
                    program=program, person_id=profile.user_id, role="mentor", capacity=capacity
                )
            )
        else:
            rows.append(Enrollment(program=program, person_id=profile.user_id, role="mentee"))
    for row in rows:
        row.status = "approved"
    Enrollment.objects.bulk_create(rows, batch_size=2000)
    return program, admin


def main():
    args = _args()
    url, drop = _scratch_database(args.postgres)
    os.environ["DATABASE_URL"] = url
    # Mail is kept in memory: the figures are Tandem's work, not an SMTP server's.
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.MATCH_RUN_BACKGROUND_ABOVE = 10**9  # solve in this process, to time every step
    try:
        call_command("migrate", verbosity=0)
        print(f"== match run on {'PostgreSQL' if args.postgres else 'SQLite'} ==")
        program, admin = _program(args.people, args.seed, args.peers)
        _bench(program, admin)
    finally:
        drop()


def _bench(program, admin):
    from django.test import Client

    from tandem.matching.results import partner_options, run_totals
    from tandem.matching.services import match_run_publish, match_run_start, pair_preview

    run = _timed("match_run_start (everything below)", lambda: match_run_start(
        program=program, by=admin, objective="max_total"))  # fmt: skip
    assert run.status == "done", run.error
    for step, seconds in run.timings.items():
        print(f"    {step:<42} {seconds:8.2f} s")
    totals = run_totals(run)
    print(
        f"  {totals.people} waiting, {totals.proposals} pairs, coverage {totals.coverage} %, "
        f"mean score {totals.mean_percent} %"
    )
    client = Client()
    client.force_login(admin)
    _timed("matching page (GET)", lambda: client.get(f"/matching/{program.slug}/"))
    _timed("run page, first 50 proposals (GET)", lambda: client.get(run.get_absolute_url()))
    proposal = run.proposals.with_people().first()
    person = proposal.mentee_enrollment
    options = _timed(
        "swap page: partners ranked for one person",
        lambda: partner_options(run=run, person=person, replacing=proposal),
    )
    partner = next(o.enrollment for o in options if o.has_room) if options else None
    if partner is not None:
        _timed(
            "swap preview (score, why, broken rules)",
            lambda: pair_preview(run=run, person=person, partner=partner, replacing=proposal),
        )
    report = _timed(
        "publish (the worker, for a large run)", lambda: match_run_publish(run=run, by=admin)
    )
    print(f"  published {len(report.proposed)}, skipped {len(report.skipped)}")


if __name__ == "__main__":
    main()
