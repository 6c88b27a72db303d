"""Schemathesis drives every operation of the live OpenAPI schema with generated requests,
as a participant and as an admin (personal tokens), through the WSGI application in-process:
no answer may be a 5xx or differ from the schema (status, content type, body).

New endpoints of any app are fuzzed as soon as they are mounted in tandem/api/v1.py."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tandem.api.services import api_token_create
from tandem.wsgi import application

CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES_PER_OPERATION = 10


# The schema as the application serves it (generating it reads no database).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def _one_transaction(db):
    """The requests run in this test's database transaction: keep Django from closing the
    connection between requests as it does between real ones (the test client does too)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _bearer(user) -> dict:
    _token, key = api_token_create(user=user, name="fuzzing")
    return {"Authorization": f"Bearer {key}"}


FUZZ = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def as_participant(enrolled, mentorship, mutual_mentorship):
    """The mentee: enrolled, in a mentorship, with notifications."""
    return _bearer(enrolled["mentee"].person)


@pytest.fixture
def as_admin(program_admin, enrolled, mentorship, mutual_mentorship):
    return _bearer(program_admin)


@schema.parametrize()
@FUZZ
def test_as_a_participant_no_server_error_and_answers_fit_the_schema(case, as_participant):
    case.call_and_validate(headers=as_participant, checks=CHECKS)


@schema.parametrize()
@FUZZ
def test_as_an_admin_no_server_error_and_answers_fit_the_schema(case, as_admin):
    case.call_and_validate(headers=as_admin, checks=CHECKS)
