"""Every form, fed nonsense in every field, answers with a page or a message, never a 500.

The forms are the pages of the access matrix (tandem/tests/access/) that take a POST; the
fields are read from the form the page itself serves."""

import re

import pytest

from tandem.tests import access
from tandem.tests.matrix import signed_in_as_someone_allowed

pytestmark = pytest.mark.django_db

NONSENSE = [
    "",
    "\x00",
    "-1",
    "99999999999999999999999",
    "2026-13-45",
    "x" * 5000,
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "é💥\u202e",
]
FIELD = re.compile(r'name="([a-zA-Z0-9_\-]+)"')
SKIPPED_FIELDS = {"csrfmiddlewaretoken"}


def _form_pages():
    """(row, page serving the form) for every page that takes a POST."""
    posts = {row.name: row for row in access.PAGES if row.method == "POST"}
    forms = [row for row in access.PAGES if row.method == "GET" and row.name not in posts]
    return list(posts.values()) + forms


QUERY_PARAMETERS = {"q", "page", "role", "status", "kind", "skill", "index", "model", "person"}


@pytest.mark.parametrize(
    "row", [row for row in access.PAGES if row.method == "GET"], ids=lambda row: row.id
)
def test_nonsense_in_the_address_is_never_a_server_error(row, cast):
    client = signed_in_as_someone_allowed(row, cast)
    url = row.url(cast).split("?")[0]
    for value in NONSENSE:
        response = client.get(url, dict.fromkeys(QUERY_PARAMETERS, value))
        assert response.status_code < 500, (url, value, response.status_code)


@pytest.mark.parametrize("row", _form_pages(), ids=lambda row: row.id)
def test_nonsense_in_every_field_is_never_a_server_error(row, cast):
    client = signed_in_as_someone_allowed(row, cast)
    url = row.url(cast)
    page = client.get(url)
    served = page.status_code == 200 and not page.streaming
    names = set(FIELD.findall(page.content.decode(errors="ignore"))) if served else set()
    names |= set((row.payload(cast, None) or {}).keys())
    names -= SKIPPED_FIELDS
    for value in NONSENSE:
        response = client.post(url, dict.fromkeys(names, value))
        assert response.status_code < 500, (url, value, response.status_code)
