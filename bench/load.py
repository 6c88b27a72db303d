"""Load test: Tandem served by gunicorn (several workers) on PostgreSQL with a 20,000-person
organisation, driven by Locust with a mix of page views and API calls of participants and
admins. Prints throughput, p50/p95/p99 latency and the error count.

    pip install -e '.[bench]'                           # Locust
    .venv/bin/python bench/load.py                      # build (first time), serve, drive
    .venv/bin/python bench/load.py --rate 100 --duration 60 --workers 4 --people 20000
    .venv/bin/python bench/load.py --rebuild            # drop and rebuild the organisation

The organisation lives in its own database (tandem_bench_load on 127.0.0.1, kept between runs:
building 20,000 people takes a few minutes). Target on a 2-core machine: p95 under 150 ms at
100 requests per second with no errors. Only 127.0.0.1 is ever contacted.

Locust's FastHttpUser keeps the load generator's own share of the 2 cores small. Sessions and
API tokens are made beforehand (the benchmark measures Tandem's pages and API,
not the login form, which is deliberately slow and rate-limited).
"""

import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
DATABASE = "tandem_bench_load"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"


def _args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--rate", type=float, default=100, help="requests per second, in all")
    parser.add_argument("--duration", type=int, default=60, help="seconds of measured load")
    parser.add_argument("--users", type=int, default=50, help="simulated people at once")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild the database")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


# --- the organisation ----------------------------------------------------------------------


def _env(**extra) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-secret-key-not-for-production",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_CONN_MAX_AGE": "60",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "LOG_LEVEL": "ERROR",
        **extra,
    }


def _manage(*arguments: str) -> None:
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, env=_env(), check=True)


def build_organisation(people: int, rebuild: bool) -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]
        ).fetchone()
        if exists and rebuild:
            connection.execute(f"DROP DATABASE {DATABASE} WITH (FORCE)")
            exists = None
        if not exists:
            connection.execute(f"CREATE DATABASE {DATABASE}")
    _manage("migrate", "--noinput", "-v0")
    started = time.perf_counter()
    _manage("seed_demo", "--people", str(people))
    print(f"organisation ready ({time.perf_counter() - started:.0f} s)")
    _manage("collectstatic", "--noinput", "-v0")
    # A server that has run a while has its statistics from autovacuum; a database filled a
    # minute ago has none, and the planner would guess (badly) at every table's size.
    with psycopg.connect(DATABASE_URL.replace("postgres://", "postgresql://")) as connection:
        connection.execute("ANALYZE")


def prepare_credentials() -> None:
    """(run in a subprocess with Django) Sessions and tokens of participants and admins, and the
    ids the requests need, as JSON on stdout."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from tandem.api.services import api_token_create
    from tandem.people.models import User
    from tandem.programs.models import Program

    def credentials(user) -> dict:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        _token, key = api_token_create(user=user, name="load benchmark")
        return {"session": session.session_key, "token": key, "id": user.pk}

    participants = User.objects.filter(
        is_active=True, is_program_admin=False, enrollments__isnull=False
    )
    programs = list(Program.objects.exclude(status="draft").values_list("slug", flat=True))
    admin = User.objects.get(email="admin@example.com")
    data = {
        "participants": [credentials(u) for u in participants.distinct()[:40]],
        "admins": [credentials(admin)],
        "people": list(User.objects.filter(is_active=True).values_list("pk", flat=True)[:5000]),
        "programs": programs,
        "people_count": User.objects.count(),
    }
    print(json.dumps(data))


def _credentials() -> dict:
    out = subprocess.run(
        [PYTHON, __file__, "--prepare"], cwd=ROOT, env=_env(), check=True, capture_output=True
    )
    return json.loads(out.stdout.decode().strip().splitlines()[-1])


# --- the server ----------------------------------------------------------------------------


def start_gunicorn(workers: int, port: int) -> subprocess.Popen:
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        "tandem.wsgi:application",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=_env(), start_new_session=True)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    stop(server)
    raise SystemExit("gunicorn did not answer on /healthz")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


# --- the load --------------------------------------------------------------------------------


def drive(*, host: str, data: dict, users: int, rate: float, duration: int):
    import gevent
    from locust import FastHttpUser, constant_throughput, task
    from locust.env import Environment

    per_user = rate / users

    def _start_out_of_step():
        # All simulated people start at once and constant_throughput keeps each on a fixed
        # period: left alone they would all ask in the same millisecond every period, bursts
        # of `users` requests no real audience sends. Each starts at a random point of its
        # period instead, so requests arrive spread out at the same average rate.
        gevent.sleep(random.uniform(0, 1 / per_user))

    people, programs = data["people"], data["programs"]

    class Participant(FastHttpUser):
        """Pages and API calls of a participant: home, programs, colleagues, the bell, their
        mentorships, meetings and goals."""

        weight = 4
        wait_time = constant_throughput(per_user)

        def on_start(self):
            who = random.choice(data["participants"])
            self.session = {"Cookie": f"sessionid={who['session']}"}
            self.bearer = {"Authorization": f"Bearer {who['token']}"}
            _start_out_of_step()

        @task(3)
        def home(self):
            self.client.get("/", headers=self.session, name="page /")

        @task(2)
        def program(self):
            self.client.get(
                f"/programs/{random.choice(programs)}/",
                headers=self.session,
                name="page /programs/<slug>/",
            )

        @task(2)
        def colleague(self):
            self.client.get(
                f"/people/{random.choice(people)}/", headers=self.session, name="page /people/<id>/"
            )

        @task(2)
        def bell(self):
            self.client.get(
                "/notifications/bell/", headers=self.session, name="page /notifications/bell/"
            )

        @task(2)
        def api_me(self):
            self.client.get("/api/v1/people/me", headers=self.bearer, name="api /people/me")

        @task(2)
        def api_unread(self):
            self.client.get(
                "/api/v1/notifications/unread-count", headers=self.bearer, name="api unread-count"
            )

        @task(2)
        def my_mentoring(self):
            page = random.choice(["/mentorships/", "/meetings/", "/growth/"])
            self.client.get(page, headers=self.session, name="page my mentoring (3 pages)")

        @task(1)
        def api_my_growth(self):
            path = random.choice(["/api/v1/growth/goals", "/api/v1/meetings/"])
            self.client.get(path, headers=self.bearer, name="api my goals / meetings")

        @task(1)
        def api_programs(self):
            self.client.get("/api/v1/programs/", headers=self.bearer, name="api /programs/")

        @task(1)
        def api_skills(self):
            self.client.get(
                "/api/v1/people/skills?q=" + random.choice(["py", "lead", "sal", "present"]),
                headers=self.bearer,
                name="api /people/skills?q=",
            )

    class Admin(FastHttpUser):
        """An admin: the manage page, the directory, enrollments, a dashboard, the audit log."""

        weight = 1
        wait_time = constant_throughput(per_user)

        def on_start(self):
            who = data["admins"][0]
            self.session = {"Cookie": f"sessionid={who['session']}"}
            self.bearer = {"Authorization": f"Bearer {who['token']}"}
            _start_out_of_step()

        @task(2)
        def manage(self):
            self.client.get("/manage/", headers=self.session, name="page /manage/")

        @task(2)
        def directory(self):
            query = random.choice(["", "?q=ana", "?seniority=4", "?skill=python"])
            self.client.get(f"/people/{query}", headers=self.session, name="page /people/?filters")

        @task(2)
        def api_directory(self):
            query = random.choice(["", "?department=Sales", "?skill=negotiation&offers=true"])
            self.client.get(f"/api/v1/people/{query}", headers=self.bearer, name="api /people/")

        @task(2)
        def api_enrollments(self):
            offset = random.randrange(0, 500, 50)
            self.client.get(
                f"/api/v1/programs/{random.choice(programs)}/enrollments?limit=50&offset={offset}",
                headers=self.bearer,
                name="api /programs/<slug>/enrollments",
            )

        @task(1)
        def dashboard(self):
            self.client.get(
                f"/insights/programs/{random.choice(programs)}/",
                headers=self.session,
                name="page /insights/programs/<slug>/",
            )

        @task(1)
        def audit(self):
            self.client.get(
                "/api/v1/audit/entries?limit=50", headers=self.bearer, name="api /audit/entries"
            )

    environment = Environment(user_classes=[Participant, Admin], host=host)
    runner = environment.create_local_runner()
    runner.start(users, spawn_rate=users)
    gevent.sleep(5)  # warm-up: everyone started, caches and connections warm
    environment.stats.reset_all()
    gevent.sleep(duration)
    runner.quit()
    return environment.stats


def report(stats, *, duration: int, data: dict, workers: int) -> int:
    total = stats.total
    print(f"\n{data['people_count']} people, {workers} gunicorn workers, {duration} s measured")
    print(f"{'request':<42}{'count':>7}{'p50':>7}{'p95':>7}{'p99':>7}{'errors':>8}")
    for entry in sorted(stats.entries.values(), key=lambda e: e.name):
        print(
            f"{entry.name:<42}{entry.num_requests:>7}"
            f"{entry.get_response_time_percentile(0.5):>7.0f}"
            f"{entry.get_response_time_percentile(0.95):>7.0f}"
            f"{entry.get_response_time_percentile(0.99):>7.0f}{entry.num_failures:>8}"
        )
    throughput = total.num_requests / duration
    p50, p95, p99 = (total.get_response_time_percentile(q) for q in (0.5, 0.95, 0.99))
    print(
        f"\nthroughput {throughput:.1f} req/s   p50 {p50:.0f} ms   p95 {p95:.0f} ms"
        f"   p99 {p99:.0f} ms   errors {total.num_failures}"
    )
    print(f"load average (1, 5, 15 min): {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for error in stats.errors.values():
        print(f"  error: {error.method} {error.name}: {error.error} ×{error.occurrences}")
    return 1 if total.num_failures else 0


def main() -> int:
    args = _args()
    if args.prepare:
        prepare_credentials()
        return 0
    build_organisation(args.people, args.rebuild)
    data = _credentials()
    port = args.port or _free_port()
    server = start_gunicorn(args.workers, port)
    try:
        stats = drive(
            host=f"http://127.0.0.1:{port}",
            data=data,
            users=args.users,
            rate=args.rate,
            duration=args.duration,
        )
    finally:
        stop(server)
    return report(stats, duration=args.duration, data=data, workers=args.workers)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
