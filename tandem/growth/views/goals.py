"""Goals, milestones, the update log and the celebration feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.growth import permissions, services
from tandem.growth.forms import (
    GoalForm,
    MilestoneForm,
    MilestoneFormSet,
    NoteForm,
    ProgressForm,
    TextForm,
    add_service_errors,
)
from tandem.growth.models import Celebration, Goal, Milestone
from tandem.growth.reports import mentorship_growth_summary
from tandem.growth.views.common import back, get_mentorship_for_user, report
from tandem.mentorships.views import mentorship_context


def _goals_of(queryset):
    return queryset.select_related("owner", "mentorship").with_milestone_counts()


# --- a mentorship's goals --------------------------------------------------------------------


@login_required
@require_GET
def mentorship_goals(request, pk):
    """The pair: everyone's goals and the celebration feed. Admins: counts and completion."""
    mentorship = get_mentorship_for_user(request.user, pk, permissions.can_view_goals_summary)
    context = mentorship_context(request.user, mentorship, "goals")
    today = timezone.localdate()
    if not permissions.can_view_goal_content(request.user, mentorship):
        context["summary"] = mentorship_growth_summary(mentorship=mentorship, today=today)
        return render(request, "growth/goals_summary.html", context)
    goals = list(_goals_of(Goal.objects.filter(mentorship=mentorship)))
    context.update(
        today=today,
        sections=_sections(request.user, mentorship, goals),
        feed=services.celebration_feed(mentorship=mentorship, viewer=request.user, today=today),
        can_set_goal=permissions.can_set_goal_in(request.user, mentorship),
    )
    return render(request, "growth/goals.html", context)


def _sections(viewer, mentorship, goals):
    """The viewer's own goals first, then their partner's (either may be growing)."""
    sections = []
    for person in sorted(mentorship.people(), key=lambda p: p.pk != viewer.pk):
        if mentorship.is_growing(person):
            title = "Your goals" if person.pk == viewer.pk else f"{person.get_short_name()}’s goals"
            mine = [g for g in goals if g.owner_id == person.pk]
            sections.append({"person": person, "title": title, "goals": mine})
    return sections


@login_required
@require_http_methods(["GET", "POST"])
def goal_create(request, pk):
    mentorship = get_mentorship_for_user(request.user, pk, permissions.can_view_goal_content)
    if not permissions.can_set_goal_in(request.user, mentorship):
        raise PermissionDenied
    context = mentorship_context(request.user, mentorship, "goals")
    return _goal_form(request, mentorship, context)


@login_required
@require_http_methods(["GET", "POST"])
def personal_goal_create(request):
    return _goal_form(request, None, {})


def _goal_form(request, mentorship, context):
    profile = getattr(request.user, "profile", None)
    initial = {"career_goal": getattr(profile, "career_goals", "")}
    form = GoalForm(request.POST or None, initial=initial)
    milestones = MilestoneFormSet(request.POST or None, prefix="milestones")
    if request.method == "POST" and form.is_valid() and milestones.is_valid():
        rows = [m.cleaned_data for m in milestones if m.cleaned_data.get("title")]
        try:
            goal = services.goal_create(
                owner=request.user, mentorship=mentorship, milestones=rows, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Goal set: {goal.title}.")
            return redirect(goal)
    context.update(form=form, milestones=milestones, creating=True, goal_mentorship=mentorship)
    status = 400 if request.method == "POST" else 200
    return render(request, "growth/goal_form.html", context, status=status)


# --- one goal --------------------------------------------------------------------------------


def _get_goal_for_user(user, pk: int) -> Goal:
    goal = get_object_or_404(
        Goal.objects.select_related(
            "owner", "mentorship__program", "mentorship__mentor", "mentorship__mentee"
        ),
        pk=pk,
    )
    if not permissions.can_view_goal(user, goal):
        raise Http404
    return goal


def _get_own_goal(user, pk: int) -> Goal:
    goal = _get_goal_for_user(user, pk)
    if not permissions.can_edit_goal(user, goal):
        raise PermissionDenied
    return goal


@login_required
@require_GET
def goal_detail(request, pk):
    goal = _get_goal_for_user(request.user, pk)
    context = mentorship_context(request.user, goal.mentorship, "goals") if goal.mentorship else {}
    celebrations = goal.celebrations.select_related(
        "milestone", "person", "mentorship", "goal"
    ).prefetch_related("notes__author")
    context.update(
        goal=goal,
        milestones=goal.milestones.all(),
        updates=goal.updates.select_related("author"),
        celebrations=services.celebration_items(celebrations=celebrations, viewer=request.user),
        can_edit=permissions.can_edit_goal(request.user, goal) and goal.is_open,
        can_comment=permissions.can_comment_on_goal(request.user, goal),
        progress_form=ProgressForm(initial={"progress": goal.progress}),
        milestone_form=MilestoneForm(),
        comment_form=TextForm(),
        today=timezone.localdate(),
    )
    return render(request, "growth/goal_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request, pk):
    goal = _get_own_goal(request.user, pk)
    if not goal.is_open:
        messages.error(request, f"This goal is {goal.get_status_display().lower()}.")
        return redirect(goal)
    form = GoalForm(request.POST or None, instance=Goal.objects.get(pk=goal.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_update(goal=goal, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Goal saved.")
            return redirect(goal)
    context = mentorship_context(request.user, goal.mentorship, "goals") if goal.mentorship else {}
    context.update(form=form, goal=goal, creating=False, goal_mentorship=goal.mentorship)
    status = 400 if request.method == "POST" else 200
    return render(request, "growth/goal_form.html", context, status=status)


@login_required
@require_POST
def goal_delete(request, pk):
    goal = _get_goal_for_user(request.user, pk)
    if goal.owner_id != request.user.pk:
        raise PermissionDenied
    after = goal.mentorship.get_absolute_url() if goal.mentorship else None
    try:
        services.goal_delete(goal=goal, by=request.user)
    except ValidationError as error:
        report(request, error)
        return redirect(goal)
    messages.success(request, "Goal deleted.")
    if goal.mentorship_id:
        return redirect("growth:goals", pk=goal.mentorship_id)
    return redirect(after or "growth:home")


@login_required
@require_POST
def goal_progress(request, pk):
    goal = _get_own_goal(request.user, pk)
    form = ProgressForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Progress is a whole number from 0 to 100.")
        return redirect(goal)
    try:
        services.goal_progress(goal=goal, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, f"Progress saved: {form.cleaned_data['progress']}%.")
    return redirect(goal)


@login_required
@require_POST
def goal_reach(request, pk):
    goal = _get_own_goal(request.user, pk)
    try:
        services.goal_reach(goal=goal, by=request.user, note=request.POST.get("note", ""))
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, f"🎉 Goal reached: {goal.title}!")
    return redirect(goal)


@login_required
@require_POST
def goal_set_aside(request, pk):
    goal = _get_own_goal(request.user, pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.goal_set_aside(goal=goal, by=request.user, note=note)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, "Goal set aside.")
    return redirect(goal)


@login_required
@require_POST
def goal_comment(request, pk):
    goal = _get_goal_for_user(request.user, pk)
    if not permissions.can_comment_on_goal(request.user, goal):
        raise PermissionDenied
    form = TextForm(request.POST)
    try:
        services.goal_comment(
            goal=goal, by=request.user, text=form.cleaned_data["text"] if form.is_valid() else ""
        )
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, "Comment added.")
    return redirect(goal.get_absolute_url() + "#log")


# --- milestones ------------------------------------------------------------------------------


@login_required
@require_POST
def milestone_add(request, pk):
    goal = _get_own_goal(request.user, pk)
    form = MilestoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, "A milestone needs a title and a due date.")
        return redirect(goal)
    try:
        services.milestone_add(goal=goal, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, "Milestone added.")
    return redirect(goal)


def _get_own_milestone(user, pk: int) -> Milestone:
    milestone = get_object_or_404(Milestone.objects.select_related("goal"), pk=pk)
    _get_own_goal(user, milestone.goal_id)
    return milestone


@login_required
@require_POST
def milestone_reach(request, pk):
    milestone = _get_own_milestone(request.user, pk)
    try:
        services.milestone_reach(milestone=milestone, by=request.user)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, f"🎉 Milestone reached: {milestone.title}!")
    return redirect(milestone.goal)


@login_required
@require_POST
def milestone_delete(request, pk):
    milestone = _get_own_milestone(request.user, pk)
    try:
        services.milestone_delete(milestone=milestone, by=request.user)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, "Milestone removed.")
    return redirect(milestone.goal)


# --- congratulating --------------------------------------------------------------------------


@login_required
@require_POST
def celebration_congratulate(request, pk):
    celebration = get_object_or_404(
        Celebration.objects.select_related("mentorship", "goal", "milestone", "person"), pk=pk
    )
    if not permissions.can_view_goal_content(request.user, celebration.mentorship):
        raise Http404
    if not permissions.can_congratulate(request.user, celebration):
        raise PermissionDenied
    form = TextForm(request.POST)
    try:
        services.celebration_congratulate(
            celebration=celebration,
            by=request.user,
            text=form.cleaned_data["text"] if form.is_valid() else "",
        )
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, f"Your congratulations are on their way to {celebration.person}.")
    return back(request, services.celebration_url(celebration))
