"""Who may see and do what in a mentorship. Every rule of the mentorships app lives here, and
the apps built on mentorships (growth, meetings, health) ask these rules rather than repeat them.

Mentoring is confidential (DESIGN.md, Privacy): the two people see the content of their
mentorship; the program's admins see its metadata (status, dates, counts, scores) but not its
content; nobody else sees anything."""

from tandem.mentorships.models import Mentorship, MentorshipStatus


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
