"""Random score-based problems for comparing the engine with reference solvers."""

import random

from tandem.matching.engine.interchange import load_problem


def random_score_problem(seed, *, mentees=12, mentors=5, density=0.6, objective="max_total",
                         max_capacity=3, distinct=True):  # fmt: skip
    rng = random.Random(seed)
    data = {
        "objective": objective,
        "mentees": [{"id": f"e{i}"} for i in range(mentees)],
        "mentors": [
            {"id": f"r{j}", "capacity": rng.randint(0, max_capacity)} for j in range(mentors)
        ],
        "pairs": [],
    }
    used = set()
    for i in range(mentees):
        for j in range(mentors):
            if rng.random() < density:
                score = rng.random()
                if distinct:
                    while round(score, 9) in used:
                        score = rng.random()
                    used.add(round(score, 9))
                data["pairs"].append([f"e{i}", f"r{j}", round(score, 9)])
    return data, load_problem(data)
