"""The row types of the access matrix and the role sets rows are written with."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tandem.tests.roles import ROLES

ALL = frozenset(ROLES)
EVERYONE = ALL - {"anonymous"}
GLOBAL_ADMINS = frozenset({"program_admin", "superuser"})
# The admins of `program` (and of `mutual_program`).
MANAGERS = GLOBAL_ADMINS | {"program_manager"}
# Anyone who runs at least one program.
ADMINS_ANYWHERE = MANAGERS | {"other_program_admin"}
# The two people of `mentorship`.
PAIR = frozenset({"mentor", "mentee"})


@dataclass(frozen=True)
class Row:
    name: str
    url: Callable[[Any], str]
    allowed: frozenset
    refused: int = 403
    method: str = "GET"
    data: Any = None
    ok: int = 200
    anonymous: int | None = None
    multipart: bool = False
    # Roles that may know the thing exists but not do this: 403, where the other signed-in
    # roles get `refused` (404). E.g. a program's admins before a pair's meeting notes.
    forbidden: frozenset = frozenset()

    default_anonymous = 302

    def payload(self, cast, me):
        return self.data(cast, me) if callable(self.data) else self.data

    def expected(self, role: str) -> int:
        if role in self.allowed:
            return self.ok
        if role in self.forbidden:
            return 403
        if role == "anonymous":
            return self.anonymous if self.anonymous is not None else self.default_anonymous
        return self.refused

    @property
    def id(self) -> str:
        return self.name if self.name.startswith(self.method) else f"{self.method} {self.name}"


class Page(Row):
    kind = "page"


class Api(Row):
    kind = "api"
    default_anonymous = 401

    def __init__(self, name: str, url, allowed, refused: int = 403, **options):
        super().__init__(name, url, allowed, refused, method=name.split()[0], **options)
