"""Simultaneous writes on PostgreSQL (threads, each with its own connection): program edits,
enrollment decisions racing with mentorships taking places, token creation. Nothing is lost,
nothing is corrupted, nobody gets a server error.

(The capacity race, the double publish and the shared-notes lost update are tested by the
mentorships, matching and meetings apps.)"""

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from tandem.api.models import ApiToken
from tandem.mentorships.models import Mentorship
from tandem.mentorships.services import mentorship_propose
from tandem.programs.models import Enrollment, ProgramStatusChange
from tandem.programs.services import enrollment_decide, program_transition, program_update
from tandem.programs.tests.factories import EnrollmentFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL (make test runs it)"
    ),
]


def _at_once(*work: Callable[[], object]) -> list:
    """Run each callable in its own thread, all released together; their results or errors."""
    barrier = threading.Barrier(len(work))
    results: list = [None] * len(work)

    def run(index: int, job: Callable[[], object]) -> None:
        try:
            barrier.wait()
            results[index] = job()
        except Exception as error:  # noqa: BLE001 — the test inspects what each got
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(work)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_admins_editing_different_fields_keep_both_changes(
    program, program_manager, program_admin
):
    results = _at_once(
        lambda: program_update(program=program, by=program_manager, description="Welcome!"),
        lambda: program_update(program=program, by=program_admin, mentor_capacity_default=4),
    )
    assert not [r for r in results if isinstance(r, Exception)]
    program.refresh_from_db()
    assert (program.description, program.mentor_capacity_default) == ("Welcome!", 4)


def test_two_admins_setting_admins_at_once_leave_one_consistent_list(
    program, program_manager, program_admin, mentor, mentee
):
    results = _at_once(
        lambda: program_update(program=program, by=program_manager, admins=[mentor, mentee]),
        lambda: program_update(program=program, by=program_admin, admins=[mentee]),
    )
    assert not [r for r in results if isinstance(r, Exception)]
    assert set(program.admins.all()) in ({mentor, mentee}, {mentee})


def test_a_lifecycle_step_taken_twice_at_once_happens_once(program, program_manager, program_admin):
    results = _at_once(
        lambda: program_transition(program=program, to_status="matching", by=program_manager),
        lambda: program_transition(program=program, to_status="matching", by=program_admin),
    )
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == 1 and "cannot go from Matching to Matching" in str(refused[0])
    assert ProgramStatusChange.objects.filter(program=program).count() == 1


def test_two_decisions_at_once_leave_one_whole_decision(enrolled, program_manager, program_admin):
    mentor_enrollment = enrolled["mentor"]
    _at_once(
        lambda: enrollment_decide(
            enrollment=mentor_enrollment,
            status="approved",
            capacity=5,
            note="yes",
            by=program_manager,
        ),
        lambda: enrollment_decide(
            enrollment=mentor_enrollment, status="declined", note="no", by=program_admin
        ),
    )
    decided = Enrollment.objects.get(pk=mentor_enrollment.pk)
    # Each field from the same decision, never a mix of the two.
    assert (decided.status, decided.decision_note, decided.decided_by_id) in {
        ("approved", "yes", program_manager.pk),
        ("declined", "no", program_admin.pk),
    }


def test_a_decision_never_undoes_a_place_taken_at_the_same_time(
    enrolled, program, mentor, program_manager
):
    """An admin raises a mentor's capacity while match proposals take places: the load must
    still count every open mentorship."""
    mentor_enrollment = enrolled["mentor"]
    mentees = [EnrollmentFactory(program=program, role="mentee") for _ in range(2)]
    stale = Enrollment.objects.get(pk=mentor_enrollment.pk)  # as a page loaded it
    _at_once(
        lambda: enrollment_decide(
            enrollment=stale, status="approved", capacity=3, by=program_manager
        ),
        *[
            (
                lambda mentee_enrollment=m: mentorship_propose(
                    program=program,
                    mentor_enrollment=mentor_enrollment,
                    mentee_enrollment=mentee_enrollment,
                    by=program_manager,
                    notify_people=False,
                )
            )
            for m in mentees
        ],
    )
    mentor_enrollment.refresh_from_db()
    open_count = Mentorship.objects.open().filter(mentor_enrollment=mentor_enrollment).count()
    assert mentor_enrollment.load == open_count
    assert mentor_enrollment.load <= mentor_enrollment.capacity


def test_a_stale_copy_of_an_enrollment_cannot_overwrite_its_load(
    enrolled, program, program_manager
):
    mentor_enrollment = enrolled["mentor"]
    stale = Enrollment.objects.get(pk=mentor_enrollment.pk)
    mentorship_propose(
        program=program,
        mentor_enrollment=mentor_enrollment,
        mentee_enrollment=enrolled["mentee"],
        by=program_manager,
        notify_people=False,
    )
    enrollment_decide(enrollment=stale, status="approved", capacity=3, by=program_manager)
    mentor_enrollment.refresh_from_db()
    assert (mentor_enrollment.load, mentor_enrollment.capacity) == (1, 3)


def test_tokens_created_in_parallel_are_all_distinct(client, mentee):
    from tandem.api.testing import api_client

    api = api_client(mentee)
    responses = _at_once(
        *[lambda n=n: api.post("/api/v1/me/tokens", {"name": f"worker {n}"}) for n in range(8)]
    )
    assert [r.status_code for r in responses] == [201] * 8
    keys = {r.json()["token"] for r in responses}
    assert len(keys) == 8
    assert ApiToken.objects.filter(user=mentee, name__startswith="worker").count() == 8


def test_token_exchanges_in_parallel_all_succeed(mentee):
    from django.test import Client

    def exchange():
        return Client().post(
            "/api/v1/auth/token",
            {"email": "mentee@example.com", "password": "tandem-test"},
            content_type="application/json",
        )

    responses = _at_once(*[exchange for _ in range(6)])
    assert [r.status_code for r in responses] == [201] * 6
    assert len({r.json()["token"] for r in responses}) == 6
