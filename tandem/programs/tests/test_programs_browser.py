import pytest

from tandem.programs.models import Enrollment, Program

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_creates_a_program_and_opens_enrollment(page, sign_in, program_admin):
    sign_in(program_admin)
    page.goto("/programs/new/")
    page.get_by_label("Name").fill("Sales mentoring 2027")
    page.get_by_label("Purpose").select_option("skills")
    page.get_by_label("Start date").fill("2027-02-01")
    page.get_by_label("End date").fill("2027-08-01")
    page.get_by_label("Default meeting frequency").select_option("monthly")
    page.get_by_label("Guidelines for mentors").fill("Share your best deals and worst losses.")
    page.get_by_label("Guidelines for mentees").fill("Bring a live deal to each meeting.")
    page.get_by_label("Question:", exact=True).fill("Which deal do you want help with?")
    page.get_by_role("button", name="Save program").click()
    page.get_by_role("heading", name="Sales mentoring 2027").wait_for()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Open enrollment").click()
    page.get_by_text("Sales mentoring 2027 is now enrolling.").wait_for()
    program = Program.objects.get(name="Sales mentoring 2027")
    assert program.status == "enrolling"
    assert program.questions.get().text == "Which deal do you want help with?"


def test_a_participant_enrolls_and_the_admin_approves(
    page, sign_in, program, mentee, program_admin
):
    program.questions.create(text="What do you hope to gain?", required=True)
    sign_in(mentee)
    page.goto(program.get_absolute_url())
    page.get_by_label("Mentee", exact=True).check()
    page.get_by_label("What do you hope to gain?").fill("Know who to ask for what.")
    page.get_by_label("I have read the program's guidelines").check()
    page.get_by_role("button", name="Enroll").click()
    page.get_by_text("Awaiting approval").wait_for()

    page.context.clear_cookies()
    sign_in(program_admin)
    page.goto(f"/programs/{program.slug}/enrollments/")
    row = page.locator("tr", has_text="Theo Mentee")
    row.get_by_role("button", name="Approve").click()
    row.get_by_text("Approved", exact=True).wait_for()
    assert Enrollment.objects.get(person=mentee).status == "approved"
