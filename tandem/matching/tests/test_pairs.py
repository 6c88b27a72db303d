"""Single pairs: a swapped proposal's score and broken rules; one mentee's ranked mentors."""

import pytest

from tandem.matching.engine import load_problem, solve_problem
from tandem.matching.engine.pairs import rank_mentors, score_pairs


def _mentee(pid, **fields):
    return {"id": pid, "name": pid.title(), "languages": ["English"], "wants": {"SQL": 4},
            "seniority": 2, **fields}  # fmt: skip


def _mentor(pid, **fields):
    return {"id": pid, "name": pid.title(), "languages": ["English"], "offers": ["SQL"],
            "seniority": 4, "capacity": 1, **fields}  # fmt: skip


def _problem(**data):
    return load_problem({"objective": "max_total"} | data)


def test_a_pair_scores_as_the_solver_scores_it():
    problem = _problem(mentees=[_mentee("theo")], mentors=[_mentor("maria")])
    solved = solve_problem(problem).assignments[0]
    [pair] = score_pairs(problem, [("theo", "maria")])
    assert pair.score == pytest.approx(solved.score, abs=1e-6)
    assert pair.factors == solved.factors
    assert pair.explanation == solved.explanation
    assert pair.admissible


def test_a_swap_says_which_rules_it_breaks():
    problem = _problem(
        mentees=[_mentee("theo", manager="lena")],
        mentors=[
            _mentor("lena", languages=["German"]),
            _mentor("maria", capacity=0),
        ],
        exclusions=[["theo", "maria"]],
    )
    lena, maria = score_pairs(problem, [("theo", "lena"), ("theo", "maria")])
    assert lena.broken == ["they are in the same reporting line", "they share no language"]
    assert maria.broken == ["Maria has no place left", "this pair is excluded"]
    assert not lena.admissible and 0 <= lena.score <= 1


def test_an_unknown_id_is_refused():
    problem = _problem(mentees=[_mentee("theo")], mentors=[_mentor("maria")])
    with pytest.raises(KeyError, match="nobody"):
        score_pairs(problem, [("theo", "nobody")])


def test_the_shortlist_ranks_admissible_mentors_best_first():
    problem = _problem(
        mentees=[_mentee("theo", manager="boss"), _mentee("ana")],
        mentors=[
            _mentor("weak", offers=[]),
            _mentor("strong", interests=["chess"]),
            _mentor("boss"),
            _mentor("equal", offers=[]),
        ],
    )
    ranked = rank_mentors(problem, "theo", limit=10)
    assert [p.mentor for p in ranked] == ["strong", "weak", "equal"]
    assert all(p.mentee == "theo" and p.admissible for p in ranked)
    assert ranked[0].score > ranked[1].score >= ranked[2].score
    assert len(rank_mentors(problem, "theo", limit=1)) == 1


def test_a_shortlist_for_nobody_is_refused():
    problem = _problem(mentees=[_mentee("theo")], mentors=[_mentor("maria")])
    with pytest.raises(KeyError):
        rank_mentors(problem, "ana")


def test_nobody_wanting_or_offering_any_skill_still_matches():
    problem = _problem(mentees=[_mentee("theo", wants={})], mentors=[_mentor("maria", offers=[])])
    [assignment] = solve_problem(problem).assignments
    assert assignment.mentor == "maria"
    assert [f["value"] for f in assignment.factors if f["factor"] == "skills"] == [0.0]
