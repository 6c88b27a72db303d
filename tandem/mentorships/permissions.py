"""Who may see and do what in a mentorship. Every rule of the mentorships app lives here, and
the apps built on mentorships (growth, meetings, health) ask these rules rather than repeat them.

Mentoring is confidential (DESIGN.md, Privacy): the two people see the content of their
mentorship; the program's admins see its metadata (status, dates, counts, scores) but not its
content; nobody else sees anything."""

from tandem.mentorships.models import Mentorship, MentorshipRequest, MentorshipStatus
from tandem.programs.models import Enrollment, Program, ProgramStatus


def is_partner(user, mentorship: Mentorship) -> bool:
    """One of the two people in the mentorship: they see and write its content."""
    return bool(user.is_authenticated) and mentorship.involves(user)


def can_manage_mentorship(user, mentorship: Mentorship) -> bool:
    """The program's admins (and global admins): metadata, lifecycle, re-matching."""
    return bool(user.is_authenticated) and mentorship.program.is_managed_by(user)


def can_view_mentorship(user, mentorship: Mentorship) -> bool:
    """The overview page: the pair, and the program's admins (who see metadata only)."""
    return is_partner(user, mentorship) or can_manage_mentorship(user, mentorship)


def can_view_content(user, mentorship: Mentorship) -> bool:
    """Agreements, shared notes, goals, plans: the two people only, never an admin."""
    return is_partner(user, mentorship)


def can_work_in(user, mentorship: Mentorship) -> bool:
    """Write content (goals, meetings, notes, check-ins): the pair, while it is under way."""
    return is_partner(user, mentorship) and mentorship.status in (
        MentorshipStatus.ACTIVE,
        MentorshipStatus.PAUSED,
    )


def can_answer_proposal(user, mentorship: Mentorship) -> bool:
    """Accept or decline a proposal: each of the two people, for themself, once."""
    return (
        is_partner(user, mentorship)
        and mentorship.status == MentorshipStatus.PROPOSED
        and not mentorship.accepted_at_of(user)
    )


def can_change_status(user, mentorship: Mentorship) -> bool:
    """Pause, resume, complete, end early: the pair and the program's admins."""
    return (
        is_partner(user, mentorship) or can_manage_mentorship(user, mentorship)
    ) and mentorship.status in (MentorshipStatus.ACTIVE, MentorshipStatus.PAUSED)


def can_write_agreement(user, mentorship: Mentorship) -> bool:
    """Write, amend and sign the agreement: the pair, while the mentorship is under way."""
    return can_work_in(user, mentorship)


def can_reflect(user, mentorship: Mentorship) -> bool:
    """A closing reflection: each of the two people, once the mentorship has closed."""
    return is_partner(user, mentorship) and mentorship.status in (
        MentorshipStatus.COMPLETED,
        MentorshipStatus.ENDED,
    )


# --- mentees choosing their mentor ------------------------------------------------------------

REQUESTING_STATUSES = (ProgramStatus.MATCHING, ProgramStatus.RUNNING)


def requester_enrollment(user, program: Program) -> Enrollment | None:
    """The approved mentee enrollment through which this person may look for and request a
    mentor in the program (self-select and hybrid programs, once matching has begun)."""
    if not user.is_authenticated or not program.mentees_choose:
        return None
    if program.status not in REQUESTING_STATUSES:
        return None
    return (
        program.enrollments.mentees()
        .approved()
        .filter(person=user)
        .select_related("program", "person")
        .first()
    )


def can_view_request(user, request: MentorshipRequest) -> bool:
    """A request and its motivation: the mentee who wrote it and the mentor it was sent to."""
    return bool(user.is_authenticated) and user.pk in (request.mentee_id, request.mentor_id)


def can_answer_request(user, request: MentorshipRequest) -> bool:
    return bool(user.is_authenticated) and user.pk == request.mentor_id and request.is_pending


def can_withdraw_request(user, request: MentorshipRequest) -> bool:
    return bool(user.is_authenticated) and user.pk == request.mentee_id and request.is_pending


# --- the lineage ----------------------------------------------------------------------------


def can_view_program_lineage(user, program: Program) -> bool:
    """The whole lineage of a program: its admins. Participants see their own line only."""
    return bool(user.is_authenticated) and program.is_managed_by(user)


def mentorship_opener(user):
    """`can_view_mentorship` for many mentorships at once (a lineage of hundreds of lines):
    the programs the user runs are read once."""
    if not user.is_authenticated:
        return lambda mentorship: False
    if user.is_global_admin:
        return lambda mentorship: True
    managed = set(Program.objects.managed_by(user).values_list("pk", flat=True))
    return lambda mentorship: mentorship.involves(user) or mentorship.program_id in managed
