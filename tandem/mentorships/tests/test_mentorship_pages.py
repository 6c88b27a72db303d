import pytest

from tandem.tests.roles import ROLES

pytestmark = pytest.mark.django_db

# The pair and the program's admins see a mentorship; nobody else learns it exists.
SEES_ONE_WAY = {"mentor", "mentee", "program_manager", "program_admin", "superuser"}
SEES_MUTUAL = {"peer", "program_manager", "program_admin", "superuser"}


def _expected(role, allowed):
    if role == "anonymous":
        return 302
    return 200 if role in allowed else 404


@pytest.mark.parametrize("role", ROLES)
def test_mentorship_overview(role, as_role, mentorship):
    response = as_role(role).get(mentorship.get_absolute_url())
    assert response.status_code == _expected(role, SEES_ONE_WAY)


@pytest.mark.parametrize("role", ROLES)
def test_mutual_mentorship_overview(role, as_role, mutual_mentorship):
    response = as_role(role).get(mutual_mentorship.get_absolute_url())
    assert response.status_code == _expected(role, SEES_MUTUAL)


def test_admins_see_that_an_agreement_exists_but_not_its_terms(as_role, mentorship):
    goals = mentorship.current_agreement().goals
    partner_page = as_role("mentee").get(mentorship.get_absolute_url()).content.decode()
    assert "signed by both of you" in partner_page
    admin_page = as_role("program_admin").get(mentorship.get_absolute_url()).content.decode()
    assert goals not in admin_page
