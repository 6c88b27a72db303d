from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.programs import permissions
from tandem.programs.forms import DecisionForm, EnrollForm, ProgramForm, QuestionFormSet
from tandem.programs.models import (
    Enrollment,
    EnrollmentRole,
    EnrollmentStatus,
    Program,
    ProgramStatus,
)
from tandem.programs.services import (
    enrollment_counts,
    enrollment_create,
    enrollment_decide,
    enrollment_decide_many,
    enrollment_withdraw,
    program_transition,
)

TRANSITION_LABELS = {
    ProgramStatus.DRAFT: "Back to draft",
    ProgramStatus.ENROLLING: "Open enrollment",
    ProgramStatus.MATCHING: "Close enrollment and start matching",
    ProgramStatus.RUNNING: "Start the program",
    ProgramStatus.CLOSED: "Close the program",
}


def _get_program_for_user(user, slug: str) -> Program:
    program = get_object_or_404(Program, slug=slug)
    if not permissions.can_view_program(user, program):
        raise Http404
    return program


def _get_managed_program(user, slug: str) -> Program:
    program = _get_program_for_user(user, slug)
    if not permissions.can_manage_program(user, program):
        raise PermissionDenied
    return program


@login_required
@require_GET
def program_list(request):
    programs = Program.objects.visible_to(request.user).order_by("status", "-start_date")
    mine = {
        (e.program_id): e
        for e in Enrollment.objects.filter(person=request.user).exclude(
            status=EnrollmentStatus.WITHDRAWN
        )
    }
    rows = [(program, mine.get(program.pk)) for program in programs]
    rows.sort(key=lambda row: row[0].status != ProgramStatus.ENROLLING)
    return render(
        request,
        "programs/list.html",
        {"rows": rows, "can_create": permissions.can_create_program(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def program_create(request):
    if not permissions.can_create_program(request.user):
        raise PermissionDenied
    return _program_form(request, Program(created_by=request.user))


@login_required
@require_http_methods(["GET", "POST"])
def program_edit(request, slug):
    return _program_form(request, _get_managed_program(request.user, slug))


def _program_form(request, program: Program):
    creating = program.pk is None
    form = ProgramForm(request.POST or None, instance=program)
    questions = QuestionFormSet(request.POST or None, instance=program, prefix="questions")
    if request.method == "POST" and form.is_valid() and questions.is_valid():
        with transaction.atomic():
            program = form.save()
            if creating and not program.admins.exists():
                program.admins.add(request.user)
            questions.instance = program
            questions.save()
        messages.success(request, f"{program.name} saved.")
        return redirect(program)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "programs/form.html",
        {"form": form, "questions": questions, "program": program, "creating": creating},
        status=status,
    )


@login_required
@require_GET
def program_detail(request, slug):
    program = _get_program_for_user(request.user, slug)
    return _render_detail(request, program, EnrollForm(program=program))


def _render_detail(request, program: Program, enroll_form: EnrollForm, status: int = 200):
    mine = program.enrollments.filter(person=request.user).exclude(
        status=EnrollmentStatus.WITHDRAWN
    )
    managing = permissions.can_manage_program(request.user, program)
    open_roles = set(program.roles()) - {e.role for e in mine}
    context = {
        "program": program,
        "my_enrollments": mine,
        "enroll_form": enroll_form,
        "can_enroll": program.status == ProgramStatus.ENROLLING and bool(open_roles),
        "managing": managing,
    }
    if managing:
        context["lifecycle"] = ProgramStatus.choices
        context["transitions"] = [(s, TRANSITION_LABELS[s]) for s in program.allowed_transitions()]
        context["history"] = program.status_changes.select_related("by")[:20]
        context["counts"] = enrollment_counts(program=program)
    return render(request, "programs/detail.html", context, status=status)


@login_required
@require_POST
def program_transition_view(request, slug):
    program = _get_managed_program(request.user, slug)
    try:
        program = program_transition(
            program=program, to_status=request.POST.get("status", ""), by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(program)
    messages.success(request, f"{program.name} is now {program.get_status_display().lower()}.")
    return redirect(program)


@login_required
@require_POST
def program_enroll(request, slug):
    program = _get_program_for_user(request.user, slug)
    form = EnrollForm(request.POST, program=program)
    if form.is_valid():
        try:
            enrollment_create(
                program=program,
                person=request.user,
                role=form.cleaned_data["role"],
                capacity=form.cleaned_data["capacity"],
                motivation=form.cleaned_data["motivation"],
                answers=form.answers(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "You are enrolled. A program admin will confirm your place.")
            return redirect(program)
    return _render_detail(request, program, form, status=400)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
@require_POST
def enrollment_withdraw_view(request, pk):
    enrollment = get_object_or_404(Enrollment, pk=pk, person=request.user)
    try:
        enrollment_withdraw(enrollment=enrollment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Your enrollment is withdrawn.")
    return redirect(enrollment.program)


@login_required
@require_GET
def program_enrollments(request, slug):
    program = _get_managed_program(request.user, slug)
    enrollments = program.enrollments.select_related(
        "person", "person__profile", "person__profile__department", "decided_by"
    ).prefetch_related("answers__question")
    filters = {
        "role": request.GET.get("role", ""),
        "status": request.GET.get("status", ""),
        "q": request.GET.get("q", "").strip(),
    }
    if filters["role"] in EnrollmentRole.values:
        enrollments = enrollments.filter(role=filters["role"])
    if filters["status"] in EnrollmentStatus.values:
        enrollments = enrollments.filter(status=filters["status"])
    if filters["q"]:
        q = filters["q"]
        enrollments = enrollments.filter(
            Q(person__first_name__icontains=q)
            | Q(person__last_name__icontains=q)
            | Q(person__email__icontains=q)
        )
    template = "programs/_enrollment_table.html" if request.htmx else "programs/enrollments.html"
    return render(
        request,
        template,
        {
            "program": program,
            "enrollments": enrollments.order_by("role", "status", "person__last_name"),
            "filters": filters,
            "roles": EnrollmentRole.choices,
            "statuses": EnrollmentStatus.choices,
            "counts": enrollment_counts(program=program),
        },
    )


@login_required
@require_POST
def enrollment_decide_view(request, slug, pk):
    program = _get_managed_program(request.user, slug)
    enrollment = get_object_or_404(Enrollment, pk=pk, program=program)
    form = DecisionForm(request.POST)
    error = None
    if form.is_valid():
        try:
            enrollment = enrollment_decide(
                enrollment=enrollment,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                capacity=form.cleaned_data["capacity"],
                by=request.user,
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = "; ".join(f"{f}: {' '.join(e)}" for f, e in form.errors.items())
    if request.htmx:
        return render(
            request,
            "programs/_enrollment_row.html",
            {"program": program, "enrollment": enrollment, "error": error},
            status=400 if error else 200,
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, f"{enrollment.person}: {enrollment.get_status_display()}.")
    return redirect("programs:enrollments", slug=program.slug)


@login_required
@require_POST
def enrollment_decide_bulk(request, slug):
    program = _get_managed_program(request.user, slug)
    form = DecisionForm(request.POST)
    ids = request.POST.getlist("enrollment")
    if not form.is_valid() or not ids:
        messages.error(request, "Select at least one enrollment and an action.")
        return redirect("programs:enrollments", slug=program.slug)
    decided = enrollment_decide_many(
        program=program,
        ids=[int(pk) for pk in ids if pk.isdigit() and len(pk) < 16],
        status=form.cleaned_data["status"],
        note=form.cleaned_data["note"],
        by=request.user,
    )
    messages.success(request, f"{decided} enrollment(s) updated.")
    return redirect("programs:enrollments", slug=program.slug)
