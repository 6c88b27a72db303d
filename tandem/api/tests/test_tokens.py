import pytest

from tandem.api.models import ApiToken
from tandem.api.services import api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db


def _bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_token_from_email_and_password_opens_the_api(client, mentee):
    response = client.post(
        "/api/v1/auth/token",
        {"email": "Mentee@Example.com", "password": "tandem-test", "name": "my script"},
        content_type="application/json",
    )
    assert response.status_code == 201
    key = response.json()["token"]
    me = client.get("/api/v1/me", **_bearer(key))
    assert me.status_code == 200
    assert me.json()["email"] == "mentee@example.com"


def test_a_wrong_password_gets_401_and_no_token(client, mentee):
    response = client.post(
        "/api/v1/auth/token",
        {"email": "mentee@example.com", "password": "wrong"},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert not ApiToken.objects.exists()


def test_only_a_hash_of_the_key_is_stored(mentee):
    token, key = api_token_create(user=mentee, name="sync")
    assert key not in {token.key_hash, token.prefix} and key.startswith(token.prefix)


def test_a_revoked_token_is_refused(client, mentee):
    token, key = api_token_create(user=mentee, name="sync")
    api_token_revoke(token=token, by=mentee)
    assert client.get("/api/v1/me", **_bearer(key)).status_code == 401


def test_no_token_no_entry(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["detail"]


def test_a_malformed_payload_names_the_field(client):
    response = client.post(
        "/api/v1/auth/token", {"email": "x@example.com"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["password"]


def test_the_schema_is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/auth/token" in response.json()["paths"]
