"""Fixtures for mentees choosing their mentor: `program` turned self-select and running."""

import pytest

from tandem.mentorships.tests.factories import mentee_enrollment, mentor_enrollment
from tandem.programs.models import Program


@pytest.fixture
def choosing(program, mentor, mentee):
    """`program` lets mentees choose (self-select, running); the mentor (2 places) and the
    mentee are approved in it and both speak English."""
    Program.objects.filter(pk=program.pk).update(matching_mode="self_select", status="running")
    program.refresh_from_db()
    return {
        "program": program,
        "mentor": mentor_enrollment(program, mentor, capacity=2),
        "mentee": mentee_enrollment(program, mentee),
    }
