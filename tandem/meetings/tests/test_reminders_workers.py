"""Every reminder is sent exactly once, however many workers run at the same moment: several
threads running the delivery loop, and two real `tandem_worker` processes, against PostgreSQL."""

import datetime
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.utils import timezone

from tandem.meetings import reminders
from tandem.meetings.models import Reminder
from tandem.meetings.tasks import meeting_reminders_send
from tandem.mentorships.tests.factories import make_mentorship
from tandem.notifications.models import Notification

from .factories import make_meeting

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(settings.BASE_DIR)
PAIRS = 12  # 12 pairs, each meeting within the day: 24 reminders due


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("Two workers on one queue is a PostgreSQL set-up (SQLite serves one).")


@pytest.fixture
def due_tomorrow(postgresql):
    """Meetings of many pairs starting within the day: a day-before reminder due for each."""
    now = timezone.now()
    for index in range(PAIRS):
        mentorship = make_mentorship()
        make_meeting(mentorship, now + datetime.timedelta(hours=2, minutes=20 * index))
    return now


def test_threads_running_the_delivery_loop_send_each_reminder_once(due_tomorrow):
    now = due_tomorrow
    reminders.plan_before_meetings(now=now)
    assert Reminder.objects.count() == 2 * PAIRS
    start = threading.Barrier(4)
    counts: list[int] = []

    def worker(name):
        try:
            start.wait(timeout=10)
            # Planning again at the same moment must not add rows either.
            reminders.plan_before_meetings(now=now)
            counts.append(reminders.deliver_due(now=now, worker=name))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(f"w{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(counts) == 2 * PAIRS
    assert Reminder.objects.count() == 2 * PAIRS
    assert not Reminder.objects.filter(sent_at__isnull=True).exists()
    assert Notification.objects.filter(kind="meeting_reminder").count() == 2 * PAIRS
    sent = [m for m in mail.outbox if m.subject.startswith("[Tandem] Reminder")]
    assert len(sent) == 2 * PAIRS
    assert len({m.to[0] for m in sent}) == 2 * PAIRS  # everyone once


def _worker(database_url: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    }
    command = [sys.executable, "manage.py", "tandem_worker", "--batch", "--interval", "0.1"]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _database_url() -> str:
    db = connection.settings_dict
    user, host, port = db["USER"] or "postgres", db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


def test_two_worker_processes_send_each_reminder_once_and_a_restart_sends_nothing(
    due_tomorrow, settings
):
    # The job is queued twice (two clock ticks), as two workers would each pick one up.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    meeting_reminders_send.enqueue()
    meeting_reminders_send.enqueue()
    workers = [_worker(_database_url()) for _ in range(2)]
    outputs = [worker.communicate(timeout=120) for worker in workers]
    for worker, (_, errors) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, errors
    mails = sum(out.count("Subject: [Tandem] Reminder: meeting with") for out, _ in outputs)
    assert mails == 2 * PAIRS
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 2 * PAIRS
    assert Notification.objects.filter(kind="meeting_reminder").count() == 2 * PAIRS
    # A worker restarting runs the job again: nothing more goes out.
    meeting_reminders_send.enqueue()
    restarted = _worker(_database_url())
    out, errors = restarted.communicate(timeout=120)
    assert restarted.returncode == 0, errors
    assert "Subject: [Tandem] Reminder" not in out
    assert Notification.objects.filter(kind="meeting_reminder").count() == 2 * PAIRS
