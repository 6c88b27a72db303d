"""The training catalogue, knowledge-sharing sessions, and programs' competency lists."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.forms import BIGGEST_ID
from tandem.growth import permissions, services
from tandem.growth.forms import CompetencyForm, SharingForm, TrainingForm, add_service_errors
from tandem.growth.models import ProgramCompetency, Training, TrainingKind
from tandem.growth.views.common import report
from tandem.people.models import Skill
from tandem.programs.models import Program


@login_required
@require_GET
def training_list(request):
    trainings = (
        Training.objects.active()
        .select_related("expert", "based_on")
        .prefetch_related("skills")
        .annotate(completed=Count("completions", distinct=True))
    )
    filters = {
        "q": request.GET.get("q", "").strip(),
        "kind": request.GET.get("kind", ""),
        "skill": request.GET.get("skill", ""),
    }
    if filters["q"]:
        trainings = trainings.filter(
            Q(title__icontains=filters["q"])
            | Q(description__icontains=filters["q"])
            | Q(provider__icontains=filters["q"])
        )
    if filters["kind"] in TrainingKind.values:
        trainings = trainings.filter(kind=filters["kind"])
    if filters["skill"].isdecimal() and int(filters["skill"]) <= BIGGEST_ID:
        trainings = trainings.filter(skills=int(filters["skill"]))
    page = Paginator(trainings.order_by("kind", "title"), 30).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "filters": filters,
        "kinds": TrainingKind.choices,
        "skills": Skill.objects.filter(trainings__is_active=True).distinct().order_by("name"),
        "can_add": permissions.can_add_training(request.user),
        "query": query.urlencode(),
        "manages_programs": Program.objects.managed_by(request.user).exists()
        if request.user.is_authenticated
        else False,
    }
    template = "growth/_training_results.html" if request.htmx else "growth/training_list.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def training_create(request):
    if not permissions.can_add_training(request.user):
        raise PermissionDenied
    return _training_form(request, Training())


@login_required
@require_http_methods(["GET", "POST"])
def training_edit(request, pk):
    training = get_object_or_404(Training, pk=pk)
    if not permissions.can_edit_training(request.user, training):
        raise PermissionDenied
    return _training_form(request, training)


def _training_form(request, training: Training):
    creating = training.pk is None
    form = TrainingForm(request.POST or None, instance=training)
    if request.method == "POST" and form.is_valid():
        fields, skills = form.service_fields(), form.chosen_skills()
        try:
            if creating:
                training = services.training_create(by=request.user, skills=skills, **fields)
            else:
                training = services.training_update(
                    training=Training.objects.get(pk=training.pk),
                    by=request.user,
                    skills=skills,
                    **fields,
                )
        except ValidationError as error:
            add_service_errors(form, error)
            if "expert" in getattr(error, "message_dict", {}):
                form.add_error("expert_email", error.message_dict["expert"])
        else:
            messages.success(request, f"{training.title} is in the catalogue.")
            return redirect(training)
    context = {"form": form, "training": training, "creating": creating}
    status = 400 if request.method == "POST" else 200
    return render(request, "growth/training_form.html", context, status=status)


@login_required
@require_GET
def training_detail(request, pk):
    training = get_object_or_404(
        Training.objects.select_related("expert", "based_on", "added_by").prefetch_related(
            "skills"
        ),
        pk=pk,
    )
    if not training.is_active and not permissions.can_edit_training(request.user, training):
        raise Http404
    context = {
        "training": training,
        "completed": training.completions.filter(person=request.user).first(),
        "completions": training.completions.count(),
        "sessions": training.sharing_sessions.active().select_related("expert"),
        "can_edit": permissions.can_edit_training(request.user, training),
        "can_share": permissions.can_offer_sharing_session(request.user, training),
    }
    return render(request, "growth/training_detail.html", context)


@login_required
@require_POST
def training_completed(request, pk):
    training = get_object_or_404(Training.objects.active(), pk=pk)
    services.training_complete(training=training, person=request.user)
    hint = " You can now offer colleagues a session on it." if training.is_outside else ""
    messages.success(request, f"Marked as completed.{hint}")
    return redirect(training)


@login_required
@require_http_methods(["GET", "POST"])
def training_share(request, pk):
    training = get_object_or_404(Training.objects.active(), pk=pk)
    if not permissions.can_offer_sharing_session(request.user, training):
        raise PermissionDenied
    form = SharingForm(
        request.POST or None, initial={"title": f"What I learnt: {training.title}"[:160]}
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = services.training_offer_sharing(
                training=training, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Thank you! Your session is in the catalogue.")
            return redirect(session)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "growth/training_share.html", {"form": form, "training": training}, status=status
    )


# --- program competency lists ----------------------------------------------------------------


@login_required
@require_GET
def competency_programs(request):
    programs = Program.objects.managed_by(request.user).annotate(
        competency_count=Count("competencies")
    )
    if not (request.user.is_global_admin or programs.exists()):
        raise PermissionDenied
    return render(request, "growth/competency_programs.html", {"programs": programs})


def _get_managed_program(user, slug: str) -> Program:
    program = get_object_or_404(Program, slug=slug)
    if not permissions.can_manage_competencies(user, program):
        raise PermissionDenied
    return program


@login_required
@require_http_methods(["GET", "POST"])
def competencies(request, slug):
    program = _get_managed_program(request.user, slug)
    form = CompetencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.competency_add(program=program, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['skill']} added.")
            return redirect("growth:competencies", slug=program.slug)
    context = {
        "program": program,
        "competencies": program.competencies.select_related("skill__category"),
        "form": form,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "growth/competencies.html", context, status=status)


@login_required
@require_POST
def competency_remove(request, pk):
    competency = get_object_or_404(ProgramCompetency.objects.select_related("program"), pk=pk)
    program = _get_managed_program(request.user, competency.program.slug)
    try:
        services.competency_remove(competency=competency, by=request.user)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, f"{competency.skill} removed.")
    return redirect("growth:competencies", slug=program.slug)
