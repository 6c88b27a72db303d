"""Who may run, read, edit and publish a program's match runs. Every rule of the matching pages
and API lives here: the program's admins and the global admins; for anyone else a program they
may not see is a 404, one they may see but not run is a 403 (as in the programs app)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from tandem.programs.models import Program
from tandem.programs.permissions import can_manage_program, can_view_program


def can_run_matching(user, program: Program) -> bool:
    """Open the matching page, start runs, read results, edit, compare and publish."""
    return bool(user.is_authenticated) and can_manage_program(user, program)


def check_can_run_matching(user, program: Program) -> None:
    """A 404 for a program the user cannot see, a 403 for one they cannot match."""
    if not can_view_program(user, program):
        raise Http404
    if not can_run_matching(user, program):
        raise PermissionDenied
