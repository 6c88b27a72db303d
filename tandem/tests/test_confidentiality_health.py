"""What the pair wrote in check-ins, feedback and introductions, and who sees it, across every
page, CSV export, printable report and API answer each role may open (issues #7 and #8).

The rules (tandem/health/permissions.py; DESIGN.md §7 and §Privacy): a check-in's ratings go
to its author and the program's admins as scores; its comment is its author's, and their
partner's only if the author chose to share it; what the author learned is theirs alone (the
form says "Only you see this"). Feedback and introductions are the pair's; the program's
admins see how many there are."""

import pytest

from tandem.health.models import CheckIn
from tandem.tests.access import MANAGERS, PAIR
from tandem.tests.access.health import (
    ACTION_NOTE,
    FEEDBACK,
    INTRODUCTION,
    MENTEE_COMMENT,
    MENTEE_LEARNED,
    MENTOR_COMMENT,
)
from tandem.tests.matrix import READ_ROWS, everything_seen_by
from tandem.tests.roles import ROLES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
def test_an_unshared_comment_is_seen_by_its_author_only(role, cast):
    assert not cast.answered_checkin.share_comment
    seen = everything_seen_by(role, cast, READ_ROWS)
    assert (MENTEE_COMMENT in seen) == (role == "mentee")


@pytest.mark.parametrize("role", ROLES)
def test_a_shared_comment_is_seen_by_the_pair_only(role, cast):
    CheckIn.objects.filter(pk=cast.answered_checkin.pk).update(share_comment=True)
    seen = everything_seen_by(role, cast, READ_ROWS)
    assert (MENTEE_COMMENT in seen) == (role in PAIR)


@pytest.mark.parametrize("role", ROLES)
def test_a_comment_shared_when_answering_reaches_the_partner_only(role, cast):
    """The mentor shared theirs through the service: the mentee is told, no one else."""
    seen = everything_seen_by(role, cast, READ_ROWS)
    assert (MENTOR_COMMENT in seen) == (role in PAIR)


@pytest.mark.parametrize("role", ROLES)
def test_what_i_learned_is_seen_by_its_author_only(role, cast):
    """Even with the comment shared, the learning stays the author's: the product decided so
    (the form: "Only you see this"; the admins' scores table: "what each side learned and
    their comments are theirs")."""
    CheckIn.objects.filter(pk=cast.answered_checkin.pk).update(share_comment=True)
    seen = everything_seen_by(role, cast, READ_ROWS)
    assert (MENTEE_LEARNED in seen) == (role == "mentee")


@pytest.mark.parametrize("role", ROLES)
def test_feedback_is_seen_by_the_pair_only(role, cast):
    seen = everything_seen_by(role, cast, READ_ROWS)
    assert (FEEDBACK in seen) == (role in PAIR)


@pytest.mark.parametrize("role", ROLES)
def test_introductions_are_the_pairs_and_their_admins_see_counts(role, cast):
    from tandem.health.models import Introduction

    Introduction.objects.filter(pk=cast.introduction.pk).update(outcome="Joined the data guild")
    seen = everything_seen_by(role, cast, READ_ROWS)
    for words in (INTRODUCTION, "Ada Outside", "Joined the data guild"):
        assert (words in seen) == (role in PAIR), words
    counted = "Feedback exchanged: 1 · introductions made: 1" in seen
    assert counted == (role in MANAGERS)


# A person's own data, downloaded: the page and its API twin.
MY_DATA = {"privacy:download", "GET /api/v1/privacy/my-data"}


@pytest.mark.parametrize("role", ROLES)
def test_an_admins_note_on_a_pair_is_for_its_programs_admins_and_the_pairs_own_data(role, cast):
    """Risks and the actions taken on them are the program's admins' pages; the pair gets
    them only in their own data download (tandem/health/privacy.py: what is about them), as
    does the admin who wrote the note. Never the other program's admin, never an outsider."""
    download = [row for row in READ_ROWS if row.name in MY_DATA]
    pages = [row for row in READ_ROWS if row.name not in MY_DATA]
    assert (ACTION_NOTE in everything_seen_by(role, cast, pages)) == (role in MANAGERS)
    in_own_data = ACTION_NOTE in everything_seen_by(role, cast, download)
    assert in_own_data == (role in PAIR | {"program_manager"})
