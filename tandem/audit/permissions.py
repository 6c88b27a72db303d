"""Who may read the audit log. Every rule of the audit app lives here."""

from django.core.exceptions import PermissionDenied

from tandem.people.models import User


def can_read_audit_log(user: User) -> bool:
    """Global admins read every entry; a program's admins read their programs' entries."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_global_admin or user.administered_programs.exists()


def require_audit_reader(user: User) -> None:
    if not can_read_audit_log(user):
        raise PermissionDenied


def can_read_whole_log(user: User) -> bool:
    """Entries that belong to no program (people's permissions): global admins only."""
    return user.is_authenticated and user.is_global_admin
