"""Reading the audit log: the entries a person may read, filtered, in a plain shape."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone

from tandem.audit import permissions
from tandem.audit.registry import audited_models
from tandem.people.models import User
from tandem.programs.models import Program

ACTIONS = {
    LogEntry.Action.CREATE: "create",
    LogEntry.Action.UPDATE: "update",
    LogEntry.Action.DELETE: "delete",
    LogEntry.Action.ACCESS: "access",
}


def audit_model_choices() -> list[tuple[str, str]]:
    """(app_label.model, verbose name) of every audited model, for the model filter."""
    return sorted(
        (f"{m._meta.app_label}.{m._meta.model_name}", str(m._meta.verbose_name).capitalize())
        for m in audited_models()
    )


def audit_entries_for(user: User) -> QuerySet:
    """The entries `user` may read, newest first."""
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    if permissions.can_read_whole_log(user):
        return entries
    if not permissions.can_read_audit_log(user):
        return entries.none()
    program_ids = list(Program.objects.managed_by(user).values_list("pk", flat=True))
    return entries.filter(additional_data__program__in=program_ids)


@dataclass
class AuditFilters:
    model: str = ""
    person: User | None = None
    program: Program | None = None
    date_from: date | None = None
    date_to: date | None = None


def audit_entries_filter(entries: QuerySet, filters: AuditFilters) -> QuerySet:
    if filters.model:
        app_label, _, model = filters.model.partition(".")
        entries = entries.filter(content_type__app_label=app_label, content_type__model=model)
    if filters.person is not None:
        user_type = ContentType.objects.get_for_model(User)
        entries = entries.filter(
            Q(actor=filters.person) | Q(content_type=user_type, object_id=filters.person.pk)
        )
    if filters.program is not None:
        entries = entries.filter(additional_data__program=filters.program.pk)
    if filters.date_from:
        entries = entries.filter(timestamp__gte=_start_of(filters.date_from))
    if filters.date_to:
        entries = entries.filter(timestamp__lt=_start_of(filters.date_to + timedelta(days=1)))
    return entries


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_changes(entry: LogEntry) -> list[dict]:
    """What changed, field by field: {field, before, after}; for many-to-many fields, who
    was added or removed."""
    changes = entry.changes_dict or {}
    rows = []
    for name, change in changes.items():
        if isinstance(change, dict) and change.get("type") == "m2m":
            objects = ", ".join(str(o) for o in change.get("objects", []))
            if change.get("operation") == "add":
                rows.append({"field": name, "before": "", "after": f"added {objects}"})
            else:
                rows.append({"field": name, "before": f"removed {objects}", "after": ""})
            continue
        before, after = (list(change) + [None, None])[:2]
        rows.append({"field": name, "before": _text(before), "after": _text(after)})
    return rows


def _text(value) -> str:
    return "" if value is None or value == "None" else str(value)


def audit_entry_program_id(entry: LogEntry) -> int | None:
    data = entry.additional_data or {}
    value = data.get("program") if isinstance(data, dict) else None
    return value if isinstance(value, int) else None
