"""The command line, as a person would run it: no Django settings, one-line errors."""

import json
import subprocess
import sys

import pytest

SCORE_PROBLEM = {
    "objective": "max_total",
    "mentees": [{"id": "e1"}, {"id": "e2"}],
    "mentors": [{"id": "r1", "capacity": 1}],
    "pairs": [["e1", "r1", 0.83], ["e2", "r1", 0.5]],
}


def _run(*args, stdin=None):
    env = {"PATH": "/usr/bin:/bin"}  # no DJANGO_SETTINGS_MODULE: the engine needs none
    return subprocess.run(
        [sys.executable, "-m", "tandem.matching", *args],
        input=stdin, capture_output=True, text=True, env=env, check=False,
        cwd=str(__import__("pathlib").Path(__file__).resolve().parents[3]),
    )  # fmt: skip


def test_solve_from_stdin_to_stdout_in_the_documented_format():
    done = _run("solve", "-", stdin=json.dumps(SCORE_PROBLEM))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["objective"] == "max_total"
    assert result["assignments"] == [
        {"mentee": "e1", "mentor": "r1", "score": 0.83, "explanation": None}
    ]
    assert result["unmatched_mentees"] == ["e2"]
    assert result["total_score"] == 0.83
    assert "stats" in result


def test_generate_then_solve_files(tmp_path):
    problem, result = tmp_path / "p.json", tmp_path / "r.json"
    assert _run("generate", "--mentees", "30", "--seed", "4", "-o", str(problem)).returncode == 0
    again = tmp_path / "p2.json"
    _run("generate", "--mentees", "30", "--seed", "4", "-o", str(again))
    assert problem.read_text() == again.read_text()  # same seed, same problem
    assert _run("solve", str(problem), "-o", str(result)).returncode == 0
    data = json.loads(result.read_text())
    assert data["assignments"] and all(a["explanation"] for a in data["assignments"])


def test_peers_score_format():
    problem = {"objective": "max_total", "peers": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
               "pairs": [["a", "b", 0.7], ["b", "c", 0.9]]}  # fmt: skip
    result = json.loads(_run("solve", "-", stdin=json.dumps(problem)).stdout)
    assert result["pairs"] == [{"a": "b", "b": "c", "score": 0.9}]
    assert result["unmatched"] == ["a"]


BAD = [
    ("{not json", "not valid JSON"),
    (json.dumps(SCORE_PROBLEM | {"objective": "best"}), "unknown objective 'best'"),
    (json.dumps(SCORE_PROBLEM | {"mentees": [{"id": "e1"}, {"id": "e1"}]}), "duplicate id 'e1'"),
    (json.dumps(SCORE_PROBLEM | {"pairs": [["e9", "r1", 0.5]]}), "unknown mentee id 'e9'"),
    (json.dumps(SCORE_PROBLEM | {"mentors": [{"id": "r1", "capacity": -1}]}), "is negative"),
    (
        '{"objective": "max_total", "mentees": [], "mentors": [], "pairs": [["a", "b", NaN]]}',
        "unknown mentee id",
    ),  # fmt: skip
    (json.dumps(SCORE_PROBLEM | {"pairs": [["e1", "r1", 1e400]]}), "not finite"),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_a_malformed_problem_exits_with_one_line_naming_it(text, message):
    done = _run("solve", "-", stdin=text)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert message in lines[0]
    assert "Traceback" not in done.stderr


def test_a_missing_file_is_one_line_too():
    done = _run("solve", "/nonexistent/problem.json")
    assert done.returncode != 0
    assert len(done.stderr.strip().splitlines()) == 1
