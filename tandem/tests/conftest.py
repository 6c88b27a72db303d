import pytest

from tandem.tests.matrix import build_cast


@pytest.fixture
def cast(request, enrolled, mentorship, mutual_mentorship, peer_partner):
    """Everyone of ROLES and what the access matrix's rows point at (tandem/tests/matrix.py)."""
    return build_cast(request, enrolled, mentorship, mutual_mentorship, peer_partner)
