"""Who sees the words of mentorships and requests, across every page and API answer a role may
open (the cast of tandem/tests/matrix.py and what tandem/tests/access/mentorships.py stages).

- A request's motivation (what the mentee admires, what they hope to gain) is the mentee's
  message to one mentor: the mentee and that mentor read it, nobody else — not the program's
  admins, whom the README gives no page of requests (DESIGN.md: mentoring is confidential).
- A mentor's answer to a request: the two people of the request.
- A closing reflection's words: its author and their partner (the reflection is "shared with
  your partner"); the program's admins see only that it was given, the recommendation and the
  reason code (README: "Admins see the metadata, never ... the reflections' words")."""

import pytest

from tandem.tests.access import mentorships as staged
from tandem.tests.matrix import READ_ROWS, everything_seen_by
from tandem.tests.roles import ROLES

pytestmark = pytest.mark.django_db

PAIR = {"mentor", "mentee"}


@pytest.mark.parametrize("role", ROLES)
def test_a_requests_motivation_is_read_by_the_mentee_and_the_mentor_asked_only(role, cast):
    seen = everything_seen_by(role, cast, READ_ROWS)
    assert (staged.ADMIRE in seen) == (role in PAIR)
    assert (staged.HOPE_TO_GAIN in seen) == (role in PAIR)


@pytest.mark.parametrize("role", ROLES)
def test_a_mentors_answer_is_read_by_the_two_people_of_the_request_only(role, cast):
    # The answer was the second mentor's (not a role): of the roles, the mentee alone reads it.
    seen = everything_seen_by(role, cast, READ_ROWS)
    assert (staged.DECLINE_MESSAGE in seen) == (role == "mentee")


@pytest.mark.parametrize("role", ROLES)
def test_a_reflections_words_are_read_by_the_pair_never_by_admins(role, cast):
    seen = everything_seen_by(role, cast, READ_ROWS)
    assert (staged.GAINED in seen) == (role in PAIR)
    assert (staged.PARTNER_GAINED in seen) == (role in PAIR)


@pytest.mark.parametrize("role", ["program_manager", "program_admin"])
def test_the_programs_admins_see_that_a_reflection_was_given(role, cast):
    """Metadata, not words: the recommendation of the mentee's reflection is in the API."""
    from tandem.tests.matrix import client_for

    row = next(r for r in staged.API if r.name == "GET /api/v1/mentorships/{mentorship_id}")
    body = client_for(row, role, cast).get(f"/api/v1/mentorships/{cast.closed.pk}").json()
    assert body["reflections"] is None
    assert [r["recommend"] for r in body["reflections_given"]] == ["yes"]
