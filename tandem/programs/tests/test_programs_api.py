"""Programs and enrollments over the API."""

import pytest

from tandem.api.testing import api_client, fields
from tandem.programs.models import Enrollment, Program
from tandem.programs.tests.factories import (
    EnrollmentFactory,
    EnrollmentQuestionFactory,
    ProgramFactory,
)

pytestmark = pytest.mark.django_db

NEW_PROGRAM = {
    "name": "Sales mentoring",
    "purpose": "skills",
    "start_date": "2027-01-04",
    "end_date": "2027-06-30",
}


def test_participants_do_not_see_drafts(mentee, program):
    ProgramFactory(name="Secret", slug="secret", status="draft")
    body = api_client(mentee).get("/api/v1/programs/").json()
    assert [p["slug"] for p in body["items"]] == ["onboarding"]


def test_programs_filter_by_status_and_name(mentee, program, mutual_program):
    api = api_client(mentee)
    assert [
        p["slug"] for p in api.get("/api/v1/programs/", {"status": "running"}).json()["items"]
    ] == ["peers"]
    assert [p["slug"] for p in api.get("/api/v1/programs/", {"q": "onboard"}).json()["items"]] == [
        "onboarding"
    ]


def test_a_program_shows_its_questions_and_the_roles_to_enroll_in(mentee, program):
    EnrollmentQuestionFactory(program=program, text="What do you hope to gain?")
    body = api_client(mentee).get(f"/api/v1/programs/{program.slug}").json()
    assert body["roles"] == ["mentee", "mentor"]
    assert [q["text"] for q in body["questions"]] == ["What do you hope to gain?"]


def test_a_global_admin_creates_a_draft_run_by_themself(program_admin):
    response = api_client(program_admin).post("/api/v1/programs/", NEW_PROGRAM)
    assert response.status_code == 201
    program = Program.objects.get(slug=response.json()["slug"])
    assert program.status == "draft"
    assert list(program.admins.all()) == [program_admin]


def test_creating_names_other_admins_by_email(program_admin, program_manager):
    payload = NEW_PROGRAM | {"admin_emails": ["Manager@Example.com"]}
    slug = api_client(program_admin).post("/api/v1/programs/", payload).json()["slug"]
    assert list(Program.objects.get(slug=slug).admins.all()) == [program_manager]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"end_date": "2026-12-01"}, "end_date"),
        ({"purpose": "fun"}, "purpose"),
        ({"mentor_capacity_default": 50}, "mentor_capacity_default"),
        ({"admin_emails": ["ghost@example.com"]}, "admin_emails"),
        ({"name": ""}, "name"),
        ({"enrollment_deadline": "2028-01-01"}, "enrollment_deadline"),
    ],
)
def test_a_bad_program_names_the_field_and_creates_nothing(program_admin, change, field):
    response = api_client(program_admin).post("/api/v1/programs/", NEW_PROGRAM | change)
    assert response.status_code in (400, 422)
    assert field in fields(response)
    assert not Program.objects.filter(name="Sales mentoring").exists()


def test_a_manager_updates_only_the_fields_sent(program_manager, program):
    response = api_client(program_manager).patch(
        f"/api/v1/programs/{program.slug}", {"description": "A warm welcome."}
    )
    assert response.status_code == 200
    program.refresh_from_db()
    assert (program.description, program.name) == ("A warm welcome.", "New-hire onboarding")


def test_a_manager_adds_and_removes_admins(program_manager, program, mentor):
    api_client(program_manager).patch(
        f"/api/v1/programs/{program.slug}", {"admin_emails": ["mentor@example.com"]}
    )
    assert list(program.admins.all()) == [mentor]


def test_transitions_follow_the_lifecycle(program_manager, program):
    api = api_client(program_manager)
    response = api.post(f"/api/v1/programs/{program.slug}/transition", {"status": "closed"})
    assert response.status_code == 400
    assert fields(response) == ["status"]
    response = api.post(f"/api/v1/programs/{program.slug}/transition", {"status": "matching"})
    assert response.json()["status"] == "matching"


def test_enrolling_with_answers(mentee, program):
    question = EnrollmentQuestionFactory(program=program, text="Why?")
    other = ProgramFactory(slug="other")
    response = api_client(mentee).post(
        f"/api/v1/programs/{program.slug}/enrollments",
        {
            "role": "mentor",
            "capacity": 3,
            "answers": {str(question.pk): "To give back"},
            "read_guidelines": True,
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["role"], body["capacity"], body["status"]) == ("mentor", 3, "pending")
    assert body["answers"] == [{"question": question.pk, "answer": "To give back"}]
    assert other.enrollments.count() == 0


def test_a_required_answer_missing_is_named(mentee, program):
    question = EnrollmentQuestionFactory(program=program, required=True)
    response = api_client(mentee).post(
        f"/api/v1/programs/{program.slug}/enrollments", {"role": "mentee", "read_guidelines": True}
    )
    assert response.status_code == 400
    assert fields(response) == [f"question_{question.pk}"]
    assert not Enrollment.objects.filter(person=mentee).exists()


def test_enrolling_needs_the_guidelines_read(mentee, program):
    response = api_client(mentee).post(
        f"/api/v1/programs/{program.slug}/enrollments", {"role": "mentee", "read_guidelines": False}
    )
    assert fields(response) == ["read_guidelines"]


def test_enrolling_twice_in_the_same_role_is_refused(enrolled, mentee, program):
    response = api_client(mentee).post(
        f"/api/v1/programs/{program.slug}/enrollments", {"role": "mentee", "read_guidelines": True}
    )
    assert response.status_code == 400
    assert fields(response) == ["role"]


def test_a_bad_answer_key_is_named(mentee, program):
    response = api_client(mentee).post(
        f"/api/v1/programs/{program.slug}/enrollments",
        {"role": "mentee", "read_guidelines": True, "answers": {"why": "x"}},
    )
    assert fields(response) == ["answers.why"]


def test_i_withdraw_my_enrollment(enrolled, mentee):
    enrollment = enrolled["mentee"]
    response = api_client(mentee).post(f"/api/v1/programs/enrollments/{enrollment.pk}/withdraw")
    assert response.json()["status"] == "withdrawn"


def test_my_enrollments(enrolled, mentee):
    body = api_client(mentee).get("/api/v1/programs/enrollments/mine").json()
    assert [(e["program"], e["role"]) for e in body["items"]] == [("onboarding", "mentee")]


def test_managers_list_enrollments_with_filters(enrolled, program_manager, program):
    api = api_client(program_manager)
    body = api.get(f"/api/v1/programs/{program.slug}/enrollments", {"role": "mentor"}).json()
    assert [e["person"]["name"] for e in body["items"]] == ["Maria Mentor"]
    body = api.get(f"/api/v1/programs/{program.slug}/enrollments", {"q": "theo"}).json()
    assert body["count"] == 1


def test_a_decision_with_a_capacity(enrolled, program_manager, program):
    mentor_enrollment = enrolled["mentor"]
    response = api_client(program_manager).post(
        f"/api/v1/programs/{program.slug}/enrollments/{mentor_enrollment.pk}/decision",
        {"status": "approved", "capacity": 4, "note": "Welcome"},
    )
    assert response.status_code == 200
    assert (response.json()["capacity"], response.json()["decision_note"]) == (4, "Welcome")


def test_a_decision_must_be_a_decision(enrolled, program_manager, program):
    response = api_client(program_manager).post(
        f"/api/v1/programs/{program.slug}/enrollments/{enrolled['mentee'].pk}/decision",
        {"status": "pending"},
    )
    assert response.status_code == 400
    assert fields(response) == ["status"]


def test_a_decision_on_another_programs_enrollment_is_a_404(
    enrolled, program_manager, mutual_program
):
    response = api_client(program_manager).post(
        f"/api/v1/programs/{mutual_program.slug}/enrollments/{enrolled['mentee'].pk}/decision",
        {"status": "approved"},
    )
    assert response.status_code == 404


def test_bulk_decisions_decide_every_selected_enrollment(program_manager, program):
    pending = [EnrollmentFactory(program=program, status="pending") for _ in range(3)]
    api = api_client(program_manager)
    ids = [e.pk for e in pending]
    response = api.post(
        f"/api/v1/programs/{program.slug}/enrollments/decisions",
        {"enrollments": ids, "status": "approved"},
    )
    assert response.json() == {"decided": 3}
    assert set(Enrollment.objects.filter(pk__in=ids).values_list("status", flat=True)) == {
        "approved"
    }


def test_bulk_decisions_ignore_other_programs(program_manager, program, mutual_program):
    elsewhere = EnrollmentFactory(program=mutual_program, role="peer", status="pending")
    response = api_client(program_manager).post(
        f"/api/v1/programs/{program.slug}/enrollments/decisions",
        {"enrollments": [elsewhere.pk], "status": "declined"},
    )
    assert response.json() == {"decided": 0}
    elsewhere.refresh_from_db()
    assert elsewhere.status == "pending"
