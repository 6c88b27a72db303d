"""Property tests on random score-based problems: always feasible, always within capacity,
never an inadmissible pair; the edge cases included."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.matching.engine import load_problem, solve_problem


@st.composite
def problems(draw):
    n = draw(st.integers(0, 8))
    m = draw(st.integers(0, 4))
    capacities = draw(st.lists(st.integers(0, 3), min_size=m, max_size=m))
    equal = draw(st.booleans())
    pairs = []
    for i in range(n):
        for j in range(m):
            if draw(st.booleans()):
                score = 0.5 if equal else draw(st.floats(0, 1, allow_nan=False))
                pairs.append([f"e{i}", f"r{j}", score])
    objective = draw(st.sampled_from(["max_total", "max_coverage", "stable"]))
    return {
        "objective": objective,
        "mentees": [{"id": f"e{i}"} for i in range(n)],
        "mentors": [{"id": f"r{j}", "capacity": c} for j, c in enumerate(capacities)],
        "pairs": pairs,
    }


@settings(max_examples=150, deadline=None)
@given(problems())
def test_any_problem_gets_a_feasible_answer(data):
    result = solve_problem(load_problem(data))
    allowed = {(e, r) for e, r, _ in data["pairs"]}
    capacity = {m["id"]: m["capacity"] for m in data["mentors"]}
    load = {}
    for a in result.assignments:
        assert (a.mentee, a.mentor) in allowed
        load[a.mentor] = load.get(a.mentor, 0) + 1
    assert all(load[m] <= capacity[m] for m in load)
    everyone = [a.mentee for a in result.assignments] + result.unmatched_mentees
    assert sorted(everyone) == sorted(m["id"] for m in data["mentees"])
    admissible = {e for e, r in allowed if capacity[r] > 0}
    assert set(result.unmatched_mentees) >= {m["id"] for m in data["mentees"]} - admissible
    if data["objective"] == "max_coverage" and admissible:
        assert result.assignments  # someone admissible always gets matched
