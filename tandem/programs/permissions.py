"""Who may see, run and join a program. Every rule of the programs app lives here."""

from tandem.programs.models import Program, ProgramStatus


def can_create_program(user) -> bool:
    return user.is_authenticated and user.is_global_admin


def can_manage_program(user, program: Program) -> bool:
    return program.is_managed_by(user)


def can_view_program(user, program: Program) -> bool:
    """Drafts are for their managers; once enrolling, every participant sees the program."""
    if not user.is_authenticated:
        return False
    return program.status != ProgramStatus.DRAFT or can_manage_program(user, program)
