"""A participant downloads everything Tandem holds about them, and asks for erasure: their
personal data goes everywhere, the programs' numbers stay."""

import datetime
import json
from collections import Counter

import pytest
from allauth.account.models import EmailAddress
from axes.models import AccessAttempt
from django.apps import apps
from django.db import models
from django.db.models.functions import Cast

from tandem.api.models import ApiToken
from tandem.api.services import api_token_create
from tandem.api.testing import api_client, fields
from tandem.mentorships.models import Mentorship
from tandem.notifications.services import notify
from tandem.people.models import Profile, User
from tandem.people.tests.factories import LanguageFactory, ProfileSkillFactory, SkillFactory
from tandem.privacy.models import ErasureRequest
from tandem.privacy.services import person_erase, personal_data_collect
from tandem.programs.models import EnrollmentAnswer
from tandem.programs.services import enrollment_counts
from tandem.programs.tests.factories import EnrollmentQuestionFactory

pytestmark = pytest.mark.django_db

NAME, EMAIL = "Theo Mentee", "mentee@example.com"


@pytest.fixture
def rich_mentee(client, enrolled, mentorship, mentee, mentor, program, program_manager):
    """The mentee with something in every corner of Tandem."""
    Profile.objects.filter(user=mentee).update(
        bio="I moved from support to engineering.",
        career_goals="Lead a team",
        birthday=datetime.date(1994, 5, 17),
        location="Lisbon",
    )
    mentee.profile.languages.add(LanguageFactory(code="pt", name="Portuguese"))
    ProfileSkillFactory(profile=mentee.profile, skill=SkillFactory(name="Python"), level=3)
    question = EnrollmentQuestionFactory(program=program, text="Why?")
    EnrollmentAnswer.objects.create(
        enrollment=enrolled["mentee"], question=question, answer="Theo Mentee wants to grow"
    )
    notify(recipient=mentee, kind="test", title="Welcome, Theo Mentee", email=False)
    notify(recipient=mentor, kind="test", title=f"{NAME} accepted", body=EMAIL, email=False)
    api_token_create(user=mentee, name="my script")
    EmailAddress.objects.create(user=mentee, email=EMAIL, primary=True, verified=True)
    # A failed sign-in and admin changes that name the mentee in the audit log.
    client.post("/accounts/login/", {"login": EMAIL, "password": "wrong"})
    program.admins.add(mentee)
    return mentee


def _numbers() -> dict:
    from tandem.programs.models import Program

    return {
        "enrollments": {p.slug: enrollment_counts(program=p) for p in Program.objects.all()},
        "mentorships": Counter(Mentorship.objects.values_list("program__slug", "status")),
    }


def _mentions(*needles: str) -> list[str]:
    """Every table and column where any needle is still written."""
    hits = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField | models.JSONField):
                continue
            column = Cast(field.name, models.TextField())
            condition = models.Q()
            for needle in needles:
                condition |= models.Q(_text__icontains=needle)
            rows = model._base_manager.annotate(_text=column).filter(condition)
            if rows.exists():
                hits.append(f"{model._meta.label}.{field.name}")
    return hits


def test_my_data_has_every_apps_part(rich_mentee):
    data = personal_data_collect(person=rich_mentee)
    assert data["people"]["profile"]["birthday"] == "1994-05-17"
    assert data["programs"]["enrollments"][0]["answers"][0]["answer"] == "Theo Mentee wants to grow"
    assert data["mentorships"]["mentorships"][0]["partner"] == "Maria Mentor"
    assert data["mentorships"]["mentorships"][0]["agreements"][0]["goals"]
    assert data["notifications"]["notifications"][0]["title"] == "Welcome, Theo Mentee"
    assert data["api"]["api_tokens"][0]["name"] == "my script"
    assert "key_hash" not in json.dumps(data)
    json.dumps(data)  # ready for JSON as it is


def test_the_download_page_and_the_api_give_the_same_data(client, rich_mentee):
    client.force_login(rich_mentee)
    download = client.get("/privacy/my-data.json")
    assert download["Content-Disposition"].startswith('attachment; filename="tandem-my-data-')
    from_page = json.loads(download.content)
    from_api = api_client(rich_mentee).get("/api/v1/privacy/my-data").json()
    for data in (from_page, from_api):
        data.pop("generated_at")
        data["api"].pop("api_tokens")  # the API client made a token of its own
    assert from_page == from_api


def test_erasure_leaves_nothing_personal_and_keeps_the_numbers(
    rich_mentee, django_capture_on_commit_callbacks
):
    before = _numbers()
    assert _mentions(NAME, EMAIL)  # the check finds them before
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client(rich_mentee).post(
            "/api/v1/privacy/erasure", {"confirm_email": "Mentee@Example.com"}
        )
    assert response.status_code == 202
    assert ErasureRequest.objects.get().status == "done"
    assert _mentions(NAME, EMAIL) == []
    assert _numbers() == before


def test_after_erasure_the_account_is_closed_and_anonymous(rich_mentee, mentorship, mentor):
    person_erase(person=rich_mentee)
    person = User.objects.get(pk=rich_mentee.pk)
    assert (str(person), person.is_active, person.has_usable_password()) == (
        "Former participant",
        False,
        False,
    )
    profile = person.profile
    assert (profile.bio, profile.birthday, profile.skills.count(), profile.languages.count()) == (
        "",
        None,
        0,
        0,
    )
    assert not ApiToken.objects.filter(user=person).exists()
    assert not AccessAttempt.objects.exists()
    assert not person.administered_programs.exists()
    # The partner keeps the mentorship, with an anonymous partner.
    mentorship.refresh_from_db()
    assert (mentorship.status, str(mentorship.mentee)) == ("active", "Former participant")
    assert mentor.notifications.get(kind="test").title == "Former participant accepted"


def test_after_erasure_the_old_credentials_open_nothing(client, rich_mentee):
    _token, key = api_token_create(user=rich_mentee, name="old")
    person_erase(person=rich_mentee)
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    login = client.post("/accounts/login/", {"login": EMAIL, "password": "tandem-test"})
    assert login.status_code == 200  # the form again, with an error


def test_erasure_needs_my_own_email_typed(mentee):
    response = api_client(mentee).post("/api/v1/privacy/erasure", {"confirm_email": "x@y.z"})
    assert response.status_code == 400
    assert fields(response) == ["confirm_email"]
    assert not ErasureRequest.objects.exists()


def test_erasure_requested_twice_is_refused_while_under_way(mentee, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    api = api_client(mentee)
    assert api.post("/api/v1/privacy/erasure", {"confirm_email": EMAIL}).status_code == 202
    second = api.post("/api/v1/privacy/erasure", {"confirm_email": EMAIL})
    assert second.status_code == 400
    assert fields(second) == ["confirm_email"]


def test_the_erasure_page_confirms_then_signs_out(
    client, mentee, django_capture_on_commit_callbacks
):
    client.force_login(mentee)
    refused = client.post("/privacy/erase/", {"confirm_email": EMAIL})
    assert refused.status_code == 400  # the "I understand" box
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post("/privacy/erase/", {"confirm_email": EMAIL, "understood": "on"})
    assert done.status_code == 302 and done.url == "/accounts/login/"
    assert client.get("/").status_code == 302
    assert not User.objects.get(pk=mentee.pk).is_active


def test_a_failed_erasure_is_recorded_and_resumed(mentee, monkeypatch, settings):
    from tandem.privacy import services, tasks

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    request = services.erasure_request(person=mentee, confirm_email=EMAIL)
    monkeypatch.setattr(services, "person_erase", _boom)
    with pytest.raises(RuntimeError):
        tasks.erasure_carry_out.call(request_id=request.pk)
    request.refresh_from_db()
    assert request.status == "failed" and "disk full" in request.error
    monkeypatch.undo()
    ErasureRequest.objects.filter(pk=request.pk).update(
        requested_at=request.requested_at - datetime.timedelta(hours=1)
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert tasks.erasure_requests_resume.call() == 1
    request.refresh_from_db()
    assert request.status == "done"


def _boom(**kwargs):
    raise RuntimeError("disk full")
