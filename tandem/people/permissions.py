"""Who may see and change what about people. Every rule of the people app lives here."""

from django.core.exceptions import PermissionDenied

from tandem.people.models import User


def can_manage_people(user: User) -> bool:
    """Directory, import and export, the skills taxonomy: global program admins only."""
    return user.is_authenticated and user.is_global_admin


def require_people_admin(user: User) -> None:
    """For the pages only global program admins reach: a 403 for anyone else."""
    if not can_manage_people(user):
        raise PermissionDenied


def can_view_profile(viewer: User, person: User) -> bool:
    """Every signed-in participant sees colleagues' public profiles (a mentoring directory)."""
    return viewer.is_authenticated and viewer.is_active


def can_view_private_fields(viewer: User, person: User) -> bool:
    """Birthday and other private fields: the person themself only (admins included out)."""
    return viewer.is_authenticated and viewer.pk == person.pk


def can_edit_profile(editor: User, person: User) -> bool:
    return editor.is_authenticated and (editor.pk == person.pk or can_manage_people(editor))
