import itertools

import pytest
from django.core.exceptions import ValidationError

from tandem.programs.models import PROGRAM_TRANSITIONS, ProgramStatus
from tandem.programs.services import program_transition
from tandem.programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db

LEGAL = [(a, b) for a, targets in PROGRAM_TRANSITIONS.items() for b in targets]
ILLEGAL = [
    (a, b) for a, b in itertools.product(ProgramStatus.values, repeat=2) if (a, b) not in LEGAL
]


@pytest.mark.parametrize(("current", "target"), LEGAL)
def test_a_legal_transition_moves_the_program_and_is_recorded(current, target, program_admin):
    program = ProgramFactory(status=current)
    program_transition(program=program, to_status=target, by=program_admin)
    program.refresh_from_db()
    assert program.status == target
    change = program.status_changes.get()
    assert (change.from_status, change.to_status, change.by) == (current, target, program_admin)


@pytest.mark.parametrize(("current", "target"), ILLEGAL)
def test_an_illegal_transition_is_refused_with_the_reason(current, target, program_admin):
    program = ProgramFactory(status=current)
    with pytest.raises(ValidationError, match="cannot go from"):
        program_transition(program=program, to_status=target, by=program_admin)
    program.refresh_from_db()
    assert program.status == current
    assert not program.status_changes.exists()


def test_an_unknown_status_is_refused(program, program_admin):
    with pytest.raises(ValidationError, match="not a program status"):
        program_transition(program=program, to_status="finished", by=program_admin)


def test_the_whole_lifecycle_in_order(program_admin):
    program = ProgramFactory(status="draft")
    for step in ("enrolling", "matching", "running", "closed"):
        program = program_transition(program=program, to_status=step, by=program_admin)
    assert program.status == "closed"
    assert program.allowed_transitions() == []
    assert program.status_changes.count() == 4
