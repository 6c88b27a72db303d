"""Closing reflections: each side, once the mentorship has closed; the pair reads them."""

import pytest
from django.core.exceptions import ValidationError

from tandem.mentorships.services import mentorship_transition, reflection_save
from tandem.notifications.models import Notification

pytestmark = pytest.mark.django_db

WORDS = {
    "gained": "The courage to speak up in design reviews.",
    "partner_gained": "A fresh look at how we onboard people.",
    "recommend": "yes",
    "reason": "goals_met",
}


@pytest.fixture
def closed(mentorship, mentee):
    return mentorship_transition(mentorship=mentorship, to_status="completed", by=mentee)


def test_each_side_reflects_once_and_the_partner_is_told(closed, mentor, mentee):
    reflection = reflection_save(mentorship=closed, by=mentee, **WORDS)
    assert (reflection.author, reflection.recommend) == (mentee, "yes")
    assert Notification.objects.filter(recipient=mentor, kind="reflection_shared").count() == 1
    again = reflection_save(mentorship=closed, by=mentee, **{**WORDS, "recommend": "no"})
    assert again.pk == reflection.pk and again.recommend == "no"
    assert Notification.objects.filter(kind="reflection_shared").count() == 1
    assert not closed.next_action(mentee)
    assert closed.next_action(mentor).code == "reflect"


def test_a_reflection_waits_for_the_close(mentorship, mentee):
    with pytest.raises(ValidationError, match="once the mentorship has closed"):
        reflection_save(mentorship=mentorship, by=mentee, **WORDS)


def test_only_the_pair_reflects(closed, outsider, program_admin):
    for person in (outsider, program_admin):
        with pytest.raises(ValidationError, match="Only the two people"):
            reflection_save(mentorship=closed, by=person, **WORDS)


@pytest.mark.parametrize(
    ("field", "value"),
    [("gained", "  "), ("partner_gained", ""), ("recommend", "maybe"), ("reason", "bored")],
)
def test_each_part_is_checked_and_named(closed, mentee, field, value):
    with pytest.raises(ValidationError) as error:
        reflection_save(mentorship=closed, by=mentee, **{**WORDS, field: value})
    assert field in error.value.message_dict
    assert not closed.reflections.exists()
