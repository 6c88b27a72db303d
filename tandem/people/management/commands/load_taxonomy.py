from django.core.management.base import BaseCommand
from django.db import transaction

from tandem.people.taxonomy import taxonomy_load_current


class Command(BaseCommand):
    help = "Add the skills taxonomy and languages Tandem ships with (keeps admins' edits)."

    def handle(self, *args, **options):
        with transaction.atomic():
            added = taxonomy_load_current()
        self.stdout.write(", ".join(f"{count} {what} added" for what, count in added.items()))
