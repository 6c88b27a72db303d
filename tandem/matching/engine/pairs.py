"""Single pairs, for the people who look at them: the score, its factor breakdown and the one
sentence of an arbitrary pair (an admin swapping a proposal by hand), the hard constraints it
breaks, and one mentee's mentors ranked (a mentee's shortlist)."""

from dataclasses import dataclass, field

import numpy as np

from tandem.matching.engine.explain import breakdowns, sentence
from tandem.matching.engine.model import Person, ProfileProblem
from tandem.matching.engine.scoring import Encoder, Taxonomy, admissible, combine, factor_values
from tandem.matching.engine.solve import forbidden_pairs


@dataclass
class PairScore:
    mentee: str
    mentor: str
    score: float
    explanation: str
    factors: list[dict] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)  # hard constraints this pair breaks

    @property
    def admissible(self) -> bool:
        return not self.broken


def score_pairs(problem: ProfileProblem, pairs: list[tuple[str, str]]) -> list[PairScore]:
    """Score the given (mentee id, mentor id) pairs, admissible or not, saying what each breaks."""
    mentee_at = {p.id: i for i, p in enumerate(problem.mentees)}
    mentor_at = {p.id: i for i, p in enumerate(problem.mentors)}
    unknown = [a for a, b in pairs if a not in mentee_at] + [
        b for a, b in pairs if b not in mentor_at
    ]
    if unknown:
        raise KeyError(f"unknown id {unknown[0]!r}")
    taxonomy = Taxonomy(problem.taxonomy)
    enc = Encoder(problem.mentees, problem.mentors, taxonomy)
    e = np.array([mentee_at[a] for a, _ in pairs], dtype=np.int64)
    r = np.array([mentor_at[b] for _, b in pairs], dtype=np.int64)
    return _scored(problem, enc, taxonomy, e, r)


def rank_mentors(problem: ProfileProblem, mentee_id: str, *, limit: int = 10) -> list[PairScore]:
    """One mentee's admissible mentors, best first (ties by input order), at most `limit`."""
    e_index = next((i for i, p in enumerate(problem.mentees) if p.id == mentee_id), None)
    if e_index is None:
        raise KeyError(f"unknown mentee id {mentee_id!r}")
    taxonomy = Taxonomy(problem.taxonomy)
    mentee = problem.mentees[e_index]
    enc = Encoder([mentee], problem.mentors, taxonomy)
    r = np.arange(len(problem.mentors), dtype=np.int64)
    e = np.zeros(len(r), dtype=np.int64)
    single = ProfileProblem(**{**problem.__dict__, "mentees": [mentee]})
    ok = admissible(enc, e, r, problem.constraints, forbidden_pairs(single))
    scores = combine(factor_values(enc, e, r, peers=problem.peers), problem.weights)
    candidates = np.flatnonzero(ok)
    order = candidates[np.argsort(-scores[candidates], kind="stable")][:limit]
    return _scored(single, enc, taxonomy, e[order], r[order])


def _scored(problem, enc, taxonomy, e, r) -> list[PairScore]:
    if len(e) == 0:
        return []
    scores = combine(factor_values(enc, e, r, peers=problem.peers), problem.weights)
    tables = breakdowns(enc, e, r, problem.weights, peers=problem.peers)
    results = []
    for i, (mentee_index, mentor_index) in enumerate(zip(e.tolist(), r.tolist(), strict=True)):
        mentee, mentor = problem.mentees[mentee_index], problem.mentors[mentor_index]
        results.append(
            PairScore(
                mentee=mentee.id,
                mentor=mentor.id,
                score=float(scores[i]),
                explanation=sentence(mentee, mentor, taxonomy),
                factors=tables[i],
                broken=broken_constraints(problem, mentee, mentor),
            )
        )
    return results


def broken_constraints(problem: ProfileProblem, mentee: Person, mentor: Person) -> list[str]:
    """Each hard constraint the pair breaks, in plain words (none: the pair is admissible)."""
    c = problem.constraints
    broken = []
    if mentee.id == mentor.id:
        broken.append("the same person on both sides")
    if mentor.capacity <= 0:
        broken.append(f"{mentor.name or mentor.id} has no place left")
    if c.reporting_line and _in_line(problem, mentee, mentor):
        broken.append("they are in the same reporting line")
    if c.shared_language and not {x.lower() for x in mentee.languages} & {
        x.lower() for x in mentor.languages
    }:
        broken.append("they share no language")
    if (mentee.id, mentor.id) in problem.exclusions:
        broken.append("this pair is excluded")
    if c.exclude_existing and (mentee.id, mentor.id) in problem.existing:
        broken.append("they already have (or had) a mentorship")
    if c.min_mentor_seniority is not None and mentor.seniority < c.min_mentor_seniority:
        broken.append("the mentor is below the minimum seniority")
    if c.mentor_must_be_senior and mentor.seniority <= mentee.seniority:
        broken.append("the mentor is not senior to the mentee")
    return broken


def _in_line(problem: ProfileProblem, mentee: Person, mentor: Person) -> bool:
    manager_of = {p.id: p.manager for p in problem.mentees + problem.mentors if p.manager}
    return _reports_to(manager_of, mentee.id, mentor.id) or _reports_to(
        manager_of, mentor.id, mentee.id
    )


def _reports_to(manager_of: dict, person: str, boss: str) -> bool:
    seen, current = {person}, manager_of.get(person)
    while current and current not in seen:
        if current == boss:
            return True
        seen.add(current)
        current = manager_of.get(current)
    return False
