import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tandem.people.imports import ImportFileError, people_import


class Command(BaseCommand):
    help = "Import people from a CSV file (see tandem/people/imports.py for the columns)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument(
            "--as-of",
            type=datetime.date.fromisoformat,
            default=None,
            help="the date the file describes, YYYY-MM-DD (default: today); career events "
            "(joined, left, promoted, moved) are dated with it",
        )

    def handle(self, *args, file: Path, dry_run: bool, as_of, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        try:
            result = people_import(data=data, dry_run=dry_run, as_of=as_of)
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(result.errors)} problem(s): nothing was imported.")
        summary = f"{result.created} new, {result.updated} changed, {result.unchanged} unchanged."
        self.stdout.write(summary + (" Dry run: nothing was written." if dry_run else ""))
