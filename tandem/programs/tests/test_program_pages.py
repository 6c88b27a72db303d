import pytest
from django.urls import reverse

from tandem.programs.models import Enrollment, Program
from tandem.programs.tests.factories import EnrollmentQuestionFactory, ProgramFactory
from tandem.tests.roles import ROLES

pytestmark = pytest.mark.django_db

MANAGERS = {"program_manager", "program_admin", "superuser"}
GLOBAL_ADMINS = {"program_admin", "superuser"}


def _expected(role: str, allowed: set[str], refused: int = 403) -> int:
    if role == "anonymous":
        return 302
    return 200 if role in allowed else refused


@pytest.mark.parametrize("role", ROLES)
def test_program_list(role, as_role, enrolled):
    assert as_role(role).get(reverse("programs:list")).status_code == _expected(role, set(ROLES))


@pytest.mark.parametrize("role", ROLES)
def test_program_detail_of_an_enrolling_program(role, as_role, enrolled, program):
    response = as_role(role).get(program.get_absolute_url())
    assert response.status_code == _expected(role, set(ROLES))


@pytest.mark.parametrize("role", ROLES)
def test_a_draft_program_is_seen_only_by_its_managers(role, as_role, enrolled, program):
    Program.objects.filter(pk=program.pk).update(status="draft")
    response = as_role(role).get(program.get_absolute_url())
    assert response.status_code == _expected(role, MANAGERS, refused=404)


@pytest.mark.parametrize("role", ROLES)
def test_create_page(role, as_role, enrolled):
    response = as_role(role).get(reverse("programs:create"))
    assert response.status_code == _expected(role, GLOBAL_ADMINS)


@pytest.mark.parametrize("role", ROLES)
def test_edit_page(role, as_role, enrolled, program):
    response = as_role(role).get(reverse("programs:edit", args=[program.slug]))
    assert response.status_code == _expected(role, MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_enrollments_page(role, as_role, enrolled, program):
    response = as_role(role).get(reverse("programs:enrollments", args=[program.slug]))
    assert response.status_code == _expected(role, MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_transition(role, as_role, enrolled, program):
    response = as_role(role).post(
        reverse("programs:transition", args=[program.slug]), {"status": "matching"}
    )
    program.refresh_from_db()
    if role in MANAGERS:
        assert response.status_code == 302
        assert program.status == "matching"
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert program.status == "enrolling"


@pytest.mark.parametrize("role", ROLES)
def test_decide(role, as_role, enrolled, program):
    enrollment = enrolled["mentee"]
    response = as_role(role).post(
        reverse("programs:decide", args=[program.slug, enrollment.pk]), {"status": "declined"}
    )
    enrollment.refresh_from_db()
    if role in MANAGERS:
        assert response.status_code == 302
        assert enrollment.status == "declined"
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert enrollment.status == "approved"


def test_an_illegal_transition_shows_a_message_not_a_500(client, program_admin, program):
    client.force_login(program_admin)
    response = client.post(
        reverse("programs:transition", args=[program.slug]), {"status": "closed"}, follow=True
    )
    assert response.status_code == 200
    assert "A program cannot go from Enrolling to Closed." in response.content.decode()


def _program_data(**overrides):
    data = {
        "name": "Women in leadership",
        "purpose": "leadership",
        "format": "mentoring",
        "description": "Senior women mentor rising leaders.",
        "start_date": "2027-01-11",
        "end_date": "2027-07-09",
        "enrollment_deadline": "2027-01-01",
        "meeting_frequency": "monthly",
        "matching_mode": "hybrid",
        "mentor_capacity_default": "2",
        "mentor_guidelines": "Be generous with your network.",
        "mentee_guidelines": "Bring a question each time.",
        "admin_emails": "",
        "questions-TOTAL_FORMS": "1",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
        "questions-0-text": "Which leadership skill do you want to grow?",
        "questions-0-help_text": "",
        "questions-0-kind": "text",
        "questions-0-choices": "",
        "questions-0-required": "on",
        "questions-0-for_role": "mentee",
        "questions-0-position": "0",
    }
    return data | overrides


def test_an_admin_creates_a_program_with_a_question(client, program_admin):
    client.force_login(program_admin)
    response = client.post(reverse("programs:create"), _program_data())
    program = Program.objects.get(name="Women in leadership")
    assert response.status_code == 302
    assert response["Location"] == program.get_absolute_url()
    assert program.slug == "women-in-leadership"
    assert program.status == "draft"
    assert list(program.admins.all()) == [program_admin]
    assert program.questions.get().for_role == "mentee"


def test_program_form_errors_name_their_fields(client, program_admin):
    client.force_login(program_admin)
    data = _program_data(
        end_date="2026-01-01",
        admin_emails="nobody@nowhere.example",
        **{"questions-0-kind": "choice", "questions-0-choices": "Only one"},
    )
    response = client.post(reverse("programs:create"), data)
    assert response.status_code == 400
    form, questions = response.context["form"], response.context["questions"]
    assert form.errors["end_date"] == ["The program must end after it starts."]
    assert "nobody@nowhere.example" in form.errors["admin_emails"][0]
    assert questions.forms[0].errors["choices"] == ["Give at least two options, one per line."]
    assert not Program.objects.filter(name="Women in leadership").exists()


def test_a_participant_enrolls_through_the_page(client, outsider, program):
    question = EnrollmentQuestionFactory(program=program, text="What do you hope to gain?")
    client.force_login(outsider)
    response = client.post(
        reverse("programs:enroll", args=[program.slug]),
        {
            "role": "mentee",
            "motivation": "Find my feet",
            "read_guidelines": "on",
            f"question_{question.pk}": "Confidence",
        },
    )
    assert response.status_code == 302
    enrollment = Enrollment.objects.get(person=outsider)
    assert enrollment.answers.get().answer == "Confidence"
    page = client.get(program.get_absolute_url()).content.decode()
    assert "Awaiting approval" in page


def test_enroll_form_errors_are_shown_at_their_fields(client, outsider, program):
    question = EnrollmentQuestionFactory(program=program, required=True)
    client.force_login(outsider)
    response = client.post(reverse("programs:enroll", args=[program.slug]), {"role": "mentee"})
    assert response.status_code == 400
    errors = response.context["enroll_form"].errors
    assert "read_guidelines" in errors
    response = client.post(
        reverse("programs:enroll", args=[program.slug]),
        {"role": "mentee", "read_guidelines": "on"},
    )
    assert response.status_code == 400
    errors = response.context["enroll_form"].errors
    assert errors[f"question_{question.pk}"] == ["Please answer this question."]
    assert not Enrollment.objects.filter(person=outsider).exists()


def test_enrolling_in_a_role_the_program_lacks_is_a_field_error(client, outsider):
    program = ProgramFactory(format="mutual", slug="peers")
    client.force_login(outsider)
    response = client.post(
        reverse("programs:enroll", args=[program.slug]),
        {"role": "mentor", "read_guidelines": "on"},
    )
    assert response.status_code == 400
    assert "role" in response.context["enroll_form"].errors


def test_withdraw_is_only_for_the_person_enrolled(client, enrolled, outsider, mentee):
    enrollment = enrolled["mentee"]
    client.force_login(outsider)
    assert client.post(reverse("programs:withdraw", args=[enrollment.pk])).status_code == 404
    client.force_login(mentee)
    assert client.post(reverse("programs:withdraw", args=[enrollment.pk])).status_code == 302
    enrollment.refresh_from_db()
    assert enrollment.status == "withdrawn"


def test_an_htmx_decision_rerenders_the_row(client, enrolled, program, program_manager):
    client.force_login(program_manager)
    enrollment = enrolled["mentor"]
    response = client.post(
        reverse("programs:decide", args=[program.slug, enrollment.pk]),
        {"status": "waitlisted", "capacity": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert f'id="enrollment-{enrollment.pk}"' in response.content.decode()
    enrollment.refresh_from_db()
    assert (enrollment.status, enrollment.capacity) == ("waitlisted", 1)


def test_a_bad_htmx_decision_is_a_400_with_a_message(client, enrolled, program, program_manager):
    client.force_login(program_manager)
    response = client.post(
        reverse("programs:decide", args=[program.slug, enrolled["mentor"].pk]),
        {"status": "approved", "capacity": "99"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert "capacity" in response.content.decode()


def test_bulk_decisions(client, enrolled, program, program_manager):
    client.force_login(program_manager)
    ids = [enrolled["mentor"].pk, enrolled["mentee"].pk]
    client.post(
        reverse("programs:decide_bulk", args=[program.slug]),
        {"status": "waitlisted", "enrollment": ids},
    )
    assert set(Enrollment.objects.values_list("status", flat=True)) == {"waitlisted"}


def test_the_enrollments_page_filters_by_role(client, enrolled, program, program_manager):
    client.force_login(program_manager)
    response = client.get(reverse("programs:enrollments", args=[program.slug]), {"role": "mentor"})
    assert list(response.context["enrollments"]) == [enrolled["mentor"]]
