"""The growth API (/api/v1/growth/): goals and milestones, celebrations, development plans and
their review, 360° assessments (results under the co-worker rule of results.py), the training
catalogue and programs' competency lists. Endpoints are thin: the rules of permissions.py (a
404 for what the caller may not see, a 403 for what they may see but not do), one service call,
an input and an output schema."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from tandem.api.schemas import ERRORS, PersonRef
from tandem.growth import permissions, services
from tandem.growth.diffs import plan_diff
from tandem.growth.models import (
    Assessment,
    AssessmentStatus,
    Celebration,
    DevelopmentPlan,
    Goal,
    GoalStatus,
    ItemStatus,
    Milestone,
    PlanItem,
    PlanStatus,
    PlanSuggestion,
    ProgramCompetency,
    Training,
    TrainingKind,
)
from tandem.growth.reports import mentorship_growth_summary
from tandem.growth.results import assessment_progress, assessment_results
from tandem.mentorships.models import Mentorship
from tandem.people.models import Skill, User
from tandem.programs.models import Program
from tandem.programs.permissions import can_view_program

router = Router(tags=["growth"])


# --- fetching what the caller may see --------------------------------------------------------


def _mentorship(request, pk: int, rule) -> Mentorship:
    mentorship = get_object_or_404(
        Mentorship.objects.select_related("program", "mentor", "mentee"), pk=pk
    )
    if not rule(request.user, mentorship):
        raise Http404
    return mentorship


def _goal(request, pk: int) -> Goal:
    goal = get_object_or_404(
        Goal.objects.select_related("owner", "mentorship__mentor", "mentorship__mentee"), pk=pk
    )
    if not permissions.can_view_goal(request.user, goal):
        raise Http404
    return goal


def _own_goal(request, pk: int) -> Goal:
    goal = _goal(request, pk)
    if not permissions.can_edit_goal(request.user, goal):
        raise PermissionDenied("Only the goal's owner changes it, while the mentorship runs.")
    return goal


def _plan(request, pk: int) -> DevelopmentPlan:
    plan = get_object_or_404(
        DevelopmentPlan.objects.select_related(
            "owner", "mentorship__program", "mentorship__mentor", "mentorship__mentee"
        ),
        pk=pk,
    )
    if not permissions.can_view_plans(request.user, plan.mentorship):
        raise Http404
    return plan


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _assessment(request, pk: int) -> Assessment:
    assessment = get_object_or_404(
        Assessment.objects.select_related(
            "subject", "mentorship__program", "mentorship__mentor", "mentorship__mentee"
        ),
        pk=pk,
    )
    if not permissions.can_view_assessment(request.user, assessment):
        raise Http404
    return assessment


def _skills(ids: list[int], field: str) -> list[Skill]:
    found = Skill.objects.in_bulk(ids)
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise ValidationError({field: f"No skill with id {', '.join(map(str, missing))}."})
    return [found[pk] for pk in ids]


# --- goals -----------------------------------------------------------------------------------


class MilestoneIn(Schema):
    title: str = Field(max_length=160)
    due_date: datetime.date


class MilestoneOut(Schema):
    id: int
    title: str
    due_date: datetime.date
    reached_at: datetime.datetime | None


class GoalIn(Schema):
    mentorship_id: int | None = Field(None, description="Empty for a personal goal.")
    title: str
    specific: str
    success_criteria: str
    career_goal: str = ""
    why_it_matters: str = ""
    target_date: datetime.date
    milestones: list[MilestoneIn] = []


class GoalPatch(Schema):
    title: str | None = None
    specific: str | None = None
    success_criteria: str | None = None
    career_goal: str | None = None
    why_it_matters: str | None = None
    target_date: datetime.date | None = None


class GoalOut(Schema):
    id: int
    owner: PersonRef
    mentorship_id: int | None
    title: str
    specific: str
    success_criteria: str
    career_goal: str
    why_it_matters: str
    target_date: datetime.date
    progress: int
    status: str
    reached_at: datetime.datetime | None
    milestones: list[MilestoneOut]

    @staticmethod
    def resolve_milestones(goal) -> list:
        return list(goal.milestones.all())


class GoalFilter(Schema):
    mentorship: int | None = None
    status: GoalStatus | None = None
    owner: int | None = None


class ProgressIn(Schema):
    progress: int = Field(ge=0, le=100)
    note: str = ""


class NoteIn(Schema):
    note: str = ""


class TextIn(Schema):
    text: str


class GoalUpdateOut(Schema):
    id: int
    kind: str
    text: str
    progress: int | None
    author: PersonRef | None
    created_at: datetime.datetime


@router.get("/goals", response={200: list[GoalOut], **ERRORS})
@paginate
def goals_list(request, filters: Query[GoalFilter]):
    """Goals the caller may read: their own (personal ones included) and their partners'."""
    goals = (
        Goal.objects.visible_to(request.user).select_related("owner").prefetch_related("milestones")
    )
    if filters.mentorship:
        goals = goals.filter(mentorship=filters.mentorship)
    if filters.status:
        goals = goals.filter(status=filters.status)
    if filters.owner:
        goals = goals.filter(owner=filters.owner)
    return goals.order_by("status", "target_date", "pk")


@router.post("/goals", response={201: GoalOut, **ERRORS})
def goal_create(request, payload: GoalIn):
    mentorship = None
    if payload.mentorship_id is not None:
        mentorship = _mentorship(request, payload.mentorship_id, permissions.can_view_goal_content)
        _require(
            permissions.can_set_goal_in(request.user, mentorship),
            "Goals here are set by the person growing in this mentorship, while it is under way.",
        )
    data = payload.model_dump(exclude={"mentorship_id", "milestones"})
    milestones = [m.model_dump() for m in payload.milestones]
    goal = services.goal_create(
        owner=request.user, mentorship=mentorship, milestones=milestones, **data
    )
    return Status(201, goal)


@router.get("/goals/{goal_id}", response={200: GoalOut, **ERRORS})
def goal_detail(request, goal_id: int):
    return _goal(request, goal_id)


@router.patch("/goals/{goal_id}", response={200: GoalOut, **ERRORS})
def goal_update(request, goal_id: int, payload: GoalPatch):
    goal = _own_goal(request, goal_id)
    return services.goal_update(
        goal=goal, by=request.user, **payload.model_dump(exclude_unset=True)
    )


@router.delete("/goals/{goal_id}", response={204: None, **ERRORS})
def goal_delete(request, goal_id: int):
    goal = _goal(request, goal_id)
    _require(goal.owner_id == request.user.pk, "Only the goal's owner deletes it.")
    services.goal_delete(goal=goal, by=request.user)
    return Status(204, None)


@router.post("/goals/{goal_id}/progress", response={201: GoalUpdateOut, **ERRORS})
def goal_progress(request, goal_id: int, payload: ProgressIn):
    goal = _own_goal(request, goal_id)
    return Status(201, services.goal_progress(goal=goal, by=request.user, **payload.model_dump()))


@router.post("/goals/{goal_id}/reach", response={200: GoalOut, **ERRORS})
def goal_reach(request, goal_id: int, payload: NoteIn):
    goal = _own_goal(request, goal_id)
    return services.goal_reach(goal=goal, by=request.user, note=payload.note)


@router.post("/goals/{goal_id}/set-aside", response={200: GoalOut, **ERRORS})
def goal_set_aside(request, goal_id: int, payload: NoteIn):
    goal = _own_goal(request, goal_id)
    return services.goal_set_aside(goal=goal, by=request.user, note=payload.note)


@router.get("/goals/{goal_id}/updates", response={200: list[GoalUpdateOut], **ERRORS})
@paginate
def goal_updates(request, goal_id: int):
    """The goal's log: progress updates, comments, what was reached."""
    return _goal(request, goal_id).updates.select_related("author")


@router.post("/goals/{goal_id}/comments", response={201: GoalUpdateOut, **ERRORS})
def goal_comment(request, goal_id: int, payload: TextIn):
    goal = _goal(request, goal_id)
    _require(permissions.can_comment_on_goal(request.user, goal), "Only the pair comments.")
    return Status(201, services.goal_comment(goal=goal, by=request.user, text=payload.text))


@router.post("/goals/{goal_id}/milestones", response={201: MilestoneOut, **ERRORS})
def milestone_add(request, goal_id: int, payload: MilestoneIn):
    goal = _own_goal(request, goal_id)
    return Status(201, services.milestone_add(goal=goal, by=request.user, **payload.model_dump()))


def _own_milestone(request, pk: int) -> Milestone:
    milestone = get_object_or_404(Milestone, pk=pk)
    milestone.goal = _own_goal(request, milestone.goal_id)
    return milestone


@router.patch("/milestones/{milestone_id}", response={200: MilestoneOut, **ERRORS})
def milestone_update(request, milestone_id: int, payload: MilestoneIn):
    milestone = _own_milestone(request, milestone_id)
    return services.milestone_update(milestone=milestone, by=request.user, **payload.model_dump())


@router.delete("/milestones/{milestone_id}", response={204: None, **ERRORS})
def milestone_delete(request, milestone_id: int):
    services.milestone_delete(milestone=_own_milestone(request, milestone_id), by=request.user)
    return Status(204, None)


@router.post("/milestones/{milestone_id}/reach", response={200: MilestoneOut, **ERRORS})
def milestone_reach(request, milestone_id: int):
    milestone = _own_milestone(request, milestone_id)
    return services.milestone_reach(milestone=milestone, by=request.user)


# --- celebrations and summaries --------------------------------------------------------------


class CongratulationOut(Schema):
    author: PersonRef
    text: str
    created_at: datetime.datetime


class FeedItemOut(Schema):
    kind: str = Field(description="goal | milestone | anniversary | birthday")
    date: datetime.date
    person: PersonRef
    title: str
    celebration_id: int | None
    goal_id: int | None
    notes: list[CongratulationOut]
    can_congratulate: bool
    upcoming: bool

    @staticmethod
    def resolve_celebration_id(item) -> int | None:
        return item.celebration.pk if item.celebration else None

    @staticmethod
    def resolve_goal_id(item) -> int | None:
        return item.celebration.goal_id if item.celebration else None


@router.get(
    "/mentorships/{mentorship_id}/celebrations", response={200: list[FeedItemOut], **ERRORS}
)
def celebration_feed(request, mentorship_id: int):
    """The pair's celebration feed, with the partner's personal milestones near today."""
    mentorship = _mentorship(request, mentorship_id, permissions.can_view_goal_content)
    return services.celebration_feed(mentorship=mentorship, viewer=request.user)


@router.post(
    "/celebrations/{celebration_id}/congratulations", response={201: CongratulationOut, **ERRORS}
)
def congratulate(request, celebration_id: int, payload: TextIn):
    celebration = get_object_or_404(
        Celebration.objects.select_related("mentorship"), pk=celebration_id
    )
    if not permissions.can_view_goal_content(request.user, celebration.mentorship):
        raise Http404
    _require(permissions.can_congratulate(request.user, celebration), "Only the partner can.")
    note = services.celebration_congratulate(
        celebration=celebration, by=request.user, text=payload.text
    )
    return Status(201, note)


class GoalCountsOut(Schema):
    goals: int
    reached: int
    active: int
    set_aside: int
    overdue: int
    milestones: int
    milestones_reached: int
    average_progress: float | None
    completion_rate: float | None


class PersonGrowthOut(Schema):
    person: PersonRef
    goals: GoalCountsOut
    plan_status: str
    plan_version: int
    assessments: int
    assessments_closed: int
    raters_invited: int
    raters_answered: int


@router.get(
    "/mentorships/{mentorship_id}/growth-summary", response={200: list[PersonGrowthOut], **ERRORS}
)
def growth_summary(request, mentorship_id: int):
    """Counts and completion (no content): the pair and the program's admins."""
    mentorship = _mentorship(request, mentorship_id, permissions.can_view_goals_summary)
    return mentorship_growth_summary(mentorship=mentorship)


# --- development plans -----------------------------------------------------------------------


class SuggestionOut(Schema):
    id: int
    item_id: int | None
    version: int
    author: PersonRef
    field: str
    suggested_value: str
    comment: str
    state: str
    answer: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_version(suggestion) -> int:
        return suggestion.version.number


class ItemOut(Schema):
    id: int
    skill_id: int
    skill: str
    activity: str
    description: str
    resources: str
    training_id: int | None
    target_date: datetime.date
    status: str
    source_assessment_id: int | None

    @staticmethod
    def resolve_skill(item) -> str:
        return item.skill.name


class PlanOut(Schema):
    id: int
    mentorship_id: int
    owner: PersonRef
    status: str
    version: int
    career_goals: str
    job_demands: str
    agreed_at: datetime.datetime | None
    items: list[ItemOut]
    suggestions: list[SuggestionOut]

    @staticmethod
    def resolve_items(plan) -> list:
        return list(plan.items.select_related("skill"))

    @staticmethod
    def resolve_suggestions(plan) -> list:
        return list(plan.suggestions.select_related("author", "version"))


class PlanSummaryOut(Schema):
    id: int
    mentorship_id: int
    owner: PersonRef
    status: str
    version: int


class PlanFilter(Schema):
    mentorship: int | None = None
    status: PlanStatus | None = None


class PlanStartIn(Schema):
    career_goals: str | None = Field(None, description="Defaults to the profile's career goals.")
    job_demands: str = ""


class PlanContextIn(Schema):
    career_goals: str
    job_demands: str


class ItemIn(Schema):
    skill_id: int
    activity: str
    description: str
    resources: str = ""
    training_id: int | None = None
    target_date: datetime.date
    status: ItemStatus = ItemStatus.PLANNED


class ItemPatch(Schema):
    skill_id: int | None = None
    activity: str | None = None
    description: str | None = None
    resources: str | None = None
    training_id: int | None = None
    target_date: datetime.date | None = None
    status: ItemStatus | None = None


class SuggestionIn(Schema):
    item_id: int | None = None
    field: str = Field("", description="description | resources | target_date | activity, or ''")
    value: str = ""
    comment: str = ""


class AnswerIn(Schema):
    answer: str = ""


class ReviewIn(Schema):
    outcome: str = Field(description="agreed | changes")
    note: str = ""


class VersionItemOut(Schema):
    item_key: int
    skill: str
    activity: str
    description: str
    resources: str
    training_title: str
    target_date: datetime.date
    status: str

    @staticmethod
    def resolve_skill(row) -> str:
        return row.skill.name


class VersionOut(Schema):
    number: int
    submitted_at: datetime.datetime
    note: str
    outcome: str
    reviewed_at: datetime.datetime | None
    review_note: str
    items: list[VersionItemOut]

    @staticmethod
    def resolve_items(version) -> list:
        return list(version.items.select_related("skill"))


class FieldChangeOut(Schema):
    name: str
    label: str
    old: str
    new: str


class ItemDiffOut(Schema):
    key: int
    state: str
    title: str
    changes: list[FieldChangeOut]


class DiffOut(Schema):
    older: str
    newer: str
    context: list[FieldChangeOut]
    items: list[ItemDiffOut]

    @staticmethod
    def resolve_older(diff) -> str:
        return diff.older_label

    @staticmethod
    def resolve_newer(diff) -> str:
        return diff.newer_label


@router.get("/plans", response={200: list[PlanSummaryOut], **ERRORS})
@paginate
def plans_list(request, filters: Query[PlanFilter]):
    """The caller's plans and the plans they review."""
    user = request.user
    plans = DevelopmentPlan.objects.filter(
        Q(mentorship__mentor=user) | Q(mentorship__mentee=user)
    ).select_related("owner")
    if filters.mentorship:
        plans = plans.filter(mentorship=filters.mentorship)
    if filters.status:
        plans = plans.filter(status=filters.status)
    return plans.order_by("pk")


@router.post("/mentorships/{mentorship_id}/plan", response={201: PlanOut, **ERRORS})
def plan_start(request, mentorship_id: int, payload: PlanStartIn):
    mentorship = _mentorship(request, mentorship_id, permissions.can_view_plans)
    _require(permissions.can_start_plan(request.user, mentorship), "Only the person growing.")
    plan = services.plan_start(mentorship=mentorship, owner=request.user, **payload.model_dump())
    return Status(201, plan)


@router.get("/plans/{plan_id}", response={200: PlanOut, **ERRORS})
def plan_detail(request, plan_id: int):
    return _plan(request, plan_id)


@router.patch("/plans/{plan_id}", response={200: PlanOut, **ERRORS})
def plan_context(request, plan_id: int, payload: PlanContextIn):
    plan = _plan(request, plan_id)
    _require(permissions.can_edit_plan(request.user, plan), "Only the plan's owner edits it.")
    return services.plan_update_context(plan=plan, by=request.user, **payload.model_dump())


def _item_fields(payload, exclude_unset: bool) -> dict:
    data = payload.model_dump(exclude_unset=exclude_unset)
    if "skill_id" in data:
        skill_id = data.pop("skill_id")
        data["skill"] = _skills([skill_id], "skill_id")[0] if skill_id is not None else None
    if "training_id" in data:
        training_id = data.pop("training_id")
        data["training"] = None
        if training_id is not None:
            data["training"] = Training.objects.filter(pk=training_id, is_active=True).first()
            if data["training"] is None:
                raise ValidationError({"training_id": "No such training in the catalogue."})
    return data


@router.post("/plans/{plan_id}/items", response={201: ItemOut, **ERRORS})
def item_create(request, plan_id: int, payload: ItemIn):
    plan = _plan(request, plan_id)
    _require(permissions.can_edit_plan(request.user, plan), "Only the plan's owner edits it.")
    item = services.plan_item_add(plan=plan, by=request.user, **_item_fields(payload, False))
    return Status(201, item)


def _own_item(request, pk: int) -> PlanItem:
    item = get_object_or_404(PlanItem, pk=pk)
    item.plan = _plan(request, item.plan_id)
    _require(permissions.can_edit_plan(request.user, item.plan), "Only the plan's owner.")
    return item


@router.patch("/plan-items/{item_id}", response={200: ItemOut, **ERRORS})
def item_update(request, item_id: int, payload: ItemPatch):
    item = _own_item(request, item_id)
    return services.plan_item_update(item=item, by=request.user, **_item_fields(payload, True))


@router.delete("/plan-items/{item_id}", response={204: None, **ERRORS})
def item_delete(request, item_id: int):
    services.plan_item_delete(item=_own_item(request, item_id), by=request.user)
    return Status(204, None)


@router.post("/plans/{plan_id}/submit", response={201: VersionOut, **ERRORS})
def plan_submit(request, plan_id: int, payload: NoteIn):
    plan = _plan(request, plan_id)
    _require(permissions.can_edit_plan(request.user, plan), "Only the plan's owner submits it.")
    return Status(201, services.plan_submit(plan=plan, by=request.user, note=payload.note))


@router.post("/plans/{plan_id}/suggestions", response={201: SuggestionOut, **ERRORS})
def plan_suggest(request, plan_id: int, payload: SuggestionIn):
    plan = _plan(request, plan_id)
    _require(permissions.can_review_plan(request.user, plan), "Only the reviewer suggests.")
    item = None
    if payload.item_id is not None:
        item = plan.items.filter(pk=payload.item_id).first()
        if item is None:
            raise ValidationError({"item_id": "No such item in this plan."})
    suggestion = services.plan_suggest(
        plan=plan,
        by=request.user,
        item=item,
        field=payload.field,
        value=payload.value,
        comment=payload.comment,
    )
    return Status(201, suggestion)


def _suggestion(request, pk: int) -> PlanSuggestion:
    suggestion = get_object_or_404(PlanSuggestion.objects.select_related("version"), pk=pk)
    suggestion.plan = _plan(request, suggestion.plan_id)
    return suggestion


@router.delete("/suggestions/{suggestion_id}", response={204: None, **ERRORS})
def suggestion_withdraw(request, suggestion_id: int):
    suggestion = _suggestion(request, suggestion_id)
    allowed = permissions.can_withdraw_suggestion(request.user, suggestion)
    _require(allowed, "Only its author withdraws it.")
    services.plan_suggestion_withdraw(suggestion=suggestion, by=request.user)
    return Status(204, None)


@router.post("/suggestions/{suggestion_id}/accept", response={200: SuggestionOut, **ERRORS})
def suggestion_accept(request, suggestion_id: int, payload: AnswerIn):
    suggestion = _suggestion(request, suggestion_id)
    _require(permissions.can_edit_plan(request.user, suggestion.plan), "Only the plan's owner.")
    return services.plan_suggestion_accept(
        suggestion=suggestion, by=request.user, answer=payload.answer
    )


@router.post("/suggestions/{suggestion_id}/answer", response={200: SuggestionOut, **ERRORS})
def suggestion_answer(request, suggestion_id: int, payload: AnswerIn):
    suggestion = _suggestion(request, suggestion_id)
    _require(permissions.can_edit_plan(request.user, suggestion.plan), "Only the plan's owner.")
    return services.plan_suggestion_answer(
        suggestion=suggestion, by=request.user, answer=payload.answer
    )


@router.post("/plans/{plan_id}/review", response={200: VersionOut, **ERRORS})
def plan_review(request, plan_id: int, payload: ReviewIn):
    plan = _plan(request, plan_id)
    _require(permissions.can_review_plan(request.user, plan), "Only the partner reviews it.")
    return services.plan_review(plan=plan, by=request.user, **payload.model_dump())


@router.post("/plans/{plan_id}/revise", response={200: PlanOut, **ERRORS})
def plan_revise(request, plan_id: int):
    plan = _plan(request, plan_id)
    _require(permissions.can_edit_plan(request.user, plan), "Only the plan's owner revises it.")
    return services.plan_revise(plan=plan, by=request.user)


@router.get("/plans/{plan_id}/versions", response={200: list[VersionOut], **ERRORS})
def plan_versions(request, plan_id: int):
    return list(_plan(request, plan_id).versions.all())


@router.get("/plans/{plan_id}/versions/{number}/diff", response={200: DiffOut, **ERRORS})
def plan_version_diff(request, plan_id: int, number: int):
    """What changed in version `number` from the version before it."""
    plan = _plan(request, plan_id)
    newer = get_object_or_404(plan.versions, number=number)
    older = plan.versions.filter(number=number - 1).first()
    return plan_diff(older=older, newer=newer)


# --- 360° assessments ------------------------------------------------------------------------


class CompetencyOut(Schema):
    skill_id: int
    name: str
    description: str

    @staticmethod
    def resolve_name(competency) -> str:
        return competency.skill.name


class AssessmentOut(Schema):
    id: int
    mentorship_id: int
    subject: PersonRef
    title: str
    message: str
    closes_on: datetime.date
    status: str
    created_at: datetime.datetime
    closed_at: datetime.datetime | None
    competencies: list[CompetencyOut]

    @staticmethod
    def resolve_competencies(assessment) -> list:
        return list(assessment.competencies.select_related("skill"))


class AssessmentFilter(Schema):
    mentorship: int | None = None
    status: AssessmentStatus | None = None


class AssessmentIn(Schema):
    mentorship_id: int
    subject_id: int
    skill_ids: list[int]
    closes_on: datetime.date
    title: str = ""
    message: str = ""
    coworkers: list[str] = Field([], description="E-mail addresses (“Name <address>” too).")


class CoworkersIn(Schema):
    coworkers: list[str] = Field(
        description="E-mail addresses of colleagues, with or without an account."
    )


class InvitedOut(Schema):
    name: str
    email: str
    group: str

    @staticmethod
    def resolve_name(rater) -> str:
        return rater.display_name


class GroupProgressOut(Schema):
    group: str
    label: str
    invited: int
    answered: int


class CompetencyResultOut(Schema):
    skill_id: int
    name: str
    self_rating: float | None
    mentor: float | None
    supervisor: float | None
    coworkers_average: float | None = Field(
        description="Only when at least three co-workers rated it; never individual scores."
    )
    others: float | None
    gap: float | None
    gap_kind: str

    @staticmethod
    def resolve_self_rating(result) -> float | None:
        return result.self_score

    @staticmethod
    def resolve_mentor(result) -> float | None:
        return result.mentor_score

    @staticmethod
    def resolve_supervisor(result) -> float | None:
        return result.supervisor_score

    @staticmethod
    def resolve_coworkers_average(result) -> float | None:
        return result.coworker_average


class ResultsOut(Schema):
    assessment_id: int
    coworkers_answered: int
    coworker_note: str
    competencies: list[CompetencyResultOut]

    @staticmethod
    def resolve_assessment_id(results) -> int:
        return results.assessment.pk


class GapsIn(Schema):
    skill_ids: list[int] | None = Field(None, description="Empty: every gap.")


class SentOut(Schema):
    sent: int


@router.get("/assessments", response={200: list[AssessmentOut], **ERRORS})
@paginate
def assessments_list(request, filters: Query[AssessmentFilter]):
    """Assessments of the caller and of their partners (results are read one by one)."""
    assessments = Assessment.objects.visible_to(request.user).select_related("subject")
    if filters.mentorship:
        assessments = assessments.filter(mentorship=filters.mentorship)
    if filters.status:
        assessments = assessments.filter(status=filters.status)
    return assessments.order_by("-created_at", "-pk")


@router.post("/assessments", response={201: AssessmentOut, **ERRORS})
def assessment_start(request, payload: AssessmentIn):
    mentorship = _mentorship(request, payload.mentorship_id, permissions.can_view_assessments)
    subject = next((p for p in mentorship.people() if p.pk == payload.subject_id), None)
    if subject is None:
        raise ValidationError({"subject_id": "The subject is one of the mentorship's two people."})
    _require(
        permissions.can_start_assessment(request.user, mentorship, subject),
        "The person growing or their mentor starts an assessment.",
    )
    assessment = services.assessment_start(
        mentorship=mentorship,
        subject=subject,
        by=request.user,
        skills=_skills(payload.skill_ids, "skill_ids"),
        closes_on=payload.closes_on,
        title=payload.title,
        message=payload.message,
        coworkers=payload.coworkers,
    )
    return Status(201, assessment)


@router.get("/assessments/{assessment_id}", response={200: AssessmentOut, **ERRORS})
def assessment_detail(request, assessment_id: int):
    return _assessment(request, assessment_id)


@router.post("/assessments/{assessment_id}/raters", response={201: list[InvitedOut], **ERRORS})
def assessment_invite(request, assessment_id: int, payload: CoworkersIn):
    """The subject invites co-workers (accounts are recognised by their e-mail)."""
    assessment = _assessment(request, assessment_id)
    _require(
        permissions.can_invite_coworkers(request.user, assessment), "The subject chooses them."
    )
    raters = services.assessment_invite_coworkers(
        assessment=assessment, by=request.user, coworkers=payload.coworkers
    )
    return Status(201, raters)


@router.get(
    "/assessments/{assessment_id}/progress", response={200: list[GroupProgressOut], **ERRORS}
)
def assessment_progress_view(request, assessment_id: int):
    """Answers received per group — never which co-worker answered."""
    return assessment_progress(_assessment(request, assessment_id))


@router.get("/assessments/{assessment_id}/results", response={200: ResultsOut, **ERRORS})
def assessment_results_view(request, assessment_id: int):
    """Per competency: self, mentor, supervisor and co-workers' average (only of three or more
    co-workers), the others' mean and the gap. A 400 while answers are still collected."""
    return assessment_results(_assessment(request, assessment_id))


@router.post("/assessments/{assessment_id}/close", response={200: AssessmentOut, **ERRORS})
def assessment_close(request, assessment_id: int):
    assessment = _assessment(request, assessment_id)
    _require(permissions.can_manage_assessment(request.user, assessment), "It is closed.")
    return services.assessment_close(assessment=assessment, by=request.user)


@router.post("/assessments/{assessment_id}/remind", response={200: SentOut, **ERRORS})
def assessment_remind(request, assessment_id: int):
    assessment = _assessment(request, assessment_id)
    _require(permissions.can_manage_assessment(request.user, assessment), "It is closed.")
    return {"sent": services.assessment_remind(assessment=assessment, by=request.user)}


@router.post("/assessments/{assessment_id}/gaps-to-plan", response={201: list[ItemOut], **ERRORS})
def assessment_gaps(request, assessment_id: int, payload: GapsIn):
    assessment = _assessment(request, assessment_id)
    _require(permissions.can_plan_from_gaps(request.user, assessment), "The subject plans.")
    items = services.assessment_gaps_to_plan(
        assessment=assessment, by=request.user, skill_ids=payload.skill_ids
    )
    return Status(201, items)


# --- training --------------------------------------------------------------------------------


class TrainingOut(Schema):
    id: int
    title: str
    kind: str
    description: str
    provider: str
    expert: PersonRef | None
    url: str
    format: str
    duration: str
    starts_on: datetime.date | None
    location: str
    skill_ids: list[int]
    based_on_id: int | None
    is_active: bool

    @staticmethod
    def resolve_skill_ids(training) -> list[int]:
        return [skill.pk for skill in training.skills.all()]


class TrainingFilter(Schema):
    kind: TrainingKind | None = None
    skill: int | None = None
    q: str = ""


class TrainingIn(Schema):
    title: str
    kind: TrainingKind
    description: str = ""
    provider: str = ""
    expert_id: int | None = None
    url: str = ""
    format: str = "virtual"
    duration: str = ""
    starts_on: datetime.date | None = None
    location: str = ""
    skill_ids: list[int] = []


class TrainingPatch(Schema):
    title: str | None = None
    description: str | None = None
    provider: str | None = None
    expert_id: int | None = None
    url: str | None = None
    format: str | None = None
    duration: str | None = None
    starts_on: datetime.date | None = None
    location: str | None = None
    is_active: bool | None = None
    skill_ids: list[int] | None = None


class CompletionIn(Schema):
    completed_on: datetime.date | None = None


class CompletionOut(Schema):
    training_id: int
    completed_on: datetime.date


class SharingIn(Schema):
    description: str
    title: str = ""
    format: str = "virtual"
    starts_on: datetime.date | None = None
    duration: str = ""
    location: str = ""


def _training_fields(data: dict) -> tuple[dict, list | None]:
    skill_ids = data.pop("skill_ids", None)
    if "expert_id" in data:
        expert_id = data.pop("expert_id")
        data["expert"] = None
        if expert_id is not None:
            data["expert"] = User.objects.filter(pk=expert_id, is_active=True).first()
            if data["expert"] is None:
                raise ValidationError({"expert_id": "No active person with this id."})
    skills = _skills(skill_ids, "skill_ids") if skill_ids is not None else None
    return data, skills


@router.get("/training", response={200: list[TrainingOut], **ERRORS})
@paginate
def training_list(request, filters: Query[TrainingFilter]):
    """The catalogue: internal sessions, outside courses and sources, knowledge sharing."""
    trainings = Training.objects.active().select_related("expert").prefetch_related("skills")
    if filters.kind:
        trainings = trainings.filter(kind=filters.kind)
    if filters.skill:
        trainings = trainings.filter(skills=filters.skill)
    if filters.q.strip():
        trainings = trainings.filter(
            Q(title__icontains=filters.q.strip()) | Q(description__icontains=filters.q.strip())
        )
    return trainings.order_by("title", "pk")


@router.post("/training", response={201: TrainingOut, **ERRORS})
def training_create(request, payload: TrainingIn):
    _require(permissions.can_add_training(request.user), "Admins and mentors add training.")
    data, skills = _training_fields(payload.model_dump())
    training = services.training_create(by=request.user, skills=skills or [], **data)
    return Status(201, training)


def _training(pk: int) -> Training:
    return get_object_or_404(Training.objects.select_related("expert"), pk=pk)


@router.get("/training/{training_id}", response={200: TrainingOut, **ERRORS})
def training_detail(request, training_id: int):
    training = _training(training_id)
    if not training.is_active and not permissions.can_edit_training(request.user, training):
        raise Http404
    return training


@router.patch("/training/{training_id}", response={200: TrainingOut, **ERRORS})
def training_update(request, training_id: int, payload: TrainingPatch):
    training = _training(training_id)
    _require(permissions.can_edit_training(request.user, training), "Who added it edits it.")
    data, skills = _training_fields(payload.model_dump(exclude_unset=True))
    return services.training_update(training=training, by=request.user, skills=skills, **data)


@router.post("/training/{training_id}/completion", response={201: CompletionOut, **ERRORS})
def training_completed(request, training_id: int, payload: CompletionIn):
    training = get_object_or_404(Training.objects.active(), pk=training_id)
    completion = services.training_complete(
        training=training, person=request.user, completed_on=payload.completed_on
    )
    return Status(201, completion)


@router.post("/training/{training_id}/sharing-sessions", response={201: TrainingOut, **ERRORS})
def training_share(request, training_id: int, payload: SharingIn):
    training = get_object_or_404(Training.objects.active(), pk=training_id)
    _require(
        permissions.can_offer_sharing_session(request.user, training),
        "Complete this outside training first.",
    )
    session = services.training_offer_sharing(
        training=training, by=request.user, **payload.model_dump()
    )
    return Status(201, session)


# --- program competency lists ----------------------------------------------------------------


class ProgramCompetencyOut(Schema):
    id: int
    skill_id: int
    name: str
    description: str

    @staticmethod
    def resolve_name(competency) -> str:
        return competency.skill.name


class ProgramCompetencyIn(Schema):
    skill_id: int
    description: str = Field("", max_length=240)


def _program(request, slug: str) -> Program:
    program = get_object_or_404(Program, slug=slug)
    if not can_view_program(request.user, program):
        raise Http404
    return program


@router.get("/programs/{slug}/competencies", response={200: list[ProgramCompetencyOut], **ERRORS})
def competencies_list(request, slug: str):
    return list(_program(request, slug).competencies.select_related("skill"))


@router.post("/programs/{slug}/competencies", response={201: ProgramCompetencyOut, **ERRORS})
def competency_add(request, slug: str, payload: ProgramCompetencyIn):
    program = _program(request, slug)
    _require(permissions.can_manage_competencies(request.user, program), "Program admins only.")
    skill = _skills([payload.skill_id], "skill_id")[0]
    competency = services.competency_add(
        program=program, by=request.user, skill=skill, description=payload.description
    )
    return Status(201, competency)


@router.delete("/competencies/{competency_id}", response={204: None, **ERRORS})
def competency_remove(request, competency_id: int):
    competency = get_object_or_404(
        ProgramCompetency.objects.select_related("program"), pk=competency_id
    )
    _program(request, competency.program.slug)
    _require(
        permissions.can_manage_competencies(request.user, competency.program),
        "Program admins only.",
    )
    services.competency_remove(competency=competency, by=request.user)
    return Status(204, None)
