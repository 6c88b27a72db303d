"""Schemas shared by every part of the API."""

from ninja import Schema


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


# Every operation documents its error responses with these.
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error}
