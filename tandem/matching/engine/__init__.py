"""Tandem's matching engine: plain data in, plain data out. Imports nothing from Django.

from tandem.matching.engine import solve_problem, load_problem
result = solve_problem(load_problem(json.load(open("problem.json"))))
"""

from tandem.matching.engine.interchange import ProblemError, dump_result, load_problem
from tandem.matching.engine.solve import solve_problem

__all__ = ["ProblemError", "dump_result", "load_problem", "solve_problem"]
