from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, Max, Min, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.health import permissions, services
from tandem.health.forms import (
    CheckInForm,
    FeedbackForm,
    HealthSettingsForm,
    IntroductionForm,
    OutcomeForm,
    RiskActionForm,
    add_service_errors,
)
from tandem.health.models import (
    RATING_LABELS,
    RATINGS,
    CheckIn,
    CheckInStatus,
    HealthSettings,
    Introduction,
    Risk,
    default_at_risk_below,
    started_on,
)
from tandem.health.score import EXPLAINED, HEALTHY_FROM, health_report
from tandem.mentorships.models import Mentorship, MentorshipStatus
from tandem.mentorships.views import mentorship_context
from tandem.programs.models import Program, ProgramStatus


def _get_mentorship_for_user(user, pk: int) -> Mentorship:
    """A mentorship whose check-ins tab the user may open (the pair, its admins); else 404."""
    mentorship = get_object_or_404(
        Mentorship.objects.select_related("program", "mentor", "mentee"), pk=pk
    )
    if not permissions.can_view_checkins(user, mentorship):
        raise Http404
    return mentorship


def _get_pair_mentorship(user, pk: int, rule) -> Mentorship:
    """The pair's own pages: admins may know the mentorship (403), anyone else gets a 404."""
    mentorship = _get_mentorship_for_user(user, pk)
    if not rule(user, mentorship):
        raise PermissionDenied("This belongs to the two people in the mentorship.")
    return mentorship


def _get_managed_program(user, slug: str) -> Program:
    program = get_object_or_404(Program, slug=slug)
    if not permissions.can_manage_health_settings(user, program):
        if program.status == ProgramStatus.DRAFT or not user.is_authenticated:
            raise Http404
        raise PermissionDenied
    return program


# --- a mentorship's check-ins tab ------------------------------------------------------------


@login_required
@require_GET
def checkins(request, pk: int):
    mentorship = _get_mentorship_for_user(request.user, pk)
    return _render_checkins(request, mentorship)


def _render_checkins(request, mentorship: Mentorship, action_form=None, status: int = 200):
    user = request.user
    context = mentorship_context(user, mentorship, "checkins")
    context["rounds"] = _rounds_as_seen_by(user, mentorship)
    context["rating_labels"] = [RATING_LABELS[name] for name in RATINGS]
    context["cadence"] = _cadence(mentorship)
    if context["is_partner"]:
        context["my_open"] = (
            CheckIn.objects.open().filter(mentorship=mentorship, respondent=user).first()
        )
        context["counts"] = _pair_counts(mentorship)
    if permissions.can_view_health(user, mentorship):
        context.update(_health_context(mentorship, action_form or RiskActionForm()))
    return render(request, "health/checkins.html", context, status=status)


def _rounds_as_seen_by(user, mentorship: Mentorship) -> list[dict]:
    """Each round, and each side's check-in with only what this viewer may read."""
    order = [mentorship.mentor_id, mentorship.mentee_id]
    if mentorship.involves(user) and user.pk != order[0]:
        order.reverse()  # "you" first
    rounds = {}
    managing = permissions.can_view_health(user, mentorship)
    for checkin in mentorship.checkins.select_related("respondent").order_by("-round", "pk"):
        entry = rounds.setdefault(checkin.round, {"round": checkin.round, "due_on": checkin.due_on})
        entry.setdefault("sides", {})[checkin.respondent_id] = permissions.checkin_as_seen_by(
            user, checkin, managing=managing
        )
    for entry in rounds.values():
        entry["sides"] = [entry["sides"][pid] for pid in order if pid in entry["sides"]]
        for side in entry["sides"]:
            if side["ratings"] and side["status"] == CheckInStatus.ANSWERED:
                side["rating_list"] = [(RATING_LABELS[n], side["ratings"][n]) for n in RATINGS]
    return list(rounds.values())


def _cadence(mentorship: Mentorship) -> dict:
    settings = HealthSettings.for_program(mentorship.program)
    cadence = {"settings": settings, "next_due": None, "first_pending": False}
    began = started_on(mentorship)
    if began and mentorship.status == MentorshipStatus.ACTIVE:
        current = settings.current_round(began, timezone.now().date())
        latest = mentorship.checkins.aggregate(latest=Max("round"))["latest"] or 0
        current = max(current, latest)
        cadence["next_due"] = settings.round_due_on(began, current + 1)
        cadence["first_pending"] = current == 0  # or sooner, after the first meeting
    return cadence


def _pair_counts(mentorship: Mentorship) -> dict:
    return {
        "feedback": mentorship.feedback.count(),
        "introductions": mentorship.introductions.count(),
    }


def _health_context(mentorship: Mentorship, action_form) -> dict:
    report = None
    if mentorship.status == MentorshipStatus.ACTIVE:
        report = health_report(mentorship)
    return {
        "health": report,
        "open_risks": list(mentorship.risks.open()),
        "past_risks": list(mentorship.risks.filter(resolved_at__isnull=False)[:10]),
        "actions": mentorship.risk_actions.select_related("by")[:20],
        "action_form": action_form,
        "admin_counts": _pair_counts(mentorship),
    }


@login_required
@require_POST
def risk_action(request, pk: int):
    mentorship = _get_mentorship_for_user(request.user, pk)
    if not permissions.can_act_on_risks(request.user, mentorship):
        raise PermissionDenied
    form = RiskActionForm(request.POST)
    if form.is_valid():
        try:
            action = services.risk_action_record(
                mentorship=mentorship,
                by=request.user,
                kind=form.cleaned_data["kind"],
                note=form.cleaned_data["note"],
                resolve=form.cleaned_data["resolve"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            done = " and resolved its open risks" if action.resolves else ""
            messages.success(request, f"Action recorded{done}.")
            return redirect("health:checkins", pk=mentorship.pk)
    return _render_checkins(request, mentorship, action_form=form, status=400)


# --- answering a check-in --------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def checkin_answer(request, pk: int):
    checkin = get_object_or_404(
        CheckIn.objects.select_related(
            "mentorship__program", "mentorship__mentor", "mentorship__mentee"
        ),
        pk=pk,
    )
    if not permissions.is_author(request.user, checkin):
        raise Http404
    mentorship = checkin.mentorship
    if not permissions.can_answer_checkin(request.user, checkin):
        state = "answered" if checkin.is_answered else "closed"
        messages.info(request, f"This check-in is {state}.")
        return redirect("health:checkins", pk=mentorship.pk)
    partner = mentorship.partner_of(request.user)
    form = CheckInForm(request.POST or None, checkin=checkin, partner=partner)
    if request.method == "POST" and form.is_valid():
        try:
            services.checkin_answer(checkin=checkin, by=request.user, **form.answers())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Thank you: your check-in is saved.")
            return redirect("health:checkins", pk=mentorship.pk)
    context = mentorship_context(request.user, mentorship, "checkins")
    context.update({"checkin": checkin, "form": form})
    status = 400 if request.method == "POST" else 200
    return render(request, "health/checkin_form.html", context, status=status)


@login_required
@require_GET
def my_checkins(request):
    due = CheckIn.objects.due_for(request.user).order_by("due_on")
    answered = (
        CheckIn.objects.answered()
        .filter(respondent=request.user)
        .select_related("mentorship__mentor", "mentorship__mentee", "mentorship__program")
        .order_by("-answered_at")[:10]
    )
    return render(request, "health/my_checkins.html", {"due": due, "answered": answered})


# --- feedback --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def feedback(request, pk: int):
    mentorship = _get_pair_mentorship(request.user, pk, permissions.can_view_feedback)
    can_give = permissions.can_give_feedback(request.user, mentorship)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST":
        if not can_give:
            raise PermissionDenied("Feedback is given while the mentorship is under way.")
        if form.is_valid():
            try:
                services.feedback_give(mentorship=mentorship, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, f"Your feedback was sent to {mentorship.partner_of(request.user)}."
                )
                return redirect("health:feedback", pk=mentorship.pk)
    context = mentorship_context(request.user, mentorship, "checkins")
    context.update(
        {
            "form": form,
            "can_give": can_give,
            "entries": mentorship.feedback.select_related("author", "recipient"),
            "counts": _pair_counts(mentorship),
            "section": "feedback",
        }
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "health/feedback.html", context, status=status)


# --- introductions ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def introductions(request, pk: int):
    mentorship = _get_pair_mentorship(request.user, pk, permissions.can_view_introductions)
    can_record = permissions.can_record_introduction(request.user, mentorship)
    form = IntroductionForm(request.POST or None)
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied("Only the mentor records introductions for the mentee.")
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.introduction_record(
                    mentorship=mentorship,
                    by=request.user,
                    contact=data["contact_email"],
                    contact_name=data["contact_name"],
                    contact_organisation=data["contact_organisation"],
                    purpose=data["purpose"],
                    made_on=data["made_on"],
                )
            except ValidationError as error:
                add_service_errors(form, _contact_as_email(error))
            else:
                messages.success(request, "Introduction recorded.")
                return redirect("health:introductions", pk=mentorship.pk)
    status = 400 if request.method == "POST" else 200
    return _render_introductions(request, mentorship, form, can_record, status=status)


def _contact_as_email(error: ValidationError) -> ValidationError:
    """The service names the contact field `contact`; the form asks for an e-mail."""
    if not hasattr(error, "error_dict"):
        return error
    errors = error.message_dict
    if "contact" in errors:
        errors["contact_email"] = errors.pop("contact")
    return ValidationError(errors)


def _render_introductions(request, mentorship, form, can_record, *, outcome_forms=None, status=200):
    context = mentorship_context(request.user, mentorship, "checkins")
    entries = mentorship.introductions.select_related("made_by", "made_for", "contact")
    can_update = permissions.can_record_outcomes(request.user, mentorship)
    outcome_forms = outcome_forms or {}
    context.update(
        {
            "form": form,
            "can_record": can_record,
            "entries": [
                (i, outcome_forms.get(i.pk) or OutcomeForm(initial={"outcome": i.outcome}))
                for i in entries
            ],
            "can_update": can_update,
            "counts": _pair_counts(mentorship),
            "section": "introductions",
        }
    )
    return render(request, "health/introductions.html", context, status=status)


@login_required
@require_POST
def introduction_outcome(request, pk: int):
    introduction = get_object_or_404(
        Introduction.objects.select_related(
            "mentorship__program", "mentorship__mentor", "mentorship__mentee"
        ),
        pk=pk,
    )
    mentorship = _get_pair_mentorship(
        request.user, introduction.mentorship_id, permissions.can_view_introductions
    )
    if not permissions.can_record_outcome(request.user, introduction):
        raise PermissionDenied("Outcomes are recorded while the mentorship is under way.")
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.introduction_outcome(
                introduction=introduction, by=request.user, outcome=form.cleaned_data["outcome"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Outcome recorded.")
            return redirect("health:introductions", pk=mentorship.pk)
    can_record = permissions.can_record_introduction(request.user, mentorship)
    return _render_introductions(
        request,
        mentorship,
        IntroductionForm(),
        can_record,
        outcome_forms={introduction.pk: form},
        status=400,
    )


# --- the at-risk list ------------------------------------------------------------------------


@login_required
@require_GET
def at_risk(request, slug: str | None = None):
    programs = permissions.at_risk_programs(request.user)
    program = None
    if slug is not None:
        program = _get_managed_program(request.user, slug)
    elif not permissions.can_view_at_risk_list(request.user):
        raise PermissionDenied
    scope = programs.filter(pk=program.pk) if program else programs
    choice = request.GET.get("program", "")
    if program is None and choice:
        scope = scope.filter(slug=choice)
    # Only pairs with an open risk (a pair with no risk at all must not slip in through the
    # outer join), listed from the lowest score, then the oldest open risk.
    open_risks = Risk.objects.open().filter(mentorship=OuterRef("pk"))
    pairs = (
        Mentorship.objects.filter(program__in=scope)
        .filter(Exists(open_risks))
        .select_related("program", "mentor", "mentee", "health")
        .prefetch_related(Prefetch("risks", queryset=Risk.objects.open(), to_attr="open_risks"))
        .annotate(first_opened=Min("risks__opened_at", filter=Q(risks__resolved_at__isnull=True)))
        .order_by("health__score", "first_opened")
    )
    resolved = (
        Risk.objects.filter(mentorship__program__in=scope, resolved_at__isnull=False)
        .select_related(
            "mentorship__mentor", "mentorship__mentee", "mentorship__program", "resolved_by"
        )
        .order_by("-resolved_at")[:20]
    )
    context = {
        "program": program,
        "programs": programs if program is None else None,
        "choice": choice,
        "pairs": pairs,
        "resolved": resolved,
    }
    return render(request, "health/at_risk.html", context)


# --- how the score works --------------------------------------------------------------------


@login_required
@require_GET
def how_the_score_works(request):
    """Every signal in plain words: no black box (open to everyone signed in)."""
    context = {
        "explained": EXPLAINED,
        "default_threshold": default_at_risk_below(),
        "healthy_from": HEALTHY_FROM,
    }
    return render(request, "health/how_the_score_works.html", context)


# --- the program's health settings -----------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def program_settings(request, slug: str):
    program = _get_managed_program(request.user, slug)
    current = HealthSettings.for_program(program)
    form = HealthSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.SETTINGS_FIELDS}
        try:
            services.health_settings_save(program=program, by=request.user, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Health settings saved: they apply from the next check-in.")
            return redirect("health:program_settings", slug=program.slug)
    status = 400 if request.method == "POST" else 200
    context = {
        "program": program,
        "form": form,
        "default_threshold": default_at_risk_below(),
        "at_risk_url": reverse("health:program_at_risk", args=[program.slug]),
    }
    return render(request, "health/settings.html", context, status=status)
