"""The matching pages: who may open and do what (every role), and what each page shows and
answers, bad input included."""

import pytest
from django.urls import reverse

from tandem.matching.engine.model import DEFAULT_WEIGHTS
from tandem.matching.models import MatchRun
from tandem.matching.services import match_run_publish, proposal_remove
from tandem.matching.tests.factories import enroll_mentor, finished_run
from tandem.mentorships.models import Mentorship
from tandem.programs.models import Program
from tandem.tests.roles import ROLES

pytestmark = pytest.mark.django_db

MANAGERS = {"program_manager", "program_admin", "superuser"}


def _expected(role: str, success: int = 200) -> int:
    if role == "anonymous":
        return 302
    return success if role in MANAGERS else 403


def _run_data(**overrides):
    data = {"objective": "max_total", "reporting_line": "on", "shared_language": "on"}
    data |= {f"weight_{name}": str(weight) for name, weight in DEFAULT_WEIGHTS.items()}
    return data | overrides


@pytest.fixture
def run(cohort, program_admin):
    return finished_run(cohort.program, program_admin)


@pytest.fixture
def spare(cohort):
    return enroll_mentor(cohort.program, offers=["SQL"], capacity=1, first_name="Sara")


# --- the role matrix -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_matching_page(role, as_role, cohort):
    url = reverse("matching:program", args=[cohort.program.slug])
    assert as_role(role).get(url).status_code == _expected(role)


@pytest.mark.parametrize("role", ROLES)
def test_start_a_run(role, as_role, cohort):
    url = reverse("matching:run_create", args=[cohort.program.slug])
    response = as_role(role).post(url, _run_data())
    assert response.status_code == _expected(role, success=302)
    assert MatchRun.objects.exists() == (role in MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_run_page(role, as_role, run):
    assert as_role(role).get(run.get_absolute_url()).status_code == _expected(role)


@pytest.mark.parametrize("role", ROLES)
def test_run_progress(role, as_role, run):
    MatchRun.objects.filter(pk=run.pk).update(status="running", progress=40)
    url = reverse("matching:run_progress", args=[run.pk])
    assert as_role(role).get(url).status_code == _expected(role)


@pytest.mark.parametrize("role", ROLES)
def test_preview(role, as_role, run, cohort, spare):
    url = reverse("matching:preview", args=[run.pk])
    params = {"person": cohort.theo.pk, "partner": spare.pk}
    assert as_role(role).get(url, params).status_code == _expected(role)


@pytest.mark.parametrize("role", ROLES)
def test_swap(role, as_role, run, cohort, spare):
    theo = run.proposals.get(mentee_enrollment=cohort.theo)
    url = reverse("matching:swap", args=[theo.pk])
    client = as_role(role)
    assert client.get(url).status_code == _expected(role)
    response = client.post(url, {"partner": spare.pk})
    assert response.status_code == _expected(role, success=302)
    theo.refresh_from_db()
    assert (theo.mentor_enrollment == spare) == (role in MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_remove(role, as_role, run, cohort):
    ben = run.proposals.get(mentee_enrollment=cohort.ben)
    response = as_role(role).post(reverse("matching:remove", args=[ben.pk]))
    assert response.status_code == _expected(role, success=302)
    assert run.proposals.filter(pk=ben.pk).exists() == (role not in MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_pair_by_hand(role, as_role, run, cohort, spare, program_admin):
    proposal_remove(proposal=run.proposals.get(mentee_enrollment=cohort.ben), by=program_admin)
    url = reverse("matching:pair", args=[run.pk, cohort.ben.pk])
    client = as_role(role)
    assert client.get(url).status_code == _expected(role)
    response = client.post(url, {"partner": spare.pk})
    assert response.status_code == _expected(role, success=302)
    assert run.proposals.filter(mentee_enrollment=cohort.ben).exists() == (role in MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_compare(role, as_role, run, cohort, program_admin):
    other = finished_run(cohort.program, program_admin, objective="stable")
    url = reverse("matching:compare", args=[cohort.program.slug])
    response = as_role(role).get(url, {"a": run.pk, "b": other.pk})
    assert response.status_code == _expected(role)


@pytest.mark.parametrize("role", ROLES)
def test_publish(role, as_role, run):
    response = as_role(role).post(reverse("matching:publish", args=[run.pk]))
    assert response.status_code == _expected(role, success=302)
    assert Mentorship.objects.exists() == (role in MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_a_draft_programs_matching_page_is_not_found_by_those_who_cannot_see_it(
    role, as_role, cohort
):
    Program.objects.filter(pk=cohort.program.pk).update(status="draft")
    url = reverse("matching:program", args=[cohort.program.slug])
    expected = {"anonymous": 302} | dict.fromkeys(MANAGERS, 200)
    assert as_role(role).get(url).status_code == expected.get(role, 404)


def test_an_unknown_run_or_proposal_is_a_404(as_role):
    client = as_role("program_admin")
    assert client.get(reverse("matching:run", args=[999])).status_code == 404
    assert client.get(reverse("matching:swap", args=[999])).status_code == 404


# --- what the pages show ---------------------------------------------------------------------


def test_the_matching_page_shows_who_waits_and_the_factors_in_plain_words(as_role, cohort):
    page = as_role("program_manager").get(reverse("matching:program", args=[cohort.program.slug]))
    html = page.content.decode()
    assert page.context["waiting_count"] == 3 and page.context["mentor_count"] == 2
    assert page.context["places_left"] == 3
    assert "Ana Alves" in html and "Omar Okafor" in html
    assert "Skills wanted vs expertise offered" in html
    assert "How many of the skills the mentee wants to grow the mentor offers" in html
    assert "Most people matched" in html and "Stable" in html
    assert 'value="0.35"' in html  # the engine's default weight for skills


def test_a_mutual_matching_page_offers_only_the_peer_objectives(as_role, circle):
    page = as_role("program_manager").get(reverse("matching:program", args=[circle.program.slug]))
    assert [value for value, _ in page.context["form"].fields["objective"].choices] == [
        "max_total",
        "max_coverage",
    ]
    assert "mentor_must_be_senior" not in page.context["form"].fields
    assert "Peers waiting" in page.content.decode()


def test_the_form_opens_with_the_latest_runs_parameters(as_role, cohort, program_admin):
    finished_run(cohort.program, program_admin, objective="stable", weights={"skills": 0.9})
    page = as_role("program_admin").get(reverse("matching:program", args=[cohort.program.slug]))
    form = page.context["form"]
    assert form.initial["objective"] == "stable" and form.initial["weight_skills"] == 0.9
    defaults = as_role("program_admin").get(
        reverse("matching:program", args=[cohort.program.slug]), {"defaults": 1}
    )
    assert "weight_skills" not in defaults.context["form"].initial


def test_a_run_from_the_page_lands_on_its_results(as_role, cohort):
    client = as_role("program_manager")
    response = client.post(
        reverse("matching:run_create", args=[cohort.program.slug]), _run_data(), follow=True
    )
    html = response.content.decode()
    assert "Run #1: 3 of 3 matched (100 %)" in html
    assert "Factor by factor" in html and "Theo Mentee" in html
    assert response.context["totals"].coverage == 100


def test_bad_weights_are_shown_at_their_field(as_role, cohort):
    data = _run_data(weight_skills="-2", weight_interests="lots")
    response = as_role("program_admin").post(
        reverse("matching:run_create", args=[cohort.program.slug]), data
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "weight_skills" in errors and "weight_interests" in errors
    assert not MatchRun.objects.exists()


def test_all_weights_zero_is_refused_with_a_message(as_role, cohort):
    data = _run_data(**{f"weight_{name}": "0" for name in DEFAULT_WEIGHTS})
    response = as_role("program_admin").post(
        reverse("matching:run_create", args=[cohort.program.slug]), data
    )
    assert response.status_code == 400
    assert "Give at least one factor a weight above zero." in response.content.decode()


def test_a_program_still_enrolling_cannot_run_and_says_why(as_role, cohort):
    Program.objects.filter(pk=cohort.program.pk).update(status="enrolling")
    client = as_role("program_admin")
    page = client.get(reverse("matching:program", args=[cohort.program.slug]))
    assert "match runs open once enrollment has closed" in page.content.decode()
    response = client.post(reverse("matching:run_create", args=[cohort.program.slug]), _run_data())
    assert response.status_code == 400
    assert not MatchRun.objects.exists()


def test_the_run_page_lists_unmatched_people_with_why(as_role, run, cohort, program_admin):
    proposal_remove(proposal=run.proposals.get(mentee_enrollment=cohort.ben), by=program_admin)
    html = as_role("program_admin").get(run.get_absolute_url()).content.decode()
    assert "Unmatched (1)" in html and "Removed by hand" in html and "Pair by hand" in html


def test_proposals_can_be_searched_and_ordered_with_htmx(as_role, run):
    response = as_role("program_admin").get(
        run.get_absolute_url(),
        {"q": "omar", "order": "-score"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="proposals",
    )
    assert response.templates[0].name == "matching/_proposals.html"
    assert [p.mentee_enrollment.person.first_name for p in response.context["page"]] == ["Ben"]


def test_the_preview_shows_the_new_score_and_the_broken_rule(as_role, run, cohort):
    german = enroll_mentor(cohort.program, languages=["de"], capacity=1, first_name="Greta")
    theo = run.proposals.get(mentee_enrollment=cohort.theo)
    response = as_role("program_admin").get(
        reverse("matching:preview", args=[run.pk]),
        {"person": cohort.theo.pk, "partner": german.pk, "proposal": theo.pk},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f"New score: {response.context['preview'].percent} %" in html
    assert "They share no language" in html and 'name="override"' in html


@pytest.mark.parametrize(
    "params", [{"person": "x", "partner": "1"}, {"person": "999999", "partner": "1"}]
)
def test_a_forged_preview_is_a_400_not_a_500(as_role, run, params):
    response = as_role("program_admin").get(reverse("matching:preview", args=[run.pk]), params)
    assert response.status_code == 400
    assert "person" in response.content.decode()


def test_saving_a_broken_pair_without_the_override_asks_for_it(as_role, run, cohort):
    german = enroll_mentor(cohort.program, languages=["de"], capacity=1, first_name="Greta")
    theo = run.proposals.get(mentee_enrollment=cohort.theo)
    client = as_role("program_admin")
    url = reverse("matching:swap", args=[theo.pk])
    response = client.post(url, {"partner": german.pk})
    assert response.status_code == 400
    assert "Confirm the override" in response.content.decode()
    response = client.post(url, {"partner": german.pk, "override": "on"})
    assert response.status_code == 302
    theo.refresh_from_db()
    assert theo.overridden and theo.mentor_enrollment == german


def test_a_full_mentor_cannot_be_chosen_in_a_swap(as_role, run, cohort):
    ben = run.proposals.get(mentee_enrollment=cohort.ben)
    response = as_role("program_admin").post(
        reverse("matching:swap", args=[ben.pk]), {"partner": cohort.maria.pk, "override": "on"}
    )
    assert response.status_code == 400
    assert "Maria Mentor has no place left" in response.content.decode()


def test_someone_not_on_the_list_cannot_be_chosen(as_role, run, cohort, circle):
    theo = run.proposals.get(mentee_enrollment=cohort.theo)
    response = as_role("program_admin").post(
        reverse("matching:swap", args=[theo.pk]), {"partner": circle.paul.pk}
    )
    assert response.status_code == 400
    assert "partner" in response.context["form"].errors


def test_publishing_from_the_page_reports_what_was_proposed(as_role, run):
    response = as_role("program_admin").post(
        reverse("matching:publish", args=[run.pk]), follow=True
    )
    html = response.content.decode()
    assert "Run #1 is published: 3 mentorship(s) proposed." in html
    assert "Proposed mentorship" in html
    again = as_role("program_admin").post(reverse("matching:publish", args=[run.pk]), follow=True)
    assert "already published" in again.content.decode()


def test_a_published_run_reports_people_skipped(as_role, run, cohort, program_admin):
    from tandem.mentorships.tests.factories import make_mentorship

    sara = enroll_mentor(cohort.program, capacity=1, first_name="Sara")
    make_mentorship(program=cohort.program, mentor=sara.person, mentee=cohort.ben.person)
    match_run_publish(run=run, by=program_admin)
    html = as_role("program_admin").get(run.get_absolute_url()).content.decode()
    assert "Not proposed (1)" in html
    assert "Ben Brown already has a mentoring partner in this program." in html


def test_a_queued_run_shows_its_progress_and_polls(as_role, run):
    MatchRun.objects.filter(pk=run.pk).update(status="running", progress=40, stage="Scoring")
    client = as_role("program_admin")
    html = client.get(run.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 2s"' in html and "Scoring" in html
    partial = client.get(reverse("matching:run_progress", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert '<progress value="40"' in partial.content.decode()
    MatchRun.objects.filter(pk=run.pk).update(status="done")
    done = client.get(reverse("matching:run_progress", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"


def test_a_failed_run_shows_why(as_role, run):
    MatchRun.objects.filter(pk=run.pk).update(status="failed", error="RuntimeError: boom")
    html = as_role("program_admin").get(run.get_absolute_url()).content.decode()
    assert "This run failed: RuntimeError: boom" in html


def test_compare_shows_pairs_in_common_and_parameters_side_by_side(as_role, run, cohort):
    other = finished_run(
        cohort.program, cohort.program.admins.first() or run.created_by, objective="stable"
    )
    response = as_role("program_admin").get(
        reverse("matching:compare", args=[cohort.program.slug]), {"a": run.pk, "b": other.pk}
    )
    comparison = response.context["comparison"]
    assert len(comparison.common) == 3 and not comparison.only_a and not comparison.only_b
    html = response.content.decode()
    assert "Best total fit" in html and "Stable" in html and "differs" in html
    assert comparison.differing_parameters == 1  # only the objective


def test_compare_refuses_a_run_of_another_program(as_role, run, circle, program_manager):
    peers = finished_run(circle.program, program_manager)
    response = as_role("program_admin").get(
        reverse("matching:compare", args=[run.program.slug]), {"a": run.pk, "b": peers.pk}
    )
    assert response.status_code == 400
    assert "b" in response.context["form"].errors


def test_compare_without_a_choice_picks_the_latest_two(as_role, run, cohort, program_admin):
    other = finished_run(cohort.program, program_admin, objective="stable")
    response = as_role("program_admin").get(
        reverse("matching:compare", args=[cohort.program.slug]), {"b": run.pk}
    )
    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert (comparison.a, comparison.b) == (other, run)


def test_the_program_and_manage_pages_link_to_matching(as_role, cohort):
    client = as_role("program_manager")
    url = reverse("matching:program", args=[cohort.program.slug])
    assert url in client.get(cohort.program.get_absolute_url()).content.decode()
    assert url in client.get(reverse("admin_home")).content.decode()


def test_a_large_run_is_published_in_the_background_and_the_page_follows_it(as_role, run, settings):
    settings.MATCH_RUN_BACKGROUND_ABOVE = 4  # the run has 5 people
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client = as_role("program_admin")
    response = client.post(reverse("matching:publish", args=[run.pk]), follow=True)
    html = response.content.decode()
    assert "is being published in the background" in html
    assert "The background worker is proposing each pair" in html
    assert "Swap" not in html and not Mentorship.objects.exists()
    progress = client.get(reverse("matching:run_progress", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert "Publishing" in progress.content.decode()
    MatchRun.objects.filter(pk=run.pk).update(published_at=run.created_at)
    done = client.get(reverse("matching:run_progress", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"
