"""Development plans: the owner writes and submits; the partner reviews inline; versions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.growth import permissions, services
from tandem.growth.diffs import plan_diff
from tandem.growth.forms import (
    ACTIVITY_HELP,
    AnswerForm,
    ItemStatusForm,
    PlanContextForm,
    PlanItemForm,
    ReviewForm,
    SuggestionForm,
    add_service_errors,
)
from tandem.growth.models import (
    ActivityKind,
    DevelopmentPlan,
    ItemStatus,
    PlanItem,
    PlanStatus,
    PlanSuggestion,
    SuggestionField,
)
from tandem.growth.views.common import get_mentorship_for_user, report
from tandem.mentorships.views import mentorship_context
from tandem.people.models import User

LIFECYCLE = [PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.CHANGES, PlanStatus.AGREED]


@login_required
@require_GET
def plan(request, pk):
    """The viewer's own plan when they are growing here, otherwise their mentee's."""
    mentorship = get_mentorship_for_user(request.user, pk, permissions.can_view_plans)
    owner = request.user if mentorship.is_growing(request.user) else mentorship.mentee
    return _plan_page(request, mentorship, owner)


@login_required
@require_GET
def plan_of(request, pk, owner_id):
    mentorship = get_mentorship_for_user(request.user, pk, permissions.can_view_plans)
    owner = get_object_or_404(User, pk=owner_id)
    if not (mentorship.involves(owner) and mentorship.is_growing(owner)):
        raise Http404
    return _plan_page(request, mentorship, owner)


def _plan_page(request, mentorship, owner, *, item_form=None, status=200):
    plan = (
        DevelopmentPlan.objects.filter(mentorship=mentorship, owner=owner)
        .prefetch_related(
            Prefetch(
                "items",
                queryset=PlanItem.objects.select_related("skill", "training").prefetch_related(
                    Prefetch("suggestions", queryset=_suggestions())
                ),
            )
        )
        .first()
    )
    context = mentorship_context(request.user, mentorship, "plan")
    context.update(
        plan=plan,
        owner=owner,
        is_owner=owner.pk == request.user.pk,
        other_plans=_other_plans(request.user, mentorship, owner),
        can_start=plan is None
        and permissions.can_start_plan(request.user, mentorship)
        and owner.pk == request.user.pk,
        start_form=PlanContextForm(initial=_context_initial(owner)),
        lifecycle=[(s, PlanStatus(s).label) for s in LIFECYCLE],
        today=timezone.localdate(),
    )
    if plan is not None:
        context.update(_plan_context(request.user, plan, item_form))
    return render(request, "growth/plan.html", context, status=status)


def _suggestions():
    return PlanSuggestion.objects.select_related("author", "version").order_by("created_at")


def _plan_context(user, plan, item_form) -> dict:
    editing = permissions.can_edit_plan(user, plan) and plan.is_editable
    reviewing = permissions.can_review_plan(user, plan) and plan.status == PlanStatus.SUBMITTED
    versions = list(plan.versions.select_related("submitted_by", "reviewed_by"))
    return {
        "editing": editing,
        "reviewing": reviewing,
        "can_track": permissions.can_edit_plan(user, plan),
        "can_revise": permissions.can_edit_plan(user, plan) and plan.status == PlanStatus.AGREED,
        "can_answer": permissions.can_edit_plan(user, plan) and plan.status != PlanStatus.SUBMITTED,
        "plan_comments": plan.suggestions.filter(item__isnull=True).select_related("author"),
        "open_suggestions": plan.suggestions.filter(state="open").count(),
        "context_form": PlanContextForm(
            initial={"career_goals": plan.career_goals, "job_demands": plan.job_demands}
        ),
        "item_form": item_form or PlanItemForm(program=plan.mentorship.program),
        "review_form": ReviewForm(),
        "versions": versions,
        "unsubmitted_changes": editing
        and versions
        and plan_diff(older=versions[0], newer=plan).has_changes,
        "activity_help": ACTIVITY_HELP,
        "activities": ActivityKind.choices,
        "item_statuses": ItemStatus.choices,
        "fields": SuggestionField,
    }


def _other_plans(viewer, mentorship, shown_owner):
    """In a mutual mentorship, the way to the other peer's plan."""
    return [
        (person, "Your plan" if person.pk == viewer.pk else f"{person.get_short_name()}’s plan")
        for person in mentorship.people()
        if mentorship.is_growing(person) and person.pk != shown_owner.pk
    ]


def _context_initial(owner) -> dict:
    profile = getattr(owner, "profile", None)
    return {"career_goals": getattr(profile, "career_goals", "")}


def _get_plan_for_user(user, pk: int) -> DevelopmentPlan:
    plan = get_object_or_404(
        DevelopmentPlan.objects.select_related(
            "owner", "mentorship__program", "mentorship__mentor", "mentorship__mentee"
        ),
        pk=pk,
    )
    if not permissions.can_view_plans(user, plan.mentorship):
        raise Http404
    return plan


def _get_own_plan(user, pk: int) -> DevelopmentPlan:
    plan = _get_plan_for_user(user, pk)
    if not permissions.can_edit_plan(user, plan):
        raise PermissionDenied
    return plan


def _get_reviewed_plan(user, pk: int) -> DevelopmentPlan:
    plan = _get_plan_for_user(user, pk)
    if not permissions.can_review_plan(user, plan):
        raise PermissionDenied
    return plan


# --- the owner -------------------------------------------------------------------------------


@login_required
@require_POST
def plan_start(request, pk):
    mentorship = get_mentorship_for_user(request.user, pk, permissions.can_view_plans)
    if not permissions.can_start_plan(request.user, mentorship):
        raise PermissionDenied
    form = PlanContextForm(request.POST)
    form.is_valid()
    try:
        services.plan_start(
            mentorship=mentorship,
            owner=request.user,
            career_goals=form.cleaned_data.get("career_goals", ""),
            job_demands=form.cleaned_data.get("job_demands", ""),
        )
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, "Your plan is started: add what you will do to grow.")
    return redirect("growth:plan", pk=mentorship.pk)


@login_required
@require_POST
def plan_context(request, pk):
    plan = _get_own_plan(request.user, pk)
    form = PlanContextForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(plan)
    try:
        services.plan_update_context(plan=plan, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, "Saved.")
    return redirect(plan)


@login_required
@require_POST
def item_create(request, pk):
    plan = _get_own_plan(request.user, pk)
    form = PlanItemForm(request.POST, program=plan.mentorship.program)
    if form.is_valid():
        try:
            services.plan_item_add(plan=plan, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Item added.")
            return redirect(plan.get_absolute_url() + "#items")
    return _plan_page(request, plan.mentorship, plan.owner, item_form=form, status=400)


def _get_own_item(user, pk: int) -> PlanItem:
    item = get_object_or_404(PlanItem.objects.select_related("plan"), pk=pk)
    item.plan = _get_own_plan(user, item.plan_id)
    return item


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk):
    item = _get_own_item(request.user, pk)
    plan = item.plan
    form = PlanItemForm(
        request.POST or None,
        instance=PlanItem.objects.get(pk=item.pk),
        program=plan.mentorship.program,
        initial={"skill": item.skill_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_item_update(item=item, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Item saved.")
            return redirect(plan.get_absolute_url() + f"#item-{item.pk}")
    context = mentorship_context(request.user, plan.mentorship, "plan")
    context.update(form=form, item=item, plan=plan)
    status = 400 if request.method == "POST" else 200
    return render(request, "growth/plan_item_form.html", context, status=status)


@login_required
@require_POST
def item_delete(request, pk):
    item = _get_own_item(request.user, pk)
    try:
        services.plan_item_delete(item=item, by=request.user)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, "Item removed.")
    return redirect(item.plan.get_absolute_url() + "#items")


@login_required
@require_POST
def item_status(request, pk):
    item = _get_own_item(request.user, pk)
    form = ItemStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a status.")
        return redirect(item.plan)
    try:
        services.plan_item_update(item=item, by=request.user, status=form.cleaned_data["status"])
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, f"{item.skill}: {item.get_status_display().lower()}.")
    return redirect(item.plan.get_absolute_url() + f"#item-{item.pk}")


@login_required
@require_POST
def plan_submit(request, pk):
    plan = _get_own_plan(request.user, pk)
    try:
        version = services.plan_submit(
            plan=plan, by=request.user, note=request.POST.get("note", "")
        )
    except ValidationError as error:
        report(request, error)
    else:
        reviewer = plan.reviewer()
        messages.success(request, f"Version {version.number} is submitted to {reviewer}.")
    return redirect(plan)


@login_required
@require_POST
def plan_revise(request, pk):
    plan = _get_own_plan(request.user, pk)
    try:
        services.plan_revise(plan=plan, by=request.user)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, "The plan is open for revision; submit it when ready.")
    return redirect(plan)


def _get_suggestion(user, pk: int) -> PlanSuggestion:
    suggestion = get_object_or_404(
        PlanSuggestion.objects.select_related("plan__mentorship", "item"), pk=pk
    )
    suggestion.plan = _get_plan_for_user(user, suggestion.plan_id)
    return suggestion


@login_required
@require_POST
def suggestion_accept(request, pk):
    suggestion = _get_suggestion(request.user, pk)
    if not permissions.can_edit_plan(request.user, suggestion.plan):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    form.is_valid()
    try:
        services.plan_suggestion_accept(
            suggestion=suggestion, by=request.user, answer=form.cleaned_data.get("answer", "")
        )
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, "Suggestion accepted." if suggestion.is_change else "Noted.")
    return redirect(suggestion.plan.get_absolute_url() + f"#suggestion-{suggestion.pk}")


@login_required
@require_POST
def suggestion_answer(request, pk):
    suggestion = _get_suggestion(request.user, pk)
    if not permissions.can_edit_plan(request.user, suggestion.plan):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    form.is_valid()
    try:
        services.plan_suggestion_answer(
            suggestion=suggestion, by=request.user, answer=form.cleaned_data.get("answer", "")
        )
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, "Answer sent.")
    return redirect(suggestion.plan.get_absolute_url() + f"#suggestion-{suggestion.pk}")


# --- the reviewer ----------------------------------------------------------------------------


@login_required
@require_POST
def plan_suggest(request, pk):
    plan = _get_reviewed_plan(request.user, pk)
    form = SuggestionForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    item = plan.items.filter(pk=data.get("item") or 0).first() if data.get("item") else None
    try:
        services.plan_suggest(
            plan=plan,
            by=request.user,
            item=item,
            field=data.get("field", ""),
            value=data.get("value", ""),
            comment=data.get("comment", ""),
        )
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, "Added to your review. Finish the review when you are done.")
    anchor = f"#item-{item.pk}" if item else "#review"
    return redirect(plan.get_absolute_url() + anchor)


@login_required
@require_POST
def suggestion_withdraw(request, pk):
    suggestion = _get_suggestion(request.user, pk)
    if not permissions.can_withdraw_suggestion(request.user, suggestion):
        raise PermissionDenied
    try:
        services.plan_suggestion_withdraw(suggestion=suggestion, by=request.user)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, "Suggestion withdrawn.")
    return redirect(suggestion.plan)


@login_required
@require_POST
def plan_review(request, pk):
    plan = _get_reviewed_plan(request.user, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Agree to the plan or ask for changes.")
        return redirect(plan)
    try:
        services.plan_review(plan=plan, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        report(request, error)
    else:
        agreed = form.cleaned_data["outcome"] == "agreed"
        messages.success(
            request,
            f"You agreed to {plan.owner}’s plan."
            if agreed
            else f"{plan.owner} will see your suggestions.",
        )
    return redirect(plan)


# --- versions --------------------------------------------------------------------------------


@login_required
@require_GET
def plan_versions(request, pk):
    """Every submitted version, and what changed from one to the next (or to the plan as it is
    being rewritten)."""
    plan = _get_plan_for_user(request.user, pk)
    versions = list(plan.versions.select_related("submitted_by", "reviewed_by"))
    newer, older = _compared(request, plan, versions)
    context = mentorship_context(request.user, plan.mentorship, "plan")
    context.update(
        plan=plan,
        versions=versions,
        diff=plan_diff(older=older, newer=newer) if newer is not None else None,
        newer=newer,
        older=older,
    )
    return render(request, "growth/plan_versions.html", context)


def _compared(request, plan, versions):
    """The version asked for (default: the latest, or the working copy while it changes) and
    the one before it."""
    by_number = {v.number: v for v in versions}
    asked = request.GET.get("version", "")
    if asked == "current" or (not asked and plan.is_editable and versions):
        return plan, versions[0] if versions else None
    if asked.isdigit() and int(asked) in by_number:
        newer = by_number[int(asked)]
    elif versions:
        newer = versions[0]
    else:
        return None, None
    return newer, by_number.get(newer.number - 1)
