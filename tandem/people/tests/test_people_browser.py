import pytest

from tandem.people.models import Profile, User
from tandem.people.tests.factories import (
    SkillAliasFactory,
    SkillCategoryFactory,
    SkillFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def presentation(db):
    skill = SkillFactory(name="Presentation skills", category=SkillCategoryFactory())
    SkillAliasFactory(skill=skill, name="public speaking")
    return skill


def test_a_participant_adds_a_skill_found_by_its_alias(page, sign_in, mentee, presentation):
    sign_in(mentee)
    page.get_by_role("link", name="My profile").click()
    page.get_by_label("Job title").fill("Junior Analyst")
    page.get_by_label("Find a skill to add").fill("public speaking")
    page.get_by_role("button", name="Add Presentation skills").click()
    page.locator("#skills-rows select[name$='-level']").select_option("4")
    page.locator("#skills-rows input[name$='-offers_mentoring']").check()
    page.get_by_role("button", name="Save profile").click()
    page.get_by_text("Profile saved.").wait_for()
    page.get_by_role("link", name="See it as colleagues do").click()
    assert page.get_by_role("img", name="level 4 of 5").is_visible()
    assert page.get_by_text("Junior Analyst").first.is_visible()
    skill = Profile.objects.get(user=mentee).skills.get()
    assert (skill.skill, skill.level, skill.offers_mentoring) == (presentation, 4, True)


def test_an_admin_imports_a_csv_with_an_error_then_fixes_it(page, sign_in, program_admin, tmp_path):
    bad = tmp_path / "people.csv"
    bad.write_text(
        "email,first_name,time_zone\nnia@example.com,Nia,Europe/Paris\n"
        "sam@example.com,Sam,Atlantis/Capital\n"
    )
    sign_in(program_admin)
    page.goto("/people/import/")
    page.get_by_label("CSV file").set_input_files(str(bad))
    page.get_by_role("button", name="Import").click()
    page.get_by_text("1 problem found. Nothing was imported.").wait_for()
    row = page.locator("table.import-errors tbody tr")
    assert row.locator("td").nth(0).inner_text() == "3"
    assert row.locator("td").nth(1).inner_text() == "time_zone"
    assert "“Atlantis/Capital” is not a known time zone" in row.inner_text()
    assert not User.objects.filter(email="nia@example.com").exists()

    bad.write_text(bad.read_text().replace("Atlantis/Capital", "America/Chicago"))
    page.get_by_label("CSV file").set_input_files(str(bad))
    page.get_by_role("button", name="Import").click()
    page.get_by_text("Import done.").wait_for()
    assert User.objects.filter(email__in=["nia@example.com", "sam@example.com"]).count() == 2


def test_an_admin_filters_the_directory_by_skill(page, sign_in, program_admin, presentation):
    speaker = UserFactory(first_name="Sofia", last_name="Speaker")
    UserFactory(first_name="Quinn", last_name="Quiet")
    speaker.profile.skills.create(skill=presentation, level=5)
    sign_in(program_admin)
    page.goto("/people/")
    page.get_by_label("Skill").fill("public speaking")
    page.get_by_role("button", name="Filter").click()
    page.get_by_text("1 person").wait_for()
    assert page.get_by_role("link", name="Sofia Speaker").is_visible()
    assert not page.get_by_role("link", name="Quinn Quiet").is_visible()
