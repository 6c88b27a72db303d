"""Rows for the foundation: home, people, programs, notifications, tokens, audit, privacy, the API's
own pages.
"""

from tandem.tests.access.base import (
    ADMINS_ANYWHERE,
    ALL,
    EVERYONE,
    GLOBAL_ADMINS,
    MANAGERS,
    Api,
    Page,
)


def stage(cast) -> dict:
    """The foundation's rows point only at what the Cast itself holds."""
    return {}


def _import_csv(cast, me):
    from django.core.files.uploadedfile import SimpleUploadedFile

    csv = b"email,first_name,last_name\nnew.hire@example.com,Nina,Hire\n"
    return {"file": SimpleUploadedFile("people.csv", csv, content_type="text/csv")}


PAGES = [
    Page("home", lambda c: "/", EVERYONE),
    Page("admin_home", lambda c: "/manage/", ADMINS_ANYWHERE),
    Page("healthz", lambda c: "/healthz", ALL),
    # people
    Page("people:directory", lambda c: "/people/", GLOBAL_ADMINS),
    Page("people:profile_edit", lambda c: "/people/me/", EVERYONE),
    Page("people:profile", lambda c: f"/people/{c.mentee.pk}/", EVERYONE),
    Page(
        "people:profile_edit_other",
        lambda c: f"/people/{c.mentee.pk}/edit/",
        GLOBAL_ADMINS | {"mentee"},
    ),
    Page("people:person_search", lambda c: "/people/search/?q=ma", EVERYONE),
    Page("people:skills", lambda c: "/people/skills/", GLOBAL_ADMINS),
    Page("people:skill_create", lambda c: "/people/skills/new/", GLOBAL_ADMINS),
    Page("people:skill_edit", lambda c: f"/people/skills/{c.skill.pk}/", GLOBAL_ADMINS),
    Page(
        "people:category_create",
        lambda c: "/people/skills/categories/",
        GLOBAL_ADMINS,
        method="POST",
        data={"name": "Storytelling"},
        ok=302,
    ),
    Page("people:skill_search", lambda c: "/people/skills/search/?q=py", EVERYONE),
    Page("people:skill_row", lambda c: f"/people/skills/row/?skill={c.skill.pk}", EVERYONE),
    Page("people:import", lambda c: "/people/import/", GLOBAL_ADMINS),
    Page("people:export", lambda c: "/people/export.csv", GLOBAL_ADMINS),
    # programs
    Page("programs:list", lambda c: "/programs/", EVERYONE),
    Page("programs:create", lambda c: "/programs/new/", GLOBAL_ADMINS),
    Page("programs:detail", lambda c: f"/programs/{c.program.slug}/", EVERYONE),
    Page("programs:edit", lambda c: f"/programs/{c.program.slug}/edit/", MANAGERS),
    Page(
        "programs:transition",
        lambda c: f"/programs/{c.program.slug}/status/",
        MANAGERS,
        method="POST",
        data={"status": "matching"},
        ok=302,
    ),
    Page(
        "programs:enroll",
        lambda c: f"/programs/{c.open_program.slug}/enroll/",
        EVERYONE,
        method="POST",
        data={"role": "mentee", "read_guidelines": "on"},
        ok=302,
    ),
    Page(
        "programs:withdraw",
        lambda c: f"/programs/enrollments/{c.mentee_enrollment.pk}/withdraw/",
        frozenset({"mentee"}),
        404,
        method="POST",
        ok=302,
    ),
    Page("programs:enrollments", lambda c: f"/programs/{c.program.slug}/enrollments/", MANAGERS),
    Page(
        "programs:decide",
        lambda c: f"/programs/{c.program.slug}/enrollments/{c.mentee_enrollment.pk}/decide/",
        MANAGERS,
        method="POST",
        data={"status": "waitlisted"},
        ok=302,
    ),
    Page(
        "programs:decide_bulk",
        lambda c: f"/programs/{c.program.slug}/enrollments/decide/",
        MANAGERS,
        method="POST",
        data=lambda c, me: {"status": "waitlisted", "enrollment": [c.mentee_enrollment.pk]},
        ok=302,
    ),
    # notifications
    Page("notifications:list", lambda c: "/notifications/", EVERYONE),
    Page("notifications:bell", lambda c: "/notifications/bell/", EVERYONE),
    Page(
        "notifications:mark_all_read",
        lambda c: "/notifications/read-all/",
        EVERYONE,
        method="POST",
        ok=302,
    ),
    Page(
        "notifications:open",
        lambda c: f"/notifications/{c.notification.pk}/open/",
        frozenset({"mentee"}),
        404,
        method="POST",
        ok=302,
    ),
    # API tokens, audit log, personal data
    Page(
        "api_tokens:create",
        lambda c: "/api-tokens/new/",
        EVERYONE,
        method="POST",
        data={"name": "My script"},
    ),
    Page(
        "api_tokens:revoke",
        lambda c: f"/api-tokens/{c.token.pk}/revoke/",
        frozenset({"mentee"}),
        404,
        method="POST",
        ok=302,
    ),
    Page("audit:log", lambda c: "/audit/", ADMINS_ANYWHERE),
    Page("privacy:my_data", lambda c: "/privacy/", EVERYONE),
    Page("privacy:download", lambda c: "/privacy/my-data.json", EVERYONE),
    Page("privacy:erasure", lambda c: "/privacy/erase/", EVERYONE),
    # The API's own pages: its schema and docs are public (they describe, they hold no data).
    Page("api-v1:openapi-json", lambda c: "/api/v1/openapi.json", ALL),
    Page("api-v1:openapi-view", lambda c: "/api/v1/docs", ALL),
    Page("api_not_found", lambda c: "/api/v1/nothing-here", ALL, ok=404),
]

API = [
    Api(
        "POST /api/v1/auth/token",
        lambda c: "/api/v1/auth/token",
        ALL,
        data=lambda c, me: {"email": c.mentee.email, "password": "tandem-test"},
        ok=201,
    ),
    Api("GET /api/v1/me", lambda c: "/api/v1/me", EVERYONE),
    Api("GET /api/v1/me/tokens", lambda c: "/api/v1/me/tokens", EVERYONE),
    Api(
        "POST /api/v1/me/tokens",
        lambda c: "/api/v1/me/tokens",
        EVERYONE,
        data={"name": "Sync"},
        ok=201,
    ),
    Api(
        "POST /api/v1/me/tokens/{token_id}/revoke",
        lambda c: f"/api/v1/me/tokens/{c.token.pk}/revoke",
        frozenset({"mentee"}),
        404,
    ),
    # people
    Api("GET /api/v1/people/me", lambda c: "/api/v1/people/me", EVERYONE),
    Api(
        "PATCH /api/v1/people/me",
        lambda c: "/api/v1/people/me",
        EVERYONE,
        data={"title": "Staff engineer"},
    ),
    Api(
        "PUT /api/v1/people/me/skills",
        lambda c: "/api/v1/people/me/skills",
        EVERYONE,
        data=lambda c, me: {"skills": [{"skill": c.skill.pk, "level": 3}], "wanted_skills": []},
    ),
    Api("GET /api/v1/people/skills", lambda c: "/api/v1/people/skills?q=py", EVERYONE),
    Api("GET /api/v1/people/", lambda c: "/api/v1/people/", GLOBAL_ADMINS),
    Api(
        "POST /api/v1/people/import",
        lambda c: "/api/v1/people/import?dry_run=true",
        GLOBAL_ADMINS,
        data=_import_csv,
        multipart=True,
    ),
    Api("GET /api/v1/people/{user_id}", lambda c: f"/api/v1/people/{c.mentee.pk}", EVERYONE),
    # programs and enrollments
    Api("GET /api/v1/programs/", lambda c: "/api/v1/programs/", EVERYONE),
    Api(
        "POST /api/v1/programs/",
        lambda c: "/api/v1/programs/",
        GLOBAL_ADMINS,
        data={
            "name": "Sales mentoring",
            "purpose": "skills",
            "start_date": "2027-01-04",
            "end_date": "2027-06-30",
        },
        ok=201,
    ),
    Api(
        "GET /api/v1/programs/enrollments/mine",
        lambda c: "/api/v1/programs/enrollments/mine",
        EVERYONE,
    ),
    Api(
        "POST /api/v1/programs/enrollments/{enrollment_id}/withdraw",
        lambda c: f"/api/v1/programs/enrollments/{c.mentee_enrollment.pk}/withdraw",
        frozenset({"mentee"}),
        404,
    ),
    Api("GET /api/v1/programs/{slug}", lambda c: f"/api/v1/programs/{c.program.slug}", EVERYONE),
    Api(
        "PATCH /api/v1/programs/{slug}",
        lambda c: f"/api/v1/programs/{c.program.slug}",
        MANAGERS,
        data={"description": "A warm welcome."},
    ),
    Api(
        "POST /api/v1/programs/{slug}/transition",
        lambda c: f"/api/v1/programs/{c.program.slug}/transition",
        MANAGERS,
        data={"status": "matching"},
    ),
    Api(
        "POST /api/v1/programs/{slug}/enrollments",
        lambda c: f"/api/v1/programs/{c.open_program.slug}/enrollments",
        EVERYONE,
        data={"role": "mentee", "read_guidelines": True},
        ok=201,
    ),
    Api(
        "GET /api/v1/programs/{slug}/enrollments",
        lambda c: f"/api/v1/programs/{c.program.slug}/enrollments",
        MANAGERS,
    ),
    Api(
        "POST /api/v1/programs/{slug}/enrollments/{enrollment_id}/decision",
        lambda c: (
            f"/api/v1/programs/{c.program.slug}/enrollments/{c.mentee_enrollment.pk}/decision"
        ),
        MANAGERS,
        data={"status": "waitlisted"},
    ),
    Api(
        "POST /api/v1/programs/{slug}/enrollments/decisions",
        lambda c: f"/api/v1/programs/{c.program.slug}/enrollments/decisions",
        MANAGERS,
        data=lambda c, me: {"enrollments": [c.mentee_enrollment.pk], "status": "waitlisted"},
    ),
    # notifications
    Api("GET /api/v1/notifications/", lambda c: "/api/v1/notifications/", EVERYONE),
    Api(
        "GET /api/v1/notifications/unread-count",
        lambda c: "/api/v1/notifications/unread-count",
        EVERYONE,
    ),
    Api(
        "POST /api/v1/notifications/read", lambda c: "/api/v1/notifications/read", EVERYONE, data={}
    ),
    Api(
        "POST /api/v1/notifications/{notification_id}/read",
        lambda c: f"/api/v1/notifications/{c.notification.pk}/read",
        frozenset({"mentee"}),
        404,
    ),
    # audit log, personal data
    Api("GET /api/v1/audit/entries", lambda c: "/api/v1/audit/entries", ADMINS_ANYWHERE),
    Api("GET /api/v1/privacy/my-data", lambda c: "/api/v1/privacy/my-data", EVERYONE),
    Api(
        "POST /api/v1/privacy/erasure",
        lambda c: "/api/v1/privacy/erasure",
        EVERYONE,
        data=lambda c, me: {"confirm_email": me.email if me else "nobody@example.com"},
        ok=202,
    ),
]
