"""Who may see and do what in a mentorship's health. Every rule of the health app lives here,
on top of tandem.mentorships.permissions (the pair sees content, admins see metadata).

A check-in is read field by field (`checkin_as_seen_by`):
- its author sees all of it;
- the program's admins see its scores (the five ratings and the "good fit?" answer), never
  the learning text nor the comment;
- the partner sees the comment, only if its author chose to share it (never the ratings, never
  the learning text);
- anyone else sees nothing (the pages answer 404).
Whether a side has answered, and when, is metadata: the pair and the admins see it."""

from tandem.health.models import RATINGS, CheckIn, Introduction
from tandem.mentorships.models import Mentorship
from tandem.mentorships.permissions import (
    can_manage_mentorship,
    can_view_content,
    can_view_mentorship,
    can_work_in,
    is_partner,
)
from tandem.programs.models import Program

# --- check-ins -------------------------------------------------------------------------------


def can_view_checkins(user, mentorship: Mentorship) -> bool:
    """The check-ins tab: the pair, and the program's admins (who see scores only)."""
    return can_view_mentorship(user, mentorship)


def is_author(user, checkin: CheckIn) -> bool:
    return bool(user.is_authenticated) and checkin.respondent_id == user.pk


def can_answer_checkin(user, checkin: CheckIn) -> bool:
    return is_author(user, checkin) and checkin.is_open and can_work_in(user, checkin.mentorship)


def can_read_scores(user, checkin: CheckIn, *, managing: bool | None = None) -> bool:
    """`managing`: whether `user` runs the program, if the caller already knows (a page of
    many check-ins asks once)."""
    if managing is None:
        managing = can_manage_mentorship(user, checkin.mentorship)
    return is_author(user, checkin) or managing


def can_read_learning(user, checkin: CheckIn) -> bool:
    return is_author(user, checkin)


def can_read_comment(user, checkin: CheckIn) -> bool:
    if is_author(user, checkin):
        return True
    return checkin.share_comment and is_partner(user, checkin.mentorship)


def checkin_as_seen_by(user, checkin: CheckIn, *, managing: bool | None = None) -> dict:
    """A check-in with what `user` may not read left out (None), for pages and the API."""
    scores = can_read_scores(user, checkin, managing=managing)
    comment = can_read_comment(user, checkin)
    return {
        "id": checkin.pk,
        "mentorship_id": checkin.mentorship_id,
        "round": checkin.round,
        "is_first": checkin.is_first,
        "respondent": checkin.respondent,
        "due_on": checkin.due_on,
        "status": checkin.status,
        "answered_at": checkin.answered_at,
        "is_mine": is_author(user, checkin),
        "ratings": {name: getattr(checkin, name) for name in RATINGS} if scores else None,
        "good_fit": checkin.good_fit if scores else None,
        "learned": checkin.learned if can_read_learning(user, checkin) else None,
        "comment": checkin.comment if comment and checkin.comment else None,
        "share_comment": checkin.share_comment if is_author(user, checkin) else None,
    }


# --- feedback and introductions: the pair's --------------------------------------------------


def can_view_feedback(user, mentorship: Mentorship) -> bool:
    return can_view_content(user, mentorship)


def can_give_feedback(user, mentorship: Mentorship) -> bool:
    return can_work_in(user, mentorship)


def can_view_introductions(user, mentorship: Mentorship) -> bool:
    return can_view_content(user, mentorship)


def can_record_introduction(user, mentorship: Mentorship) -> bool:
    """The mentor, for the mentee; in mutual mentoring either peer, for the other."""
    return can_work_in(user, mentorship) and (
        mentorship.is_mutual or user.pk == mentorship.mentor_id
    )


def can_record_outcomes(user, mentorship: Mentorship) -> bool:
    """What came of an introduction: either partner, while the mentorship is under way."""
    return can_work_in(user, mentorship)


def can_record_outcome(user, introduction: Introduction) -> bool:
    return can_record_outcomes(user, introduction.mentorship)


# --- scores, risks, settings: the program's admins -------------------------------------------


def can_view_health(user, mentorship: Mentorship) -> bool:
    """The health score, its breakdown, risks and actions: the program's admins only."""
    return can_manage_mentorship(user, mentorship)


def can_act_on_risks(user, mentorship: Mentorship) -> bool:
    return can_manage_mentorship(user, mentorship)


def can_manage_health_settings(user, program: Program) -> bool:
    return program.is_managed_by(user)


def at_risk_programs(user):
    """The programs whose at-risk pairs `user` watches (none for participants)."""
    if not user.is_authenticated:
        return Program.objects.none()
    return Program.objects.managed_by(user)


def can_view_at_risk_list(user) -> bool:
    return bool(user.is_authenticated) and (
        user.is_global_admin or user.administered_programs.exists()
    )
