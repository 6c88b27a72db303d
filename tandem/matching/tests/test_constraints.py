"""Hard constraints remove pairs before any scoring or solving."""

from tandem.matching.engine import load_problem, solve_problem


def _person(pid, **fields):
    return {"id": pid, "languages": ["English"], "wants": {"SQL": 3}, **fields}


def _mentor(pid, **fields):
    return {"id": pid, "languages": ["English"], "offers": ["SQL"], "seniority": 5,
            "capacity": 1, **fields}  # fmt: skip


def _pairs(data):
    result = solve_problem(load_problem({"objective": "max_coverage"} | data))
    return {(a.mentee, a.mentor) for a in result.assignments}, result


def test_never_the_mentee_s_manager_or_anyone_above():
    data = {
        "mentees": [_person("ic", manager="lead")],
        "mentors": [_mentor("lead", manager="director"), _mentor("director"), _mentor("peer")],
    }
    pairs, _ = _pairs(data)
    assert pairs == {("ic", "peer")}


def test_never_someone_who_reports_to_the_mentee():
    data = {
        "mentees": [_person("boss")],
        "mentors": [_mentor("report", manager="boss"), _mentor("other")],
    }
    pairs, _ = _pairs(data)
    assert pairs == {("boss", "other")}


def test_the_reporting_line_rule_can_be_turned_off():
    data = {
        "mentees": [_person("ic", manager="lead")],
        "mentors": [_mentor("lead")],
        "constraints": {"reporting_line": False},
    }
    assert _pairs(data)[0] == {("ic", "lead")}


def test_no_shared_language_no_pair():
    data = {
        "mentees": [_person("ana", languages=["Portuguese"])],
        "mentors": [_mentor("bob"), _mentor("caio", languages=["Portuguese", "English"])],
    }
    assert _pairs(data)[0] == {("ana", "caio")}


def test_exclusions_and_past_relationships():
    data = {
        "mentees": [_person("a"), _person("b")],
        "mentors": [_mentor("x", capacity=2)],
        "exclusions": [["a", "x"]],
        "existing": [["b", "x"]],
    }
    pairs, result = _pairs(data)
    assert pairs == set()
    assert result.unmatched_reasons["a"].startswith("no admissible mentor")
    allowed, _ = _pairs(data | {"constraints": {"exclude_existing": False}})
    assert allowed == {("b", "x")}


def test_minimum_mentor_seniority_and_capacity():
    data = {
        "mentees": [_person("a"), _person("b")],
        "mentors": [_mentor("junior", seniority=2), _mentor("senior", capacity=0)],
        "constraints": {"min_mentor_seniority": 3},
    }
    pairs, result = _pairs(data)
    assert pairs == set()
    assert sorted(result.unmatched_mentees) == ["a", "b"]


def test_a_person_is_never_their_own_mentor():
    data = {"mentees": [_person("same")], "mentors": [_mentor("same")]}
    assert _pairs(data)[0] == set()


def test_capacity_is_shared_out_and_reasons_given():
    data = {
        "mentees": [_person("a"), _person("b"), _person("c")],
        "mentors": [_mentor("x", capacity=2)],
    }
    pairs, result = _pairs(data)
    assert len(pairs) == 2
    (left,) = result.unmatched_mentees
    assert result.unmatched_reasons[left] == "every admissible mentor is at capacity"


def test_a_management_loop_or_a_very_deep_chain_still_bars_the_whole_line():
    # 70 levels: deeper than the levels everyone climbs at once; then a loop at the top.
    chain = [_mentor(f"m{i}", manager=f"m{i + 1}") for i in range(70)]
    chain.append(_mentor("m70", manager="m69"))
    data = {"mentees": [_person("ic", manager="m0")], "mentors": [*chain, _mentor("free")]}
    pairs, _ = _pairs(data)
    assert pairs == {("ic", "free")}
