"""Sign-in abuse: after LOGIN_FAILURE_LIMIT failures for one e-mail from one address, the login
form and the token endpoint refuse it with a clear message until the cool-off has passed.
Attempts live in the database (django-axes' handler), so each test starts with none."""

import datetime

import pytest
import time_machine
from django.conf import settings

from tandem.api.models import ApiToken

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC)
LIMIT = settings.AXES_FAILURE_LIMIT


def _login(client, password: str, email: str = "mentee@example.com"):
    return client.post("/accounts/login/", {"login": email, "password": password})


def _token(client, password: str, email: str = "mentee@example.com"):
    return client.post(
        "/api/v1/auth/token",
        {"email": email, "password": password},
        content_type="application/json",
    )


@time_machine.travel(NOW, tick=False)
def test_the_login_form_locks_at_the_limit_and_says_so(client, mentee):
    for _ in range(LIMIT - 1):
        assert _login(client, "wrong").status_code == 200
    locked = _login(client, "wrong")
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert locked["Retry-After"] == str(settings.AXES_COOLOFF_TIME.seconds)
    # Even the right password is refused while locked.
    assert _login(client, "tandem-test").status_code == 429


def test_the_lock_lifts_after_the_cool_off(client, mentee):
    with time_machine.travel(NOW, tick=False):
        for _ in range(LIMIT):
            _login(client, "wrong")
        assert _login(client, "tandem-test").status_code == 429
    with time_machine.travel(NOW + settings.AXES_COOLOFF_TIME + datetime.timedelta(minutes=1)):
        response = _login(client, "tandem-test")
        assert response.status_code == 302
        assert response.url == "/"


@time_machine.travel(NOW, tick=False)
def test_a_success_before_the_limit_starts_the_count_again(client, mentee):
    for _ in range(LIMIT - 1):
        _login(client, "wrong")
    assert _login(client, "tandem-test").status_code == 302
    client.logout()
    for _ in range(LIMIT - 1):
        assert _login(client, "wrong").status_code == 200


@time_machine.travel(NOW, tick=False)
def test_another_email_is_not_locked(client, mentee, mentor):
    for _ in range(LIMIT):
        _login(client, "wrong")
    assert _login(client, "tandem-test", email="mentor@example.com").status_code == 302


@time_machine.travel(NOW, tick=False)
def test_the_token_endpoint_locks_with_a_json_429(client, mentee):
    for _ in range(LIMIT - 1):
        assert _token(client, "wrong").status_code == 401
    locked = _token(client, "wrong")
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.json()["detail"]
    assert _token(client, "tandem-test").status_code == 429
    assert not ApiToken.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_failures_on_the_form_and_the_api_count_together(client, mentee):
    for _ in range(LIMIT - 1):
        _login(client, "wrong")
    assert _token(client, "wrong").status_code == 429
