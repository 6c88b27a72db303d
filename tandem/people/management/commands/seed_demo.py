from django.conf import settings
from django.core.management.base import BaseCommand

from tandem.people.demo import (
    ADMIN_EMAIL,
    DEMO_PASSWORD,
    MENTEE_EMAIL,
    MENTOR_EMAIL,
    demo_build,
    demo_exists,
    demo_reset,
)


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
            demo_reset()
        if demo_exists():
            self.stdout.write(
                "The demo data is already there; keeping it (use --reset to rebuild)."
            )
        else:
            summary = demo_build(people=people, seed=seed)
            self.stdout.write(
                f"Built the demo: {summary['people']} people, {summary['programs']} programs."
            )
        self._print_logins()

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
