"""Goals are the pair's (issue #5): across every page and API answer a role may open (the access
matrix's GET rows), a goal's words reach the two partners only, a personal goal its owner only;
the program's admins see counts and completion, never what a goal says. Personal milestones
(work anniversaries, birthdays the person chose to share) appear to the partner only, on the
celebration feed, as a day and a month: the year of birth stays the owner's."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from tandem.api.services import api_token_create
from tandem.people.models import Profile
from tandem.tests import access
from tandem.tests.access import growth
from tandem.tests.matrix import READ_ROWS, everything_seen_by
from tandem.tests.roles import ROLES

pytestmark = pytest.mark.django_db

MENTEE = {"mentee"}
MENTOR = {"mentor"}


@pytest.mark.parametrize("role", ROLES)
def test_a_goal_is_seen_by_the_pair_only(role, cast):
    seen = everything_seen_by(role, cast, READ_ROWS)
    for words in (
        growth.GOAL_TITLE,
        growth.GOAL_CRITERIA,
        growth.MILESTONE_TITLE,
        growth.REACHED_GOAL_TITLE,
    ):
        assert (words in seen) == (role in access.PAIR), words


@pytest.mark.parametrize("role", ROLES)
def test_the_update_log_is_seen_by_the_pair_only(role, cast):
    seen = everything_seen_by(role, cast, READ_ROWS)
    assert (growth.COMMENT in seen) == (role in access.PAIR)
    assert (growth.PROGRESS_NOTE in seen) == (role in access.PAIR)


@pytest.mark.parametrize("role", ROLES)
def test_a_personal_goal_is_seen_by_its_owner_only(role, cast):
    seen = everything_seen_by(role, cast, READ_ROWS)
    assert (growth.PERSONAL_GOAL_TITLE in seen) == (role == "mentee")


@pytest.mark.parametrize("role", ROLES)
def test_in_a_mutual_mentorship_each_peers_goals_are_the_pairs(role, cast):
    """`peer_partner` (the other side) is not one of ROLES: among them, `peer` alone sees."""
    seen = everything_seen_by(role, cast, READ_ROWS)
    assert (growth.PEER_GOAL_TITLE in seen) == (role == "peer")
    assert (growth.PARTNER_GOAL_TITLE in seen) == (role == "peer")


@pytest.mark.parametrize("role", sorted(access.MANAGERS))
def test_the_programs_admins_see_counts_and_completion(role, cast):
    _token, key = api_token_create(user=cast.people[role], name="counts")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    url = f"/api/v1/growth/mentorships/{cast.mentorship.pk}/growth-summary"
    summary = {row["person"]["id"]: row["goals"] for row in client.get(url).json()}
    counts = summary[cast.mentee.pk]
    assert (counts["goals"], counts["reached"], counts["active"]) == (2, 1, 1)
    assert counts["completion_rate"] == 0.5
    page = Client()
    page.force_login(cast.people[role])
    tab = page.get(f"/growth/mentorships/{cast.mentorship.pk}/goals/").content.decode()
    assert "Goals reached" in tab and growth.GOAL_TITLE not in tab


# --- personal milestones -----------------------------------------------------------------------


def _soon(days: int, years_back: int) -> datetime.date:
    """The day `days` from today, `years_back` years ago (the feed shows what is near today)."""
    when = timezone.localdate() + datetime.timedelta(days=days)
    if (when.month, when.day) == (2, 29):
        when += datetime.timedelta(days=1)
    return when.replace(year=when.year - years_back)


def _share_birthday(person, birthday: datetime.date, shared: bool = True) -> None:
    Profile.objects.filter(user=person).update(birthday=birthday, share_birthday=shared)


def _on_the_feed(kind: str, person, seen: str) -> bool:
    """The feed's line for a personal milestone: its anchor on the page, its kind in the API."""
    return f'id="{kind}-{person.pk}-' in seen or f'"kind": "{kind}"' in seen


@pytest.mark.parametrize("role", ROLES)
def test_a_shared_birthday_is_the_owners_and_the_partners_as_a_day_and_month(role, cast):
    """The rule that replaces test_access_matrix's test_a_birthday_is_seen_by_its_owner_only:
    the owner sees their birthday; the partner sees it on the celebration feed as a personal
    milestone (day and month, never the year of birth); nobody else sees it."""
    birthday = _soon(5, years_back=32)
    _share_birthday(cast.mentee, birthday)
    seen = everything_seen_by(role, cast, READ_ROWS)
    with_year = birthday.isoformat() in seen or f"{birthday:%-d %B %Y}" in seen
    assert with_year == (role == "mentee")
    assert _on_the_feed("birthday", cast.mentee, seen) == (role == "mentor")
    if role == "mentor":
        assert f"{birthday:%-d %B}" in seen


@pytest.mark.parametrize("role", ROLES)
def test_a_birthday_not_shared_is_seen_by_its_owner_only(role, cast):
    birthday = _soon(5, years_back=32)
    _share_birthday(cast.mentee, birthday, shared=False)
    seen = everything_seen_by(role, cast, READ_ROWS)
    assert (birthday.isoformat() in seen) == (role == "mentee")
    assert not _on_the_feed("birthday", cast.mentee, seen)


@pytest.mark.parametrize("role", ROLES)
def test_a_peers_shared_birthday_reaches_the_other_peer_only(role, cast):
    birthday = _soon(3, years_back=35)
    _share_birthday(cast.peer_partner, birthday)
    seen = everything_seen_by(role, cast, READ_ROWS)
    assert _on_the_feed("birthday", cast.peer_partner, seen) == (role == "peer")
    assert birthday.isoformat() not in seen


@pytest.mark.parametrize("role", ROLES)
def test_a_work_anniversary_is_shown_to_the_partner_only(role, cast):
    hired = _soon(2, years_back=3)
    Profile.objects.filter(user=cast.mentee).update(hire_date=hired)
    seen = everything_seen_by(role, cast, READ_ROWS)
    assert _on_the_feed("anniversary", cast.mentee, seen) == (role == "mentor")
    if role == "mentor":
        assert "3 years at the company" in seen
