"""The main flows of a mentorship, in real Chromium: both people accept a proposal; the pair
signs (and amends) its agreement; a mentee requests a mentor who accepts; a mentorship is
closed with both reflections."""

import pytest

from tandem.mentorships.models import Mentorship, MentorshipRequest
from tandem.mentorships.tests.factories import make_mentorship
from tandem.programs.tests.factories import ProgramFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _switch(page, sign_in, person):
    page.context.clear_cookies()
    return sign_in(person)


def test_both_people_accept_a_proposal(page, sign_in, program, mentor, mentee):
    proposal = make_mentorship(program=program, mentor=mentor, mentee=mentee, status="proposed")
    sign_in(mentee)
    page.get_by_role("link", name="Accept or decline the proposal").click()
    page.get_by_role("heading", name="A proposed mentorship").wait_for()
    page.get_by_role("button", name="Accept").click()
    page.get_by_text("You accepted. Maria Mentor has yet to answer.").wait_for()
    assert page.get_by_text("accepted", exact=False).first.is_visible()

    _switch(page, sign_in, mentor)
    page.goto(proposal.get_absolute_url())
    page.get_by_role("button", name="Accept").click()
    page.get_by_text("You both accepted: your mentorship has begun.").wait_for()
    page.get_by_role(
        "link", name="Hold your initial consultation and write the agreement"
    ).wait_for()
    assert Mentorship.objects.get(pk=proposal.pk).status == "active"


def test_the_pair_writes_signs_and_amends_an_agreement(page, sign_in, program, mentor, mentee):
    fresh = make_mentorship(program=program, mentor=mentor, mentee=mentee, agreement=False)
    sign_in(mentee)
    page.goto(fresh.get_absolute_url())
    page.get_by_role("link", name="Agreement", exact=True).click()
    page.get_by_role("heading", name="Your initial consultation").wait_for()
    assert page.get_by_role("heading", name="For the mentee").is_visible()  # guidelines beside
    page.get_by_label("Initial consultation held on").fill("2026-02-04")
    page.get_by_label("Our goals in brief").fill("Find my feet.\nPresent at a team demo.")
    page.get_by_label("Meeting frequency").select_option("weekly")
    page.get_by_label("Meeting style").select_option("virtual")
    page.get_by_label("Start date").fill("2026-02-04")
    page.get_by_label("End date").fill("2026-01-10")
    page.get_by_role("button", name="Save the agreement").click()
    page.get_by_text("The agreement must end after it starts.").wait_for()
    page.get_by_label("End date").fill("2026-07-31")
    page.get_by_role("button", name="Save the agreement").click()
    page.get_by_text("Version 1 saved.").wait_for()
    page.get_by_role("button", name="Sign version 1").click()
    page.get_by_text("Signed. Your partner's signature is awaited.").wait_for()

    _switch(page, sign_in, mentor)
    page.get_by_role("link", name="Sign the agreement (version 1)").click()
    page.get_by_role("button", name="Sign version 1").click()
    page.get_by_text("Version 1 is signed by both of you: it is in force.").wait_for()
    page.get_by_label("Meeting frequency").select_option("fortnightly")
    page.get_by_role("button", name="Save as version 2").click()
    page.get_by_text("Version 2 saved.").wait_for()
    page.get_by_text("1 term: meeting frequency").click()
    page.locator("ins", has_text="Every two weeks").wait_for()
    assert fresh.current_agreement().version == 1
    assert fresh.latest_agreement().meeting_frequency == "fortnightly"


def test_a_mentee_requests_a_mentor_who_accepts(page, sign_in, choosing, mentor, mentee):
    sign_in(mentee)
    page.get_by_role("button", name="Find a mentor").click()
    page.get_by_role("heading", name="Your shortlist").wait_for()
    page.get_by_label("Name").fill("Nobody")
    page.get_by_text("No mentor matches this search.").wait_for()
    page.get_by_label("Name").fill("Maria")
    page.get_by_text("1 mentor match your search.").wait_for()
    page.get_by_role("list").filter(has_text="match").locator(
        "a", has_text="Maria Mentor"
    ).first.click()
    page.get_by_role("heading", name="Ask Maria to mentor you").wait_for()
    page.get_by_label("What I admire in your path").fill("x")
    page.get_by_role("button", name="Send my request").click()
    page.get_by_text("Tell them what you admire in their path").wait_for()
    page.get_by_label("What I admire in your path").fill(
        "You moved from support into engineering and now lead design reviews."
    )
    page.get_by_label("What I hope to gain").fill("Confidence in system design discussions.")
    page.get_by_role("button", name="Send my request").click()
    page.get_by_text("Your request is sent.").wait_for()

    _switch(page, sign_in, mentor)
    page.get_by_role("link", name="Theo Mentee asks you to be their mentor").click()
    page.get_by_text("You moved from support into engineering").wait_for()
    page.get_by_label("Message to the mentee").fill("Gladly — see you next week!")
    page.get_by_role("button", name="Accept and begin").click()
    page.get_by_role("heading", name="Mentoring Theo Mentee").wait_for()
    request = MentorshipRequest.objects.get()
    assert (request.status, request.mentorship.origin) == ("accepted", "request")


def test_a_mentorship_is_closed_with_reflections(page, sign_in, mentorship, mentor, mentee):
    ProgramFactory(name="Onboarding, autumn cohort", slug="autumn", purpose="onboarding")
    sign_in(mentor)
    page.goto(mentorship.get_absolute_url())
    closing = page.locator("details", has=page.get_by_text("Complete", exact=True))
    closing.get_by_text("Complete", exact=True).click()
    closing.get_by_label("Reason").select_option("goals_met")
    closing.get_by_role("button", name="Complete the mentorship").click()
    page.get_by_role("heading", name="Your closing reflection").wait_for()
    page.get_by_label("What I gained").fill("A fresh look at how we onboard people.")
    page.get_by_label("What my partner gained").fill("The nerve to speak up in reviews.")
    page.get_by_label("Yes, without hesitation").check()
    page.get_by_role("button", name="Share my reflection").click()
    page.get_by_role("heading", name="Closing reflections").wait_for()
    assert page.get_by_text("Your reflection", exact=True).is_visible()

    _switch(page, sign_in, mentee)
    page.get_by_role("heading", name="Pass it on").wait_for()
    assert page.get_by_role("button", name="Mentor in Onboarding, autumn cohort").is_visible()
    page.get_by_role("link", name="Write your closing reflection").click()
    page.get_by_label("What I gained").fill("Confidence, and a network across three teams.")
    page.get_by_label("What my partner gained").fill("Practice at coaching.")
    page.get_by_label("Yes, with some reservations").check()
    page.get_by_role("button", name="Share my reflection").click()
    page.get_by_text("Maria Mentor's reflection").wait_for()
    assert page.get_by_text("A fresh look at how we onboard people.").is_visible()
    assert mentorship.reflections.count() == 2
