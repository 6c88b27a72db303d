"""Each factor moves the way the documentation says; explanations read like sentences."""

import numpy as np
import pytest

from tandem.matching.engine.explain import breakdowns, sentence
from tandem.matching.engine.model import DEFAULT_WEIGHTS, Person
from tandem.matching.engine.scoring import Encoder, Taxonomy, combine, factor_values

TAXONOMY = {
    "Presentation skills": {"category": "Communication", "aliases": ["public speaking"]},
    "Negotiation": {"category": "Communication", "aliases": []},
    "Python": {"category": "Engineering", "aliases": []},
    "SQL": {"category": "Engineering", "aliases": []},
}


def _factors(mentee: Person, mentor: Person) -> dict[str, float]:
    enc = Encoder([mentee], [mentor], Taxonomy(TAXONOMY))
    values = factor_values(enc, np.array([0]), np.array([0]))
    return {name: float(v[0]) for name, v in values.items()}


def _theo(**changes) -> Person:
    base = {
        "id": "theo",
        "name": "Theo Becker",
        "languages": ("English", "German"),
        "seniority": 2,
        "wants": {"public speaking": 4, "SQL": 3},
        "interests": ("chess", "running"),
        "timezone": "Europe/Berlin",
        "department": "Engineering",
        "location": "Berlin",
        "career_goals": "lead a data team and present to executives",
    }
    return Person(**(base | changes))


def _maria(**changes) -> Person:
    base = {
        "id": "maria",
        "name": "Maria Santos",
        "languages": ("English", "Spanish"),
        "seniority": 4,
        "skills": {"Presentation skills": 5, "SQL": 3},
        "offers": ("Presentation skills", "SQL"),
        "interests": ("chess",),
        "timezone": "Europe/Madrid",
        "department": "Sales",
        "location": "Madrid",
        "background": "led the data team; presents to executives every quarter",
        "capacity": 2,
    }
    return Person(**(base | changes))


def test_an_alias_counts_as_the_skill():
    with_alias = _factors(_theo(wants={"public speaking": 4}), _maria())
    with_name = _factors(_theo(wants={"Presentation skills": 4}), _maria())
    assert with_alias["skills"] == with_name["skills"] == pytest.approx(1.0)


def test_skill_credit_grows_with_the_mentor_s_level():
    strong = _factors(_theo(wants={"SQL": 3}), _maria(skills={"SQL": 5}))
    weak = _factors(_theo(wants={"SQL": 3}), _maria(skills={"SQL": 1}))
    assert strong["skills"] == pytest.approx(1.0)
    assert weak["skills"] == pytest.approx(0.6)


def test_a_skill_of_the_same_category_earns_half_credit():
    values = _factors(_theo(wants={"Negotiation": 4}), _maria(offers=("Presentation skills",)))
    assert values["skills"] == pytest.approx(0.5)
    none = _factors(_theo(wants={"Python": 4}), _maria(offers=("Presentation skills",)))
    assert none["skills"] == 0


@pytest.mark.parametrize(("mentor_level", "expected"), [(1, 0.0), (2, 0.2), (3, 1.0), (4, 1.0),
                                                        (5, 0.6), (7, 0.3)])  # fmt: skip
def test_seniority_prefers_a_mentor_one_or_two_levels_ahead(mentor_level, expected):
    values = _factors(_theo(seniority=2), _maria(seniority=mentor_level))
    assert values["seniority"] == pytest.approx(expected)


def test_time_zones_overlap_less_the_further_apart():
    near = _factors(_theo(timezone="Europe/Berlin"), _maria(timezone="Europe/Madrid"))
    far = _factors(_theo(timezone="Europe/Berlin"), _maria(timezone="America/Los_Angeles"))
    assert near["time_zone"] == 1.0
    assert far["time_zone"] == 0.0


def test_in_person_needs_the_same_place():
    apart = _factors(_theo(meeting_mode="in_person"), _maria(meeting_mode="either"))
    together = _factors(
        _theo(meeting_mode="in_person", location="Madrid"), _maria(meeting_mode="either")
    )
    clash = _factors(_theo(meeting_mode="in_person"), _maria(meeting_mode="virtual"))
    assert together["meeting_mode"] == 1.0
    assert apart["meeting_mode"] == pytest.approx(0.3)
    assert clash["meeting_mode"] == pytest.approx(0.2)


def test_shared_interests_language_department_and_goals():
    values = _factors(_theo(), _maria())
    assert values["interests"] == 1.0  # chess, over the smaller list
    assert values["language"] == 1.0
    assert values["cross_department"] == 1.0
    unrelated = _factors(_theo(), _maria(background="sells boats in the harbour"))
    assert values["career_goals"] > unrelated["career_goals"]


def test_availability_is_the_mentor_s_hours_per_mentee_against_the_wish():
    busy = _factors(_theo(availability_hours=4), _maria(availability_hours=2, capacity=2))
    free = _factors(_theo(availability_hours=2), _maria(availability_hours=8, capacity=2))
    assert busy["availability"] == pytest.approx(0.25)
    assert free["availability"] == 1.0


def test_the_score_is_the_weighted_sum_and_its_breakdown_adds_up():
    enc = Encoder([_theo()], [_maria()], Taxonomy(TAXONOMY))
    e, r = np.array([0]), np.array([0])
    score = float(combine(factor_values(enc, e, r), DEFAULT_WEIGHTS)[0])
    table = breakdowns(enc, e, r, DEFAULT_WEIGHTS)[0]
    assert [row["factor"] for row in table] == list(DEFAULT_WEIGHTS)
    assert sum(row["contribution"] for row in table) == pytest.approx(score, abs=1e-3)
    assert 0 <= score <= 1


def test_the_explanation_is_one_readable_line():
    line = sentence(_theo(), _maria(), Taxonomy(TAXONOMY))
    assert line == (
        "Both speak English; Maria offers 2 of the 2 skills Theo wants: public speaking and "
        "SQL; Maria is 2 levels ahead; they share chess; a view from Sales."
    )
