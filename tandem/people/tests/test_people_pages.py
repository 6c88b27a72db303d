import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tandem.people.imports import people_import
from tandem.people.models import Profile, User
from tandem.people.tests.factories import ProfileSkillFactory
from tandem.tests.roles import ROLES

pytestmark = pytest.mark.django_db

PEOPLE_ADMINS = {"program_admin", "superuser"}


def _status(role, allowed):
    if role == "anonymous":
        return 302
    return 200 if role in allowed else 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "url_name", ["people:directory", "people:import", "people:export", "people:skills"]
)
def test_admin_only_people_pages(role, url_name, as_role, enrolled):
    response = as_role(role).get(reverse(url_name))
    assert response.status_code == _status(role, PEOPLE_ADMINS)


@pytest.mark.parametrize("role", ROLES)
def test_every_participant_sees_a_colleague_s_profile(role, as_role, enrolled, mentor):
    response = as_role(role).get(reverse("people:profile", args=[mentor.pk]))
    assert response.status_code == _status(role, set(ROLES) - {"anonymous"})


@pytest.mark.parametrize("role", ROLES)
def test_only_the_person_sees_their_birthday(role, as_role, enrolled, mentor):
    Profile.objects.filter(user=mentor).update(birthday="1985-04-23")
    response = as_role(role).get(reverse("people:profile", args=[mentor.pk]))
    if role == "anonymous":
        return
    assert ("23 April" in response.content.decode()) is (role == "mentor")


@pytest.mark.parametrize("role", ROLES)
def test_editing_another_person_s_profile(role, as_role, enrolled, mentee):
    response = as_role(role).get(reverse("people:profile_edit_other", args=[mentee.pk]))
    allowed = PEOPLE_ADMINS | {"mentee"}
    assert response.status_code == _status(role, allowed)


def _profile_post(user, **overrides):
    data = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "title": "Engineer",
        "department": "",
        "manager_email": "",
        "bio": "",
        "location": "Lisbon",
        "time_zone": "Europe/Lisbon",
        "years_experience": "3",
        "seniority": "3",
        "career_goals": "",
        "meeting_mode": "either",
        "availability_hours": "4",
        "hire_date": "",
        "birthday": "",
        "new_interests": "",
        "skills-TOTAL_FORMS": "0",
        "skills-INITIAL_FORMS": "0",
        "wanted-TOTAL_FORMS": "0",
        "wanted-INITIAL_FORMS": "0",
    }
    return data | overrides


def test_a_participant_saves_their_profile_with_skills(client, mentee, skills):
    client.force_login(mentee)
    data = _profile_post(
        mentee,
        **{
            "skills-TOTAL_FORMS": "1",
            "skills-0-skill": skills["python"].pk,
            "skills-0-level": "4",
            "skills-0-offers_mentoring": "on",
            "wanted-TOTAL_FORMS": "1",
            "wanted-0-skill": skills["presentation"].pk,
            "wanted-0-target_level": "5",
            "new_interests": "Sailing, chess",
        },
    )
    response = client.post(reverse("people:profile_edit"), data)
    assert response.status_code == 302
    profile = Profile.objects.get(user=mentee)
    assert profile.time_zone == "Europe/Lisbon"
    assert profile.skills.get().offers_mentoring
    assert profile.wanted_skills.get().target_level == 5
    assert set(profile.interests.values_list("name", flat=True)) == {"Sailing", "chess"}


def test_the_same_skill_twice_is_a_field_error(client, mentee, skills):
    client.force_login(mentee)
    data = _profile_post(
        mentee,
        **{
            "skills-TOTAL_FORMS": "2",
            "skills-0-skill": skills["python"].pk,
            "skills-0-level": "4",
            "skills-1-skill": skills["python"].pk,
            "skills-1-level": "2",
        },
    )
    response = client.post(reverse("people:profile_edit"), data)
    assert response.status_code == 400
    assert response.context["skills"].forms[1].errors["skill"] == ["You already listed Python."]
    assert not Profile.objects.get(user=mentee).skills.exists()


def test_a_bad_time_zone_and_an_unknown_manager_are_field_errors(client, mentee):
    client.force_login(mentee)
    data = _profile_post(mentee, time_zone="Mars/Olympus", manager_email="ghost@example.com")
    response = client.post(reverse("people:profile_edit"), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "time_zone" in errors
    assert errors["manager_email"] == ["No active person has the e-mail ghost@example.com."]


def test_choosing_one_s_own_report_as_manager_is_refused(client, mentee, mentor):
    Profile.objects.filter(user=mentor).update(manager=mentee)
    client.force_login(mentee)
    response = client.post(
        reverse("people:profile_edit"), _profile_post(mentee, manager_email=mentor.email)
    )
    assert response.status_code == 400
    assert "loop" in response.context["form"].errors["manager_email"][0]


def test_the_skill_picker_finds_a_skill_by_its_alias(client, mentee, skills):
    client.force_login(mentee)
    response = client.get(reverse("people:skill_search"), {"q": "public speak"})
    page = response.content.decode()
    assert "Add Presentation skills" in page
    assert "also called “public speaking”" in page


def test_the_skill_row_comes_with_the_skill_chosen(client, mentee, skills):
    client.force_login(mentee)
    response = client.get(
        reverse("people:skill_row"), {"skill": skills["sql"].pk, "index": "3", "kind": "skills"}
    )
    page = response.content.decode()
    assert 'name="skills-3-skill"' in page
    assert f'<option value="{skills["sql"].pk}" selected>SQL</option>' in page


def test_the_directory_filters_by_a_skill_alias(client, program_admin, mentor, mentee, skills):
    ProfileSkillFactory(profile=mentor.profile, skill=skills["presentation"], level=5)
    client.force_login(program_admin)
    response = client.get(reverse("people:directory"), {"skill": "public speaking"})
    people = [p.user for p in response.context["page"].object_list]
    assert people == [mentor]


def test_the_directory_searches_names(client, program_admin, mentor, mentee):
    client.force_login(program_admin)
    response = client.get(reverse("people:directory"), {"q": "Theo"}, HTTP_HX_REQUEST="true")
    assert [p.user for p in response.context["page"].object_list] == [mentee]
    assert "<html" not in response.content.decode()


def test_an_admin_adds_a_skill_with_an_alias(client, program_admin, skills):
    client.force_login(program_admin)
    category = skills["python"].category
    response = client.post(
        reverse("people:skill_create"),
        {
            "name": "Prompt engineering",
            "category": category.pk,
            "description": "",
            "aliases-TOTAL_FORMS": "2",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-name": "prompting",
            "aliases-1-name": "",
        },
    )
    assert response.status_code == 302
    assert User.objects.none().count() == 0
    from tandem.people.models import Skill

    assert Skill.objects.matching_name("prompting").get().name == "Prompt engineering"


def test_a_skill_name_already_used_as_an_alias_is_refused(client, program_admin, skills):
    client.force_login(program_admin)
    response = client.post(
        reverse("people:skill_create"),
        {
            "name": "Public Speaking",
            "category": skills["python"].category.pk,
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 400
    assert "already an alias of Presentation skills" in response.context["form"].errors["name"][0]


def _upload(text, name="people.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_the_import_page_shows_each_bad_row_and_writes_nothing(client, program_admin):
    client.force_login(program_admin)
    response = client.post(
        reverse("people:import"),
        {"file": _upload("email,time_zone\na@example.com,Nowhere/Land\n"), "action": "import"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert "“Nowhere/Land” is not a known time zone" in page
    assert not User.objects.filter(email="a@example.com").exists()


def test_the_import_page_checks_then_imports(client, program_admin):
    client.force_login(program_admin)
    text = "email,first_name\nnew.hire@example.com,Nia\n"
    response = client.post(reverse("people:import"), {"file": _upload(text), "action": "check"})
    assert "Check passed" in response.content.decode()
    assert not User.objects.filter(email="new.hire@example.com").exists()
    response = client.post(reverse("people:import"), {"file": _upload(text), "action": "import"})
    assert "Import done." in response.content.decode()
    assert User.objects.get(email="new.hire@example.com").first_name == "Nia"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (None, "Choose a CSV file to upload."),
        (SimpleUploadedFile("photo.png", b"\x89PNG\x00\x00"), "is not a CSV file"),
        (SimpleUploadedFile("people.csv", b"\x00\x00binary"), "This is not a text file"),
    ],
)
def test_bad_uploads_are_refused_with_a_message(client, program_admin, upload, message):
    client.force_login(program_admin)
    data = {"action": "import"} | ({"file": upload} if upload else {})
    response = client.post(reverse("people:import"), data)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_an_oversized_upload_is_refused(client, program_admin, settings):
    settings.PEOPLE_IMPORT_MAX_BYTES = 100
    client.force_login(program_admin)
    response = client.post(
        reverse("people:import"), {"file": _upload("email\n" + "a@example.com\n" * 20)}
    )
    assert response.status_code == 400
    assert "the limit is" in response.content.decode()


def test_an_export_imports_back_with_no_change(client, program_admin, mentor, mentee, skills):
    ProfileSkillFactory(
        profile=mentor.profile, skill=skills["python"], level=5, offers_mentoring=True
    )
    Profile.objects.filter(user=mentee).update(manager=mentor)
    client.force_login(program_admin)
    response = client.get(reverse("people:export"))
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["email"] for r in rows} >= {mentor.email, mentee.email}
    assert next(r for r in rows if r["email"] == mentor.email)["skills"] == "Python:5*"
    result = people_import(data=text)
    assert (result.created, result.updated) == (0, 0), result.errors


def test_the_import_command_reports_rows_and_fails(tmp_path, skills):
    from django.core.management import CommandError, call_command

    bad = tmp_path / "bad.csv"
    bad.write_text("email,skills\na@example.com,Juggling:2\n")
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_people", str(bad))
    good = tmp_path / "good.csv"
    good.write_text("email,skills\na@example.com,Python:2\n")
    out = io.StringIO()
    call_command("import_people", str(good), stdout=out)
    assert "1 new, 0 changed, 0 unchanged." in out.getvalue()
