"""Capacity holds when people act at the same moment: acceptances fired from several threads
at once, each on its own database connection, never overfill a mentor nor give a mentee two
mentors, and whoever loses the race gets a clear refusal."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tandem.mentorships.models import Mentorship, MentorshipRequest
from tandem.mentorships.services import mentorship_request_accept
from tandem.mentorships.tests.factories import make_request, mentee_enrollment, mentor_enrollment
from tandem.programs.models import Enrollment

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite lets one writer at a time into its database file, so acceptances cannot "
            "race there; this test needs PostgreSQL (DATABASE_URL=postgres://…)."
        )


def _all_at_once(calls) -> list:
    """Run each call in its own thread, released together; return what each returned or raised."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:  # noqa: BLE001 — the outcome is what the test inspects
            outcomes[index] = error
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def _accept(request, mentor):
    return lambda: mentorship_request_accept(request=request, by=mentor)


def test_simultaneous_acceptances_never_exceed_a_mentors_capacity(choosing, mentor):
    program = choosing["program"]
    requests = [
        make_request(mentee=mentee_enrollment(program).person, mentor_enrollment=choosing["mentor"])
        for _ in range(6)
    ]
    outcomes = _all_at_once([_accept(r, mentor) for r in requests])
    won = [o for o in outcomes if isinstance(o, Mentorship)]
    lost = [o for o in outcomes if isinstance(o, ValidationError)]
    assert (len(won), len(lost)) == (2, 4), outcomes
    for refusal in lost:
        assert "You have no place left (capacity 2)" in refusal.message_dict["mentor"][0]
    assert Enrollment.objects.get(pk=choosing["mentor"].pk).load == 2
    assert Mentorship.objects.filter(mentor=mentor).open().count() == 2
    assert MentorshipRequest.objects.filter(status="accepted").count() == 2
    assert MentorshipRequest.objects.filter(status="pending").count() == 4


def test_two_mentors_accepting_one_mentee_at_once_give_her_one_mentor(choosing, mentee):
    program = choosing["program"]
    first = make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])
    other = mentor_enrollment(program)
    second = make_request(mentee=mentee, mentor_enrollment=other)
    outcomes = _all_at_once([_accept(first, first.mentor), _accept(second, other.person)])
    assert sum(isinstance(o, Mentorship) for o in outcomes) == 1, outcomes
    [refusal] = [o for o in outcomes if isinstance(o, ValidationError)]
    assert "already has a mentor" in " ".join(
        refusal.messages
    ) or "already been closed" in " ".join(refusal.messages)
    assert Mentorship.objects.filter(mentee=mentee).open().count() == 1
    assert Enrollment.objects.get(pk=choosing["mentee"].pk).load == 1


def test_a_double_click_on_accept_begins_one_mentorship(choosing, mentee, mentor):
    request = make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])
    outcomes = _all_at_once([_accept(request, mentor), _accept(request, mentor)])
    assert sum(isinstance(o, Mentorship) for o in outcomes) == 1, outcomes
    [refusal] = [o for o in outcomes if isinstance(o, ValidationError)]
    assert "already been closed" in refusal.messages[0]
    assert Mentorship.objects.filter(mentee=mentee).count() == 1
