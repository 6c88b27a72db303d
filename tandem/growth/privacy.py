"""What the growth app holds about a person, for a data download, and how to erase it.

`personal_data(user)` gathers what the person wrote and what is about them that they can already
see — never another rater's individual co-worker rating (results come through results.py, under
the co-worker rule). `erase(user)` removes or blanks their words while keeping the rows that
program reports count (goals set and reached, plan states, assessments and their scores)."""

from django.db import transaction
from django.db.models import Q

from tandem.growth.models import (
    Assessment,
    Congratulation,
    DevelopmentPlan,
    Goal,
    GoalUpdate,
    GoalUpdateKind,
    Milestone,
    PlanItem,
    PlanSuggestion,
    PlanVersion,
    PlanVersionItem,
    Rater,
    Rating,
    Training,
    TrainingCompletion,
    TrainingKind,
)
from tandem.growth.results import assessment_progress, assessment_results
from tandem.people.models import User

ERASED = "(erased)"


def _date(value) -> str | None:
    return value.isoformat() if value else None


# --- the download ----------------------------------------------------------------------------


def personal_data(user: User) -> dict:
    """Everything the growth app holds about `user`, as plain JSON-ready data."""
    return {
        "goals": [_goal(goal) for goal in _own_goals(user)],
        "goal_comments_written": [
            {"goal_id": u.goal_id, "at": _date(u.created_at), "text": u.text}
            for u in GoalUpdate.objects.filter(author=user, kind=GoalUpdateKind.COMMENT).exclude(
                goal__owner=user
            )
        ],
        "congratulations_written": [
            {"celebration_id": n.celebration_id, "at": _date(n.created_at), "text": n.text}
            for n in Congratulation.objects.filter(author=user)
        ],
        "development_plans": [_plan(plan) for plan in _own_plans(user)],
        "plan_reviews_written": [
            _suggestion(s) for s in PlanSuggestion.objects.filter(author=user)
        ],
        "assessments_as_subject": [_assessment(a) for a in _own_assessments(user)],
        "ratings_given": [_rater(r) for r in _raters_of(user)],
        "training_added": [_training(t) for t in Training.objects.filter(added_by=user)],
        "training_led": [_training(t) for t in Training.objects.filter(expert=user)],
        "training_completed": [
            {"training": c.training.title, "completed_on": _date(c.completed_on)}
            for c in TrainingCompletion.objects.filter(person=user).select_related("training")
        ],
    }


def _own_goals(user):
    return Goal.objects.filter(owner=user).prefetch_related(
        "milestones", "updates__author", "celebrations__notes__author"
    )


def _goal(goal: Goal) -> dict:
    return {
        "id": goal.pk,
        "mentorship_id": goal.mentorship_id,
        "title": goal.title,
        "specific": goal.specific,
        "success_criteria": goal.success_criteria,
        "career_goal": goal.career_goal,
        "why_it_matters": goal.why_it_matters,
        "target_date": _date(goal.target_date),
        "progress": goal.progress,
        "status": goal.status,
        "reached_at": _date(goal.reached_at),
        "milestones": [
            {"title": m.title, "due_date": _date(m.due_date), "reached_at": _date(m.reached_at)}
            for m in goal.milestones.all()
        ],
        "log": [
            {
                "at": _date(u.created_at),
                "by": str(u.author or ""),
                "kind": u.kind,
                "text": u.text,
                "progress": u.progress,
            }
            for u in goal.updates.all()
        ],
        "congratulations_received": [
            {"by": str(note.author), "at": _date(note.created_at), "text": note.text}
            for celebration in goal.celebrations.all()
            for note in celebration.notes.all()
        ],
    }


def _own_plans(user):
    return DevelopmentPlan.objects.filter(owner=user).prefetch_related(
        "items__skill", "items__training", "versions__items__skill", "suggestions"
    )


def _plan(plan: DevelopmentPlan) -> dict:
    return {
        "mentorship_id": plan.mentorship_id,
        "status": plan.status,
        "career_goals": plan.career_goals,
        "job_demands": plan.job_demands,
        "items": [
            _item(item, item.training.title if item.training else "") for item in plan.items.all()
        ],
        "versions": [
            {
                "number": v.number,
                "submitted_at": _date(v.submitted_at),
                "outcome": v.outcome,
                "note": v.note,
                "review_note": v.review_note,
                "items": [_item(row, row.training_title) for row in v.items.all()],
            }
            for v in plan.versions.all()
        ],
        "suggestions_received": [_suggestion(s) for s in plan.suggestions.all()],
    }


def _item(row, training: str) -> dict:
    return {
        "skill": row.skill.name,
        "activity": row.activity,
        "description": row.description,
        "resources": row.resources,
        "training": training,
        "target_date": _date(row.target_date),
        "status": row.status,
    }


def _suggestion(s: PlanSuggestion) -> dict:
    return {
        "plan_id": s.plan_id,
        "field": s.field,
        "suggested_value": s.suggested_value,
        "comment": s.comment,
        "state": s.state,
        "answer": s.answer,
        "at": _date(s.created_at),
    }


def _own_assessments(user):
    return Assessment.objects.filter(subject=user).prefetch_related("competencies__skill")


def _assessment(assessment: Assessment) -> dict:
    data = {
        "title": assessment.title,
        "status": assessment.status,
        "closes_on": _date(assessment.closes_on),
        "competencies": [c.skill.name for c in assessment.competencies.all()],
        "answers_per_group": {
            p.group: {"invited": p.invited, "answered": p.answered}
            for p in assessment_progress(assessment)
        },
    }
    if assessment.is_closed:
        # The same results the subject sees: co-workers only as an average of three or more.
        results = assessment_results(assessment)
        data["results"] = [
            {
                "competency": c.name,
                "self": c.self_score,
                "mentor": c.mentor_score,
                "supervisor": c.supervisor_score,
                "coworkers_average": c.coworker_average,
            }
            for c in results.competencies
        ]
    return data


def _raters_of(user: User):
    return (
        Rater.objects.filter(Q(person=user) | Q(email__iexact=user.email))
        .exclude(email="", person__isnull=True)
        .select_related("assessment__subject")
        .prefetch_related("ratings__competency__skill")
    )


def _rater(rater: Rater) -> dict:
    return {
        "assessment": rater.assessment.title,
        "subject": str(rater.assessment.subject),
        "as": rater.group,
        "answered_at": _date(rater.answered_at),
        "ratings": [
            {"competency": r.competency.skill.name, "score": r.score, "comment": r.comment}
            for r in rater.ratings.all()
        ],
    }


def _training(training: Training) -> dict:
    return {
        "title": training.title,
        "kind": training.kind,
        "description": training.description,
        "starts_on": _date(training.starts_on),
    }


# --- erasure ---------------------------------------------------------------------------------


@transaction.atomic
def erase(user: User) -> None:
    """Remove the person's words from the growth app; keep what program reports count."""
    _erase_goals(user)
    _erase_plans(user)
    _erase_assessments(user)
    _erase_training(user)


def _erase_goals(user: User) -> None:
    goals = Goal.objects.filter(owner=user)
    goals.update(title=ERASED, specific="", success_criteria="", career_goal="", why_it_matters="")
    Milestone.objects.filter(goal__in=goals).update(title=ERASED)
    GoalUpdate.objects.filter(goal__in=goals).update(text="")
    GoalUpdate.objects.filter(author=user, kind=GoalUpdateKind.COMMENT).delete()
    GoalUpdate.objects.filter(author=user).update(text="")
    Congratulation.objects.filter(author=user).delete()


def _erase_plans(user: User) -> None:
    plans = DevelopmentPlan.objects.filter(owner=user)
    plans.update(career_goals="", job_demands="")
    PlanItem.objects.filter(plan__in=plans).update(description=ERASED, resources="")
    versions = PlanVersion.objects.filter(plan__in=plans)
    versions.update(career_goals="", job_demands="", note="", review_note="")
    PlanVersionItem.objects.filter(version__in=versions).update(description=ERASED, resources="")
    PlanSuggestion.objects.filter(plan__in=plans).update(suggested_value="", comment="", answer="")
    PlanSuggestion.objects.filter(author=user).update(suggested_value="", comment="")
    PlanVersion.objects.filter(reviewed_by=user).update(review_note="")


def _erase_assessments(user: User) -> None:
    own = Assessment.objects.filter(subject=user)
    own.update(title=ERASED, message="")
    Rating.objects.filter(rater__assessment__in=own).update(comment="")
    raters = Rater.objects.filter(Q(person=user) | Q(email__iexact=user.email)).exclude(email="")
    Rating.objects.filter(rater__in=raters).update(comment="")
    # Their scores stay in the averages others already read; who gave them is forgotten.
    raters.update(person=None, email="", name="", token="")


def _erase_training(user: User) -> None:
    Training.objects.filter(kind=TrainingKind.SHARING, expert=user).delete()
    Training.objects.filter(expert=user).update(expert=None, is_active=False)
    Training.objects.filter(added_by=user).update(added_by=None)
    TrainingCompletion.objects.filter(person=user).delete()
