"""Who sees which dashboards. Every rule of the insights app lives here.

Dashboards show counts, averages and distributions, never the content of a mentorship:
the program's admins see their program's dashboard; global admins see every program's and the
cross-program view."""

from django.db.models import QuerySet

from tandem.programs.models import Program


def can_view_program_dashboard(user, program: Program) -> bool:
    return program.is_managed_by(user)


def can_view_cross_program(user) -> bool:
    return bool(user.is_authenticated) and user.is_global_admin


def dashboard_programs(user) -> QuerySet:
    """The programs whose dashboards `user` may open."""
    if not user.is_authenticated:
        return Program.objects.none()
    return Program.objects.managed_by(user)
