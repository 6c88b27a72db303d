"""Development plans: the mentee drafts, the mentor reviews with inline suggestions and comments,
the mentee accepts or answers each, and they agree. Every submission is frozen as a version, so
the differences between versions can be shown; an agreed plan is revised the same way.

    draft → submitted → changes suggested → submitted → … → agreed → (revise) draft → …
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tandem.growth import permissions
from tandem.growth.models import (
    ActivityKind,
    Assessment,
    DevelopmentPlan,
    ItemStatus,
    PlanItem,
    PlanStatus,
    PlanSuggestion,
    PlanVersion,
    PlanVersionItem,
    ReviewOutcome,
    SuggestionField,
    SuggestionState,
    Training,
)
from tandem.growth.services.training import training_complete
from tandem.mentorships.models import Mentorship
from tandem.notifications.services import notify
from tandem.people.models import Skill, User

ITEM_FIELDS = ("skill", "activity", "description", "resources", "training", "target_date", "status")
MAX_ITEMS = 30


# --- starting and writing --------------------------------------------------------------------


@transaction.atomic
def plan_start(
    *,
    mentorship: Mentorship,
    owner: User,
    career_goals: str | None = None,
    job_demands: str = "",
) -> DevelopmentPlan:
    """The person growing opens their plan, from their career goals and their job's demands
    (the career goals default to those on their profile)."""
    if not permissions.can_start_plan(owner, mentorship):
        raise ValidationError(
            "A development plan is drafted by the person growing in this mentorship, "
            "while it is under way."
        )
    existing = DevelopmentPlan.objects.filter(mentorship=mentorship, owner=owner).first()
    if existing is not None:
        raise ValidationError("You already have a development plan in this mentorship.")
    if career_goals is None:
        career_goals = getattr(getattr(owner, "profile", None), "career_goals", "") or ""
    return DevelopmentPlan.objects.create(
        mentorship=mentorship,
        owner=owner,
        career_goals=career_goals.strip(),
        job_demands=job_demands.strip(),
    )


def plan_get_or_start(*, mentorship: Mentorship, owner: User) -> DevelopmentPlan:
    plan = DevelopmentPlan.objects.filter(mentorship=mentorship, owner=owner).first()
    return plan or plan_start(mentorship=mentorship, owner=owner)


@transaction.atomic
def plan_update_context(
    *, plan: DevelopmentPlan, by: User, career_goals: str, job_demands: str
) -> DevelopmentPlan:
    plan = _locked(plan)
    _check_editable(plan, by)
    plan.career_goals, plan.job_demands = career_goals.strip(), job_demands.strip()
    plan.updated_at = timezone.now()
    plan.save(update_fields=["career_goals", "job_demands", "updated_at"])
    return plan


@transaction.atomic
def plan_item_add(
    *,
    plan: DevelopmentPlan,
    by: User,
    skill: Skill | None,
    activity: str,
    description: str,
    target_date: datetime.date | None,
    resources: str = "",
    training: Training | None = None,
    status: str = ItemStatus.PLANNED,
    source_assessment: Assessment | None = None,
) -> PlanItem:
    plan = _locked(plan)
    _check_editable(plan, by)
    if plan.items.count() >= MAX_ITEMS:
        raise ValidationError(f"A plan holds at most {MAX_ITEMS} items: focus on fewer.")
    item = PlanItem(plan=plan, position=plan.items.count(), source_assessment=source_assessment)
    _apply_item(
        item,
        {
            "skill": skill,
            "activity": activity,
            "description": description,
            "resources": resources,
            "training": training,
            "target_date": target_date,
            "status": status,
        },
        check_date=True,
    )
    item.save()
    _touch(plan)
    return item


@transaction.atomic
def plan_item_update(*, item: PlanItem, by: User, **fields) -> PlanItem:
    """Change an item while the plan is being written; once submitted or agreed, only its
    status moves (doing the plan is not rewriting it)."""
    plan = item.plan = _locked(item.plan)
    if not permissions.can_edit_plan(by, plan):
        raise ValidationError("Only the plan's owner changes it, while the mentorship runs.")
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown item field(s): {', '.join(sorted(unknown))}.")
    changes = {k: v for k, v in fields.items() if v != getattr(item, k)}
    if not plan.is_editable and set(changes) - {"status"}:
        raise ValidationError(
            f"The plan is {plan.get_status_display().lower()}: only the items' status can "
            "change now." + (" Revise the plan to change more." if plan.status == "agreed" else "")
        )
    _apply_item(item, fields, check_date="target_date" in changes)
    item.save()
    if changes.get("status") == ItemStatus.DONE and item.training_id:
        training_complete(training=item.training, person=plan.owner)
    _touch(plan)
    return item


@transaction.atomic
def plan_item_delete(*, item: PlanItem, by: User) -> None:
    item.plan = _locked(item.plan)
    _check_editable(item.plan, by)
    item.delete()
    _touch(item.plan)


def _apply_item(item: PlanItem, fields: dict, *, check_date: bool) -> None:
    for name, value in fields.items():
        setattr(item, name, value.strip() if isinstance(value, str) else value)
    errors = {}
    if item.skill_id is None:
        errors["skill"] = "Choose the competency or skill this item builds."
    if item.activity not in ActivityKind.values:
        errors["activity"] = "Choose how you will learn: " + ", ".join(ActivityKind.labels) + "."
    if not item.description:
        errors["description"] = "Say what you will do."
    if item.target_date is None:
        errors["target_date"] = "Choose a target date."
    elif check_date and item.target_date < timezone.localdate():
        errors["target_date"] = "The target date cannot be in the past."
    if item.status not in ItemStatus.values:
        errors["status"] = f"“{item.status}” is not an item status."
    if item.training_id and not item.training.is_active:
        errors["training"] = "This training is no longer in the catalogue."
    if errors:
        raise ValidationError(errors)


def _locked(plan: DevelopmentPlan) -> DevelopmentPlan:
    """The plan as it is now, locked until the transaction ends: its status decides what may
    change, and the caller's copy may be stale."""
    return (
        DevelopmentPlan.objects.select_for_update(of=("self",))
        .select_related("mentorship", "owner")
        .get(pk=plan.pk)
    )


def _check_editable(plan: DevelopmentPlan, by: User) -> None:
    if not permissions.can_edit_plan(by, plan):
        raise ValidationError("Only the plan's owner changes it, while the mentorship runs.")
    if not plan.is_editable:
        hint = " Revise it to make changes." if plan.status == PlanStatus.AGREED else ""
        raise ValidationError(f"The plan is {plan.get_status_display().lower()}.{hint}")


def _touch(plan: DevelopmentPlan) -> None:
    DevelopmentPlan.objects.filter(pk=plan.pk).update(updated_at=timezone.now())


# --- the review ------------------------------------------------------------------------------


@transaction.atomic
def plan_submit(*, plan: DevelopmentPlan, by: User, note: str = "") -> PlanVersion:
    """Freeze the plan as the next version and ask the partner to review it."""
    plan = _locked(plan)
    _check_editable(plan, by)
    items = list(plan.items.select_related("training"))
    if not items:
        raise ValidationError({"items": "Add at least one development item before submitting."})
    waiting = plan.suggestions.filter(state=SuggestionState.OPEN).count()
    if waiting:
        raise ValidationError(
            {"suggestions": f"Accept or answer each suggestion first ({waiting} still open)."}
        )
    version = _freeze(plan, items, by=by, note=note)
    _move(plan, PlanStatus.SUBMITTED)
    notify(
        recipient=plan.reviewer(),
        kind="plan_submitted",
        title=f"{by} asks you to review their development plan (version {version.number})",
        body=note.strip(),
        url=plan.get_absolute_url(),
        needs_action=True,
    )
    return version


def _freeze(plan: DevelopmentPlan, items: list[PlanItem], *, by: User, note: str) -> PlanVersion:
    plan.version += 1
    version = PlanVersion.objects.create(
        plan=plan,
        number=plan.version,
        career_goals=plan.career_goals,
        job_demands=plan.job_demands,
        note=note.strip(),
        submitted_by=by,
    )
    PlanVersionItem.objects.bulk_create(
        PlanVersionItem(
            version=version,
            item_key=item.pk,
            position=item.position,
            skill_id=item.skill_id,
            activity=item.activity,
            description=item.description,
            resources=item.resources,
            training_title=item.training.title if item.training else "",
            target_date=item.target_date,
            status=item.status,
        )
        for item in items
    )
    return version


def _move(plan: DevelopmentPlan, status: str) -> None:
    if not plan.can_transition_to(status):
        current, target = PlanStatus(plan.status).label, PlanStatus(status).label
        raise ValidationError({"status": f"A plan cannot go from {current} to {target}."})
    plan.status = status
    plan.updated_at = timezone.now()
    plan.agreed_at = timezone.now() if status == PlanStatus.AGREED else plan.agreed_at
    plan.save(update_fields=["status", "version", "updated_at", "agreed_at"])


def current_version(plan: DevelopmentPlan) -> PlanVersion | None:
    return plan.versions.order_by("-number").first()


@transaction.atomic
def plan_suggest(
    *,
    plan: DevelopmentPlan,
    by: User,
    item: PlanItem | None = None,
    field: str = "",
    value: str = "",
    comment: str = "",
) -> PlanSuggestion:
    """The reviewer proposes a new wording, date or activity for an item (`field`), or just
    comments (on an item, or on the plan when there is no item)."""
    plan = _locked(plan)
    _check_reviewing(plan, by)
    if item is not None and item.plan_id != plan.pk:
        raise ValidationError({"item": "This item belongs to another plan."})
    if field not in SuggestionField.values:
        raise ValidationError({"field": f"“{field}” cannot be suggested."})
    if field and item is None:
        raise ValidationError({"item": "Choose the item your suggestion changes."})
    value, comment = (value or "").strip(), (comment or "").strip()
    if field:
        value = _check_suggested_value(field, value, item)
    elif not comment:
        raise ValidationError({"comment": "Write your comment."})
    return PlanSuggestion.objects.create(
        plan=plan,
        version=current_version(plan),
        item=item,
        author=by,
        field=field,
        suggested_value=value,
        comment=comment,
    )


def _check_suggested_value(field: str, value: str, item: PlanItem) -> str:
    if not value:
        raise ValidationError({"value": "Write what you suggest instead."})
    if field == SuggestionField.TARGET_DATE:
        try:
            date = datetime.date.fromisoformat(value)
        except ValueError:
            raise ValidationError({"value": "Give the date as YYYY-MM-DD."}) from None
        if date < timezone.localdate():
            raise ValidationError({"value": "Suggest a date that is not in the past."})
        return date.isoformat()
    if field == SuggestionField.ACTIVITY and value not in ActivityKind.values:
        raise ValidationError({"value": f"“{value}” is not an activity."})
    if value == str(getattr(item, field)):
        raise ValidationError({"value": "That is what the item already says."})
    return value


@transaction.atomic
def plan_suggestion_withdraw(*, suggestion: PlanSuggestion, by: User) -> None:
    """The reviewer takes back a suggestion before finishing the review."""
    if not permissions.can_withdraw_suggestion(by, suggestion):
        raise ValidationError("Only its author can withdraw a suggestion.")
    suggestion.plan = _locked(suggestion.plan)
    if suggestion.plan.status != PlanStatus.SUBMITTED or not suggestion.is_open:
        raise ValidationError("Only a suggestion of the review under way can be withdrawn.")
    suggestion.delete()


@transaction.atomic
def plan_review(*, plan: DevelopmentPlan, by: User, outcome: str, note: str = "") -> PlanVersion:
    """Finish the review of the submitted version: agree to it, or ask for changes."""
    plan = _locked(plan)
    _check_reviewing(plan, by)
    if outcome not in (ReviewOutcome.AGREED, ReviewOutcome.CHANGES):
        raise ValidationError({"outcome": "Agree to the plan or ask for changes."})
    version = current_version(plan)
    open_here = version.suggestions.filter(state=SuggestionState.OPEN)
    if outcome == ReviewOutcome.AGREED and open_here.exclude(field="").exists():
        raise ValidationError(
            {"outcome": "You suggested changes: ask for changes, or withdraw them to agree."}
        )
    if outcome == ReviewOutcome.CHANGES and not (open_here.exists() or note.strip()):
        raise ValidationError(
            {"note": "Say what should change: suggest on an item, comment, or write a note."}
        )
    version.outcome, version.reviewed_by, version.reviewed_at = outcome, by, timezone.now()
    version.review_note = note.strip()
    version.save(update_fields=["outcome", "reviewed_by", "reviewed_at", "review_note"])
    _move(plan, PlanStatus.AGREED if outcome == ReviewOutcome.AGREED else PlanStatus.CHANGES)
    _tell_owner_of_review(plan, by, outcome, note)
    return version


def _tell_owner_of_review(plan, by, outcome, note) -> None:
    agreed = outcome == ReviewOutcome.AGREED
    notify(
        recipient=plan.owner,
        kind="plan_agreed" if agreed else "plan_changes",
        title=f"{by} agreed to your development plan (version {plan.version})"
        if agreed
        else f"{by} suggests changes to your development plan",
        body=note.strip(),
        url=plan.get_absolute_url(),
        needs_action=not agreed,
    )


def _check_reviewing(plan: DevelopmentPlan, by: User) -> None:
    if not permissions.can_review_plan(by, plan):
        raise ValidationError("Only the partner reviews this plan, while the mentorship runs.")
    if plan.status != PlanStatus.SUBMITTED:
        raise ValidationError("The plan is not waiting for a review.")


# --- the owner's answers ---------------------------------------------------------------------


@transaction.atomic
def plan_suggestion_accept(
    *, suggestion: PlanSuggestion, by: User, answer: str = ""
) -> PlanSuggestion:
    """Take the suggested wording, date or activity into the item (or acknowledge a comment)."""
    _check_answering(suggestion, by)
    if suggestion.is_change:
        item = suggestion.item
        if item is None:
            raise ValidationError("The item this suggestion was about has been removed.")
        _check_editable(suggestion.plan, by)
        value = suggestion.suggested_value
        if suggestion.field == "target_date":
            value = datetime.date.fromisoformat(value)
        setattr(item, suggestion.field, value)
        item.save(update_fields=[suggestion.field])
        _touch(suggestion.plan)
    return _answer(suggestion, SuggestionState.ACCEPTED, answer)


@transaction.atomic
def plan_suggestion_answer(*, suggestion: PlanSuggestion, by: User, answer: str) -> PlanSuggestion:
    """Reply instead of accepting: why not, or how else."""
    _check_answering(suggestion, by)
    if not answer.strip():
        raise ValidationError({"answer": "Write your answer."})
    return _answer(suggestion, SuggestionState.ANSWERED, answer)


def _answer(suggestion: PlanSuggestion, state: str, answer: str) -> PlanSuggestion:
    suggestion.state, suggestion.answer = state, answer.strip()
    suggestion.answered_at = timezone.now()
    suggestion.save(update_fields=["state", "answer", "answered_at"])
    return suggestion


def _check_answering(suggestion: PlanSuggestion, by: User) -> None:
    suggestion.plan = _locked(suggestion.plan)
    if not permissions.can_edit_plan(by, suggestion.plan):
        raise ValidationError("Only the plan's owner answers suggestions.")
    if not suggestion.is_open:
        raise ValidationError("This suggestion has already been answered.")
    if suggestion.plan.status == PlanStatus.SUBMITTED:
        raise ValidationError("Wait until the review is finished to answer.")


@transaction.atomic
def plan_revise(*, plan: DevelopmentPlan, by: User) -> DevelopmentPlan:
    """Reopen an agreed plan: the next submission is a new version, reviewed the same way."""
    plan = _locked(plan)
    if not permissions.can_edit_plan(by, plan):
        raise ValidationError("Only the plan's owner revises it, while the mentorship runs.")
    if plan.status != PlanStatus.AGREED:
        raise ValidationError({"status": "Only an agreed plan is revised; this one is open."})
    _move(plan, PlanStatus.DRAFT)
    return plan
