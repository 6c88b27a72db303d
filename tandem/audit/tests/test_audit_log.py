"""The audit log: who changed what (before and after) and when, for programs and their admins,
enrollments, mentorships, agreements and permissions; who may read which entries."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from tandem.api.testing import api_client
from tandem.mentorships.services import mentorship_transition
from tandem.programs.models import Program
from tandem.programs.services import enrollment_decide

pytestmark = pytest.mark.django_db


def _entries(model, **filters):
    content_type = ContentType.objects.get_for_model(model)
    return LogEntry.objects.filter(content_type=content_type, **filters).order_by("pk")


def test_a_program_created_through_the_api_is_logged_with_its_author(program_admin):
    response = api_client(program_admin).post(
        "/api/v1/programs/",
        {
            "name": "Sales",
            "purpose": "skills",
            "start_date": "2027-01-04",
            "end_date": "2027-06-30",
        },
    )
    program = Program.objects.get(slug=response.json()["slug"])
    created = _entries(Program, object_id=program.pk, action=LogEntry.Action.CREATE).get()
    assert created.actor == program_admin
    assert created.additional_data == {"program": program.pk}


def test_admins_added_and_removed_are_logged(client, program_manager, program, mentor):
    api_client(program_manager).patch(
        f"/api/v1/programs/{program.slug}", {"admin_emails": ["mentor@example.com"]}
    )
    entries = _entries(Program, object_id=program.pk)
    changes = [e.changes["admins"] for e in entries if "admins" in e.changes]
    assert {"type": "m2m", "operation": "add", "objects": ["Maria Mentor"]} in changes
    assert {"type": "m2m", "operation": "delete", "objects": ["Pat Manager"]} in changes


def test_an_enrollment_decision_records_before_and_after(enrolled, program_manager):
    enrollment = enrolled["mentee"]
    enrollment_decide(enrollment=enrollment, status="waitlisted", by=program_manager)
    entry = _entries(type(enrollment), object_id=enrollment.pk).last()
    assert entry.changes["status"] == ["approved", "waitlisted"]


def test_a_permission_change_is_logged(mentor):
    mentor.is_program_admin = True
    mentor.save()
    entry = _entries(type(mentor), object_id=mentor.pk).last()
    assert entry.changes == {"is_program_admin": [False, True]}


def test_an_ordinary_profile_change_is_not_in_the_log(mentor):
    before = LogEntry.objects.count()
    mentor.first_name = "Mara"
    mentor.save()
    assert LogEntry.objects.count() == before


def test_a_mentorship_transition_is_logged_and_agreement_terms_never_are(mentorship, mentor):
    mentorship_transition(mentorship=mentorship, to_status="paused", by=mentor)
    entry = _entries(type(mentorship), object_id=mentorship.pk).last()
    assert entry.changes["status"] == ["active", "paused"]
    everything = str(list(LogEntry.objects.values_list("changes", "object_repr")))
    assert "Find my feet" not in everything  # the agreement's goals
    assert "agenda a day before" not in everything  # its preparation clause


def _seen_by(user) -> set[int]:
    body = api_client(user).get("/api/v1/audit/entries", {"limit": 200}).json()
    return {entry["id"] for entry in body["items"]}


def test_a_program_admin_reads_only_their_programs_entries(
    enrolled, program_manager, other_program_admin, program_admin, mentor
):
    enrollment_decide(enrollment=enrolled["mentee"], status="declined", by=program_manager)
    mentor.is_program_admin = True
    mentor.save()
    theirs = set(
        LogEntry.objects.filter(additional_data__program=enrolled["mentee"].program_id).values_list(
            "pk", flat=True
        )
    )
    permission = _entries(type(mentor), object_id=mentor.pk).last().pk
    assert theirs <= _seen_by(program_manager) and permission not in _seen_by(program_manager)
    assert not (theirs & _seen_by(other_program_admin))
    assert theirs | {permission} <= _seen_by(program_admin)


def test_the_log_filters_by_model_person_and_date(enrolled, program_manager, program_admin):
    enrollment = enrolled["mentee"]
    api_client(program_manager).post(
        f"/api/v1/programs/{enrollment.program.slug}/enrollments/{enrollment.pk}/decision",
        {"status": "declined"},
    )
    api = api_client(program_admin)
    by_model = api.get("/api/v1/audit/entries", {"model": "programs.enrollment"}).json()["items"]
    assert by_model and {e["model"] for e in by_model} == {"programs.enrollment"}
    by_person = api.get("/api/v1/audit/entries", {"person": "manager@example.com"}).json()
    assert any(e["model"] == "programs.enrollment" for e in by_person["items"])
    assert all(
        (e["actor"] or {}).get("name") == "Pat Manager" or e["object"] == "Pat Manager"
        for e in by_person["items"]
    )
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    assert api.get("/api/v1/audit/entries", {"date_from": tomorrow}).json()["count"] == 0


def test_the_audit_page_for_a_program_admin(client, enrolled, program_manager):
    enrollment_decide(enrollment=enrolled["mentee"], status="declined", by=program_manager)
    client.force_login(program_manager)
    page = client.get("/audit/", {"model": "programs.enrollment"})
    assert page.status_code == 200
    assert "Theo Mentee" in page.content.decode() and "declined" in page.content.decode()


def test_a_bad_filter_on_the_page_is_named(client, program_admin):
    client.force_login(program_admin)
    page = client.get("/audit/", {"date_from": "2026-02-01", "date_to": "2026-01-01"})
    assert page.status_code == 400
    assert "The end date is before the start date." in page.content.decode()
