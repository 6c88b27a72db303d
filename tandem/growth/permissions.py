"""Who may see and do what with goals, plans, assessments and training. Every rule of the growth
app lives here, built on the mentorship rules (tandem/mentorships/permissions.py).

- Goals and development plans are the pair's: the owner and their partner see them, nobody
  else — program admins see counts and completion (reports.py), never titles or text.
- A 360° assessment's results are the subject's and their partner's. Co-worker ratings are never
  shown one by one — to the subject, the mentor or an admin — only as an average of three or
  more (results.py). A rater sees their own answers and nothing else.
- The training catalogue is for everyone signed in; admins and mentors add to it.
"""

from django.db.models import Q

from tandem.growth.models import (
    OUTSIDE_KINDS,
    Assessment,
    Celebration,
    DevelopmentPlan,
    Goal,
    PlanSuggestion,
    Rater,
    Training,
)
from tandem.mentorships.models import Mentorship, MentorshipKind, MentorshipStatus
from tandem.mentorships.permissions import (
    can_view_content,
    can_view_mentorship,
    can_work_in,
    is_partner,
)
from tandem.programs.models import EnrollmentRole, EnrollmentStatus, Program

# --- goals -----------------------------------------------------------------------------------


def can_view_goals_summary(user, mentorship: Mentorship) -> bool:
    """The goals tab: the pair (everything) and the program's admins (counts only)."""
    return can_view_mentorship(user, mentorship)


def can_view_goal_content(user, mentorship: Mentorship) -> bool:
    return can_view_content(user, mentorship)


def can_set_goal_in(user, mentorship: Mentorship) -> bool:
    """A goal is for the person growing: the mentee, or either peer of a mutual mentorship."""
    return can_work_in(user, mentorship) and mentorship.is_growing(user)


def can_view_goal(user, goal: Goal) -> bool:
    if not user.is_authenticated:
        return False
    if goal.owner_id == user.pk:
        return True
    return goal.mentorship is not None and can_view_content(user, goal.mentorship)


def can_edit_goal(user, goal: Goal) -> bool:
    """The owner, while the mentorship is under way (a personal goal: always)."""
    if not user.is_authenticated or goal.owner_id != user.pk:
        return False
    return goal.mentorship is None or can_work_in(user, goal.mentorship)


def can_comment_on_goal(user, goal: Goal) -> bool:
    """The update log takes the owner's notes and the partner's comments."""
    if goal.mentorship is None:
        return can_edit_goal(user, goal)
    return can_work_in(user, goal.mentorship)


def can_congratulate(user, celebration: Celebration) -> bool:
    """The partner of whoever reached it, in a mentorship still open to them."""
    return (
        user.is_authenticated
        and celebration.person_id != user.pk
        and is_partner(user, celebration.mentorship)
        and celebration.mentorship.status != MentorshipStatus.PROPOSED
    )


# --- development plans -----------------------------------------------------------------------


def can_view_plans(user, mentorship: Mentorship) -> bool:
    """Development plans: the two people only."""
    return can_view_content(user, mentorship)


def can_start_plan(user, mentorship: Mentorship) -> bool:
    return can_work_in(user, mentorship) and mentorship.is_growing(user)


def can_edit_plan(user, plan: DevelopmentPlan) -> bool:
    """The owner writes their plan (what may change at each step is the workflow's business)."""
    return user.is_authenticated and plan.owner_id == user.pk and can_work_in(user, plan.mentorship)


def can_review_plan(user, plan: DevelopmentPlan) -> bool:
    """The partner reviews: the mentor, or the other peer."""
    return user.is_authenticated and plan.owner_id != user.pk and can_work_in(user, plan.mentorship)


def can_withdraw_suggestion(user, suggestion: PlanSuggestion) -> bool:
    """A suggestion is taken back by the reviewer who wrote it, never by the plan's owner."""
    return suggestion.author_id == user.pk and can_review_plan(user, suggestion.plan)


# --- 360° assessments ------------------------------------------------------------------------


def can_start_assessment(user, mentorship: Mentorship, subject) -> bool:
    """The subject themself or their mentor (the partner), for a person growing in it."""
    return (
        can_work_in(user, mentorship)
        and mentorship.involves(subject)
        and mentorship.is_growing(subject)
    )


def can_view_assessments(user, mentorship: Mentorship) -> bool:
    """The mentorship's list of assessments: the pair; admins see counts only (reports)."""
    return can_view_content(user, mentorship)


def can_view_assessment(user, assessment: Assessment) -> bool:
    """Progress and results: the subject and their partner — never a program admin, never
    another rater (a rater sees only their own answers)."""
    if not user.is_authenticated:
        return False
    return assessment.subject_id == user.pk or can_view_content(user, assessment.mentorship)


def can_manage_assessment(user, assessment: Assessment) -> bool:
    """Close it, remind raters: the subject or the partner who may have started it."""
    return can_view_assessment(user, assessment) and assessment.is_open


def can_invite_coworkers(user, assessment: Assessment) -> bool:
    """Co-workers are chosen by the subject."""
    return assessment.subject_id == user.pk and assessment.is_open


def can_plan_from_gaps(user, assessment: Assessment) -> bool:
    return assessment.subject_id == user.pk and can_work_in(user, assessment.mentorship)


def can_answer_as(user, rater: Rater) -> bool:
    """A signed-in rater answers their own invitation in the app, without the link."""
    return user.is_authenticated and rater.person_id == user.pk


# --- training --------------------------------------------------------------------------------


def can_view_training(user) -> bool:
    return user.is_authenticated


def can_add_training(user) -> bool:
    """Admins (of any program) and mentors — peers of a mutual program mentor too."""
    if not user.is_authenticated:
        return False
    if user.is_global_admin or Program.objects.managed_by(user).exists():
        return True
    mentoring_roles = (EnrollmentRole.MENTOR, EnrollmentRole.PEER)
    return (
        user.enrollments.filter(role__in=mentoring_roles, status=EnrollmentStatus.APPROVED).exists()
        or Mentorship.objects.filter(
            Q(mentor=user) | Q(mentee=user, kind=MentorshipKind.MUTUAL)
        ).exists()
    )


def can_edit_training(user, training: Training) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_global_admin or training.added_by_id == user.pk or training.expert_id == user.pk


def can_offer_sharing_session(user, training: Training) -> bool:
    """Someone who completed an outside training brings it back to colleagues."""
    return (
        user.is_authenticated
        and training.kind in OUTSIDE_KINDS
        and training.completions.filter(person=user).exists()
    )


# --- program competencies --------------------------------------------------------------------


def can_manage_competencies(user, program: Program) -> bool:
    return program.is_managed_by(user)
