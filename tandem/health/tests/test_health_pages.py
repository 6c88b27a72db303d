"""Every health page for every role (tandem/tests/roles.py), and the pages' flows."""

import pytest
from django.urls import reverse

from tandem.health.models import Feedback, HealthSettings, Introduction, RiskAction
from tandem.health.services import health_recompute
from tandem.health.tests.factories import RATINGS_OK, open_round
from tandem.tests.roles import ROLES

pytestmark = pytest.mark.django_db

PAIR = {"mentor", "mentee"}
MANAGERS = {"program_manager", "program_admin", "superuser"}
ADMINS_ANYWHERE = MANAGERS | {"other_program_admin"}


def _expected(role, allowed, *, admins_refused=False, refused=404):
    """302 to the login for anonymous; 200 for the allowed; admins of the program who may know
    the mentorship but not its content get 403; anyone else `refused`."""
    if role == "anonymous":
        return 302
    if role in allowed:
        return 200
    if admins_refused and role in MANAGERS:
        return 403
    return refused


@pytest.fixture
def opened(mentorship):
    return {c.respondent.email.split("@")[0]: c for c in open_round(mentorship, 1)}


@pytest.mark.parametrize("role", ROLES)
def test_checkins_tab(role, as_role, mentorship):
    response = as_role(role).get(reverse("health:checkins", args=[mentorship.pk]))
    assert response.status_code == _expected(role, PAIR | MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_checkins_tab_of_a_mutual_mentorship(role, as_role, mutual_mentorship):
    response = as_role(role).get(reverse("health:checkins", args=[mutual_mentorship.pk]))
    assert response.status_code == _expected(role, {"peer"} | MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_answer_page_is_the_respondents_alone(role, as_role, opened):
    response = as_role(role).get(reverse("health:checkin_answer", args=[opened["mentee"].pk]))
    assert response.status_code == _expected(role, {"mentee"})


@pytest.mark.parametrize("role", ROLES)
def test_feedback_page(role, as_role, mentorship):
    response = as_role(role).get(reverse("health:feedback", args=[mentorship.pk]))
    assert response.status_code == _expected(role, PAIR, admins_refused=True)


@pytest.mark.parametrize("role", ROLES)
def test_giving_feedback(role, as_role, mentorship):
    response = as_role(role).post(
        reverse("health:feedback", args=[mentorship.pk]), {"went_well": "Clear advice."}
    )
    expected = 302 if role in PAIR else _expected(role, set(), admins_refused=True)
    assert response.status_code == expected
    assert Feedback.objects.exists() == (role in PAIR)


@pytest.mark.parametrize("role", ROLES)
def test_introductions_page(role, as_role, mentorship):
    response = as_role(role).get(reverse("health:introductions", args=[mentorship.pk]))
    assert response.status_code == _expected(role, PAIR, admins_refused=True)


@pytest.mark.parametrize("role", ROLES)
def test_recording_an_introduction(role, as_role, mentorship):
    response = as_role(role).post(
        reverse("health:introductions", args=[mentorship.pk]),
        {
            "contact_name": "Ada Okafor",
            "contact_organisation": "City Lab",
            "purpose": "Data career",
        },
    )
    if role == "mentor":
        assert response.status_code == 302
    elif role == "mentee":
        assert response.status_code == 403  # the mentor introduces the mentee
    else:
        assert response.status_code == _expected(role, set(), admins_refused=True)
    assert Introduction.objects.exists() == (role == "mentor")


@pytest.mark.parametrize("role", ROLES)
def test_recording_an_outcome(role, as_role, mentorship):
    introduction = Introduction.objects.create(
        mentorship=mentorship,
        made_by=mentorship.mentor,
        made_for=mentorship.mentee,
        contact_name="Ada Okafor",
        purpose="Data career",
    )
    response = as_role(role).post(
        reverse("health:introduction_outcome", args=[introduction.pk]), {"outcome": "Met twice."}
    )
    expected = 302 if role in PAIR else _expected(role, set(), admins_refused=True)
    assert response.status_code == expected
    introduction.refresh_from_db()
    assert (introduction.outcome == "Met twice.") == (role in PAIR)


@pytest.mark.parametrize("role", ROLES)
def test_recording_a_risk_action(role, as_role, mentorship):
    response = as_role(role).post(
        reverse("health:risk_action", args=[mentorship.pk]), {"kind": "contacted", "note": "Called"}
    )
    if role in MANAGERS:
        assert response.status_code == 302
    elif role in PAIR:
        assert response.status_code == 403
    else:
        assert response.status_code == _expected(role, set())
    assert RiskAction.objects.exists() == (role in MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_my_checkins(role, as_role, opened):
    response = as_role(role).get(reverse("health:my_checkins"))
    assert response.status_code == (302 if role == "anonymous" else 200)
    if role == "mentee":
        assert (
            reverse("health:checkin_answer", args=[opened["mentee"].pk])
            in response.content.decode()
        )


@pytest.mark.parametrize("role", ROLES)
def test_at_risk_list_across_programs(role, as_role, mentorship):
    response = as_role(role).get(reverse("health:at_risk"))
    assert response.status_code == _expected(role, ADMINS_ANYWHERE, refused=403)


@pytest.mark.parametrize("role", ROLES)
def test_at_risk_list_of_a_program(role, as_role, mentorship, program):
    response = as_role(role).get(reverse("health:program_at_risk", args=[program.slug]))
    assert response.status_code == _expected(role, MANAGERS, refused=403)


@pytest.mark.parametrize("role", ROLES)
def test_health_settings_page(role, as_role, program):
    response = as_role(role).get(reverse("health:program_settings", args=[program.slug]))
    assert response.status_code == _expected(role, MANAGERS, refused=403)


@pytest.mark.parametrize("role", ROLES)
def test_saving_health_settings(role, as_role, program):
    response = as_role(role).post(
        reverse("health:program_settings", args=[program.slug]),
        {"first_check_in_days": "21", "check_in_every_days": "45", "reminder_after_days": "5"},
    )
    if role in MANAGERS:
        assert response.status_code == 302
        assert HealthSettings.for_program(program).check_in_every_days == 45
    else:
        assert response.status_code == _expected(role, set(), refused=403)
        assert not HealthSettings.objects.exists()


# --- flows -----------------------------------------------------------------------------------


def test_a_check_in_answered_through_the_page(client, mentee, opened):
    client.force_login(mentee)
    url = reverse("health:checkin_answer", args=[opened["mentee"].pk])
    page = client.get(url).content.decode()
    assert "We both turn up, prepared, and give this relationship our full attention." in page
    assert "Is Maria Mentor a good fit for you?" in page
    response = client.post(url, RATINGS_OK | {"good_fit": "yes", "learned": "Patience."})
    assert response.status_code == 302
    opened["mentee"].refresh_from_db()
    assert (opened["mentee"].status, opened["mentee"].good_fit) == ("answered", True)
    again = client.get(url, follow=True)
    assert "This check-in is answered." in again.content.decode()


def test_a_check_in_form_with_errors_names_the_fields(client, mentee, opened):
    client.force_login(mentee)
    url = reverse("health:checkin_answer", args=[opened["mentee"].pk])
    response = client.post(url, RATINGS_OK | {"engagement": "9"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"engagement", "good_fit"}
    assert errors["good_fit"] == ["Say whether this pairing is a good fit."]
    opened["mentee"].refresh_from_db()
    assert opened["mentee"].status == "open"


def test_the_tab_invites_the_respondent_to_answer(client, mentee, mentorship, opened):
    client.force_login(mentee)
    page = client.get(reverse("health:checkins", args=[mentorship.pk])).content.decode()
    assert "Answer your check-in" in page


def test_the_admin_sees_the_score_explained(client, program_manager, mentorship):
    client.force_login(program_manager)
    page = client.get(reverse("health:checkins", args=[mentorship.pk])).content.decode()
    assert "every pair starts at 100" in page
    assert "Recent activity" in page and "last activity 0 days ago" in page.lower()


def test_an_invalid_action_is_a_400_naming_the_field(client, program_manager, mentorship):
    client.force_login(program_manager)
    response = client.post(reverse("health:risk_action", args=[mentorship.pk]), {"kind": "other"})
    assert response.status_code == 400
    assert response.context["action_form"].errors == {"note": ["Say what you did."]}


def test_the_at_risk_list_shows_the_pair_and_why(client, program_manager, mentorship):
    import datetime

    from django.utils import timezone

    health_recompute(now=timezone.now() + datetime.timedelta(days=95))
    client.force_login(program_manager)
    page = client.get(reverse("health:program_at_risk", args=["onboarding"])).content.decode()
    assert "Maria Mentor → Theo Mentee" in page
    assert "No activity for 95 days" in page


def test_an_introduction_to_an_unknown_colleague_names_the_field(client, mentor, mentorship):
    client.force_login(mentor)
    response = client.post(
        reverse("health:introductions", args=[mentorship.pk]),
        {"contact_email": "nobody@example.com", "purpose": "Learn SQL"},
    )
    assert response.status_code == 400
    assert (
        "No colleague with e-mail nobody@example.com"
        in response.context["form"].errors["contact_email"][0]
    )
    assert not Introduction.objects.exists()


def test_an_introduction_to_a_colleague(client, mentor, mentorship, outsider):
    client.force_login(mentor)
    response = client.post(
        reverse("health:introductions", args=[mentorship.pk]),
        {
            "contact_email": outsider.email,
            "purpose": "Knows the billing system",
            "made_on": "2026-11-20",
        },
        follow=True,
    )
    assert "Introduction recorded." in response.content.decode()
    introduction = Introduction.objects.get()
    assert (introduction.contact, introduction.made_for) == (outsider, mentorship.mentee)


def test_settings_errors_name_their_fields(client, program_manager, program):
    client.force_login(program_manager)
    response = client.post(
        reverse("health:program_settings", args=[program.slug]),
        {
            "first_check_in_days": "0",
            "check_in_every_days": "3",
            "reminder_after_days": "5",
            "at_risk_below": "101",
        },
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {
        "first_check_in_days",
        "check_in_every_days",
        "at_risk_below",
    }


def test_home_lists_the_check_ins_to_answer(client, mentee, opened):
    client.force_login(mentee)
    page = client.get(reverse("home")).content.decode()
    assert "Check-ins to answer" in page
    assert reverse("health:checkin_answer", args=[opened["mentee"].pk]) in page


@pytest.mark.parametrize("role", ["mentee", "program_manager"])
def test_the_tab_costs_the_same_queries_for_one_round_or_many(role, as_role, mentorship):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_role(role)
    url = reverse("health:checkins", args=[mentorship.pk])
    open_round(mentorship, 1)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for round_number in (2, 3, 4):
        open_round(mentorship, round_number)
    with CaptureQueriesContext(connection) as four:
        client.get(url)
    assert len(four) == len(one)


@pytest.mark.parametrize("role", ROLES)
def test_how_the_score_works_is_open_to_everyone_signed_in(role, as_role):
    response = as_role(role).get(reverse("health:how_the_score_works"))
    assert response.status_code == (302 if role == "anonymous" else 200)
    if role != "anonymous":
        page = response.content.decode()
        assert "no meeting for 5 weeks against a fortnightly agreement" in page
        for label in ("Meetings held", "Cancellations", "Punctuality", "Last meeting"):
            assert f'<th scope="row">{label}</th>' in page


def test_pairs_without_an_open_risk_are_not_listed(client, program_manager, mentorship, program):
    from tandem.health.models import Risk
    from tandem.mentorships.tests.factories import make_mentorship
    from tandem.people.tests.factories import UserFactory

    calm = make_mentorship(
        program=program,
        mentor=UserFactory(first_name="Calm", last_name="Mentor"),
        mentee=UserFactory(first_name="Calm", last_name="Mentee"),
    )
    Risk.objects.create(
        mentorship=mentorship, kind="good_fit", title="Good fit", reason="x.", score=70
    )
    client.force_login(program_manager)
    response = client.get(reverse("health:program_at_risk", args=["onboarding"]))
    assert [pair.pk for pair in response.context["pairs"]] == [mentorship.pk]
    assert str(calm) not in response.content.decode()
