"""Matching engine benchmark: sizes × methods, with the reference solvers side by side.

    .venv/bin/python bench/matching.py            # the issue's sizes (several minutes)
    .venv/bin/python bench/matching.py --quick    # small sizes, to try it out

Every case runs in its own process so that its peak memory (max RSS, which counts NumPy's and
OR-Tools' native allocations) is its own. Wall time covers the whole case: for profile-based
problems loading the JSON data, scoring, candidates, solving and explanations; for score-based
ones the solve only. CPU is the process's user + system time over the same span (the engine
scores candidates on several threads, so CPU may exceed wall); "load" is the machine's
one-minute load average just before the case: on a shared machine a wall time is only worth
quoting when the load was below about 1. A reference that cannot run at a size says why
instead of a figure.
"""

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# This file's folder comes first on sys.path, where "matching" would be this very script
# rather than the reference package of that name.
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))


def _score_problem(mentees, mentors, per_mentee, seed, objective):
    rng = random.Random(seed)
    data = {
        "objective": objective,
        "mentees": [{"id": f"e{i}"} for i in range(mentees)],
        "mentors": [{"id": f"r{j}", "capacity": rng.randint(1, 4)} for j in range(mentors)],
        "pairs": [],
    }
    for i in range(mentees):
        for j in rng.sample(range(mentors), min(per_mentee, mentors)):
            data["pairs"].append([f"e{i}", f"r{j}", round(rng.random(), 6)])
    return data


def _peer_problem(people, per_person, seed):
    rng = random.Random(seed)
    seen, pairs = set(), []
    for i in range(people):
        for j in rng.sample(range(people), per_person + 1):
            if i != j and (min(i, j), max(i, j)) not in seen:
                seen.add((min(i, j), max(i, j)))
                pairs.append([f"p{i}", f"p{j}", round(rng.random(), 6)])
    return {"objective": "max_total", "peers": [{"id": f"p{i}"} for i in range(people)],
            "pairs": pairs}  # fmt: skip


# --- the cases, each run in a child process --------------------------------------------------


def case_profile(size, seed):
    from tandem.matching.engine import load_problem, solve_problem
    from tandem.matching.engine.generate import generate_problem

    data = generate_problem(mentees=size, mentors=size * 33 // 100, seed=seed, k=50)
    start, cpu = time.perf_counter(), _cpu()
    result = solve_problem(load_problem(data))
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    detail = f"matched {len(result.assignments):,}; " + ", ".join(
        f"{k} {v}s" for k, v in result.stats["seconds"].items()
    )
    detail += f"; fallback paths {result.stats['fallback_paths']}"
    return seconds, cpu, result.total_score, detail


def case_scores(size, seed, objective="max_total"):
    from tandem.matching.engine import load_problem, solve_problem

    data = _score_problem(size, size // 3, 50, seed, objective)
    problem = load_problem(data)
    start, cpu = time.perf_counter(), _cpu()
    result = solve_problem(problem)
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    return seconds, cpu, result.total_score, f"{len(data['pairs']):,} pairs"


def case_scipy(size, seed):
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    from tandem.matching.engine import load_problem

    problem = load_problem(_score_problem(size, size // 3, 50, seed, "max_total"))
    start, cpu = time.perf_counter(), _cpu()
    slots = np.repeat(np.arange(len(problem.capacities)), problem.capacities)
    first_slot = np.concatenate([[0], np.cumsum(problem.capacities)[:-1]])
    matrix = np.zeros((len(problem.mentee_ids), len(slots)))
    pairs = np.array(problem.pairs)
    e, r, s = pairs[:, 0].astype(int), pairs[:, 1].astype(int), pairs[:, 2]
    capacities = np.array(problem.capacities)
    for copy in range(int(capacities.max())):
        has = capacities[r] > copy
        matrix[e[has], first_slot[r[has]] + copy] = s[has]
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    total = float(matrix[rows, cols].sum())
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    return seconds, cpu, total, f"dense {matrix.shape[0]:,}×{matrix.shape[1]:,}"


def case_stable_reference(size, seed):
    from matching.games import HospitalResident

    from tandem.matching.engine import load_problem

    sys.setrecursionlimit(1_000_000)
    data = _score_problem(size, max(1, size // 3), 50, seed, "stable")
    problem = load_problem(data)
    scores = {(e, r): s for e, r, s in problem.pairs}
    mentee_prefs = {}
    for (e, r), _ in sorted(scores.items(), key=lambda item: -item[1]):
        mentee_prefs.setdefault(f"e{e}", []).append(f"r{r}")
    mentor_prefs = {}
    for (e, r), _ in sorted(scores.items(), key=lambda item: -item[1]):
        mentor_prefs.setdefault(f"r{r}", []).append(f"e{e}")
    capacities = {f"r{j}": c for j, c in enumerate(problem.capacities) if f"r{j}" in mentor_prefs}
    start, cpu = time.perf_counter(), _cpu()
    game = HospitalResident.create_from_dictionaries(mentee_prefs, mentor_prefs, capacities)
    solution = game.solve(optimal="resident")
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    total = sum(
        scores[(int(res.name[1:]), int(hosp.name[1:]))]
        for hosp, residents in solution.items()
        for res in residents
    )
    return seconds, cpu, total, "resident-optimal HospitalResident"


def case_peers(size, seed):
    from tandem.matching.engine import load_problem, solve_problem

    problem = load_problem(_peer_problem(size, 20, seed))
    start, cpu = time.perf_counter(), _cpu()
    result = solve_problem(problem)
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    stats = result.stats
    detail = (
        f"{len(problem.pairs):,} edges, {stats['edges_after_fixing']:,} after fixing; "
        f"{stats['certificate']}"
    )
    return seconds, cpu, result.total_score, detail


def case_networkx(size, seed):
    import networkx as nx

    data = _peer_problem(size, 20, seed)
    graph = nx.Graph()
    for a, b, s in data["pairs"]:
        graph.add_edge(a, b, weight=s)
    start, cpu = time.perf_counter(), _cpu()
    matching = nx.max_weight_matching(graph)
    total = sum(graph[a][b]["weight"] for a, b in matching)
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    return seconds, cpu, total, f"{len(data['pairs']):,} edges"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


CASES = {
    "profile": case_profile,
    "scores": case_scores,
    "scipy": case_scipy,
    "stable": lambda size, seed: case_scores(size, seed, "stable"),
    "stable-reference": case_stable_reference,
    "peers": case_peers,
    "networkx": case_networkx,
}


def _child(name, size, seed):
    load = os.getloadavg()[0]
    seconds, cpu, total, detail = CASES[name](size, seed)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB → MiB on Linux
    row = {"seconds": seconds, "cpu": cpu, "load": load, "total": total, "detail": detail}
    print(json.dumps(row | {"peak_mb": peak}))


def _run(name, size, seed, timeout):
    command = [sys.executable, __file__, "--child", name, "--size", str(size), "--seed", str(seed)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"did not finish in {timeout} s"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["failed"])[-1]
        return {"error": last[:80]}
    return json.loads(done.stdout.strip().splitlines()[-1])


PLAN = [
    # (label, case, size, timeout, reference note when skipped)
    ("profile end to end", "profile", 100_000, 900),
    ("score-based max_total", "scores", 30_000, 600),
    ("  SciPy linear_sum_assignment", "scipy", 30_000, 900),
    ("stable, top-50 lists", "stable", 100_000, 600),
    ("  engine stable at reference size", "stable", 300, 60),
    ("  matching HospitalResident", "stable-reference", 300, 300),
    ("peers, top-20 graph", "peers", 10_000, 900),
    ("  engine peers at reference size", "peers", 2_000, 300),
    ("  NetworkX max_weight_matching", "networkx", 2_000, 900),
]
QUICK = {100_000: 10_000, 30_000: 3_000, 10_000: 1_000, 2_000: 300, 300: 100}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child")
    parser.add_argument("--size", type=int)
    args = parser.parse_args()
    if args.child:
        return _child(args.child, args.size, args.seed)
    print(
        f"{'case':<36}{'size':>9}{'seconds':>10}{'cpu s':>8}{'load':>6}{'peak MB':>9}"
        f"{'total score':>14}  detail"
    )
    for label, name, size, timeout in PLAN:
        size = QUICK.get(size, size) if args.quick else size
        row = _run(name, size, args.seed, timeout)
        if "error" in row:
            print(f"{label:<36}{size:>9,}  {row['error']}")
            continue
        print(
            f"{label:<36}{size:>9,}{row['seconds']:>10.2f}{row['cpu']:>8.2f}{row['load']:>6.2f}"
            f"{row['peak_mb']:>9.0f}{row['total']:>14.2f}  {row['detail']}",
            flush=True,
        )


if __name__ == "__main__":
    main()
