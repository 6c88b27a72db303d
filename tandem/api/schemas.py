"""Schemas shared by every part of the API."""

from typing import Annotated, Any

from ninja import Field, FilterSchema, Path, Schema
from pydantic import model_validator

# Ids in paths: bounded, so that a forged id is a 404 or a 422, never a database overflow.
MAX_ID = 2**53
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
# A program's slug in paths (the URL only routes these characters).
Slug = Annotated[str, Path(pattern=r"^[-a-zA-Z0-9_]+$", max_length=140)]
# Ids in bodies.
BodyId = Annotated[int, Field(ge=1, le=MAX_ID)]


class FieldError(Schema):
    field: str
    message: str


class Error(Schema):
    detail: str
    errors: list[FieldError]


class PersonRef(Schema):
    """A person as other resources mention them."""

    id: int
    name: str

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj)


def _refuse_nul(value: Any, where: str = "") -> None:
    """PostgreSQL cannot store NUL characters: say which field has one instead of failing."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError(f"{where or 'a value'} contains a NUL character")
    if isinstance(value, dict):
        for key, item in value.items():
            _refuse_nul(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _refuse_nul(item, f"{where}.{index}" if where else str(index))


class InputSchema(Schema):
    """The base of every request body: text without NUL characters."""

    @model_validator(mode="before")
    @classmethod
    def _no_nul(cls, data: Any) -> Any:
        if isinstance(data, dict):
            _refuse_nul(dict(data))
        return data


class Filters(FilterSchema):
    """The base of every list's filters (query parameters): text without NUL characters."""

    @model_validator(mode="before")
    @classmethod
    def _no_nul(cls, data: Any) -> Any:
        if isinstance(data, dict):
            _refuse_nul(dict(data))
        return data


# Every operation documents its error responses with these.
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error}
