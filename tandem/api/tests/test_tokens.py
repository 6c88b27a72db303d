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


def test_i_list_create_and_revoke_my_tokens(mentee):
    from tandem.api.testing import api_client

    api = api_client(mentee)
    created = api.post("/api/v1/me/tokens", {"name": "HR sync"})
    assert created.status_code == 201
    key, token_id = created.json()["token"], created.json()["id"]
    listed = api.get("/api/v1/me/tokens").json()
    assert {"HR sync", "tests"} == {t["name"] for t in listed}
    assert key not in str(listed)
    revoked = api.post(f"/api/v1/me/tokens/{token_id}/revoke")
    assert revoked.json()["revoked_at"]
    assert client_with(key).get("/api/v1/me").status_code == 401


def test_someone_elses_token_cannot_be_revoked(mentee, mentor):
    from tandem.api.testing import api_client

    token, key = api_token_create(user=mentor, name="theirs")
    assert api_client(mentee).post(f"/api/v1/me/tokens/{token.pk}/revoke").status_code == 404
    assert client_with(key).get("/api/v1/me").status_code == 200


def test_a_token_needs_a_name(mentee):
    from tandem.api.testing import api_client, fields

    response = api_client(mentee).post("/api/v1/me/tokens", {"name": "  "})
    assert response.status_code == 400
    assert fields(response) == ["name"]


def test_the_last_use_is_recorded(mentee):
    token, key = api_token_create(user=mentee, name="sync")
    client_with(key).get("/api/v1/me")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_token_of_a_deactivated_person_is_refused(mentee):
    _token, key = api_token_create(user=mentee, name="sync")
    mentee.is_active = False
    mentee.save()
    assert client_with(key).get("/api/v1/me").status_code == 401


def client_with(key):
    from django.test import Client

    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


# --- the token section of my profile page -----------------------------------------------------


def test_my_profile_page_lists_my_tokens_but_not_on_someone_elses(client, mentee, mentor):
    api_token_create(user=mentee, name="HR sync")
    client.force_login(mentee)
    assert "HR sync" in client.get(f"/people/{mentee.pk}/").content.decode()
    assert "API tokens" not in client.get(f"/people/{mentor.pk}/").content.decode()


def test_creating_a_token_on_the_page_shows_the_key_once(client, mentee):
    import re

    from tandem.api.models import hash_key

    client.force_login(mentee)
    page = client.post("/api-tokens/new/", {"name": "Reports"}).content.decode()
    key = re.search(r"tdm_[\w-]+", page).group()
    assert ApiToken.objects.get(name="Reports").key_hash == hash_key(key)
    assert key not in client.get(f"/people/{mentee.pk}/").content.decode()


def test_a_nameless_token_is_refused_on_the_page(client, mentee):
    client.force_login(mentee)
    response = client.post("/api-tokens/new/", {"name": ""})
    assert response.status_code == 400
    assert "Give the token a name" in response.content.decode()


def test_revoking_on_the_page(client, mentee):
    token, _key = api_token_create(user=mentee, name="old")
    client.force_login(mentee)
    assert client.post(f"/api-tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_token_name_with_a_nul_character_is_refused_by_name(client, mentee):
    client.force_login(mentee)
    response = client.post("/api-tokens/new/", {"name": "bad\x00name"})
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_number_beyond_the_database_names_the_field(client, mentee):
    from django.db import connection

    _token, key = api_token_create(user=mentee, name="sync")
    response = client.get(
        "/api/v1/growth/goals", {"owner": "-307319494820865784152064"}, **_bearer(key)
    )
    if connection.vendor == "sqlite":  # SQLite cannot even bind such a number
        assert response.status_code == 422
        assert response.json()["errors"] == [
            {"field": "owner", "message": "This number is out of range."}
        ]
    else:  # PostgreSQL compares it and finds nobody
        assert response.status_code == 200 and response.json()["items"] == []
