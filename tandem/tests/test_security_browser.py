"""In Chromium: the token section of one's profile, the My data page with its erasure, the audit
log, and no page breaking the Content Security Policy (htmx, confirmations, the API docs, the
Django admin)."""

import pytest

from tandem.api.models import ApiToken
from tandem.people.models import User
from tandem.people.tests.factories import SkillFactory
from tandem.programs.services import enrollment_decide

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _csp_violations(page) -> list[str]:
    """Collects the console's Content Security Policy complaints from now on."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: violations.append(str(error)))
    return violations


def test_a_participant_creates_a_token_sees_its_key_once_and_revokes_it(page, sign_in, mentee):
    sign_in(mentee)
    page.goto(f"/people/{mentee.pk}/")
    page.get_by_label("New token's name").fill("Calendar sync")
    page.get_by_role("button", name="Create token").click()
    key = page.get_by_test_id("new-token").inner_text()
    assert key.startswith("tdm_")
    assert page.get_by_role("cell", name="Calendar sync").is_visible()
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Revoke").click()
    page.get_by_text("revoked").wait_for()
    assert ApiToken.objects.get(name="Calendar sync").revoked_at is not None
    page.reload()
    assert key not in page.content()


def test_a_participant_downloads_their_data_then_erases_their_account(page, sign_in, mentee):
    sign_in(mentee)
    page.get_by_text(mentee.first_name).first.click()
    page.get_by_role("link", name="My data").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my data (JSON)").click()
    assert download.value.suggested_filename.startswith("tandem-my-data-")
    page.get_by_role("button", name="Erase my account…").click()
    page.get_by_label("Type your e-mail address to confirm").fill("mentee@example.com")
    page.get_by_label("I understand").check()
    page.get_by_role("button", name="Erase my account").click()
    page.get_by_text("Your account is closed").wait_for()
    assert not User.objects.get(pk=mentee.pk).is_active


def test_a_program_admin_filters_the_audit_log(page, sign_in, enrolled, program_manager):
    enrollment_decide(enrollment=enrolled["mentee"], status="waitlisted", by=program_manager)
    sign_in(program_manager)
    page.get_by_role("link", name="Manage").click()
    page.get_by_role("button", name="Audit log").click()
    page.get_by_label("What").select_option("programs.enrollment")
    page.get_by_role("cell", name="waitlisted").first.wait_for()
    assert "Theo Mentee" in page.locator("#audit-entries").inner_text()


def test_no_page_breaks_the_content_security_policy(page, sign_in, superuser, enrolled, program):
    SkillFactory(name="Python")
    violations = _csp_violations(page)
    sign_in(superuser)
    for url in (
        "/",
        "/manage/",
        f"/programs/{program.slug}/",
        f"/programs/{program.slug}/enrollments/",
        "/people/",
        "/audit/",
        "/privacy/",
        "/notifications/",
        "/django-admin/",
    ):
        page.goto(url)
        page.wait_for_load_state("networkidle")
    # htmx at work: the skill picker fetches matches and adds a row.
    page.goto("/people/me/")
    page.get_by_label("Find a skill to add").fill("python")
    page.get_by_role("button", name="Add Python").click()
    page.locator("#skills-rows tr").first.wait_for()
    assert page.locator("#id_skills-TOTAL_FORMS").input_value() == "1"
    # A confirmation (data-confirm) before a lifecycle step.
    page.goto(f"/programs/{program.slug}/")
    page.on("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Close enrollment and start matching").click()
    program.refresh_from_db()
    assert program.status == "enrolling"
    assert violations == []


def test_the_api_docs_render_offline_under_the_policy(page):
    violations = _csp_violations(page)
    page.route(
        "**/*",
        lambda route: (
            route.abort()
            if "127.0.0.1" not in route.request.url and "localhost" not in route.request.url
            else route.continue_()
        ),
    )
    page.goto("/api/v1/docs")
    page.get_by_text("Tandem API").first.wait_for()
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() > 20
    assert violations == []


@pytest.mark.urls("tandem.tests.chart_urls")
def test_a_chart_draws_under_the_policy(page, settings):
    engine = settings.TEMPLATES[0]
    here = settings.BASE_DIR / "tandem" / "tests" / "templates"
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], here]}]
    violations = _csp_violations(page)
    page.goto("/chart-check/")
    page.wait_for_function("document.querySelector('canvas[data-chart]').dataset.drawn === 'yes'")
    assert violations == []
