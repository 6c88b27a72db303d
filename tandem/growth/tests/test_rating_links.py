"""The rating link: signed, expiring, single use, no login; every refusal a clear 4xx page."""

import datetime

import pytest
from django.core import signing
from django.urls import reverse

from tandem.growth.links import SALT, LinkRefused, rater_from_link, rater_link_path
from tandem.growth.models import RaterGroup
from tandem.growth.services import assessment_close
from tandem.growth.tests.factories import make_assessment, rater

pytestmark = pytest.mark.django_db


@pytest.fixture
def coworker(mentorship):
    assessment = make_assessment(mentorship=mentorship, coworkers=["Ana Ruiz <ana@example.com>"])
    return rater(assessment, RaterGroup.COWORKER)


def _form(rater_):
    data = {}
    for competency in rater_.assessment.competencies.all():
        data[f"score_{competency.pk}"] = "4"
        data[f"comment_{competency.pk}"] = ""
    return data


def test_a_valid_link_opens_the_rating_page_without_login(client, coworker):
    response = client.get(rater_link_path(coworker))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Your view of Theo Mentee’s skills" in page
    assert "only as an average" in page


def test_answering_through_the_link_uses_it_up(client, coworker):
    path = rater_link_path(coworker)
    response = client.post(path, _form(coworker))
    assert response.status_code == 200
    assert "Thank you!" in response.content.decode()
    coworker.refresh_from_db()
    assert coworker.has_answered
    again = client.get(path)
    assert again.status_code == 410
    assert "You have already answered" in again.content.decode()
    resubmitted = client.post(path, _form(coworker))
    assert resubmitted.status_code == 410
    assert coworker.ratings.count() == 3


def test_a_forged_link_is_refused_with_a_clear_page(client, coworker):
    token = rater_link_path(coworker).rstrip("/").rsplit("/", 1)[1]
    for forged in (token[:-3] + "abc", "nonsense", signing.dumps({"r": coworker.pk}, salt=SALT)):
        response = client.get(reverse("growth:rate", args=[forged]))
        assert response.status_code == 400
        assert "This link is not valid" in response.content.decode()


def test_a_link_signed_for_another_purpose_or_token_is_refused(coworker):
    wrong_salt = signing.dumps({"r": coworker.pk, "t": coworker.token})
    wrong_token = signing.dumps({"r": coworker.pk, "t": "guess"}, salt=SALT)
    unknown = signing.dumps({"r": 999999, "t": coworker.token}, salt=SALT)
    for token in (wrong_salt, wrong_token, unknown):
        with pytest.raises(LinkRefused) as refusal:
            rater_from_link(token)
        assert refusal.value.reason == "forged"


def test_a_link_expires_after_fourteen_days(client, coworker, time_machine):
    path = rater_link_path(coworker)
    time_machine.shift(datetime.timedelta(days=14, minutes=1))
    response = client.get(path)
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()


def test_a_reminder_carries_a_fresh_link(client, coworker, time_machine):
    time_machine.shift(datetime.timedelta(days=10))
    fresh = rater_link_path(coworker)
    time_machine.shift(datetime.timedelta(days=10))
    assert client.get(fresh).status_code == 200


def test_a_closed_assessment_refuses_its_links(client, coworker, mentee):
    path = rater_link_path(coworker)
    assessment_close(assessment=coworker.assessment, by=mentee)
    response = client.get(path)
    assert response.status_code == 410
    assert "This assessment has closed" in response.content.decode()


def test_a_missing_rating_is_a_field_error_and_nothing_is_used_up(client, coworker):
    data = _form(coworker)
    first = coworker.assessment.competencies.first()
    del data[f"score_{first.pk}"]
    data[f"comment_{first.pk}"] = "x" * 2001
    response = client.post(rater_link_path(coworker), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Rate this competency, or choose “not observed”." in page
    coworker.refresh_from_db()
    assert not coworker.has_answered


def test_not_observed_is_an_answer(client, coworker):
    data = _form(coworker)
    first = coworker.assessment.competencies.first()
    data[f"score_{first.pk}"] = "na"
    assert client.post(rater_link_path(coworker), data).status_code == 200
    assert coworker.ratings.get(competency=first).score is None


def test_a_rater_with_an_account_answers_in_the_app_and_then_sees_only_their_answers(
    client, mentorship, mentor
):
    assessment = make_assessment(mentorship=mentorship)
    mine = rater(assessment, RaterGroup.MENTOR)
    client.force_login(mentor)
    url = reverse("growth:rate_in_app", args=[mine.pk])
    assert client.get(url).status_code == 200
    client.post(url, _form(mine))
    page = client.get(url).content.decode()
    assert "Your ratings" in page
    assert "Only your own answers are shown here." in page


def test_nobody_answers_in_the_app_for_someone_else(client, mentorship, outsider, mentee):
    assessment = make_assessment(mentorship=mentorship)
    for person in (outsider, mentee):
        client.force_login(person)
        url = reverse("growth:rate_in_app", args=[rater(assessment, RaterGroup.MENTOR).pk])
        assert client.get(url).status_code == 404
