"""Forms refuse posts without their CSRF token; every answer carries the security headers."""

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from tandem.api.services import api_token_create
from tandem.tests import access
from tandem.tests.matrix import signed_in_as_someone_allowed

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("row", access.PAGES, ids=lambda row: row.id)
def test_every_page_refuses_a_post_without_its_csrf_token(row, cast):
    client = signed_in_as_someone_allowed(row, cast, enforce_csrf_checks=True)
    response = client.post(row.url(cast), row.payload(cast, None) or {})
    if row.name == "api_not_found":  # answers 404 to anything, changes nothing
        assert response.status_code == 404
        return
    # 403: the CSRF check refused it; 405: the page takes no POST at all.
    assert response.status_code in (403, 405), response.status_code
    if response.status_code == 403:
        assert b"CSRF" in response.content


def test_the_login_form_refuses_a_post_without_its_csrf_token(mentee):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": mentee.email, "password": "tandem-test"})
    assert response.status_code == 403


def test_the_api_with_a_session_needs_the_csrf_token_but_not_with_a_bearer_token(mentee):
    session = Client(enforce_csrf_checks=True)
    session.force_login(mentee)
    refused = session.post("/api/v1/me/tokens", {"name": "x"}, content_type="application/json")
    assert refused.status_code in (401, 403)
    _token, key = api_token_create(user=mentee, name="script")
    bearer = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {key}")
    accepted = bearer.post("/api/v1/me/tokens", {"name": "x"}, content_type="application/json")
    assert accepted.status_code == 201


def test_pages_carry_the_security_headers(client, mentee):
    client.force_login(mentee)
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_hsts_only_over_https_when_configured(client, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    assert "Strict-Transport-Security" not in client.get("/healthz")
    secure = client.get("/healthz", secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000"


def test_no_hsts_by_default(client):
    assert "Strict-Transport-Security" not in client.get("/healthz", secure=True)


def test_the_api_docs_are_served_without_a_cdn(client):
    page = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    assert finders.find("ninja/swagger-ui-bundle.js") is not None


def test_a_nul_character_in_the_address_is_a_400(client, mentee):
    client.force_login(mentee)
    assert client.get("/people/skills/search/?q=py%00thon").status_code == 400
    api = client.get("/api/v1/people/skills?q=%00")
    assert api.status_code == 400 and "NUL" in api.json()["detail"]
