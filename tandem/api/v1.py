"""Tandem's JSON API, version 1, at /api/v1/ (schema: /api/v1/openapi.json, docs: /api/v1/docs).

Each domain app keeps its endpoints in its own `api.py` (a ninja Router) and they are mounted
here. Endpoints are thin like views: they check access with the app's `permissions.py` (the
same rules as the pages), call a service, and return a schema. Lists are paginated with
`@paginate` (limit/offset) and filter with a `Query` schema."""

from ninja import NinjaAPI

from tandem.api import errors
from tandem.api.auth import API_AUTH

api = NinjaAPI(
    title="Tandem API",
    version="1",
    description="Mentoring programs: people, programs, matching, mentorships, growth, meetings, "
    "health and reports. Authenticate with `Authorization: Bearer <token>`; create a token on "
    "your profile page or with POST /api/v1/auth/token.",
    auth=API_AUTH,
    urls_namespace="api-v1",
)
errors.install(api)

api.add_router("", "tandem.api.auth_api.router")
api.add_router("/mentorships/", "tandem.mentorships.api.router")
api.add_router("/meetings/", "tandem.meetings.api.router")
api.add_router("/matching/", "tandem.matching.api.router")
api.add_router("/growth/", "tandem.growth.api.router")
api.add_router("/health/", "tandem.health.api.router")
api.add_router("/insights/", "tandem.insights.api.router")
api.add_router("/people/", "tandem.people.api.router")
api.add_router("/programs/", "tandem.programs.api.router")
api.add_router("/notifications/", "tandem.notifications.api.router")
api.add_router("/audit/", "tandem.audit.api.router")
api.add_router("/privacy/", "tandem.privacy.api.router")
