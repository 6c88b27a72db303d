"""Check-in privacy for every role: what I learned is mine alone; my comment is mine, and my
partner's only if I share it; the program's admins see the scores, never the words; nobody
else sees anything — on the page and through the API."""

import pytest
from django.urls import reverse

from tandem.health.permissions import checkin_as_seen_by
from tandem.health.services import checkin_answer
from tandem.health.tests.factories import open_round
from tandem.tests.roles import ROLES

pytestmark = pytest.mark.django_db

MANAGERS = {"program_manager", "program_admin", "superuser"}
LOW = {"engagement": 2, "flexibility": 1, "authenticity": 2, "reciprocity": 1, "satisfaction": 2}
HIGH = {"engagement": 5, "flexibility": 5, "authenticity": 4, "reciprocity": 5, "satisfaction": 5}


def _answer_round(mentorship, first, second):
    """`first` shares their comment, `second` keeps theirs private."""
    checkins = {c.respondent_id: c for c in open_round(mentorship, 1)}
    first_answer = checkin_answer(
        checkin=checkins[first.pk],
        by=first,
        **LOW,
        good_fit=False,
        learned="FIRST-LEARNED how to say no",
        comment="FIRST-SHARED we keep rescheduling",
        share_comment=True,
    )
    second_answer = checkin_answer(
        checkin=checkins[second.pk],
        by=second,
        **HIGH,
        good_fit=True,
        learned="SECOND-LEARNED a new view on hiring",
        comment="SECOND-PRIVATE I find this draining",
        share_comment=False,
    )
    return first_answer, second_answer


def _what_is_readable(content: str) -> set[str]:
    secrets = {
        "FIRST-LEARNED",
        "FIRST-SHARED",
        "SECOND-LEARNED",
        "SECOND-PRIVATE",
    }
    return {secret for secret in secrets if secret in content}


ONE_WAY_TEXTS = {
    # The mentee answered first (shared), the mentor second (private).
    "mentee": {"FIRST-LEARNED", "FIRST-SHARED"},
    "mentor": {"SECOND-LEARNED", "SECOND-PRIVATE", "FIRST-SHARED"},
}


@pytest.fixture
def answered_one_way(mentorship, mentor, mentee):
    return _answer_round(mentorship, mentee, mentor)


@pytest.fixture
def answered_mutual(mutual_mentorship, peer, peer_partner):
    return _answer_round(mutual_mentorship, peer, peer_partner)


@pytest.mark.parametrize("role", ROLES)
def test_page_shows_each_role_only_what_it_may_read(role, as_role, mentorship, answered_one_way):
    response = as_role(role).get(reverse("health:checkins", args=[mentorship.pk]))
    if role not in ONE_WAY_TEXTS and role not in MANAGERS:
        assert response.status_code in (302, 404)
        return
    assert _what_is_readable(response.content.decode()) == ONE_WAY_TEXTS.get(role, set())


@pytest.mark.parametrize("role", ROLES)
def test_api_shows_each_role_only_what_it_may_read(role, as_role, mentorship, answered_one_way):
    response = as_role(role).get(f"/api/v1/health/mentorships/{mentorship.pk}/checkins")
    if role not in ONE_WAY_TEXTS and role not in MANAGERS:
        assert response.status_code in (401, 404)
        return
    assert response.status_code == 200
    assert _what_is_readable(response.content.decode()) == ONE_WAY_TEXTS.get(role, set())


@pytest.mark.parametrize("role", ROLES)
def test_ratings_are_for_their_author_and_the_admins(role, request, answered_one_way):
    mentee_checkin, mentor_checkin = answered_one_way
    if role == "anonymous":
        from django.contrib.auth.models import AnonymousUser

        viewer = AnonymousUser()
    else:
        viewer = request.getfixturevalue(role)
    sees_mentee = checkin_as_seen_by(viewer, mentee_checkin)["ratings"] is not None
    sees_mentor = checkin_as_seen_by(viewer, mentor_checkin)["ratings"] is not None
    assert sees_mentee == (role in MANAGERS | {"mentee"})
    assert sees_mentor == (role in MANAGERS | {"mentor"})
    fit_visible = checkin_as_seen_by(viewer, mentee_checkin)["good_fit"] is not None
    assert fit_visible == (role in MANAGERS | {"mentee"})


@pytest.mark.parametrize("role", ROLES)
def test_mutual_check_ins_are_private_the_same_way(
    role, as_role, mutual_mentorship, answered_mutual
):
    response = as_role(role).get(reverse("health:checkins", args=[mutual_mentorship.pk]))
    if role == "peer":
        # `peer` answered first and shared; the partner's private words stay private.
        assert _what_is_readable(response.content.decode()) == {"FIRST-LEARNED", "FIRST-SHARED"}
    elif role in MANAGERS:
        assert _what_is_readable(response.content.decode()) == set()
    else:
        assert response.status_code in (302, 404)


def test_the_partner_of_a_mutual_mentorship_sees_only_the_shared_comment(
    client, peer_partner, mutual_mentorship, answered_mutual
):
    client.force_login(peer_partner)
    page = client.get(reverse("health:checkins", args=[mutual_mentorship.pk])).content.decode()
    assert _what_is_readable(page) == {"FIRST-SHARED", "SECOND-LEARNED", "SECOND-PRIVATE"}


def test_the_at_risk_list_and_alerts_carry_no_words(
    client, program_manager, mentorship, answered_one_way
):
    from tandem.notifications.models import Notification

    client.force_login(program_manager)
    page = client.get(reverse("health:at_risk")).content.decode()
    assert "not a good fit" in page
    assert _what_is_readable(page) == set()
    alerts = " ".join(
        n.title + n.body for n in Notification.objects.filter(recipient=program_manager)
    )
    assert _what_is_readable(alerts) == set()
