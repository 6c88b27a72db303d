import pytest

from tandem.people.tests.factories import UserFactory
from tandem.programs.tests.factories import ProgramFactory


@pytest.fixture
def other_program_admin(db):
    """Runs another program, not this one."""
    user = UserFactory(email="other-admin@example.com", first_name="Otto")
    ProgramFactory(name="Leadership circle", slug="leadership").admins.add(user)
    return user


@pytest.fixture
def as_role(request, client):
    """Sign the client in as a named member of the cast (or nobody for 'anonymous')."""

    def _as(role: str):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return _as
