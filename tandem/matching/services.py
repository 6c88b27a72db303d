"""Matching workflows on the database: the engine fed from a program's enrollments."""

from dataclasses import dataclass

from tandem.matching.engine.pairs import PairScore, rank_mentors
from tandem.matching.problems import mentors_with_room, person_key, program_problem
from tandem.programs.models import Enrollment


@dataclass
class ShortlistEntry:
    mentor: Enrollment
    pair: PairScore

    @property
    def percent(self) -> int:
        return round(100 * self.pair.score)


def mentor_shortlist(*, enrollment: Enrollment, limit: int = 10) -> list[ShortlistEntry]:
    """A mentee's best admissible mentors with room in their program, with the reasons."""
    program = enrollment.program
    built = program_problem(
        program=program,
        mentees=program.enrollments.filter(pk=enrollment.pk),
        mentors=mentors_with_room(program),
    )
    ranked = rank_mentors(built.problem, person_key(enrollment.person_id), limit=limit)
    return [ShortlistEntry(mentor=built.mentors[pair.mentor], pair=pair) for pair in ranked]
