"""The three main flows of the growth app, in Chromium."""

import re

import pytest
from django.core import mail

from tandem.growth import services
from tandem.growth.models import Congratulation, DevelopmentPlan, Goal
from tandem.growth.tests.conftest import NOW
from tandem.notifications.models import Notification
from tandem.people.models import Skill
from tandem.people.taxonomy import taxonomy_load_current

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _frozen_clock(time_machine):
    """Today is 25 November 2026, and the clock ticks (the browser waits on it)."""
    time_machine.move_to(NOW, tick=True)


@pytest.fixture(autouse=True)
def _taxonomy(db):
    """Transactional tests empty the tables the migrations filled: load the skills again."""
    taxonomy_load_current()


@pytest.fixture
def confirm(page):
    """Accept the “are you sure?” dialogs."""
    page.on("dialog", lambda dialog: dialog.accept())
    return page


def _switch(page, sign_in, user):
    page.context.clear_cookies()
    return sign_in(user)


def test_a_mentee_sets_a_goal_and_the_mentor_congratulates_a_milestone(
    page, sign_in, confirm, mentorship, mentee, mentor
):
    sign_in(mentee)
    page.goto(f"/growth/mentorships/{mentorship.pk}/goals/")
    page.get_by_role("button", name="Set a goal").click()
    page.get_by_label("Goal:", exact=True).fill("Present our roadmap")
    page.get_by_label("What specifically").fill("Present the product roadmap to the department.")
    page.get_by_label("How success is measured").fill("Questions answered; 4/5 in the survey.")
    page.get_by_label("Target date").fill("2027-03-31")
    page.get_by_label("Milestone 1", exact=True).fill("Draft the slides")
    page.get_by_label("Milestone 1 due").fill("2026-12-18")
    page.get_by_label("Milestone 2", exact=True).fill("Rehearse with Maria")
    page.get_by_label("Milestone 2 due").fill("2027-02-12")
    page.get_by_role("button", name="Set the goal").click()
    page.get_by_text("Goal set: Present our roadmap.").wait_for()

    page.get_by_role("button", name="Mark “Draft the slides” reached").click()
    page.get_by_text("Milestone reached: Draft the slides!").wait_for()
    page.get_by_label("Progress (%)").fill("40")
    page.get_by_label("What happened").fill("Slides drafted, now rehearsing.")
    page.get_by_role("button", name="Save progress").click()
    page.get_by_text("Progress saved: 40%.").wait_for()

    _switch(page, sign_in, mentor)
    page.goto(f"/growth/mentorships/{mentorship.pk}/goals/")
    feed = page.get_by_role("complementary")
    assert "Theo reached a milestone: Draft the slides" in feed.inner_text()
    page.get_by_label("Congratulate Theo on Draft the slides").fill("Great start, Theo!")
    page.get_by_role("button", name="Congratulate").click()
    page.get_by_text("Your congratulations are on their way to Theo Mentee.").wait_for()
    assert page.locator("blockquote.congratulation").inner_text().startswith("Great start, Theo!")
    assert page.get_by_role("button", name="Congratulate").count() == 0

    goal = Goal.objects.get()
    assert (goal.progress, goal.milestones.filter(reached_at__isnull=False).count()) == (40, 1)
    assert Congratulation.objects.get().author == mentor
    assert Notification.objects.filter(recipient=mentee, kind="congratulation").exists()


def _add_item(page, skill: str, what: str, target: str) -> None:
    page.get_by_label("Competency or skill").select_option(label=skill)
    page.get_by_label("Activity").select_option(label="Learn from my mentor")
    page.get_by_label("What I will do").fill(what)
    page.get_by_label("Target date").fill(target)
    page.get_by_role("button", name="Add the item").click()
    page.get_by_text("Item added.").wait_for()


def test_a_plan_is_drafted_reviewed_with_a_suggestion_revised_and_agreed(
    page, sign_in, mentorship, mentee, mentor
):
    sign_in(mentee)
    page.goto(f"/growth/mentorships/{mentorship.pk}/plan/")
    page.get_by_label("What my job demands now").fill("Client demos every week.")
    page.get_by_role("button", name="Start my plan").click()
    page.get_by_text("Your plan is started").wait_for()
    _add_item(page, "Presentation skills", "Shadow Maria's client demos.", "2027-01-29")
    page.get_by_role("button", name="Submit version 1 for review").click()
    page.get_by_text("Version 1 is submitted to Maria Mentor.").wait_for()

    _switch(page, sign_in, mentor)
    page.goto(f"/growth/mentorships/{mentorship.pk}/plan/")
    page.get_by_text("Suggest another target date").click()
    inline = page.locator("details[open]")
    inline.get_by_label("Suggested target date").fill("2027-02-26")
    inline.get_by_label("Why (optional)").fill("You have the launch in January.")
    inline.get_by_role("button", name="Suggest", exact=True).click()
    page.get_by_text("Added to your review.").wait_for()
    page.get_by_label("Ask for changes").check()
    page.get_by_role("button", name="Finish the review").click()
    page.get_by_text("Theo Mentee will see your suggestions.").wait_for()

    _switch(page, sign_in, mentee)
    page.goto(f"/growth/mentorships/{mentorship.pk}/plan/")
    suggestion = page.get_by_role("note", name="Suggestion by Maria")
    assert "26 February 2027" in suggestion.inner_text()
    suggestion.get_by_role("button", name="Accept").click()
    page.get_by_text("Suggestion accepted.").wait_for()
    assert "by 26 Feb 2027" in page.locator("article.plan-item").inner_text()
    page.get_by_role("button", name="Submit version 2 for review").click()
    page.get_by_text("Version 2 is submitted").wait_for()

    _switch(page, sign_in, mentor)
    page.goto(f"/growth/mentorships/{mentorship.pk}/plan/")
    page.get_by_label("Agree to this plan").check()
    page.get_by_role("button", name="Finish the review").click()
    page.get_by_text("You agreed to Theo Mentee’s plan.").wait_for()

    page.get_by_role("button", name="Versions and changes").click()
    diff = page.locator(".plan-diff")
    assert "Changes from version 1 to version 2" in diff.inner_text()
    assert diff.locator("del").inner_text() == "29 January 2027"
    assert diff.locator("ins").inner_text() == "26 February 2027"
    plan = DevelopmentPlan.objects.get()
    assert (plan.status, plan.version) == ("agreed", 2)


RATERS = ["ana@example.com", "ben@example.com", "cleo@example.com"]


def _rate(page, competencies: dict[str, str]) -> None:
    for name, label in competencies.items():
        page.get_by_role("group", name=name).get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Send my ratings").click()
    page.get_by_text("Thank you!").wait_for()


def _links() -> dict[str, str]:
    """The rating link each invited rater received by e-mail."""
    found = {}
    for message in mail.outbox:
        match = re.search(r"https?://\S+/growth/rate/\S+/", message.body)
        if match:
            found[message.to[0]] = match.group(0)
    return found


def test_a_360_is_sent_to_four_raters_answered_through_links_and_its_chart_read(
    page, sign_in, confirm, live_server, settings, mentorship, mentee, mentor, program_admin
):
    settings.SITE_URL = live_server.url
    for name in ("Presentation skills", "Giving feedback"):
        services.competency_add(
            program=mentorship.program, by=program_admin, skill=Skill.objects.get(name=name)
        )
    sign_in(mentee)
    page.goto(f"/growth/mentorships/{mentorship.pk}/assessments/")
    page.get_by_role("button", name="Start one for yourself").click()
    page.get_by_label("Answers close on").fill("2026-12-09")
    page.get_by_label("Co-workers to ask").fill("\n".join(RATERS))
    page.get_by_role("button", name="Start and invite the raters").click()
    page.get_by_text("The assessment is started and the raters are invited.").wait_for()
    links = _links()
    assert sorted(links) == sorted([*RATERS, "mentor@example.com"])  # four raters

    page.get_by_role("button", name="Rate yourself").click()
    _rate(page, {"Presentation skills": "5 – Outstanding", "Giving feedback": "2 – Developing"})

    page.context.clear_cookies()  # the raters have no session: the link is enough
    scores = {
        "ana@example.com": "3",
        "ben@example.com": "3",
        "cleo@example.com": "4",
        "mentor@example.com": "3",
    }
    for email, score in scores.items():
        page.goto(links[email])
        label = {"3": "3 – Solid", "4": "4 – Strong"}[score]
        _rate(page, {"Presentation skills": label, "Giving feedback": "4 – Strong"})
    page.goto(links["ana@example.com"])
    assert page.get_by_role("heading", name="You have already answered").is_visible()

    sign_in(mentee)
    page.goto(f"/growth/mentorships/{mentorship.pk}/assessments/")
    page.get_by_role("link", name="360° skills assessment of Theo Mentee").click()
    progress = page.locator("table.progress-table").inner_text()
    assert "Co-workers\t3 of 3" in progress
    page.get_by_role("button", name="Close and see the results").click()
    page.get_by_text("The assessment is closed: here are the results.").wait_for()

    chart = page.locator("figure.chart").first
    chart.locator("canvas[data-drawn='yes']").wait_for()
    chart.get_by_text("Show the figures").click()
    rows = {
        row.locator("th").inner_text(): row.locator("td").all_inner_texts()
        for row in chart.locator("tbody tr").all()
    }
    # Self, Mentor, Co-workers (average): the co-workers as one average of three.
    assert rows["Presentation skills"] == ["5", "3", "3.33"]
    assert rows["Giving feedback"] == ["2", "4", "4.0"]
    gaps = page.locator("#gaps").inner_text()
    assert "Presentation skills — blind spot" in gaps
    assert "Giving feedback — hidden strength" in gaps
