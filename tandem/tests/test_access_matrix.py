"""The access matrix (tandem/tests/access/) checked for every role, and the check that every
page and every API operation has a row in it."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tandem.api.v1 import api
from tandem.tests import access
from tandem.tests.matrix import READ_ROWS, everything_seen_by, outcomes
from tandem.tests.roles import ROLES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("row", access.PAGES, ids=lambda row: row.id)
def test_page_access(row, cast):
    expected = {role: row.expected(role) for role in ROLES}
    assert outcomes(row, cast) == expected


@pytest.mark.parametrize("row", access.API, ids=lambda row: row.id)
def test_api_access(row, cast):
    expected = {role: row.expected(role) for role in ROLES}
    assert outcomes(row, cast) == expected


# --- every page and every operation has a row -------------------------------------------------


def _url_names(patterns, namespace: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            full = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            yield from _url_names(pattern.url_patterns, full)
        elif isinstance(pattern, URLPattern):
            name = pattern.name or f"<unnamed {pattern.pattern}>"
            yield f"{namespace}:{name}" if namespace else name


def _pages_needing_a_row() -> set[str]:
    names = set()
    for name in _url_names(get_resolver().url_patterns):
        namespace = name.split(":")[0] if ":" in name else ""
        if namespace in access.EXEMPT_NAMESPACES:
            continue
        if any(name.startswith(prefix) for prefix in access.EXEMPT_PREFIXES):
            continue
        if namespace == access.API_NAMESPACE and name not in access.API_PAGES:
            continue
        names.add(name)
    return names


def _api_operations() -> set[str]:
    paths = api.get_openapi_schema()["paths"]
    return {f"{method.upper()} {path}" for path, methods in paths.items() for method in methods}


def test_every_page_has_a_row():
    missing = _pages_needing_a_row() - {row.name for row in access.PAGES}
    assert not missing, (
        f"Pages without a row in tandem/tests/access/: {sorted(missing)}. "
        "Add a Page(...) row saying which roles may use each (see the module's docstring)."
    )


def test_every_api_operation_has_a_row():
    missing = _api_operations() - {row.name for row in access.API}
    assert not missing, (
        f"API operations without a row in tandem/tests/access/: {sorted(missing)}. "
        "Add an Api(...) row saying which roles may call each (see the module's docstring)."
    )


def test_no_row_names_something_that_does_not_exist():
    stale_pages = {row.name for row in access.PAGES} - _pages_needing_a_row()
    stale_api = {row.name for row in access.API} - _api_operations()
    assert not stale_pages and not stale_api


# --- what may be seen, where a page is open to several roles -----------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_agreement_terms_are_seen_by_the_pair_only(role, cast):
    goals = "Learn to say no to meetings without an agenda"
    cast.mentorship.current_agreement().__class__.objects.filter(
        pk=cast.mentorship.current_agreement().pk
    ).update(goals=goals)
    seen = everything_seen_by(role, cast, READ_ROWS)
    assert (goals in seen) == (role in access.PAIR)


@pytest.mark.parametrize("role", ROLES)
def test_enrollment_answers_are_seen_by_the_person_and_the_programs_admins(role, cast):
    from tandem.programs.models import EnrollmentAnswer
    from tandem.programs.tests.factories import EnrollmentQuestionFactory

    question = EnrollmentQuestionFactory(program=cast.program, text="Why?")
    EnrollmentAnswer.objects.create(
        enrollment=cast.mentee_enrollment, question=question, answer="I feel lost in meetings"
    )
    seen = everything_seen_by(role, cast, READ_ROWS)
    assert ("I feel lost in meetings" in seen) == (role in access.MANAGERS | {"mentee"})
