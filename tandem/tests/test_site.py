import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_home_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_home_shows_open_programs_to_a_participant(client, outsider, program):
    client.force_login(outsider)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert program.name in response.content.decode()


def test_admin_home_is_refused_to_a_participant(client, mentee):
    client.force_login(mentee)
    assert client.get(reverse("admin_home")).status_code == 403


def test_admin_home_lists_the_programs_a_program_manager_runs(client, program_manager, program):
    client.force_login(program_manager)
    response = client.get(reverse("admin_home"))
    assert response.status_code == 200
    assert program.name in response.content.decode()


def test_signup_is_closed_by_default(client):
    response = client.get(reverse("account_signup"))
    assert "Sign Up Closed" in response.content.decode() or response.status_code == 403
