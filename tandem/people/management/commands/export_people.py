import sys

from django.core.management.base import BaseCommand

from tandem.people.exports import people_export_lines


class Command(BaseCommand):
    help = "Export everyone as CSV, in the import's format."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args, output=None, **options):
        if not output:
            sys.stdout.writelines(people_export_lines())
            return
        with open(output, "w", encoding="utf-8", newline="") as stream:
            stream.writelines(people_export_lines())
