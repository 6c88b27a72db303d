"""Who may reach what: ONE table for every page and every API operation, checked for every role
by tandem/tests/test_access_matrix.py. A URL pattern or an API operation without a row here
fails that test, so a new page or endpoint cannot ship without saying who may use it.

The table is written in one module per area (AREAS below) and read as one: `PAGES` and `API`.
How to add a row to your area's module (one per URL name and method for pages, one per
"METHOD /api/v1/path" for the API, as the OpenAPI schema writes it):

    Page("growth:goals", lambda c: f"/growth/{c.mentorship.pk}/goals/", PAIR | MANAGERS, 404),
    Page("growth:goal_create", lambda c: ..., PAIR, 404, method="POST", data={...}, ok=302),
    Api("GET /api/v1/growth/goals", lambda c: "/api/v1/growth/goals", EVERYONE),
    Api("POST /api/v1/growth/{mentorship_id}/goals", lambda c: ..., PAIR, 404,
        data=lambda c, me: {...}, ok=201),

- the URL is built from the cast (`Cast` in tandem/tests/matrix.py: the people of ROLES, the
  `program` with its enrollments, the `mentorship` mentor → mentee, the `mutual_mentorship`
  of `peer`…); what your rows point at beyond that, your module's `stage(cast)` creates and
  returns by name (`c.goal`, `c.meeting`…);
- `allowed` is the set of roles that get `ok` (200 for a page, 302 for a form that redirects,
  201 for an API creation…);
- `refused` is what every other signed-in role gets: 403 (may see, may not do) or 404 (may not
  know it exists). Anonymous visitors get 302 to the login page (pages) or 401 (API) unless
  `anonymous=` says otherwise;
- each role runs in its own savepoint, so a POST that succeeds for one role does not change
  what the next one meets.
"""

from tandem.tests.access import core, growth, growth_plans, health, meetings, mentorships
from tandem.tests.access.base import (  # noqa: F401 — the sets rows and tests are written with
    ADMINS_ANYWHERE,
    ALL,
    EVERYONE,
    GLOBAL_ADMINS,
    MANAGERS,
    PAIR,
    Api,
    Page,
    Row,
)

# One module per area of the product; each holds its PAGES, its API and `stage(cast)`, which
# adds to the cast the things its rows point at (a goal, a meeting, a match run...).
AREAS = [core, mentorships, growth, growth_plans, meetings, health]

PAGES = [row for area in AREAS for row in area.PAGES]
API = [row for area in AREAS for row in area.API]

# URL patterns that are not Tandem's own pages, each with the reason it has no row.
EXEMPT_NAMESPACES = {
    "admin": "Django's admin: Django lets staff in and sends everyone else to its login",
}
EXEMPT_PREFIXES = {
    "account_": "allauth's account pages: sign-in, sign-out, password reset (public by design) "
    "and the signed-in person's own password",
}
# The API's operations have their own rows (API above); its root only lists nothing.
API_NAMESPACE = "api-v1"
API_PAGES = {"api-v1:openapi-json", "api-v1:openapi-view"}
