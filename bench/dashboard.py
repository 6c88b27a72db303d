"""Time a program's dashboard over N participants, on a scratch database it creates and drops.

    .venv/bin/python bench/dashboard.py                 # 10,000 participants, SQLite (temp file)
    .venv/bin/python bench/dashboard.py --postgres      # the same on PostgreSQL on 127.0.0.1
    .venv/bin/python bench/dashboard.py --participants 50000 --runs 30

It builds one running program with bulk inserts: N mentees (plus a mentor for every four),
pairings in every state, signed agreements (weekly, fortnightly or monthly), meetings at each
agreement's rhythm (held, not recorded, called off, missed), goals in every state, development
plans and 360° assessments, check-ins at the default cadence, health scores, risks and
introductions spread over ten months. Then it times the dashboard view itself (server
time: the view called with Django's RequestFactory, queries and template included, no network)
several times after a warm-up, and prints the median and the 95th percentile of the wall time,
the median CPU time of this process (on SQLite all the work; on PostgreSQL the server's share is
not in it), the number of queries, the sizes and the machine's load. The cross-program view,
a filtered view and the printable report are timed the same way.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEPARTMENTS = [
    "Engineering", "Sales", "Customer Success", "Marketing", "Finance", "People",
    "Operations", "Data", "Product", "Design", "Legal", "Support",
]  # fmt: skip
BUDGET_MS = 300
FILTERED = "%s?department=1&date_from=2000-01-01&date_to=2099-12-31"


def _args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--postgres", action="store_true", help="use PostgreSQL on 127.0.0.1")
    return parser.parse_args()


def _scratch_database(postgres: bool):
    if not postgres:
        path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
        return f"sqlite:///{path}", lambda: path.unlink(missing_ok=True)
    import psycopg

    admin = "postgresql://postgres@127.0.0.1:5432/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS tandem_bench_dashboard")
        connection.execute("CREATE DATABASE tandem_bench_dashboard")

    def drop():
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute("DROP DATABASE IF EXISTS tandem_bench_dashboard")

    return "postgres://postgres@127.0.0.1:5432/tandem_bench_dashboard", drop


# --- the program -----------------------------------------------------------------------------


class Builder:
    """One running program with `participants` mentees and a mentor for every four."""

    def __init__(self, participants: int, seed: int):
        from django.utils import timezone

        self.rng = random.Random(seed)
        self.n = participants
        self.now = timezone.now()
        self.today = self.now.date()
        self.sizes: dict[str, int] = {}

    def at(self, days_ago: float) -> datetime.datetime:
        return self.now - datetime.timedelta(days=days_ago)

    def build(self):
        from django.db import transaction

        with transaction.atomic():
            self.people()
            self.program_and_enrollments()
            self.pairings()
            self.agreements()
            self.meetings()
            self.growth()
            self.checkins()
            self.health()
            self.introductions()
        return self.program, self.admin

    def people(self):
        from django.contrib.auth.hashers import make_password

        from tandem.people.models import Department, Profile, User

        departments = Department.objects.bulk_create([Department(name=n) for n in DEPARTMENTS])
        password = make_password("bench")
        self.mentor_count = max(1, self.n // 4)
        total = self.n + self.mentor_count
        users = User.objects.bulk_create(
            [
                User(
                    email=f"p{i}@bench.example",
                    first_name=f"P{i}",
                    last_name="Bench",
                    password=password,
                )
                for i in range(total)
            ],
            batch_size=2000,
        )
        Profile.objects.bulk_create(
            [Profile(user=u, department=self.rng.choice(departments)) for u in users],
            batch_size=2000,
        )
        self.mentees, self.mentors = users[: self.n], users[self.n :]
        self.admin = User.objects.create_user(
            "admin@bench.example", "bench", first_name="Ada", is_program_admin=True
        )
        self.sizes["people"] = total

    def program_and_enrollments(self):
        from tandem.programs.models import Enrollment, Program

        self.program = Program.objects.create(
            name="Bench program", slug="bench", purpose="onboarding", status="running",
            start_date=self.today - datetime.timedelta(days=320),
            end_date=self.today + datetime.timedelta(days=60),
        )  # fmt: skip
        self.program.admins.add(self.admin)
        statuses = self.rng.choices(
            ["approved", "pending", "waitlisted", "withdrawn"], [88, 6, 4, 2], k=self.n
        )
        self.mentee_enrollments = Enrollment.objects.bulk_create(
            [
                Enrollment(
                    program=self.program,
                    person=person,
                    role="mentee",
                    status=status,
                    created_at=self.at(self.rng.uniform(20, 300)),
                )  # fmt: skip
                for person, status in zip(self.mentees, statuses, strict=True)
            ],
            batch_size=2000,
        )
        self.mentor_enrollments = Enrollment.objects.bulk_create(
            [
                Enrollment(
                    program=self.program,
                    person=person,
                    role="mentor",
                    status="approved",
                    capacity=self.rng.choice([1, 2, 2, 3, 3, 4]),
                    created_at=self.at(310),
                )  # fmt: skip
                for person in self.mentors
            ],
            batch_size=2000,
        )
        self.sizes["enrollments"] = len(self.mentee_enrollments) + len(self.mentor_enrollments)

    def pairings(self):
        from tandem.mentorships.models import Mentorship
        from tandem.programs.models import Enrollment

        fates = ["active", "completed", "ended", "proposed", "paused", "declined"]
        reasons = ["poor_fit", "no_time", "left_organisation", "role_change", "other"]
        mentors = list(self.mentor_enrollments)
        self.rng.shuffle(mentors)
        room = {e.pk: e.capacity for e in mentors}
        rows, cursor = [], 0
        for enrollment in self.mentee_enrollments:
            if enrollment.status != "approved" or self.rng.random() > 0.85:
                continue
            fate = self.rng.choices(fates, [60, 12, 8, 12, 3, 5])[0]
            open_ = fate in ("active", "proposed", "paused")
            cursor, mentor = self._mentor_with_room(mentors, room, cursor, open_=open_)
            if mentor is None:
                break
            created = enrollment.created_at + datetime.timedelta(days=self.rng.uniform(1, 60))
            created = min(created, self.at(1))
            started = None
            if fate not in ("proposed", "declined"):
                started = min(
                    created + datetime.timedelta(days=self.rng.uniform(0, 5)), self.at(0.5)
                )
            ended = None
            if fate in ("completed", "ended", "declined"):
                ended = min(
                    (started or created) + datetime.timedelta(days=self.rng.uniform(20, 200)),
                    self.at(0.2),
                )
            rows.append(
                Mentorship(
                    program=self.program,
                    mentor_id=mentor.person_id,
                    mentee_id=enrollment.person_id,
                    mentor_enrollment=mentor,
                    mentee_enrollment=enrollment,
                    status=fate,
                    created_at=created,
                    started_at=started,
                    ended_at=ended,
                    end_reason=self.rng.choice(reasons)
                    if fate == "ended"
                    else ("goals_met" if fate == "completed" else ""),
                )  # fmt: skip
            )
            if fate in ("active", "proposed", "paused"):
                enrollment.load = 1
        self.mentorships = Mentorship.objects.bulk_create(rows, batch_size=2000)
        for mentor in mentors:
            mentor.load = mentor.capacity - room[mentor.pk]
        Enrollment.objects.bulk_update(mentors + self.mentee_enrollments, ["load"], batch_size=2000)
        self.sizes["mentorships"] = len(self.mentorships)

    @staticmethod
    def _mentor_with_room(mentors, room, start, *, open_):
        """The next mentor with a place (closed pairings no longer hold one)."""
        for offset in range(len(mentors)):
            index = (start + offset) % len(mentors)
            mentor = mentors[index]
            if not open_:
                return index, mentor
            if room[mentor.pk] > 0:
                room[mentor.pk] -= 1
                return index, mentor
        return start, None

    def agreements(self):
        from tandem.mentorships.models import Agreement, AgreementSignature

        started = [m for m in self.mentorships if m.started_at and self.rng.random() < 0.92]
        agreements = Agreement.objects.bulk_create(
            [
                Agreement(
                    mentorship=m,
                    goals="Grow.",
                    meeting_frequency=self.rng.choice(
                        ["weekly", "fortnightly", "fortnightly", "monthly"]
                    ),
                    start_date=m.started_at.date(),
                    end_date=m.started_at.date() + datetime.timedelta(days=180),
                    created_at=m.started_at,
                )  # fmt: skip
                for m in started
            ],
            batch_size=2000,
        )
        AgreementSignature.objects.bulk_create(
            [
                AgreementSignature(agreement=a, person_id=person, signed_at=a.created_at)
                for a in agreements
                for person in (a.mentorship.mentor_id, a.mentorship.mentee_id)
            ],
            batch_size=4000,
        )
        self.sizes["agreements"] = len(agreements)
        self.agreed = agreements

    def meetings(self):
        """Each agreed pair meets at its rhythm from its start to its end (or today)."""
        from tandem.meetings.models import Meeting

        every = {"weekly": 7, "fortnightly": 14, "monthly": 30}
        rows = []
        for agreement in self.agreed:
            m = agreement.mentorship
            until = min(m.ended_at or self.now, self.now + datetime.timedelta(days=30))
            start = m.started_at + datetime.timedelta(days=self.rng.uniform(2, 8))
            while start < until:
                rows.append(self._meeting(m, start))
                start += datetime.timedelta(days=every[agreement.meeting_frequency])
        Meeting.objects.bulk_create(rows, batch_size=4000)
        self.sizes["meetings"] = len(rows)

    def _meeting(self, mentorship, start):
        from tandem.meetings.models import Meeting

        meeting = Meeting(
            mentorship=mentorship, starts_at=start, ends_at=start + datetime.timedelta(hours=1),
            time_zone="UTC", mode="virtual", status="confirmed",
            confirmed_at=start - datetime.timedelta(days=7), proposed_at=start,
        )  # fmt: skip
        if start > self.now:
            return meeting
        fate = self.rng.choices(["held", "unmarked", "cancelled", "not_held"], [82, 6, 9, 3])[0]
        if fate == "cancelled":
            meeting.status = "cancelled"
            meeting.cancelled_at = start - datetime.timedelta(hours=self.rng.uniform(2, 96))
            meeting.cancelled_by_id = self.rng.choice([mentorship.mentor_id, mentorship.mentee_id])
        elif fate != "unmarked":
            meeting.outcome = fate
            arrival = "on_time" if fate == "held" else "absent"
            meeting.mentor_arrival = meeting.mentee_arrival = arrival
            if fate == "held" and self.rng.random() < 0.1:
                meeting.mentee_arrival = "late"
        return meeting

    def growth(self):
        """Goals (0–4 a pair), a development plan per pair, 360° assessments for some."""
        from tandem.growth.models import Assessment, DevelopmentPlan, Goal

        goals, plans, assessments = [], [], []
        for agreement in self.agreed:
            m = agreement.mentorship
            for _ in range(self.rng.choice([0, 1, 2, 2, 3, 4])):
                created = min(m.started_at + datetime.timedelta(days=self.rng.uniform(3, 40)),
                              self.now)  # fmt: skip
                status = self.rng.choices(["active", "reached", "dropped"], [55, 35, 10])[0]
                goals.append(
                    Goal(
                        owner_id=m.mentee_id,
                        mentorship=m,
                        title="A goal",
                        specific="…",
                        success_criteria="…",
                        created_at=created,
                        status=status,
                        target_date=(
                            created + datetime.timedelta(days=self.rng.randint(30, 150))
                        ).date(),
                        progress=100 if status == "reached" else self.rng.randint(0, 90),
                        reached_at=min(created + datetime.timedelta(days=40), self.now)
                        if status == "reached"
                        else None,
                    )  # fmt: skip
                )
            plans.append(
                DevelopmentPlan(
                    mentorship=m,
                    owner_id=m.mentee_id,
                    created_at=m.started_at,
                    status=self.rng.choice(["draft", "submitted", "changes", "agreed", "agreed"]),
                )  # fmt: skip
            )
            if self.rng.random() < 0.2:
                assessments.append(
                    Assessment(
                        mentorship=m,
                        subject_id=m.mentee_id,
                        title="360°",
                        closes_on=(m.started_at + datetime.timedelta(days=30)).date(),
                        created_at=m.started_at,
                        status="closed" if self.rng.random() < 0.7 else "open",
                    )  # fmt: skip
                )
        Goal.objects.bulk_create(goals, batch_size=4000)
        DevelopmentPlan.objects.bulk_create(plans, batch_size=4000)
        Assessment.objects.bulk_create(assessments, batch_size=4000)
        self.sizes["goals"] = len(goals)

    def checkins(self):
        from tandem.health.models import CheckIn

        rows = []
        for m in self.mentorships:
            if m.started_at is None:
                continue
            until = m.ended_at or self.now
            rounds, day = 0, 30
            while m.started_at + datetime.timedelta(days=day) < until:
                rounds += 1
                opened = m.started_at + datetime.timedelta(days=day)
                for person in (m.mentor_id, m.mentee_id):
                    rows.append(self._checkin(m, person, rounds, opened, until))
                day += 60
        CheckIn.objects.bulk_create(rows, batch_size=4000)
        self.sizes["check-ins"] = len(rows)

    def _checkin(self, mentorship, person, round_number, opened, until):
        from tandem.health.models import CheckIn

        checkin = CheckIn(
            mentorship=mentorship, respondent_id=person, round=round_number,
            due_on=opened.date(), opened_at=opened, notified_at=opened,
        )  # fmt: skip
        answered = opened + datetime.timedelta(days=self.rng.uniform(0.1, 6))
        if self.rng.random() < 0.82 and answered < until:
            mean = self.rng.choice([4.5, 4.2, 3.8, 3.0])
            for name in (
                "engagement",
                "flexibility",
                "authenticity",
                "reciprocity",
                "satisfaction",
            ):
                setattr(checkin, name, max(1, min(5, round(self.rng.gauss(mean, 0.6)))))
            checkin.status, checkin.answered_at = "answered", answered
            checkin.good_fit = True if round_number == 1 else None
            checkin.learned = "Something new."
        elif until < self.now or opened + datetime.timedelta(days=60) < self.now:
            checkin.status, checkin.closed_at = "closed", until
        return checkin

    def health(self):
        from tandem.health.models import HealthScore, Risk

        active = [m for m in self.mentorships if m.status == "active"]
        scores = [
            HealthScore(mentorship=m, score=max(0, min(100, round(self.rng.gauss(78, 16)))))
            for m in active
        ]
        HealthScore.objects.bulk_create(scores, batch_size=4000)
        Risk.objects.bulk_create(
            [
                Risk(
                    mentorship=s.mentorship,
                    kind="low_score",
                    title="Low health score",
                    reason="Health score below 50.",
                    score=s.score,
                )  # fmt: skip
                for s in scores
                if s.score < 50
            ],
            batch_size=4000,
        )
        self.sizes["health scores"] = len(scores)

    def introductions(self):
        from tandem.health.models import Introduction

        rows = []
        for m in self.mentorships:
            if m.started_at is None:
                continue
            for _ in range(self.rng.choice([0, 0, 1, 1, 2, 3])):
                made = min(
                    m.started_at + datetime.timedelta(days=self.rng.uniform(5, 150)), self.now
                )
                colleague = self.rng.random() < 0.6
                rows.append(
                    Introduction(
                        mentorship=m,
                        made_by_id=m.mentor_id,
                        made_for_id=m.mentee_id,
                        contact_id=self.rng.choice(self.mentors).pk if colleague else None,
                        contact_name="" if colleague else "Ada Okafor",
                        purpose="Learn.",
                        made_on=made.date(),
                        created_at=made,
                        outcome="Met." if self.rng.random() < 0.4 else "",
                    )  # fmt: skip
                )
        Introduction.objects.bulk_create(rows, batch_size=4000)
        self.sizes["introductions"] = len(rows)


# --- timing ----------------------------------------------------------------------------------


def _time_view(view, path, user, runs, **kwargs):
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    factory = RequestFactory()

    def call():
        request = factory.get(path)
        request.user = user
        response = view(request, **kwargs)
        assert response.status_code == 200, response.status_code
        return response

    call()  # warm-up: templates compiled, caches filled
    with CaptureQueriesContext(connection) as captured:
        call()
    timings, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return statistics.median(timings), p95, statistics.median(cpu), len(captured)


def main():
    args = _args()
    url, drop = _scratch_database(args.postgres)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tandem.insights import views

    try:
        call_command("migrate", verbosity=0)
        start = time.perf_counter()
        program, admin = Builder(args.participants, args.seed).build()
        built = time.perf_counter() - start
        from tandem.growth.models import Goal
        from tandem.health.models import CheckIn, HealthScore, Introduction
        from tandem.meetings.models import Meeting
        from tandem.mentorships.models import Mentorship
        from tandem.programs.models import Enrollment

        sizes = {
            "mentees": Enrollment.objects.filter(role="mentee").count(),
            "mentors": Enrollment.objects.filter(role="mentor").count(),
            "mentorships": Mentorship.objects.count(),
            "meetings": Meeting.objects.count(),
            "goals": Goal.objects.count(),
            "check-ins": CheckIn.objects.count(),
            "health scores": HealthScore.objects.count(),
            "introductions": Introduction.objects.count(),
        }
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        page = f"/insights/programs/{program.slug}/"
        slug = {"slug": program.slug}
        cases = [
            ("program dashboard", views.program_dashboard, page, slug),
            ("cross-program dashboard", views.overview, "/insights/", {}),
            ("program dashboard, filtered", views.program_dashboard, FILTERED % page, slug),
            ("printable report", views.program_report, page + "report/", slug),
        ]
        print(
            f"\nDashboard — {connection.vendor}, {args.participants:,} participants, "
            f"seed {args.seed}, built in {built:.1f} s"
        )
        print("  " + ", ".join(f"{n:,} {label}" for label, n in sizes.items()))
        # Wall time is what a user waits for; on a busy machine it includes waiting for a CPU,
        # so the load and this process's own CPU time are printed beside it.
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"  {args.runs} runs a view after a warm-up; load {load} on {os.cpu_count()} CPUs")
        heading = f"{'view':<30}{'median ms':>10}{'p95 ms':>9}{'cpu ms':>8}{'queries':>9}"
        print(f"{heading}  budget {BUDGET_MS}")
        for label, view, path, kwargs in cases:
            median, p95, cpu, queries = _time_view(view, path, admin, args.runs, **kwargs)
            verdict = "ok" if median < BUDGET_MS else "OVER"
            print(f"{label:<30}{median:>10.1f}{p95:>9.1f}{cpu:>8.1f}{queries:>9}  {verdict}")
    finally:
        drop()


if __name__ == "__main__":
    main()
