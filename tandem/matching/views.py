"""The matching pages of a program: who is waiting, run a match, read and change its proposals,
compare two runs, publish one. Program admins of the program and global admins only."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Q, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from tandem.charts import Chart, Series
from tandem.matching import permissions
from tandem.matching.factors import constraint_rows, explained_factors, weight_rows
from tandem.matching.forms import CompareForm, PairForm, RunForm
from tandem.matching.models import MatchRun, Proposal, RunStatus, Unmatched
from tandem.matching.problems import mentors_with_room, waiting_mentees
from tandem.matching.results import (
    match_run_compare,
    mentor_loads,
    partner_options,
    run_totals,
    score_bands,
)
from tandem.matching.services import (
    match_run_publish_request,
    match_run_refusal,
    match_run_start,
    pair_preview,
    proposal_add,
    proposal_remove,
    proposal_swap,
)
from tandem.mentorships.models import Mentorship
from tandem.programs.models import Enrollment, EnrollmentStatus, Program

PEOPLE_SHOWN = 100
PROPOSALS_PER_PAGE = 50
PROPOSAL_ORDERS = {
    "mentee": ("mentee_enrollment__person__last_name", "mentee_enrollment__person__first_name"),
    "score": ("score", "pk"),
    "-score": ("-score", "pk"),
}


def _get_program_for_matching(user, slug: str) -> Program:
    program = get_object_or_404(Program, slug=slug)
    permissions.check_can_run_matching(user, program)
    return program


def _get_run_for_user(user, pk: int) -> MatchRun:
    run = get_object_or_404(
        MatchRun.objects.select_related("program", "created_by", "published_by"), pk=pk
    )
    permissions.check_can_run_matching(user, run.program)
    return run


def _get_proposal_for_user(user, pk: int) -> Proposal:
    proposal = get_object_or_404(
        Proposal.objects.with_people().select_related("run__program"), pk=pk
    )
    permissions.check_can_run_matching(user, proposal.run.program)
    return proposal


# --- the program's matching page -------------------------------------------------------------


@login_required
@require_GET
def program_matching(request, slug):
    program = _get_program_for_matching(request.user, slug)
    last_run = (
        None if request.GET.get("defaults") else MatchRun.objects.for_program(program).first()
    )
    form = RunForm(program=program, last_run=last_run)
    return _render_program(request, program, form)


@login_required
@require_POST
def run_create(request, slug):
    program = _get_program_for_matching(request.user, slug)
    form = RunForm(request.POST, program=program)
    if form.is_valid():
        try:
            run = match_run_start(program=program, by=request.user, **form.parameters())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            _announce_run(request, run)
            return redirect(run)
    return _render_program(request, program, form, status=400)


def _announce_run(request, run: MatchRun) -> None:
    if run.status == RunStatus.DONE:
        totals = run_totals(run)
        messages.success(
            request,
            f"Run #{run.number}: {totals.matched} of {totals.people} matched "
            f"({totals.coverage} %). Review the proposals, then publish.",
        )
    elif run.status == RunStatus.FAILED:
        messages.error(request, f"Run #{run.number} failed: {run.error}")
    else:
        messages.info(
            request,
            f"Run #{run.number} takes {run.people_count} people: it runs in the background. "
            "This page follows its progress; you may leave it and come back.",
        )


def _render_program(request, program: Program, form: RunForm, status: int = 200):
    waiting = _people(waiting_mentees(program))
    mentors = _people(mentors_with_room(program)).annotate(left=F("capacity") - F("load"))
    runs = (
        MatchRun.objects.for_program(program)
        .with_totals()
        .select_related("created_by", "published_by")
        .defer("mentee_ids", "mentor_places", "stats")  # large JSON a list does not show
    )
    context = {
        "program": program,
        "peers": program.is_mutual,
        "refusal": match_run_refusal(program),
        "form": form,
        "waiting": waiting[:PEOPLE_SHOWN],
        "waiting_count": waiting.count(),
        "mentors": mentors[:PEOPLE_SHOWN],
        "mentor_count": mentors.count(),
        "places_left": mentors.aggregate(left=Sum(F("capacity") - F("load")))["left"] or 0,
        "pending": program.enrollments.filter(status=EnrollmentStatus.PENDING).count(),
        "paired": Mentorship.objects.open().filter(program=program).count(),
        "people_shown": PEOPLE_SHOWN,
        "threshold": settings.MATCH_RUN_BACKGROUND_ABOVE,
        "runs": runs,
        "compare_form": _compare_form(program, runs),
    }
    return render(request, "matching/program.html", context, status=status)


def _people(enrollments):
    return (
        enrollments.select_related("person__profile__department")
        .prefetch_related("person__profile__languages", "person__profile__wanted_skills__skill")
        .order_by("person__last_name", "person__first_name")
    )


def _compare_form(program: Program, runs) -> CompareForm | None:
    done = [run for run in runs if run.status == RunStatus.DONE]
    if len(done) < 2:
        return None
    return CompareForm(program=program, initial={"a": done[1].pk, "b": done[0].pk})


# --- a run -----------------------------------------------------------------------------------


@login_required
@require_GET
def run_detail(request, pk):
    run = _get_run_for_user(request.user, pk)
    proposals = _proposals_page(run, request.GET)
    if request.htmx and request.htmx.target == "proposals":
        return render(request, "matching/_proposals.html", {"run": run, **proposals})
    context = {"run": run, "program": run.program, **proposals}
    if run.status == RunStatus.DONE:
        context |= _results(run)
    return render(request, "matching/run.html", context)


def _proposals_page(run: MatchRun, query) -> dict:
    proposals = run.proposals.with_people()
    search = query.get("q", "").strip()
    if search:
        proposals = proposals.filter(
            _name_matches("mentee_enrollment", search) | _name_matches("mentor_enrollment", search)
        )
    order = query.get("order", "mentee")
    proposals = proposals.order_by(*PROPOSAL_ORDERS.get(order, PROPOSAL_ORDERS["mentee"]))
    page = Paginator(proposals, PROPOSALS_PER_PAGE).get_page(query.get("page"))
    for proposal in page:
        proposal.factor_rows = explained_factors(proposal.factors, peers=run.peers)
    return {"page": page, "search": search, "order": order}


def _name_matches(side: str, text: str) -> Q:
    person = f"{side}__person__"
    return (
        Q(**{f"{person}first_name__icontains": text})
        | Q(**{f"{person}last_name__icontains": text})
        | Q(**{f"{person}email__icontains": text})
    )


def _results(run: MatchRun) -> dict:
    labels, counts = score_bands(run)
    loads = mentor_loads(run)
    return {
        "totals": run_totals(run),
        "unmatched": run.unmatched.select_related(
            "enrollment__person__profile__department"
        ).order_by("enrollment__person__last_name"),
        "mentors_with_room": [load for load in loads if load.left > 0],
        "places_used": sum(load.proposed for load in loads),
        "weights": weight_rows(run.weights, peers=run.peers),
        "constraints": constraint_rows(run.constraints, peers=run.peers),
        "changes": run.changes.select_related("by")[:50],
        "skipped": run.proposals.with_people().exclude(skipped_reason=""),
        "publish_refusal": match_run_refusal(run.program),
        "chart": Chart(
            id="score-bands",
            title="Proposals by score",
            labels=labels,
            series=[Series("Proposals", counts)],
            unit="pairs",
        ),
    }


@login_required
@require_GET
def run_progress(request, pk):
    """The panel a page polls while a run is solved or published in the background; once
    that is over, the page reloads itself."""
    run = _get_run_for_user(request.user, pk)
    if not run.is_finished:
        return render(request, "matching/_run_progress.html", {"run": run})
    if run.is_publishing:
        return render(request, "matching/_publish_progress.html", {"run": run})
    return HttpResponseClientRefresh()


@login_required
@require_POST
def run_publish(request, pk):
    run = _get_run_for_user(request.user, pk)
    try:
        report = match_run_publish_request(run=run, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(run)
    if report is None:
        messages.info(
            request,
            f"Run #{run.number} is being published in the background. This page follows it; "
            "you will be notified when it is done.",
        )
        return redirect(run)
    text = (
        f"Run #{run.number} is published: {len(report.proposed)} mentorship(s) proposed. "
        "Both people of each pair have been asked to accept."
    )
    if report.skipped:
        text += f" {len(report.skipped)} proposal(s) could not be made: see below."
    messages.success(request, text)
    return redirect(run)


# --- changing proposals by hand --------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def proposal_swap_view(request, pk):
    proposal = _get_proposal_for_user(request.user, pk)
    run = proposal.run
    if not run.is_editable:
        messages.error(request, "This run's proposals can no longer change.")
        return redirect(run)
    person = _kept_person(request, proposal)
    return _pair_page(request, run, person, proposal)


def _kept_person(request, proposal: Proposal) -> Enrollment:
    """Who keeps their place: the mentee; in a peer pair, the peer the admin chose."""
    wanted = request.POST.get("keep") or request.GET.get("keep")
    if proposal.run.peers and wanted == str(proposal.mentor_enrollment_id):
        return proposal.mentor_enrollment
    return proposal.mentee_enrollment


@login_required
@require_http_methods(["GET", "POST"])
def unmatched_pair_view(request, pk, enrollment_pk):
    run = _get_run_for_user(request.user, pk)
    unmatched = get_object_or_404(
        Unmatched.objects.select_related("enrollment__person"), run=run, enrollment_id=enrollment_pk
    )
    if not run.is_editable:
        messages.error(request, "This run's proposals can no longer change.")
        return redirect(run)
    return _pair_page(request, run, unmatched.enrollment, None)


def _pair_page(request, run: MatchRun, person: Enrollment, proposal: Proposal | None):
    options = partner_options(run=run, person=person, replacing=proposal)
    form = PairForm(request.POST or None, options=options, peers=run.peers)
    preview = None
    if request.method == "POST" and form.is_valid():
        partner = next(
            o.enrollment for o in options if o.enrollment.pk == form.cleaned_data["partner"]
        )
        try:
            _save_pair(request, run, person, partner, proposal, form.cleaned_data["override"])
        except ValidationError as error:
            _form_errors(form, error)
            preview = _preview_or_none(run, person, partner, proposal)
        else:
            return redirect(run)
    context = {
        "run": run,
        "program": run.program,
        "proposal": proposal,
        "person": person,
        "form": form,
        "options": options,
        "preview": preview,
        "preview_rows": explained_factors(preview.factors, peers=run.peers) if preview else [],
    }
    return render(request, "matching/pair.html", context, status=400 if form.errors else 200)


def _save_pair(request, run, person, partner, proposal, override: bool) -> None:
    if proposal is None:
        saved = proposal_add(
            run=run, person=person, partner=partner, by=request.user, override=override
        )
    else:
        saved = proposal_swap(
            proposal=proposal, partner=partner, by=request.user, person=person, override=override
        )
    text = f"{person.person} is now paired with {partner.person} ({saved.percent} %)."
    messages.success(request, text)


def _form_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


def _preview_or_none(run, person, partner, proposal):
    try:
        return pair_preview(run=run, person=person, partner=partner, replacing=proposal)
    except ValidationError:
        return None


@login_required
@require_GET
def pair_preview_view(request, pk):
    """The htmx preview: the pair's score, why, and any rule it breaks, before saving."""
    run = _get_run_for_user(request.user, pk)
    person = _enrollment_param(run, request.GET.get("person"))
    partner = _enrollment_param(run, request.GET.get("partner"))
    proposal = run.proposals.filter(pk=_int(request.GET.get("proposal"))).first()
    context = {"run": run}
    if person is None:
        context["error"] = "person: this person is not in the program."
    elif partner is None:
        context["empty"] = True
    else:
        try:
            context["preview"] = pair_preview(
                run=run, person=person, partner=partner, replacing=proposal
            )
        except ValidationError as error:
            context["error"] = " ".join(error.messages)
    if "preview" in context:
        context["preview_rows"] = explained_factors(context["preview"].factors, peers=run.peers)
    status = 400 if "error" in context else 200
    return render(request, "matching/_pair_preview.html", context, status=status)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _enrollment_param(run: MatchRun, value) -> Enrollment | None:
    pk = _int(value)
    if pk is None:
        return None
    return run.program.enrollments.select_related("person").filter(pk=pk).first()


@login_required
@require_POST
def proposal_remove_view(request, pk):
    proposal = _get_proposal_for_user(request.user, pk)
    try:
        proposal_remove(proposal=proposal, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Removed: {proposal}. They are listed as unmatched.")
    return redirect(proposal.run)


# --- two runs side by side -------------------------------------------------------------------


@login_required
@require_GET
def run_compare(request, slug):
    program = _get_program_for_matching(request.user, slug)
    choice = request.GET
    if not (
        "a" in choice and "b" in choice
    ):  # the run asked for (or the latest) and the one before
        choice = _compare_initial(program, _int(choice.get("b") or choice.get("a")))
    form = CompareForm(choice if choice["a"] and choice["b"] else None, program=program)
    comparison = None
    if form.is_bound and form.is_valid():
        try:
            comparison = match_run_compare(a=form.cleaned_data["a"], b=form.cleaned_data["b"])
        except ValidationError as error:
            _form_errors(form, error)
    context = {"program": program, "form": form, "comparison": comparison}
    return render(request, "matching/compare.html", context, status=400 if form.errors else 200)


def _compare_initial(program: Program, chosen: int | None) -> dict:
    """Run B: the one asked for (else the latest); run A: the latest other finished run."""
    runs = list(MatchRun.objects.for_program(program).filter(status=RunStatus.DONE)[:50])
    b = next((run for run in runs if run.pk == chosen), runs[0] if runs else None)
    a = next((run for run in runs if b is not None and run.pk != b.pk), None)
    return {"a": a.pk if a else None, "b": b.pk if b else None}
