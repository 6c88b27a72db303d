import datetime
from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils.module_loading import import_string

from tandem.mentorships.models import Mentorship
from tandem.people.demo import (
    ADMIN_EMAIL,
    DEMO_PASSWORD,
    MENTEE_EMAIL,
    MENTOR_EMAIL,
    demo_build,
    demo_exists,
    demo_reset,
)

# After the people and programs (demo_build), each app adds its part of the demo in turn, on
# top of the ones before: `step(*, seed: int, today: date) -> str` returns a one-line summary.
DEMO_STEPS: list[str] = [
    "tandem.mentorships.demo.step",
    "tandem.insights.demo.step",
    "tandem.meetings.demo.step",
    "tandem.growth.demo.step",
    "tandem.health.demo.step",
]


class Command(BaseCommand):
    help = "Build the demo organisation (kept as it is if it already exists)."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=320, help="how many people (≥ 60)")
        parser.add_argument("--seed", type=int, default=2026, help="the random seed")
        parser.add_argument("--reset", action="store_true", help="wipe people and programs first")

    def handle(self, *args, people, seed, reset, **options):
        if people < 60:
            self.stderr.write("--people must be at least 60 for a believable organisation.")
            raise SystemExit(2)
        if reset:
            self._reset()
        if demo_exists():
            self.stdout.write(
                "The demo data is already there; keeping it (use --reset to rebuild)."
            )
        else:
            self._build(people=people, seed=seed)
        self._print_logins()

    @transaction.atomic
    def _reset(self) -> None:
        """Undo the steps in reverse (a step module may have `reset()` for what it alone owns),
        then the mentorships (everything a mentorship owns goes with them), then the people."""
        for path in reversed(DEMO_STEPS):
            reset = getattr(import_module(path.rsplit(".", 1)[0]), "reset", None)
            if reset is not None:
                reset()
        Mentorship.objects.all().delete()
        demo_reset()

    # The demo's history (months of proposals, meetings, check-ins) would otherwise e-mail the
    # whole demo organisation on the console; the in-app notifications are kept.
    @override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    @transaction.atomic
    def _build(self, *, people: int, seed: int) -> None:
        today = datetime.date.today()
        summary = demo_build(people=people, seed=seed, today=today)
        self.stdout.write(
            f"Built the demo: {summary['people']} people, {summary['programs']} programs."
        )
        for path in DEMO_STEPS:
            self.stdout.write("  " + import_string(path)(seed=seed, today=today))

    def _print_logins(self):
        site = settings.SITE_URL
        self.stdout.write(
            self.style.SUCCESS(
                f"\nTandem demo at {site}  (password for everyone: {DEMO_PASSWORD})\n"
                f"  program admin: {ADMIN_EMAIL}\n"
                f"  mentor:        {MENTOR_EMAIL}\n"
                f"  mentee:        {MENTEE_EMAIL}\n"
            )
        )
