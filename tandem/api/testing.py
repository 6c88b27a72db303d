"""A test client for the API: signed in with a personal token, JSON in and out.

api = api_client(mentee)
response = api.post("/api/v1/programs/onboarding/enrollments", {"role": "mentee", ...})
"""

import json

from django.test import Client

from tandem.api.services import api_token_create


class ApiClient:
    def __init__(self, user=None):
        self.client = Client()
        if user is not None:
            _token, key = api_token_create(user=user, name="tests")
            self.client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"

    def get(self, url: str, params: dict | None = None):
        return self.client.get(url, params or {})

    def post(self, url: str, data=None):
        return self._send("POST", url, data)

    def patch(self, url: str, data=None):
        return self._send("PATCH", url, data)

    def put(self, url: str, data=None):
        return self._send("PUT", url, data)

    def _send(self, method: str, url: str, data):
        body = json.dumps(data if data is not None else {})
        return self.client.generic(method, url, body, content_type="application/json")


def api_client(user=None) -> ApiClient:
    return ApiClient(user)


def fields(response) -> list[str]:
    """The fields an error response names."""
    return [error["field"] for error in response.json()["errors"]]
