"""In Chromium: both sides answer a check-in; the admin finds a drifting pair on the at-risk
list with its reasons and records what they did."""

import datetime

import pytest
from django.utils import timezone

from tandem.health.models import CheckIn, Risk, RiskAction
from tandem.health.services import health_recompute
from tandem.health.tests.factories import open_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _rate(page, quality: str, value: int) -> None:
    page.get_by_role("group", name=quality).get_by_label(str(value), exact=True).check()


def _answer(page, ratings: dict, *, learned: str, comment: str = "", share: bool = False):
    for quality, value in ratings.items():
        _rate(page, quality, value)
    page.get_by_label("Yes, a good fit").check()
    page.get_by_label("What did I learn from").fill(learned)
    if comment:
        page.get_by_role("textbox", name="Comment").fill(comment)
    if share:
        page.get_by_label("Share my comment with").check()
    page.get_by_role("button", name="Save my check-in").click()
    page.get_by_text("Thank you: your check-in is saved.").wait_for()


RATINGS = {
    "Engagement": 5,
    "Flexibility": 4,
    "Authenticity": 5,
    "Reciprocity": 4,
    "Overall satisfaction": 5,
}


def test_both_sides_answer_their_check_in(page, sign_in, mentorship, mentor, mentee):
    open_round(mentorship, 1)
    sign_in(mentee)
    page.get_by_role("link", name="Check-in 1 with Maria Mentor").click()
    assert page.get_by_text(
        "We both give and we both learn: it is not a one-way street."
    ).is_visible()
    _answer(
        page,
        RATINGS,
        learned="How to plan a release.",
        comment="Thank you for the introduction to the data team!",
        share=True,
    )
    assert page.get_by_text("Private: only you see it").count() == 0
    assert page.get_by_text("Shared with Maria Mentor").is_visible()

    page.context.clear_cookies()
    sign_in(mentor)
    page.goto(f"/health/mentorships/{mentorship.pk}/")
    assert page.get_by_text("Thank you for the introduction to the data team!").is_visible()
    assert page.get_by_text("How to plan a release.").count() == 0  # what Theo learned is his
    page.get_by_role("button", name="Answer your check-in").click()
    _answer(page, RATINGS | {"Flexibility": 3}, learned="A fresh view on onboarding.")
    assert page.get_by_text("A fresh view on onboarding.").is_visible()
    statuses = set(CheckIn.objects.values_list("status", flat=True))
    assert statuses == {"answered"}


def _drifting(mentorship):
    """Two rounds answered: engagement fell from 4.5 to 2.5."""
    now = timezone.now()
    for round_number, days_ago, (mentor_engagement, mentee_engagement) in (
        (1, 70, (5, 4)),
        (2, 8, (3, 2)),
    ):
        for person, engagement in zip(
            mentorship.people(), (mentor_engagement, mentee_engagement), strict=True
        ):
            CheckIn.objects.create(
                mentorship=mentorship,
                respondent=person,
                round=round_number,
                due_on=(now - datetime.timedelta(days=days_ago + 1)).date(),
                opened_at=now - datetime.timedelta(days=days_ago + 1),
                notified_at=now - datetime.timedelta(days=days_ago + 1),
                status="answered",
                answered_at=now - datetime.timedelta(days=days_ago),
                engagement=engagement,
                flexibility=4,
                authenticity=4,
                reciprocity=4,
                satisfaction=4,
                good_fit=True if round_number == 1 else None,
            )
    health_recompute()


def test_the_admin_acts_on_a_drifting_pair(page, sign_in, mentorship, program_manager):
    _drifting(mentorship)
    sign_in(program_manager)
    page.get_by_role("link", name="Insights").click()
    page.goto("/health/at-risk/")
    row = page.get_by_role("row", name="Maria Mentor → Theo Mentee")
    assert "Engagement fell from 4.5 to 2.5 over the last two check-ins." in row.inner_text()
    row.get_by_role("link", name="Review and act").click()

    breakdown = page.locator("table.health-breakdown")
    assert "Check-in trend" in breakdown.inner_text() and "−20" in breakdown.inner_text()
    assert page.get_by_text("every pair starts at 100").is_visible()
    page.get_by_label("Contacted the pair").check()
    page.get_by_label("Note").fill("Called both: a busy quarter; they will meet weekly in May.")
    page.get_by_role("button", name="Record the action").click()
    page.get_by_text("Action recorded and resolved its open risks.").wait_for()

    page.goto("/health/at-risk/")
    assert page.get_by_text("No pair is at risk right now.").is_visible()
    resolved = page.get_by_role("row", name="Maria Mentor → Theo Mentee")
    assert "Contacted the pair: Called both" in resolved.inner_text()
    assert RiskAction.objects.get().kind == "contacted"
    assert not Risk.objects.open().exists()


def _stopped_meeting(mentorship, mentor):
    """Began 85 days ago with a fortnightly agreement; met 77 and 63 days ago, then the mentor
    called off the next two meetings (one the evening before) and nothing since."""
    from tandem.meetings.tests.factories import make_meeting
    from tandem.mentorships.models import Mentorship
    from tandem.mentorships.tests.factories import signed_agreement

    now = timezone.now()
    began = now - datetime.timedelta(days=85)
    Mentorship.objects.filter(pk=mentorship.pk).update(started_at=began)
    mentorship.agreements.all().delete()
    signed_agreement(
        mentorship,
        meeting_frequency="fortnightly",
        start_date=began.date(),
        end_date=(now + datetime.timedelta(days=120)).date(),
    )
    for days in (77, 63):
        make_meeting(mentorship, now - datetime.timedelta(days=days), outcome="held")
    for days, notice in ((49, datetime.timedelta(days=2)), (35, datetime.timedelta(hours=15))):
        starts = now - datetime.timedelta(days=days)
        make_meeting(
            mentorship,
            starts,
            status="cancelled",
            cancelled_by=mentor,
            cancelled_at=starts - notice,
        )
    health_recompute()


def test_the_admin_sees_meeting_reasons_and_acts(
    page, sign_in, mentorship, mentor, program_manager
):
    _stopped_meeting(mentorship, mentor)
    sign_in(program_manager)
    page.goto("/health/at-risk/")
    row = page.get_by_role("row", name="Maria Mentor → Theo Mentee")
    reasons = row.inner_text()
    assert "No meeting for 9 weeks against a fortnightly agreement." in reasons
    row.get_by_role("link", name="Review and act").click()

    breakdown = page.locator("table.health-breakdown").inner_text()
    assert "Last meeting" in breakdown and "Red flag" in breakdown
    assert "Two cancellations by the mentor (one with under 24 hours' notice)" in breakdown
    page.get_by_role("link", name="How the health score works").click()
    assert page.get_by_role("row", name="Cancellations").is_visible()
    page.go_back()
    page.get_by_label("Contacted the pair").check()
    page.get_by_label("Note").fill(
        "Maria is on a heavy project until March; they will meet monthly."
    )
    page.get_by_role("button", name="Record the action").click()
    page.get_by_text("Action recorded and resolved its open risks.").wait_for()
    assert RiskAction.objects.get().note.startswith("Maria is on a heavy project")
    assert not Risk.objects.open().exists()
