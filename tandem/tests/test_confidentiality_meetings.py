"""What of a meeting each role is shown, across every page and API answer it may open (issues #6
and #8): a private note is its author's alone — not the partner's, not an admin's, not the
superuser's; shared notes, action items and agendas are the pair's; the program's admins see that
a meeting happened and its attendance, never its content.

`stage` in tandem/tests/access/meetings.py wrote the distinctive texts looked for here: on a
meeting of `mentorship` held two days ago, shared notes, a private note by the mentor and one by
the mentee, and an action item."""

import pytest

from tandem.meetings import services
from tandem.tests import access
from tandem.tests.access import meetings
from tandem.tests.matrix import READ_ROWS, everything_seen_by
from tandem.tests.roles import ROLES

pytestmark = pytest.mark.django_db

# The mentee's calendar feed opens by its secret, without signing in: whoever holds the secret
# reads what the mentee reads (so it is looked at, but not counted as what a role opens itself).
BY_SECRET = [row for row in READ_ROWS if row.name == "meetings:feed"]
OWN_ROWS = [row for row in READ_ROWS if row.name != "meetings:feed"]


def _seen(role, cast) -> tuple[str, str]:
    """(what the role opens with its own credentials, what the mentee's secret feed shows)."""
    return everything_seen_by(role, cast, OWN_ROWS), everything_seen_by(role, cast, BY_SECRET)


@pytest.fixture
def attended(cast):
    """Both of the pair recorded the held meeting: it took place, the mentee came late."""
    arrivals = {cast.mentor.pk: "on_time", cast.mentee.pk: "late"}
    for person in (cast.mentor, cast.mentee):
        services.meeting_record_attendance(
            meeting=cast.held, by=person, held=True, arrivals=arrivals
        )
    return cast


def test_the_feed_rows_are_the_ones_looked_at_apart():
    assert BY_SECRET, "meetings:feed has no row any more: look at the feed another way"


@pytest.mark.parametrize("role", ROLES)
def test_private_notes_are_their_authors_alone(role, cast):
    own, feed = _seen(role, cast)
    everything = own + feed
    assert (meetings.MENTOR_PRIVATE_NOTE in everything) == (role == "mentor")
    assert (meetings.MENTEE_PRIVATE_NOTE in everything) == (role == "mentee")
    # Not in anyone's calendar either, not even the author's own feed.
    assert meetings.MENTEE_PRIVATE_NOTE not in feed


@pytest.mark.parametrize("role", ROLES)
def test_shared_notes_and_action_items_are_the_pairs(role, cast):
    own, feed = _seen(role, cast)
    everything = own + feed
    assert (meetings.SHARED_NOTE in everything) == (role in access.PAIR)
    assert (meetings.ACTION_ITEM in everything) == (role in access.PAIR)
    # Calendars get copied around: notes and action items never go into one.
    assert meetings.SHARED_NOTE not in feed and meetings.ACTION_ITEM not in feed


@pytest.mark.parametrize("role", ROLES)
def test_admins_see_that_a_meeting_happened_not_what_was_said(role, attended):
    own, _feed = _seen(role, attended)
    # The detail page's attendance ("Theo Mentee: late") and the API's arrivals.
    attendance_seen = "Theo Mentee: late" in own and '"arrival": "late"' in own
    assert attendance_seen == (role in access.PAIR | access.MANAGERS)
    assert (meetings.AGENDA in own) == (role in access.PAIR)
    assert (meetings.SHARED_NOTE in own) == (role in access.PAIR)
