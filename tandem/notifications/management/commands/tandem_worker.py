"""The background worker: runs queued tasks and, on a clock, enqueues the periodic jobs.

    .venv/bin/python manage.py tandem_worker            # run until stopped (make run starts one)
    .venv/bin/python manage.py tandem_worker --batch    # enqueue what is due, run it all, exit

Any number of workers may run side by side (one per machine or more): the database decides
which one takes a task or a periodic run."""

import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

from tandem.notifications.schedule import enqueue_due_jobs


class Command(BaseCommand):
    help = "Run background tasks and periodic jobs (reminders, digests, expiries)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="run what is due, then exit")
        parser.add_argument("--tick", type=float, default=30.0, help="clock period in seconds")
        parser.add_argument("--interval", type=float, default=1.0, help="queue poll period")
        parser.add_argument("--worker-id", default=None)

    def handle(self, *args, batch, tick, interval, worker_id, **options):
        worker_options = {"interval": interval, "reload": False, "verbosity": options["verbosity"]}
        if worker_id:
            worker_options["worker_id"] = worker_id
        if batch:
            enqueue_due_jobs()
            call_command("db_worker", batch=True, **worker_options)
            return
        threading.Thread(target=self._clock, args=(tick,), daemon=True, name="clock").start()
        call_command("db_worker", **worker_options)

    def _clock(self, tick: float) -> None:
        while True:
            try:
                close_old_connections()
                enqueue_due_jobs()
            except Exception as error:  # noqa: BLE001 — the clock must survive a bad tick
                self.stderr.write(f"periodic jobs: {error}")
            finally:
                connection.close()
            time.sleep(tick)
