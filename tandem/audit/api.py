"""The audit log over the API: the same entries as the audit page, for the same people."""

from datetime import date, datetime

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import field_validator

from tandem.api.schemas import ERRORS, Filters, PersonRef
from tandem.audit import permissions
from tandem.audit.services import (
    ACTIONS,
    AuditFilters,
    audit_changes,
    audit_entries_filter,
    audit_entries_for,
    audit_entry_program_id,
)
from tandem.people.models import User
from tandem.programs.models import Program

router = Router(tags=["audit"])


class ChangeOut(Schema):
    field: str
    before: str
    after: str


class AuditEntryOut(Schema):
    id: int
    at: datetime = Field(..., alias="timestamp")
    actor: PersonRef | None
    action: str
    model: str
    object_id: str = Field(..., alias="object_pk")
    object: str = Field(..., alias="object_repr")
    program: int | None
    changes: list[ChangeOut]

    @staticmethod
    def resolve_action(entry) -> str:
        return ACTIONS.get(entry.action, "")

    @staticmethod
    def resolve_model(entry) -> str:
        return f"{entry.content_type.app_label}.{entry.content_type.model}"

    @staticmethod
    def resolve_program(entry) -> int | None:
        return audit_entry_program_id(entry)

    @staticmethod
    def resolve_changes(entry) -> list[dict]:
        return audit_changes(entry)


class AuditQuery(Filters):
    model: str | None = Field(None, max_length=100, description="e.g. programs.program")
    person: str | None = Field(None, max_length=254, description="Changes by or to this e-mail")
    program: str | None = Field(None, max_length=140, description="A program's slug")
    date_from: date | None = None
    date_to: date | None = None

    @field_validator("model")
    @classmethod
    def _model_label(cls, value):
        if value and value.count(".") != 1:
            raise ValueError("write the model as app_label.model, e.g. programs.program")
        return value


@router.get("/entries", response={200: list[AuditEntryOut], **ERRORS})
@paginate
def audit_entries(request, filters: Query[AuditQuery]):
    """Who changed what, newest first: every entry for global admins, their programs' entries
    for a program's admins."""
    permissions.require_audit_reader(request.user)
    entries = audit_entries_for(request.user)
    chosen = AuditFilters(
        model=(filters.model or "").lower(),
        person=User.objects.filter(email__iexact=filters.person).first()
        if filters.person
        else None,
        program=Program.objects.managed_by(request.user).filter(slug=filters.program).first()
        if filters.program
        else None,
        date_from=filters.date_from,
        date_to=filters.date_to,
    )
    if (filters.person and chosen.person is None) or (filters.program and chosen.program is None):
        return entries.none()
    return audit_entries_filter(entries, chosen)
