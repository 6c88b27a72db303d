"""In Chromium: the outcome report with its group sizes, intervals and the plain warnings."""

import datetime

import pytest

from tandem.mentorships.tests.factories import make_mentorship
from tandem.people.imports import people_import
from tandem.people.tests.factories import UserFactory
from tandem.programs.tests.factories import EnrollmentFactory, ProgramFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_outcome_report_renders_its_groups_and_intervals(
    page, sign_in, program_manager, program
):
    """Three mentored, four waiting; an import a week ago: one waiting person left."""
    today = datetime.date.today()
    program.start_date = today - datetime.timedelta(days=90)
    program.end_date = today + datetime.timedelta(days=90)
    program.status = "running"
    program.save()
    mentor = UserFactory(email="coach@example.com")
    for index in range(3):
        make_mentorship(program=program, mentor=mentor if index < 2 else None,
                        mentee=UserFactory(email=f"mentored{index}@example.com"))  # fmt: skip
    for index in range(4):
        EnrollmentFactory(program=program, person=UserFactory(email=f"waiting{index}@example.com"),
                          role="mentee", status="approved")  # fmt: skip
    later = ProgramFactory(slug="later", start_date=today + datetime.timedelta(days=30),
                           end_date=today + datetime.timedelta(days=200))  # fmt: skip
    EnrollmentFactory(program=later, person=UserFactory(), role="mentee", status="waitlisted")
    people_import(
        data="email,is_active\nwaiting0@example.com,no\n",
        as_of=today - datetime.timedelta(days=7),
    )
    sign_in(program_manager)
    page.goto(f"/insights/programs/{program.slug}/")
    page.get_by_role("button", name="Outcomes").click()
    page.get_by_role("heading", name=f"{program.name}: outcomes").wait_for()
    assert page.locator("#group-mentored strong").inner_text() == "3"
    assert page.locator("#group-waiting strong").inner_text() == "5"
    row = page.locator("#career").get_by_role("row", name="Still in the organisation")
    assert "3 of 3" in row.inner_text() and "4 of 5" in row.inner_text()
    assert "80.0% (95% CI 37.6–96.4%)" in row.inner_text()
    assert "Too few people to conclude" in row.inner_text()
    assert page.get_by_text("The groups are too small to conclude.").is_visible()
    assert page.get_by_text("they do not show that mentoring caused any difference").is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download “Retention and career moves” (CSV)").click()
    assert download.value.suggested_filename == f"{program.slug}-outcomes-career.csv"
    assert page.get_by_role("button", name="Print").is_visible()
