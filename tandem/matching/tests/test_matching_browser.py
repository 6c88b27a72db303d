"""Match runs in Chromium: an admin runs a match, reads why a pair was proposed, swaps a pair
seeing the new score first, and publishes; a mutual program pairs its peers; a large run shows
its progress until the worker is done."""

import re

import pytest
from django.core.management import call_command

from tandem.matching.models import MatchRun
from tandem.matching.tests.factories import enroll_mentor
from tandem.mentorships.models import Mentorship

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_runs_a_match_reads_an_explanation_swaps_a_pair_and_publishes(
    page, sign_in, cohort, program_manager
):
    sign_in(program_manager)
    page.goto("/manage/")
    page.locator("tr", has_text=cohort.program.name).get_by_role("link", name="Matching").click()
    page.get_by_role("heading", name="Who is waiting").wait_for()
    page.get_by_label("Most people matched").check()
    page.get_by_role("button", name="Run the match").click()
    page.get_by_text("Run #1: 3 of 3 matched (100 %)").wait_for()

    theo = page.locator("tr", has_text="Theo Mentee")
    theo.get_by_text("Factor by factor").click()
    theo.get_by_role("rowheader", name=re.compile("Skills wanted vs expertise offered")).wait_for()
    assert "Maria Mentor" in theo.inner_text()

    # A mentor approved after the run can still be chosen by hand.
    sara = enroll_mentor(
        cohort.program, offers=["SQL"], capacity=1, first_name="Sara", last_name="Singh"
    )

    theo.get_by_role("button", name="Swap: another mentor for Theo Mentee").click()
    page.get_by_label("New mentor for Theo Mentee").select_option(str(sara.pk))
    new_score = page.get_by_text(re.compile(r"New score: \d+ %"))
    new_score.wait_for()
    page.get_by_text("Breaks no hard constraint").wait_for()
    percent = re.search(r"(\d+) %", new_score.inner_text()).group(1)
    page.get_by_role("button", name="Save this pair").click()
    page.get_by_text(f"Theo Mentee is now paired with Sara Singh ({percent} %).").wait_for()
    assert (
        "Paired by hand by Pat Manager" in page.locator("tr", has_text="Theo Mentee").inner_text()
    )

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Publish 3 proposals").click()
    page.get_by_text("Run #1 is published: 3 mentorship(s) proposed.").wait_for()
    theo_mentorship = Mentorship.objects.get(mentee=cohort.theo.person)
    assert (theo_mentorship.mentor, theo_mentorship.status) == (sara.person, "proposed")
    assert Mentorship.objects.filter(program=cohort.program, status="proposed").count() == 3


def test_a_mutual_program_pairs_its_peers(page, sign_in, circle, program_manager):
    sign_in(program_manager)
    page.goto(circle.program.get_absolute_url())
    page.get_by_role("button", name="Matching").click()
    page.get_by_role("button", name="Run the match").click()
    page.get_by_text("Run #1: 4 of 4 matched (100 %)").wait_for()
    assert page.locator("tr", has_text="Priya Peer").filter(has_text="Paul Partner").count() == 1
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Publish 2 proposals").click()
    page.get_by_text("Run #1 is published: 2 mentorship(s) proposed.").wait_for()
    kinds = set(Mentorship.objects.filter(program=circle.program).values_list("kind", flat=True))
    assert kinds == {"mutual"}


def test_a_large_run_shows_its_progress_until_the_worker_has_solved_it(
    page, sign_in, cohort, program_admin, settings
):
    settings.MATCH_RUN_BACKGROUND_ABOVE = 4
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    sign_in(program_admin)
    page.goto(f"/matching/{cohort.program.slug}/")
    page.get_by_role("button", name="Run the match").click()
    page.get_by_text("it runs in the background").wait_for()
    page.get_by_text("Waiting for the background worker to pick this run up").wait_for()
    assert MatchRun.objects.get().status == "queued"

    call_command("tandem_worker", "--batch", "--verbosity", "0")

    page.get_by_role("heading", name="Proposals").wait_for()  # the page refreshed by itself
    page.get_by_text("100 % of the mentees").wait_for()
    assert MatchRun.objects.get().status == "done"
