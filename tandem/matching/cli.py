"""The engine's command line; needs no Django settings.

python -m tandem.matching solve PROBLEM.json -o RESULT.json      (- for stdin / stdout)
python -m tandem.matching generate --mentees N --seed S -o PROBLEM.json
"""

import argparse
import json
import sys

from tandem.matching.engine.generate import generate_problem
from tandem.matching.engine.interchange import ProblemError, dump_result, load_problem
from tandem.matching.engine.solve import solve_problem


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tandem.matching", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    solve = commands.add_parser("solve", help="solve a problem file")
    solve.add_argument("problem", help="problem JSON file, or - for standard input")
    solve.add_argument("-o", "--output", default="-", help="result file (default: stdout)")
    generate = commands.add_parser("generate", help="write a realistic profile-based problem")
    generate.add_argument("--mentees", type=int, required=True)
    generate.add_argument("--mentors", type=int, default=None, help="default: mentees / 3")
    generate.add_argument("--seed", type=int, default=0)
    generate.add_argument("--objective", default="max_total")
    generate.add_argument("--peers", action="store_true", help="a mutual (peer) program")
    generate.add_argument("-k", type=int, default=50)
    generate.add_argument("-o", "--output", default="-")
    args = parser.parse_args(argv)
    try:
        return _solve(args) if args.command == "solve" else _generate(args)
    except ProblemError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"error: {error.filename}: {error.strerror}", file=sys.stderr)
        return 2


def _solve(args) -> int:
    if args.problem == "-":
        text = sys.stdin.read()
    else:
        with open(args.problem, encoding="utf-8") as stream:
            text = stream.read()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ProblemError(f"not valid JSON: {error.msg} (line {error.lineno})") from None
    result = dump_result(solve_problem(load_problem(data)))
    _write(args.output, result)
    return 0


def _generate(args) -> int:
    if args.mentees < 0:
        raise ProblemError("--mentees must be zero or more")
    problem = generate_problem(
        mentees=args.mentees,
        mentors=args.mentors,
        seed=args.seed,
        objective=args.objective,
        k=args.k,
        peers=args.peers,
    )
    _write(args.output, problem)
    return 0


def _write(path: str, data: dict) -> None:
    if path == "-":
        json.dump(data, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    with open(path, "w", encoding="utf-8") as stream:
        json.dump(data, stream, ensure_ascii=False)
