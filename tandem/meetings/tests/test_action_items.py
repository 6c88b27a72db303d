"""Action items with an owner and a due date stay on the next meetings' agendas until done."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tandem.meetings import services
from tandem.meetings.selectors import carried_over

from .factories import make_meeting

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def meetings(pair, now):
    """Last week's meeting, next week's and the one after."""
    return [make_meeting(pair, now + offset * 7 * DAY) for offset in (-1, 1, 2)]


def _add(pair, meeting, by, owner, title="Draft the customer deck"):
    return services.action_item_add(
        mentorship=pair,
        by=by,
        meeting=meeting,
        title=title,
        owner=owner,
        due_on=datetime.date(2026, 12, 1),
    )


def test_an_open_item_carries_over_to_every_next_meeting_until_done(
    pair, meetings, mentor, mentee, time_machine, now
):
    last_week, next_week, after = meetings
    item = _add(pair, last_week, mentor, mentee)
    assert list(carried_over(next_week)) == [item]
    assert list(carried_over(after)) == [item]
    assert list(carried_over(last_week)) == []  # raised there, not carried to it
    time_machine.move_to(next_week.ends_at + DAY, tick=False)
    services.action_item_update(item=item, by=mentee, done=True)
    # It was still open at next week's meeting, done before the one after.
    assert list(carried_over(next_week)) == [item]
    assert list(carried_over(after)) == []


def test_the_owner_is_told_when_someone_else_notes_an_action_for_them(
    pair, meetings, mentor, mentee
):
    _add(pair, meetings[0], mentor, mentee)
    assert mentee.notifications.filter(kind="action_item_assigned").exists()
    _add(pair, meetings[0], mentee, mentee, title="Book a room")
    assert mentee.notifications.filter(kind="action_item_assigned").count() == 1


@pytest.mark.parametrize(
    ("title", "owner", "due_on", "field"),
    [
        ("", "mentee", datetime.date(2026, 12, 1), "title"),
        ("x" * 201, "mentee", datetime.date(2026, 12, 1), "title"),
        ("Read a book", "outsider", datetime.date(2026, 12, 1), "owner"),
        ("Read a book", None, datetime.date(2026, 12, 1), "owner"),
        ("Read a book", "mentee", None, "due_on"),
    ],
)
def test_an_item_needs_a_title_an_owner_of_the_pair_and_a_due_date(
    request, pair, meetings, mentor, title, owner, due_on, field
):
    with pytest.raises(ValidationError) as error:
        services.action_item_add(
            mentorship=pair,
            by=mentor,
            meeting=meetings[0],
            title=title,
            owner=request.getfixturevalue(owner) if owner else None,
            due_on=due_on,
        )
    assert field in error.value.message_dict
    assert not pair.action_items.exists()


def test_reopening_and_reassigning(pair, meetings, mentor, mentee):
    item = _add(pair, meetings[0], mentor, mentee)
    item = services.action_item_update(item=item, by=mentor, done=True)
    assert item.is_done and item.done_by == mentor
    item = services.action_item_update(item=item, by=mentor, done=False, owner=mentor)
    assert not item.is_done and item.owner == mentor


def test_only_the_pair_adds_items(pair, meetings, outsider, mentee):
    with pytest.raises(ValidationError):
        _add(pair, meetings[0], outsider, mentee)
