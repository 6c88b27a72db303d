"""People, profiles and skills over the API."""

import datetime

import pytest

from tandem.api.testing import api_client, fields
from tandem.people.models import Profile
from tandem.people.tests.factories import (
    DepartmentFactory,
    ProfileSkillFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_my_profile_has_my_private_fields(mentee):
    Profile.objects.filter(user=mentee).update(birthday=datetime.date(1990, 4, 2))
    body = api_client(mentee).get("/api/v1/people/me").json()
    assert body["email"] == "mentee@example.com"
    assert body["birthday"] == "1990-04-02"


def test_a_colleagues_profile_never_shows_their_birthday_or_email(mentee, outsider):
    Profile.objects.filter(user=mentee).update(
        birthday=datetime.date(1990, 4, 2), share_birthday=True
    )
    response = api_client(outsider).get(f"/api/v1/people/{mentee.pk}")
    assert response.status_code == 200
    assert response.json()["name"] == "Theo Mentee"
    assert "1990-04-02" not in response.content.decode()
    assert "mentee@example.com" not in response.content.decode()


def test_an_inactive_persons_profile_is_a_404(outsider):
    gone = UserFactory(is_active=False)
    assert api_client(outsider).get(f"/api/v1/people/{gone.pk}").status_code == 404


def test_patch_changes_only_the_fields_sent(mentee, languages):
    DepartmentFactory(name="Sales")
    api = api_client(mentee)
    response = api.patch(
        "/api/v1/people/me",
        {"title": "Account executive", "department": "sales", "languages": ["es"]},
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["title"], body["department"], body["languages"]) == (
        "Account executive",
        "Sales",
        ["es"],
    )
    assert body["first_name"] == "Theo"


def test_patch_creates_new_interests_and_reuses_known_ones(mentee):
    api = api_client(mentee)
    api.patch("/api/v1/people/me", {"interests": ["Chess"]})
    body = api.patch("/api/v1/people/me", {"interests": ["chess", "Climbing"]}).json()
    assert sorted(body["interests"]) == ["Chess", "Climbing"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"manager_email": "nobody@example.com"}, "manager_email"),
        ({"manager_email": "mentee@example.com"}, "manager_email"),
        ({"department": "No such team"}, "department"),
        ({"languages": ["xx"]}, "languages"),
        ({"availability_hours": 500}, "availability_hours"),
        ({"seniority": 9}, "seniority"),
        ({"first_name": ""}, "first_name"),
        ({"bio": "nul \x00 byte"}, "bio"),
        ({"birthday": "2099-01-01"}, "birthday"),
    ],
)
def test_a_bad_field_is_named(mentee, payload, field):
    response = api_client(mentee).patch("/api/v1/people/me", payload)
    assert response.status_code in (400, 422)
    assert any(field in name for name in fields(response)) or field in response.json()["detail"]


def test_a_manager_loop_is_refused(mentee, mentor):
    Profile.objects.filter(user=mentor).update(manager=mentee)
    response = api_client(mentee).patch(
        "/api/v1/people/me", {"manager_email": "mentor@example.com"}
    )
    assert response.status_code == 400
    assert fields(response) == ["manager_email"]


def test_skills_are_replaced_together(mentee, skills):
    api = api_client(mentee)
    response = api.put(
        "/api/v1/people/me/skills",
        {
            "skills": [{"skill": skills["python"].pk, "level": 4, "offers_mentoring": True}],
            "wanted_skills": [{"skill": skills["sql"].pk, "target_level": 3}],
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["skills"] == [
        {"skill": skills["python"].pk, "name": "Python", "level": 4, "offers_mentoring": True}
    ]
    assert body["wanted_skills"][0]["name"] == "SQL"


def test_a_repeated_or_unknown_skill_names_its_row_and_writes_nothing(mentee, skills):
    ProfileSkillFactory(profile=mentee.profile, skill=skills["sql"], level=2)
    response = api_client(mentee).put(
        "/api/v1/people/me/skills",
        {
            "skills": [
                {"skill": skills["python"].pk, "level": 4},
                {"skill": skills["python"].pk, "level": 2},
            ],
            "wanted_skills": [{"skill": 999999}],
        },
    )
    assert response.status_code == 400
    assert sorted(fields(response)) == ["skills.1.skill", "wanted_skills.0.skill"]
    assert list(mentee.profile.skills.values_list("skill__name", flat=True)) == ["SQL"]


def test_a_skill_level_out_of_range_is_a_422_naming_it(mentee, skills):
    response = api_client(mentee).put(
        "/api/v1/people/me/skills",
        {"skills": [{"skill": skills["python"].pk, "level": 9}], "wanted_skills": []},
    )
    assert response.status_code == 422
    assert fields(response) == ["skills.0.level"]


def test_skills_are_found_by_alias(mentee, skills):
    body = api_client(mentee).get("/api/v1/people/skills", {"q": "public spea"}).json()
    assert [s["name"] for s in body["items"]] == ["Presentation skills"]
    assert "public speaking" in body["items"][0]["aliases"]


def test_the_directory_filters_like_the_page(program_admin, mentee, mentor, skills):
    ProfileSkillFactory(
        profile=mentor.profile, skill=skills["presentation"], level=5, offers_mentoring=True
    )
    ProfileSkillFactory(profile=mentee.profile, skill=skills["presentation"], level=2)
    api = api_client(program_admin)
    body = api.get("/api/v1/people/", {"skill": "public speaking", "offers": True}).json()
    assert [p["email"] for p in body["items"]] == ["mentor@example.com"]
    assert body["count"] == 1


def test_the_directory_is_paginated(program_admin):
    for n in range(5):
        UserFactory(email=f"p{n}@example.com")
    body = api_client(program_admin).get("/api/v1/people/", {"limit": 2, "offset": 2}).json()
    assert len(body["items"]) == 2
    assert body["count"] == 6


def test_the_directory_keeps_birthdays_private(program_admin, mentee):
    Profile.objects.filter(user=mentee).update(birthday=datetime.date(1990, 4, 2))
    response = api_client(program_admin).get("/api/v1/people/")
    assert "1990-04-02" not in response.content.decode()


def test_the_directory_is_for_global_admins(program_manager):
    assert api_client(program_manager).get("/api/v1/people/").status_code == 403


# --- the CSV import through the API: the same size and content checks as the page -------------


def _upload(user, name: str, content: bytes, dry_run: bool = False):
    from django.core.files.uploadedfile import SimpleUploadedFile

    api = api_client(user)
    url = "/api/v1/people/import" + ("?dry_run=true" if dry_run else "")
    return api.client.post(url, {"file": SimpleUploadedFile(name, content)})


def test_an_import_creates_people(program_admin):
    csv = b"email,first_name,last_name\nana@example.com,Ana,Lima\n"
    body = _upload(program_admin, "people.csv", csv).json()
    assert (body["ok"], body["created"]) == (True, 1)


def test_a_dry_run_writes_nothing(program_admin):
    from tandem.people.models import User

    _upload(program_admin, "people.csv", b"email\nana@example.com\n", dry_run=True)
    assert not User.objects.filter(email="ana@example.com").exists()


def test_bad_rows_are_listed_and_nothing_is_written(program_admin):
    response = _upload(program_admin, "people.csv", b"email,seniority\nnot-an-email,12\n")
    body = response.json()
    assert body["ok"] is False
    assert {e["column"] for e in body["errors"]} >= {"email"}


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("people.xlsx", b"email\na@example.com\n", "not a CSV file"),
        ("people.csv", b"\x00\x01binary", "not a text file"),
        ("people.csv", b"", "empty"),
        ("people.csv", b"mail,name\n", "Unknown column"),
    ],
)
def test_a_bad_file_is_refused_naming_the_file(program_admin, name, content, reason):
    response = _upload(program_admin, name, content)
    assert response.status_code == 400
    assert fields(response) == ["file"]
    assert reason in response.json()["detail"]


def test_an_oversized_file_is_refused(program_admin, settings):
    settings.PEOPLE_IMPORT_MAX_BYTES = 100
    response = _upload(program_admin, "people.csv", b"email\n" + b"a@example.com\n" * 20)
    assert response.status_code == 400
    assert "the limit is" in response.json()["detail"]


def test_a_missing_file_is_a_422_naming_it(program_admin):
    response = api_client(program_admin).client.post("/api/v1/people/import", {})
    assert response.status_code == 422
    assert fields(response) == ["file"]
