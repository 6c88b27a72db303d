"""The lineage: who mentored whom across cohorts, in generations, for whom."""

import pytest
from django.urls import reverse

from tandem.mentorships.lineage import lineage_draw, personal_lineage, program_lineage
from tandem.mentorships.permissions import can_view_mentorship, mentorship_opener
from tandem.mentorships.services import mentorship_transition
from tandem.mentorships.tests.factories import make_mentorship
from tandem.people.tests.factories import UserFactory
from tandem.programs.models import Program
from tandem.programs.tests.factories import ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohorts(program, program_manager):
    """Ada mentored Bea in the spring cohort; Bea, having completed, now mentors Cy in the
    autumn cohort; Dan mentors Eve beside them in spring."""
    autumn = ProgramFactory(name="Onboarding, autumn", slug="autumn", status="running")
    autumn.admins.add(program_manager)
    ada, bea, cy, dan, eve = (
        UserFactory(first_name=n, last_name="X") for n in ["Ada", "Bea", "Cy", "Dan", "Eve"]
    )
    first = make_mentorship(program=program, mentor=ada, mentee=bea)
    mentorship_transition(mentorship=first, to_status="completed", by=bea)
    second = make_mentorship(program=autumn, mentor=bea, mentee=cy)
    beside = make_mentorship(program=program, mentor=dan, mentee=eve)
    return {
        "spring": program,
        "autumn": autumn,
        "people": (ada, bea, cy, dan, eve),
        "lines": (first, second, beside),
    }


def _generations(lineage) -> dict[str, int]:
    return {p.name.split()[0]: p.generation for p in lineage.people.values()}


def test_a_former_mentee_now_mentoring_makes_a_second_generation(cohorts):
    lineage = lineage_draw(program_lineage(programs=Program.objects.all()))
    assert _generations(lineage) == {"Ada": 0, "Bea": 1, "Cy": 2, "Dan": 0, "Eve": 1}
    assert lineage.generations == 3
    bea = next(p for p in lineage.people.values() if p.name.startswith("Bea"))
    ada = next(p for p in lineage.people.values() if p.name.startswith("Ada"))
    assert bea.y > ada.y and bea.mentored == 1
    assert all(line.path.startswith("M") for line in lineage.lines)


def test_a_program_shows_its_lines_and_those_leading_out_of_it(cohorts):
    autumn = cohorts["autumn"]
    lines = program_lineage(programs=Program.objects.all(), focus=autumn)
    first, second, beside = cohorts["lines"]
    assert {m.pk for m in lines} == {first.pk, second.pk}
    drawn = lineage_draw(lines, focus=autumn)
    assert {line.mentorship_id: line.highlighted for line in drawn.lines} == {
        first.pk: False,
        second.pk: True,
    }


def test_a_participant_sees_their_own_line_not_their_neighbours(cohorts):
    ada, bea, cy, dan, eve = cohorts["people"]
    first, second, beside = cohorts["lines"]
    assert {m.pk for m in personal_lineage(person=cy)} == {first.pk, second.pk}
    assert {m.pk for m in personal_lineage(person=eve)} == {beside.pk}


def test_an_admin_sees_only_the_programs_they_run(cohorts, other_program_admin):
    visible = program_lineage(programs=Program.objects.managed_by(other_program_admin))
    assert visible == []


def test_reverse_mentoring_loops_are_drawn_in_one_generation(program):
    ann, ben = UserFactory(first_name="Ann"), UserFactory(first_name="Ben")
    forward = make_mentorship(program=program, mentor=ann, mentee=ben)
    mentorship_transition(mentorship=forward, to_status="completed", by=ben)
    later = ProgramFactory(purpose="reverse", status="running")
    back = make_mentorship(program=later, mentor=ben, mentee=ann)
    lineage = lineage_draw([forward, back])
    assert {p.generation for p in lineage.people.values()} == {0}
    assert all(line.path for line in lineage.lines)


def test_peers_sit_side_by_side(mutual_mentorship):
    lineage = lineage_draw([mutual_mentorship])
    assert {p.generation for p in lineage.people.values()} == {0}
    [line] = lineage.lines
    assert line.mutual


def test_the_page_draws_svg_with_a_table_beside(as_role, cohorts):
    response = as_role("program_manager").get(reverse("mentorships:lineage") + "?program=autumn")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<svg class="lineage"' in page and 'role="img"' in page
    assert page.count('class="lineage-line') >= 2
    assert '<th scope="row">Bea X</th>' in page
    assert "3 generations" in page


def test_a_participant_is_marked_on_their_own_line(client, cohorts):
    ada, bea, cy, dan, eve = cohorts["people"]
    client.force_login(bea)
    page = client.get(reverse("mentorships:lineage")).content.decode()
    assert "is-viewer" in page and "Ada X" in page and "Cy X" in page
    assert "Dan X" not in page


def test_a_program_the_viewer_may_not_see_is_a_404(as_role, cohorts):
    Program.objects.filter(pk=cohorts["autumn"].pk).update(status="draft")
    response = as_role("mentee").get(reverse("mentorships:lineage") + "?program=autumn")
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["program_manager", "mentor", "outsider", "superuser"])
def test_the_lineage_opener_agrees_with_the_page_rule(role, request, cohorts, mentorship):
    user = request.getfixturevalue(role)
    opener = mentorship_opener(user)
    for line in [mentorship, *cohorts["lines"]]:
        assert opener(line) == can_view_mentorship(user, line)
