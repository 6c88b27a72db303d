"""The growth jobs as the worker runs them: reminders and closing, once however often it runs."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from tandem.growth.models import Assessment
from tandem.growth.tasks import assessment_reminders, assessments_close
from tandem.growth.tests.factories import make_assessment
from tandem.notifications.schedule import periodic_jobs
from tandem.people.taxonomy import taxonomy_load_current

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _taxonomy():
    taxonomy_load_current()  # transactional tests empty what the migrations loaded


def test_the_jobs_are_on_the_clock():
    jobs = periodic_jobs()
    assert jobs[assessment_reminders.module_path].every == datetime.timedelta(hours=6)
    assert jobs[assessments_close.module_path].every == datetime.timedelta(hours=1)


def test_two_worker_runs_send_each_reminder_once(settings, time_machine, mentorship):
    make_assessment(mentorship=mentorship, coworkers=["ana@example.com"])
    mail.outbox.clear()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    time_machine.shift(datetime.timedelta(days=4))
    call_command("tandem_worker", "--batch", "--verbosity", "0")
    reminded = sorted(m.to[0] for m in mail.outbox)
    assert reminded == ["ana@example.com", "mentee@example.com", "mentor@example.com"]
    time_machine.shift(datetime.timedelta(hours=7))  # the job is due again: nothing is owed
    call_command("tandem_worker", "--batch", "--verbosity", "0")
    assert len(mail.outbox) == 3


def test_the_worker_closes_assessments_past_their_day(settings, time_machine, mentorship):
    assessment = make_assessment(mentorship=mentorship)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    time_machine.shift(datetime.timedelta(days=15))
    call_command("tandem_worker", "--batch", "--verbosity", "0")
    assert Assessment.objects.get(pk=assessment.pk).is_closed
