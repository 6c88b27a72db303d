"""The cast every test can name, and real Chromium for the browser tests."""

import os
import shutil

import pytest

from tandem.mentorships.tests.factories import make_mentorship
from tandem.people.tests.factories import UserFactory
from tandem.programs.tests.factories import EnrollmentFactory, ProgramFactory

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Tasks run at once in tests, unless a test is about the worker (it sets its own backend).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


# --- the cast -------------------------------------------------------------------------------


@pytest.fixture
def program_admin(db):
    """An admin of every program (the organisation's mentoring lead)."""
    return UserFactory(
        email="lead@example.com", first_name="Lena", last_name="Lead", is_program_admin=True
    )


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@example.com", first_name="Sam", is_superuser=True, is_staff=True)


@pytest.fixture
def mentor(db):
    return UserFactory(email="mentor@example.com", first_name="Maria", last_name="Mentor")


@pytest.fixture
def mentee(db):
    return UserFactory(email="mentee@example.com", first_name="Theo", last_name="Mentee")


@pytest.fixture
def outsider(db):
    return UserFactory(email="outsider@example.com", first_name="Olga", last_name="Outsider")


@pytest.fixture
def program(db):
    return ProgramFactory(name="New-hire onboarding", slug="onboarding")


@pytest.fixture
def program_manager(db, program):
    """An admin of this one program only."""
    user = UserFactory(email="manager@example.com", first_name="Pat", last_name="Manager")
    program.admins.add(user)
    return user


@pytest.fixture
def other_program_admin(db):
    """Runs another program, not this one."""
    user = UserFactory(email="other-admin@example.com", first_name="Otto")
    ProgramFactory(name="Leadership circle", slug="leadership").admins.add(user)
    return user


@pytest.fixture
def peer(db):
    """A participant in a mutual (peer) program, paired with `peer_partner`."""
    return UserFactory(email="peer@example.com", first_name="Priya", last_name="Peer")


@pytest.fixture
def peer_partner(db):
    return UserFactory(email="partner@example.com", first_name="Paul", last_name="Partner")


@pytest.fixture
def mutual_program(db, program_manager):
    """A mutual mentoring program, run by the same program manager as `program`."""
    mutual = ProgramFactory(
        name="Peer learning circle", slug="peers", purpose="peer", format="mutual", status="running"
    )
    mutual.admins.add(program_manager)
    return mutual


@pytest.fixture
def mentorship(db, program, mentor, mentee):
    """The mentor mentors the mentee in `program`: active, with a signed agreement."""
    return make_mentorship(program=program, mentor=mentor, mentee=mentee)


@pytest.fixture
def mutual_mentorship(db, mutual_program, peer, peer_partner):
    """`peer` and `peer_partner` mentor each other in `mutual_program`: active, agreed."""
    return make_mentorship(program=mutual_program, mentor=peer, mentee=peer_partner)


@pytest.fixture
def as_role(request, client):
    """Sign the client in as a named member of the cast (or nobody for 'anonymous')."""

    def _as(role: str):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return _as


@pytest.fixture
def enrolled(program, mentor, mentee):
    """The mentor and the mentee, approved in the program."""
    return {
        "mentor": EnrollmentFactory(program=program, person=mentor, role="mentor", capacity=2),
        "mentee": EnrollmentFactory(program=program, person=mentee, role="mentee"),
    }


# --- the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("TANDEM_REQUIRE_BROWSER"):
            pytest.fail(f"The browser tests need Chromium, not found at {CHROMIUM}")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM in the test
    # thread is still synchronous code, so tell Django that this is intended.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def sign_in(page, live_server):
    """Sign a user in through the real login form: `sign_in(user)`."""

    def _sign_in(user, password="tandem-test"):
        page.goto("/accounts/login/")
        page.get_by_label("E-mail address").fill(user.email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(lambda url: "/accounts/login" not in url)
        return page

    return _sign_in
