from types import SimpleNamespace

import pytest

from tandem.matching.tests.factories import enroll_mentee, enroll_mentor, enroll_peer
from tandem.programs.models import Program


@pytest.fixture
def cohort(db, program, mentor, mentee):
    """`program`, enrollment closed: three mentees and two mentors who teach what they want.
    Maria (the cast's mentor) offers SQL and Python for two mentees; Omar public speaking for
    one. Theo (the cast's mentee) wants SQL, Ana Python, Ben public speaking."""
    Program.objects.filter(pk=program.pk).update(status="matching", matching_mode="admin")
    program.refresh_from_db()
    return SimpleNamespace(
        program=program,
        theo=enroll_mentee(program, mentee, wants=["SQL"]),
        ana=enroll_mentee(program, wants=["Python"], first_name="Ana", last_name="Alves"),
        ben=enroll_mentee(program, wants=["Public speaking"], first_name="Ben", last_name="Brown"),
        maria=enroll_mentor(program, mentor, offers=["SQL", "Python"], capacity=2),
        omar=enroll_mentor(
            program, offers=["Public speaking"], capacity=1, first_name="Omar", last_name="Okafor"
        ),
    )


@pytest.fixture
def circle(db, mutual_program, peer, peer_partner):
    """`mutual_program` with four peers who each teach what another wants: Priya (the cast's
    peer) and Paul swap SQL and Python; Quinn and Rita design and writing."""
    return SimpleNamespace(
        program=mutual_program,
        priya=enroll_peer(mutual_program, peer, wants=["SQL"], offers=["Python"]),
        paul=enroll_peer(mutual_program, peer_partner, wants=["Python"], offers=["SQL"]),
        quinn=enroll_peer(
            mutual_program,
            wants=["Design"],
            offers=["Writing"],
            first_name="Quinn",
            last_name="Quist",
        ),
        rita=enroll_peer(
            mutual_program,
            wants=["Writing"],
            offers=["Design"],
            first_name="Rita",
            last_name="Ruiz",
        ),
    )
