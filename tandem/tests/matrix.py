"""The cast the access matrix (tandem/tests/access/) is played by, and how one role meets one row.

Shared by the matrix test, the bad-input and security tests, and each area's confidentiality
tests (which ask what a role sees across every page and API answer open to it)."""

import json
from dataclasses import dataclass, field

from django.db import transaction
from django.test import Client

from tandem.api.services import api_token_create
from tandem.notifications.services import notify
from tandem.people.models import User
from tandem.people.tests.factories import SkillFactory
from tandem.programs.models import Enrollment, Program
from tandem.programs.tests.factories import ProgramFactory
from tandem.tests import access
from tandem.tests.roles import ROLES


@dataclass
class Cast:
    """What the rows' URLs are built from: the people of ROLES and the things they touch."""

    people: dict[str, User]
    program: Program
    mutual_program: Program
    open_program: Program
    mentee_enrollment: Enrollment
    mentorship: object
    mutual_mentorship: object
    notification: object
    token: object
    skill: object
    # What the areas' stage(cast) added: a goal, a meeting, a match run...
    extras: dict = field(default_factory=dict)

    def __getattr__(self, name: str):
        if name in ROLES or name == "peer_partner":
            return self.people[name]
        if name in self.__dict__.get("extras", {}):
            return self.extras[name]
        raise AttributeError(name)


def build_cast(request, enrolled, mentorship, mutual_mentorship, peer_partner):
    people = {role: request.getfixturevalue(role) for role in ROLES if role != "anonymous"}
    people["peer_partner"] = peer_partner
    token, _key = api_token_create(user=people["mentee"], name="Reporting script")
    cast = Cast(
        people=people,
        program=request.getfixturevalue("program"),
        mutual_program=request.getfixturevalue("mutual_program"),
        open_program=ProgramFactory(name="Open circle", slug="open-circle"),
        mentee_enrollment=enrolled["mentee"],
        mentorship=mentorship,
        mutual_mentorship=mutual_mentorship,
        notification=notify(recipient=people["mentee"], kind="test", title="Hello", email=False),
        token=token,
        skill=SkillFactory(name="Python"),
    )
    for area in access.AREAS:
        staged = area.stage(cast)
        taken = staged.keys() & (cast.extras.keys() | set(vars(cast)))
        assert not taken, f"{area.__name__}.stage() reuses the cast's names {sorted(taken)}"
        cast.extras.update(staged)
    return cast


def client_for(row, role: str, cast: Cast) -> Client:
    client = Client()
    if role == "anonymous":
        return client
    user = cast.people[role]
    if row.kind == "api":
        _token, key = api_token_create(user=user, name="matrix")
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    else:
        client.force_login(user)
    return client


def signed_in_as_someone_allowed(row, cast: Cast, **client_options) -> Client:
    """A client of the first role (in ROLES' order) the row allows, anonymous if none."""
    client = Client(**client_options)
    allowed = [role for role in ROLES if role in row.allowed and role != "anonymous"]
    if allowed:
        client.force_login(cast.people[allowed[0]])
    return client


def request_row(row, client: Client, cast: Cast, user):
    url = row.url(cast)
    data = row.payload(cast, user)
    if row.method == "GET":
        return client.get(url, data)
    if row.kind == "page" or row.multipart:
        return client.generic(row.method, url) if data is None else client.post(url, data)
    return client.generic(row.method, url, data=_json(data), content_type="application/json")


def _json(data) -> str:
    return json.dumps(data if data is not None else {})


def outcomes(row, cast: Cast) -> dict[str, int]:
    """The status each role gets, each in a savepoint rolled back afterwards."""
    outcomes = {}
    for role in ROLES:
        with transaction.atomic():
            client = client_for(row, role, cast)
            user = cast.people.get(role)
            outcomes[role] = request_row(row, client, cast, user).status_code
            transaction.set_rollback(True)
    return outcomes


def everything_seen_by(role: str, cast: Cast, rows: list) -> str:
    """The pages and API answers of `rows`, as `role` receives them, in one text."""
    seen = []
    for row in rows:
        if row.expected(role) == row.ok:
            client = client_for(row, role, cast)
            response = request_row(row, client, cast, cast.people.get(role))
            body = b"".join(response.streaming_content) if response.streaming else response.content
            seen.append(body.decode())
    return "\n".join(seen)


READ_ROWS = [row for row in access.PAGES + access.API if row.method == "GET"]
