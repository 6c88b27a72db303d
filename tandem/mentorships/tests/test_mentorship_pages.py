"""Who reaches each page and action of a mentorship: every role in ROLES, for each.

The pair and the program's admins see a mentorship (admins its metadata only); the pair's own
pages (agreement, reflection) answer 403 to an admin, who knows the mentorship exists; anyone
else learns nothing (404). Nobody answers, signs or writes on someone else's behalf."""

import pytest
from django.urls import reverse

from tandem.mentorships.models import Mentorship
from tandem.mentorships.services import agreement_save, mentorship_transition, reflection_save
from tandem.mentorships.tests.factories import MOTIVATION, make_mentorship, make_request
from tandem.tests.roles import ROLES

pytestmark = pytest.mark.django_db

PAIR = {"mentor", "mentee"}
ADMINS = {"program_manager", "program_admin", "superuser"}
SEES_ONE_WAY = PAIR | ADMINS
SEES_MUTUAL = {"peer", "program_manager", "program_admin", "superuser"}


def _expected(role, allowed, *, admins_refused=False, ok=200):
    """anonymous → sign-in page; allowed → ok; admins of the program → 403 when refused;
    anyone else → 404."""
    if role == "anonymous":
        return 302
    if role in allowed:
        return ok
    if admins_refused and role in ADMINS:
        return 403
    return 404


@pytest.mark.parametrize("role", ROLES)
def test_mentorship_overview(role, as_role, mentorship):
    response = as_role(role).get(mentorship.get_absolute_url())
    assert response.status_code == _expected(role, SEES_ONE_WAY)


@pytest.mark.parametrize("role", ROLES)
def test_mutual_mentorship_overview(role, as_role, mutual_mentorship):
    response = as_role(role).get(mutual_mentorship.get_absolute_url())
    assert response.status_code == _expected(role, SEES_MUTUAL)


@pytest.mark.parametrize("role", ROLES)
def test_my_mentorships(role, as_role, mentorship):
    response = as_role(role).get(reverse("mentorships:list"))
    assert response.status_code == (302 if role == "anonymous" else 200)
    if role in PAIR:
        assert mentorship.get_absolute_url() in response.content.decode()
    elif role != "anonymous":
        assert mentorship.get_absolute_url() not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_agreement_page(role, as_role, mentorship):
    response = as_role(role).get(reverse("mentorships:agreement", args=[mentorship.pk]))
    assert response.status_code == _expected(role, PAIR, admins_refused=True)


@pytest.mark.parametrize("role", ROLES)
def test_agreement_version_page(role, as_role, mentorship):
    url = reverse("mentorships:agreement_version", args=[mentorship.pk, 1])
    assert as_role(role).get(url).status_code == _expected(role, PAIR, admins_refused=True)


@pytest.mark.parametrize("role", ROLES)
def test_writing_the_agreement(role, as_role, mentorship):
    terms = {
        "goals": "Present to customers with confidence.",
        "meeting_frequency": "weekly",
        "meeting_style": "virtual",
        "meeting_minutes": 45,
        "start_date": "2026-03-02",
        "end_date": "2026-08-28",
        "confidentiality": "Between us.",
    }
    url = reverse("mentorships:agreement", args=[mentorship.pk])
    response = as_role(role).post(url, terms)
    assert response.status_code == _expected(role, PAIR, admins_refused=True, ok=302)
    assert mentorship.agreements.count() == (2 if role in PAIR else 1)


@pytest.mark.parametrize("role", ROLES)
def test_signing_the_agreement(role, as_role, mentor, mentee):
    fresh = make_mentorship(mentor=mentor, mentee=mentee, agreement=False)
    fresh.program.admins.set([])
    agreement_save(
        mentorship=fresh,
        by=mentee,
        goals="Learn the ropes.",
        start_date="2026-03-02",
        end_date="2026-08-28",
    )
    url = reverse("mentorships:agreement_sign", args=[fresh.pk])
    response = as_role(role).post(url, {"version": 1})
    # This program has no program manager: only global admins are its admins.
    expected = _expected(role, PAIR, admins_refused=True, ok=302)
    if role == "program_manager":
        expected = 404
    assert response.status_code == expected
    signed = set(fresh.agreements.get().signatures.values_list("person__email", flat=True))
    assert signed == ({f"{role}@example.com"} if role in PAIR else set())


@pytest.mark.parametrize("version", ["", "x", "\x00", "1.5", "-1", "99999", "9" * 5000])
def test_signing_a_version_that_is_no_number_is_a_message_not_an_error(
    version, as_role, mentor, mentee
):
    fresh = make_mentorship(mentor=mentor, mentee=mentee, agreement=False)
    agreement_save(
        mentorship=fresh, by=mentee, goals="Learn.", start_date="2026-03-02", end_date="2026-08-28"
    )
    url = reverse("mentorships:agreement_sign", args=[fresh.pk])
    response = as_role("mentee").post(url, {"version": version}, follow=True)
    assert response.status_code == 200
    assert "say which version" in response.content.decode()
    assert not fresh.agreements.get().signatures.exists()


@pytest.mark.parametrize("role", ROLES)
def test_answering_a_proposal(role, as_role, program, mentor, mentee):
    proposal = make_mentorship(program=program, mentor=mentor, mentee=mentee, status="proposed")
    client = as_role(role)
    accept = client.post(reverse("mentorships:accept", args=[proposal.pk]))
    decline = client.post(reverse("mentorships:decline", args=[proposal.pk]), {"reason": "No."})
    proposal.refresh_from_db()
    if role in PAIR:
        assert (accept.status_code, decline.status_code) == (302, 302)
        assert proposal.status == "declined"
        assert proposal.accepted_at_of(proposal.mentor if role == "mentor" else proposal.mentee)
    else:
        expected = _expected(role, set(), admins_refused=True)
        assert (accept.status_code, decline.status_code) == (expected, expected)
        assert proposal.status == "proposed"
        assert not (proposal.mentor_accepted_at or proposal.mentee_accepted_at)


@pytest.mark.parametrize("role", ROLES)
def test_pausing(role, as_role, mentorship):
    url = reverse("mentorships:transition", args=[mentorship.pk])
    response = as_role(role).post(url, {"action": "paused", "paused-status": "paused"})
    mentorship.refresh_from_db()
    assert response.status_code == _expected(role, SEES_ONE_WAY, ok=302)
    assert mentorship.status == ("paused" if role in SEES_ONE_WAY else "active")


@pytest.mark.parametrize("role", ROLES)
def test_reflection_page(role, as_role, mentorship, mentee):
    mentorship_transition(mentorship=mentorship, to_status="completed", by=mentee)
    url = reverse("mentorships:reflection", args=[mentorship.pk])
    response = as_role(role).post(
        url,
        {
            "gained": "Nerve.",
            "partner_gained": "Patience.",
            "recommend": "yes",
            "reason": "goals_met",
        },
    )
    assert response.status_code == _expected(role, PAIR, admins_refused=True, ok=302)
    authors = set(mentorship.reflections.values_list("author__email", flat=True))
    assert authors == ({f"{role}@example.com"} if role in PAIR else set())


# --- requests -----------------------------------------------------------------------------------


@pytest.fixture
def request_to_mentor(choosing, mentee):
    return make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])


@pytest.mark.parametrize("role", ROLES)
def test_requests_page(role, as_role, request_to_mentor):
    response = as_role(role).get(reverse("mentorships:requests"))
    assert response.status_code == (302 if role == "anonymous" else 200)
    shown = request_to_mentor.get_absolute_url() in response.content.decode()
    assert shown == (role in PAIR)


@pytest.mark.parametrize("role", ROLES)
def test_a_request_is_seen_by_its_two_people_only(role, as_role, request_to_mentor):
    response = as_role(role).get(request_to_mentor.get_absolute_url())
    assert response.status_code == _expected(role, PAIR)


@pytest.mark.parametrize("role", ROLES)
def test_accepting_a_request(role, as_role, request_to_mentor):
    url = reverse("mentorships:request_accept", args=[request_to_mentor.pk])
    response = as_role(role).post(url, {"message": ""})
    request_to_mentor.refresh_from_db()
    expected = {"anonymous": 302, "mentor": 302, "mentee": 403}.get(role, 404)
    assert response.status_code == expected
    assert request_to_mentor.status == ("accepted" if role == "mentor" else "pending")


@pytest.mark.parametrize("role", ROLES)
def test_declining_a_request(role, as_role, request_to_mentor):
    url = reverse("mentorships:request_decline", args=[request_to_mentor.pk])
    response = as_role(role).post(url, {"message": "Sorry."})
    request_to_mentor.refresh_from_db()
    expected = {"anonymous": 302, "mentor": 302, "mentee": 403}.get(role, 404)
    assert response.status_code == expected
    assert request_to_mentor.status == ("declined" if role == "mentor" else "pending")


@pytest.mark.parametrize("role", ROLES)
def test_withdrawing_a_request(role, as_role, request_to_mentor):
    url = reverse("mentorships:request_withdraw", args=[request_to_mentor.pk])
    response = as_role(role).post(url)
    request_to_mentor.refresh_from_db()
    expected = {"anonymous": 302, "mentee": 302, "mentor": 403}.get(role, 404)
    assert response.status_code == expected
    assert request_to_mentor.status == ("withdrawn" if role == "mentee" else "pending")


@pytest.mark.parametrize("role", ROLES)
def test_finding_a_mentor(role, as_role, choosing):
    response = as_role(role).get(reverse("mentorships:find", args=[choosing["program"].slug]))
    assert response.status_code == {"anonymous": 302, "mentee": 200}.get(role, 403)


@pytest.mark.parametrize("role", ROLES)
def test_a_mentor_card(role, as_role, choosing, mentor):
    url = reverse("mentorships:mentor", args=[choosing["program"].slug, mentor.pk])
    assert as_role(role).get(url).status_code == {"anonymous": 302, "mentee": 200}.get(role, 403)


@pytest.mark.parametrize("role", ROLES)
def test_sending_a_request(role, as_role, choosing, mentor):
    url = reverse("mentorships:mentor", args=[choosing["program"].slug, mentor.pk])
    response = as_role(role).post(url, MOTIVATION)
    assert response.status_code == {"anonymous": 302, "mentee": 302}.get(role, 403)
    assert mentor.mentorship_requests_received.count() == (1 if role == "mentee" else 0)


@pytest.mark.parametrize("role", ROLES)
def test_lineage_page(role, as_role, mentorship, mutual_mentorship):
    response = as_role(role).get(reverse("mentorships:lineage"))
    assert response.status_code == (302 if role == "anonymous" else 200)
    if role == "anonymous":
        return
    page = response.content.decode()
    sees_one_way = role in SEES_ONE_WAY
    sees_mutual = role in SEES_MUTUAL
    assert ("Maria Mentor" in page) == sees_one_way
    assert ("Paul Partner" in page) == sees_mutual


# --- what the page shows whom ---------------------------------------------------------------


def test_admins_see_that_an_agreement_exists_but_not_its_terms(as_role, mentorship):
    goals = mentorship.current_agreement().goals
    partner_page = as_role("mentee").get(mentorship.get_absolute_url()).content.decode()
    assert "signed by both of you" in partner_page
    admin_page = as_role("program_admin").get(mentorship.get_absolute_url()).content.decode()
    assert goals not in admin_page
    assert "Version 1" in admin_page and "signed by Maria Mentor" in admin_page


def test_admins_see_that_reflections_were_given_not_what_they_say(as_role, mentorship, mentee):
    mentorship_transition(mentorship=mentorship, to_status="completed", by=mentee)
    reflection_save(
        mentorship=mentorship,
        by=mentee,
        gained="The courage to speak up in design reviews.",
        partner_gained="A fresh look at onboarding.",
        recommend="yes",
        reason="goals_met",
    )
    admin_page = as_role("program_manager").get(mentorship.get_absolute_url()).content.decode()
    assert "courage to speak up" not in admin_page
    assert "Yes, without hesitation" in admin_page and "not given yet" in admin_page
    partner_page = as_role("mentor").get(mentorship.get_absolute_url()).content.decode()
    assert "courage to speak up" in partner_page


def test_a_bad_transition_names_the_field(as_role, mentorship):
    url = reverse("mentorships:transition", args=[mentorship.pk])
    response = as_role("mentor").post(url, {"action": "ended", "ended-status": "ended"})
    assert response.status_code == 400
    assert "Choose why the mentorship ends early." in response.content.decode()
    assert Mentorship.objects.get(pk=mentorship.pk).status == "active"


def test_declining_without_a_reason_names_the_field(as_role, program, mentor, mentee):
    proposal = make_mentorship(program=program, mentor=mentor, mentee=mentee, status="proposed")
    response = as_role("mentee").post(reverse("mentorships:decline", args=[proposal.pk]), {})
    assert response.status_code == 400
    assert 'id="id_reason_error"' in response.content.decode() or "This field is required" in (
        response.content.decode()
    )
    assert Mentorship.objects.get(pk=proposal.pk).status == "proposed"


def test_an_agreement_error_names_the_field(as_role, mentorship):
    url = reverse("mentorships:agreement", args=[mentorship.pk])
    response = as_role("mentee").post(
        url,
        {
            "goals": "Grow.",
            "meeting_frequency": "weekly",
            "meeting_style": "mixed",
            "meeting_minutes": 45,
            "start_date": "2026-05-01",
            "end_date": "2026-04-01",
            "confidentiality": "Between us.",
        },
    )
    assert response.status_code == 400
    assert "The agreement must end after it starts." in response.content.decode()
    assert mentorship.agreements.count() == 1


def test_a_new_mentorship_opens_on_the_initial_consultation(as_role, program, mentor, mentee):
    fresh = make_mentorship(program=program, mentor=mentor, mentee=mentee, agreement=False)
    page = as_role("mentee").get(reverse("mentorships:agreement", args=[fresh.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Your initial consultation" in text and program.mentee_guidelines in text


def test_the_mentor_search_answers_htmx_with_the_results_only(client, choosing, mentee):
    client.force_login(mentee)
    url = reverse("mentorships:find", args=[choosing["program"].slug])
    response = client.get(url, {"q": "Maria"}, HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert response.status_code == 200 and "<html" not in text
    assert "1 mentor match your search" in text and "Maria Mentor" in text
    assert (
        "No mentor matches"
        in client.get(url, {"skill": "Juggling"}, HTTP_HX_REQUEST="true").content.decode()
    )


def test_a_full_mentor_is_shown_full_and_cannot_be_asked(client, choosing, mentor, mentee):
    make_mentorship(program=choosing["program"], mentor=mentor)
    make_mentorship(program=choosing["program"], mentor=mentor)
    client.force_login(mentee)
    url = reverse("mentorships:mentor", args=[choosing["program"].slug, mentor.pk])
    page = client.get(url).content.decode()
    assert "Full: no place left" in page and "Send my request" not in page
    response = client.post(url, MOTIVATION)
    assert response.status_code == 400 and "is full" in response.content.decode()


def test_a_full_mentor_accepting_is_told_why_on_the_page(client, choosing, mentor, mentee):
    request = make_request(mentee=mentee, mentor_enrollment=choosing["mentor"])
    make_mentorship(program=choosing["program"], mentor=mentor)
    make_mentorship(program=choosing["program"], mentor=mentor)
    client.force_login(mentor)
    response = client.post(reverse("mentorships:request_accept", args=[request.pk]), {})
    assert response.status_code == 400
    assert "You have no place left (capacity 2)" in response.content.decode()


def test_a_programs_page_leads_its_mentees_to_choose_and_its_admins_to_the_lineage(
    as_role, choosing
):
    url = choosing["program"].get_absolute_url()
    find = reverse("mentorships:find", args=[choosing["program"].slug])
    assert find in as_role("mentee").get(url).content.decode()
    manager_page = as_role("program_manager").get(url).content.decode()
    assert find not in manager_page and "Lineage" in manager_page
    assert find not in as_role("mentor").get(url).content.decode()
