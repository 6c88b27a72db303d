"""A birthday is private: an admin editing a person's profile neither sees nor clears it, and
the people export leaves it out (an import without the column keeps it)."""

import datetime

import pytest

from tandem.people.exports import people_export_rows
from tandem.people.imports import people_import
from tandem.people.models import Profile

pytestmark = pytest.mark.django_db
BIRTHDAY = datetime.date(1994, 5, 17)


def test_an_admin_edits_a_profile_without_its_birthday(client, program_admin, mentee):
    Profile.objects.filter(user=mentee).update(birthday=BIRTHDAY)
    client.force_login(program_admin)
    page = client.get(f"/people/{mentee.pk}/edit/").content.decode()
    assert "1994-05-17" not in page and 'name="birthday"' not in page
    response = client.post(
        f"/people/{mentee.pk}/edit/",
        {
            "first_name": "Theo",
            "last_name": "Mentee",
            "title": "Support engineer",
            "time_zone": "UTC",
            "years_experience": 2,
            "seniority": 2,
            "meeting_mode": "either",
            "availability_hours": 4,
            "skills-TOTAL_FORMS": 0,
            "skills-INITIAL_FORMS": 0,
            "wanted-TOTAL_FORMS": 0,
            "wanted-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=mentee)
    assert (profile.title, profile.birthday) == ("Support engineer", BIRTHDAY)


def test_i_still_edit_my_own_birthday(client, mentee):
    client.force_login(mentee)
    assert 'name="birthday"' in client.get("/people/me/").content.decode()


def test_the_export_leaves_birthdays_out_and_reimports_without_clearing_them(mentee):
    Profile.objects.filter(user=mentee).update(birthday=BIRTHDAY)
    rows = list(people_export_rows())
    assert "birthday" not in rows[0]
    assert "1994-05-17" not in str(rows)
    text = "\n".join(",".join(f'"{cell}"' for cell in row) for row in rows)
    assert people_import(data=text).ok
    assert Profile.objects.get(user=mentee).birthday == BIRTHDAY
