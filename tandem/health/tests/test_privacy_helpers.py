"""personal_data and erase: a person sees what the health app holds about them; erasing
removes their words and name and keeps the numbers the reports aggregate."""

import pytest

from tandem.health.models import CheckIn, Feedback, HealthScore, Introduction, Risk, RiskAction
from tandem.health.privacy import erase, personal_data
from tandem.health.services import (
    checkin_answer,
    feedback_give,
    health_recompute,
    introduction_record,
    risk_action_record,
)
from tandem.health.tests.factories import RATINGS_OK, open_round
from tandem.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(mentorship, mentor, mentee, outsider, program_manager):
    checkins = {c.respondent_id: c for c in open_round(mentorship, 1)}
    checkin_answer(
        checkin=checkins[mentee.pk],
        by=mentee,
        **RATINGS_OK,
        good_fit=False,
        learned="Theo learned patience",
        comment="Theo's worry",
        share_comment=True,
    )
    feedback_give(mentorship=mentorship, by=mentee, went_well="Theo's praise", do_differently="")
    feedback_give(
        mentorship=mentorship, by=mentor, went_well="Maria's praise", do_differently="More"
    )
    introduction_record(mentorship=mentorship, by=mentor, contact=outsider, purpose="Meet Olga")
    health_recompute()
    risk_action_record(
        mentorship=mentorship, by=program_manager, kind="contacted", note="Theo is busy"
    )
    return mentorship


def test_personal_data_holds_what_a_person_wrote_and_what_is_about_them(history, mentee):
    data = personal_data(mentee)
    assert data["checkins"][0]["learned"] == "Theo learned patience"
    assert [f["went_well"] for f in data["feedback_given"]] == ["Theo's praise"]
    assert [f["went_well"] for f in data["feedback_received"]] == ["Maria's praise"]
    assert data["introductions"][0]["contact"] == "Olga Outsider"
    assert data["risks_of_my_mentorships"][0]["reason"].startswith("Theo Mentee said")
    assert data["actions_about_my_mentorships"][0]["note"] == "Theo is busy"


def test_the_contact_of_an_introduction_sees_it_too(history, outsider):
    assert personal_data(outsider)["introductions"][0]["purpose"] == "Meet Olga"


def test_erase_removes_words_and_names_and_keeps_the_scores(history, mentee, outsider):
    erase(mentee)
    checkin = CheckIn.objects.get(respondent=mentee, status="answered")
    assert (checkin.learned, checkin.comment, checkin.share_comment) == ("", "", False)
    assert (checkin.engagement, checkin.good_fit) == (4, False)
    assert set(Feedback.objects.values_list("went_well", flat=True)) == {"[erased]"}
    assert Feedback.objects.count() == 2
    assert Introduction.objects.get().purpose == "[erased]"
    assert RiskAction.objects.get().note == "[erased]"
    assert "Theo" not in Risk.objects.get(kind="good_fit").reason
    assert HealthScore.objects.exists()
    erased = personal_data(mentee)
    assert "Theo learned patience" not in str(erased)
    quotes = Notification.objects.filter(kind__in=["checkin_comment_shared", "feedback_received"])
    assert quotes.count() == 3 and set(quotes.values_list("body", flat=True)) == {""}


def test_erasing_a_contact_keeps_the_introduction_counted(history, outsider):
    erase(outsider)
    introduction = Introduction.objects.get()
    assert (introduction.contact, introduction.contact_name) == (None, "A colleague (erased)")
    assert introduction.purpose == "Meet Olga"
