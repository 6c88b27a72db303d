"""The pages of mentorships: my mentorships, one mentorship (proposal, lifecycle, history,
reflections), its agreement, finding and requesting a mentor, answering requests, and the
lineage. Thin: fetch what the user may see (a 404 otherwise), call a service, render."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.matching.factors import explained_factors
from tandem.matching.services import mentor_shortlist
from tandem.mentorships import permissions
from tandem.mentorships.forms import (
    AgreementForm,
    DeclineForm,
    MentorSearchForm,
    ReflectionForm,
    RequestAnswerForm,
    RequestForm,
    TransitionForm,
    add_service_errors,
)
from tandem.mentorships.lineage import lineage_draw, personal_lineage, program_lineage
from tandem.mentorships.models import (
    AGREEMENT_TERMS,
    Agreement,
    AgreementSignature,
    Mentorship,
    MentorshipRequest,
    MentorshipStatus,
    Reflection,
)
from tandem.mentorships.services import (
    agreement_initial,
    agreement_save,
    agreement_sign,
    mentor_fits,
    mentorship_accept,
    mentorship_decline,
    mentorship_request_accept,
    mentorship_request_create,
    mentorship_request_decline,
    mentorship_request_withdraw,
    mentorship_transition,
    programs_to_mentor_in,
    reflection_save,
)
from tandem.people.models import ProfileSkill
from tandem.programs.models import (
    Enrollment,
    EnrollmentRole,
    EnrollmentStatus,
    Program,
    ProgramStatus,
)

# --- fetching what the user may see -----------------------------------------------------------


def _get_mentorship_for_user(user, pk: int) -> Mentorship:
    """A mentorship the user may see (the pair, the program's admins); a 404 for anyone else."""
    mentorship = get_object_or_404(
        Mentorship.objects.select_related("program", "mentor", "mentee"), pk=pk
    )
    if not permissions.can_view_mentorship(user, mentorship):
        raise Http404
    return mentorship


def _get_content_for_user(user, pk: int) -> Mentorship:
    """The pair's own pages (agreement, reflection): an admin knows the mentorship exists but
    may not read them (403); anyone else gets a 404."""
    mentorship = _get_mentorship_for_user(user, pk)
    if not permissions.can_view_content(user, mentorship):
        raise PermissionDenied("Only the two people in the mentorship see this page.")
    return mentorship


def _get_proposal_for_partner(user, pk: int) -> Mentorship:
    """Answering a proposal: each person for themself; an admin may look but not answer."""
    mentorship = _get_mentorship_for_user(user, pk)
    if not permissions.is_partner(user, mentorship):
        raise PermissionDenied("Only the two people proposed answer a proposal.")
    return mentorship


def _get_request_for_user(user, pk: int) -> MentorshipRequest:
    request = get_object_or_404(
        MentorshipRequest.objects.select_related(
            "program", "mentor", "mentee", "mentorship", "mentor_enrollment"
        ),
        pk=pk,
    )
    if not permissions.can_view_request(user, request):
        raise Http404
    return request


def _get_requester_for_user(user, slug: str) -> Enrollment:
    """The user's mentee enrollment in a program where mentees choose; 404 if the program is
    not one they can see, 403 if they cannot request there."""
    program = get_object_or_404(Program, slug=slug)
    if program.status == ProgramStatus.DRAFT and not program.is_managed_by(user):
        raise Http404
    enrollment = permissions.requester_enrollment(user, program)
    if enrollment is None:
        raise PermissionDenied(
            "Only approved mentees of a program where mentees choose their mentor can do this."
        )
    return enrollment


def mentorship_context(user, mentorship: Mentorship, tab: str) -> dict:
    """What every page of a mentorship needs for its header and tabs (other apps use it too)."""
    return {
        "mentorship": mentorship,
        "tab": tab,
        "is_partner": permissions.is_partner(user, mentorship),
        "managing": permissions.can_manage_mentorship(user, mentorship),
        "my_role": mentorship.role_of(user),
        "partner": mentorship.partner_of(user) if mentorship.involves(user) else None,
    }


# --- my mentorships, grouped by role ---------------------------------------------------------

ROLE_TITLES = {
    "mentee": "As mentee",
    "mentor": "As mentor",
    "peer": "As peer (each mentors the other)",
}


@dataclass
class RoleGroup:
    role: str
    title: str
    items: list = field(default_factory=list)  # (mentorship, partner, next action)


def mentorships_by_role(user, mentorships) -> list[RoleGroup]:
    """Every mentorship of a person under the role they hold in it, open ones first."""
    groups = {role: RoleGroup(role, title) for role, title in ROLE_TITLES.items()}
    ordered = sorted(
        mentorships, key=lambda m: (m.is_closed, -(m.started_at or m.created_at).timestamp())
    )
    for mentorship in ordered:
        groups[mentorship.role_of(user)].items.append(
            (mentorship, mentorship.partner_of(user), mentorship.next_action(user))
        )
    return [group for group in groups.values() if group.items]


def home_mentoring(user) -> dict:
    """The "My mentoring" section of the home page: each role with its next actions, requests
    to answer or awaiting an answer, where to find a mentor, and the invitation to pass it on."""
    mentorships = list(
        Mentorship.objects.involving(user).exclude(status=MentorshipStatus.DECLINED).with_progress()
    )
    pending = (
        MentorshipRequest.objects.pending()
        .involving(user)
        .select_related("program", "mentor", "mentee")
    )
    return {
        "mentoring_groups": mentorships_by_role(user, mentorships),
        "requests_to_answer": [r for r in pending if r.mentor_id == user.pk],
        "requests_waiting": [r for r in pending if r.mentee_id == user.pk],
        "programs_to_choose_in": _programs_to_choose_in(user),
        "pass_it_on": _pass_it_on(user, mentorships),
    }


def _programs_to_choose_in(user) -> list[Program]:
    """Programs where this person, an approved mentee still without a mentor, can ask one."""
    enrollments = Enrollment.objects.filter(
        person=user, role=EnrollmentRole.MENTEE, status=EnrollmentStatus.APPROVED, load=0
    ).select_related("program")
    return [e.program for e in enrollments if permissions.requester_enrollment(user, e.program)]


def _pass_it_on(user, mentorships) -> list[Program]:
    """Someone who grew in a completed mentorship is invited to mentor next."""
    completed = [
        m for m in mentorships if m.status == MentorshipStatus.COMPLETED and m.is_growing(user)
    ]
    if not completed:
        return []
    done_in = {m.program_id for m in completed}
    return [p for p in programs_to_mentor_in(person=user) if p.pk not in done_in]


@login_required
@require_GET
def mentorship_list(request):
    mentorships = Mentorship.objects.involving(request.user).with_progress()
    pending = MentorshipRequest.objects.pending().involving(request.user)
    return render(
        request,
        "mentorships/list.html",
        {
            "groups": mentorships_by_role(request.user, mentorships),
            "requests_to_answer": pending.filter(mentor=request.user).count(),
            "requests_waiting": pending.filter(mentee=request.user).count(),
        },
    )


# --- one mentorship ---------------------------------------------------------------------------


@login_required
@require_GET
def mentorship_detail(request, pk: int):
    mentorship = _get_mentorship_for_user(request.user, pk)
    return _render_detail(request, mentorship)


def _why_proposed(mentorship: Mentorship) -> dict | None:
    """For a pairing a match run proposed: its one-line reason and factor-by-factor table."""
    proposal = getattr(mentorship, "match_proposal", None) if mentorship.pk else None
    if proposal is None or mentorship.status != MentorshipStatus.PROPOSED:
        return None
    return {
        "explanation": proposal.explanation,
        "rows": explained_factors(proposal.factors or [], peers=mentorship.is_mutual),
    }


def _render_detail(request, mentorship: Mentorship, *, forms=None, status: int = 200):
    user = request.user
    context = mentorship_context(user, mentorship, "overview")
    agreements = list(
        mentorship.agreements.prefetch_related(
            Prefetch("signatures", queryset=_signatures())
        ).order_by("-version")
    )
    reflections = list(mentorship.reflections.select_related("author"))
    context.update(
        events=mentorship.events.select_related("by"),
        latest_agreement=agreements[0] if agreements else None,
        signed_agreement=next((a for a in agreements if len(a.signer_ids()) >= 2), None),
        can_answer=permissions.can_answer_proposal(user, mentorship),
        can_change_status=permissions.can_change_status(user, mentorship),
        can_reflect=permissions.can_reflect(user, mentorship),
        transitions=_transition_forms(mentorship, forms),
        decline_form=(forms or {}).get("decline") or DeclineForm(),
        sides=[_side(mentorship, person, reflections) for person in mentorship.people()],
        reflections=reflections,
        my_reflection=next((r for r in reflections if r.author_id == user.pk), None),
    )
    context["why"] = _why_proposed(mentorship)
    if context["is_partner"]:
        context["next_action"] = mentorship.next_action(user)
        if mentorship.status == MentorshipStatus.COMPLETED and mentorship.is_growing(user):
            context["pass_it_on"] = [
                p for p in programs_to_mentor_in(person=user) if p.pk != mentorship.program_id
            ]
    return render(request, "mentorships/detail.html", context, status=status)


@dataclass
class Side:
    """One of the two people, as the overview shows them: answer to the proposal, reflection."""

    person: object
    label: str
    accepted_at: object
    reflection: Reflection | None


def _side(mentorship: Mentorship, person, reflections: list[Reflection]) -> Side:
    reflection = next((r for r in reflections if r.author_id == person.pk), None)
    return Side(
        person, mentorship.side_label(person), mentorship.accepted_at_of(person), reflection
    )


def _signatures():
    return AgreementSignature.objects.select_related("person")


TRANSITION_ACTIONS = {
    MentorshipStatus.PAUSED: "Pause",
    MentorshipStatus.ACTIVE: "Resume",
    MentorshipStatus.COMPLETED: "Complete",
    MentorshipStatus.ENDED: "End early",
}


def _transition_forms(mentorship: Mentorship, forms) -> list[tuple[str, str, TransitionForm]]:
    """One small form per step the mentorship can take from where it is."""
    allowed = [s for s in TRANSITION_ACTIONS if mentorship.can_transition_to(s)]
    bound = (forms or {}).get("transition")
    result = []
    for status in allowed:
        if bound is not None and bound.prefix == status:
            form = bound
        else:
            initial = {"status": status}
            if status == MentorshipStatus.COMPLETED:
                initial["reason"] = "goals_met"
            form = TransitionForm(initial=initial, prefix=status)
        result.append((status, TRANSITION_ACTIONS[status], form))
    return result


@login_required
@require_POST
def mentorship_accept_view(request, pk: int):
    mentorship = _get_proposal_for_partner(request.user, pk)
    try:
        mentorship = mentorship_accept(mentorship=mentorship, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(mentorship)
    if mentorship.status == MentorshipStatus.ACTIVE:
        messages.success(request, "You both accepted: your mentorship has begun.")
    else:
        messages.success(
            request, f"You accepted. {mentorship.partner_of(request.user)} has yet to answer."
        )
    return redirect(mentorship)


@login_required
@require_POST
def mentorship_decline_view(request, pk: int):
    mentorship = _get_proposal_for_partner(request.user, pk)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            mentorship_decline(
                mentorship=mentorship, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, "You declined. The program's admins will look for another match."
            )
            return redirect(mentorship)
    return _render_detail(request, mentorship, forms={"decline": form}, status=400)


@login_required
@require_POST
def mentorship_transition_view(request, pk: int):
    mentorship = _get_mentorship_for_user(request.user, pk)
    if not permissions.can_change_status(request.user, mentorship):
        raise PermissionDenied("Only the pair or the program's admins change a mentorship.")
    # Each step's form on the page has its own prefix (the step), so its fields stay apart.
    action = request.POST.get("action", "")
    form = TransitionForm(request.POST, prefix=action if action in TRANSITION_ACTIONS else None)
    if form.is_valid():
        try:
            mentorship = mentorship_transition(
                mentorship=mentorship,
                to_status=form.cleaned_data["status"],
                by=request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            state = mentorship.get_status_display().lower()
            messages.success(request, f"The mentorship is now {state}.")
            if permissions.can_reflect(request.user, mentorship):
                return redirect("mentorships:reflection", mentorship.pk)
            return redirect(mentorship)
    return _render_detail(request, mentorship, forms={"transition": form}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def reflection_view(request, pk: int):
    mentorship = _get_content_for_user(request.user, pk)
    if not permissions.can_reflect(request.user, mentorship):
        messages.info(request, "Reflections are written once the mentorship has closed.")
        return redirect(mentorship)
    mine = Reflection.objects.filter(mentorship=mentorship, author=request.user).first()
    form = ReflectionForm(request.POST or None, instance=mine, mentorship=mentorship)
    if request.method == "POST" and form.is_valid():
        try:
            reflection_save(mentorship=mentorship, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Thank you: your reflection is shared with your partner.")
            return redirect(mentorship)
    context = mentorship_context(request.user, mentorship, "overview")
    context["form"] = form
    return render(
        request, "mentorships/reflection.html", context, status=400 if form.errors else 200
    )


# --- the agreement ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def agreement_view(request, pk: int):
    mentorship = _get_content_for_user(request.user, pk)
    versions = _versions(mentorship)
    latest = versions[0][0] if versions else None
    editable = permissions.can_write_agreement(request.user, mentorship)
    initial = {} if latest else agreement_initial(mentorship=mentorship)
    form = AgreementForm(
        request.POST if request.method == "POST" else None,
        instance=_draft_from(latest),
        initial=initial,
        mentorship=mentorship,
    )
    if request.method == "POST":
        if not editable:
            raise PermissionDenied("The agreement of a closed mentorship can no longer change.")
        if form.is_valid():
            terms = {name: form.cleaned_data[name] for name in AGREEMENT_TERMS}
            try:
                saved = agreement_save(mentorship=mentorship, by=request.user, **terms)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"Version {saved.version} saved. Sign it when you both agree; "
                    f"{mentorship.partner_of(request.user)} has been told.",
                )
                return redirect("mentorships:agreement", mentorship.pk)
    context = mentorship_context(request.user, mentorship, "agreement")
    context.update(
        form=form,
        editable=editable,
        latest=latest,
        latest_terms=latest.changes_from(None) if latest else [],
        versions=versions,
        i_signed=bool(latest and request.user.pk in latest.signer_ids()),
        partner_signed=bool(latest and context["partner"].pk in latest.signer_ids()),
    )
    return render(
        request, "mentorships/agreement.html", context, status=400 if form.errors else 200
    )


def _versions(mentorship: Mentorship) -> list[tuple[Agreement, list]]:
    """Every version, newest first, each with what it changed from the one before."""
    agreements = list(
        mentorship.agreements.select_related("created_by")
        .prefetch_related(Prefetch("signatures", queryset=_signatures()))
        .order_by("version")
    )
    previous = [None] + agreements[:-1]
    rows = [(a, a.changes_from(p)) for a, p in zip(agreements, previous, strict=False)]
    return rows[::-1]


def _draft_from(latest: Agreement | None) -> Agreement:
    """The form edits a copy: saving decides whether it is the same draft or a new version."""
    draft = Agreement()
    if latest is not None:
        for name in AGREEMENT_TERMS:
            setattr(draft, name, getattr(latest, name))
    return draft


@login_required
@require_POST
def agreement_sign_view(request, pk: int):
    mentorship = _get_content_for_user(request.user, pk)
    version = request.POST.get("version", "")
    if not (version.isdecimal() and len(version) <= 5 and 0 < int(version) <= 32767):
        messages.error(request, "version: say which version of the agreement you sign.")
        return redirect("mentorships:agreement", mentorship.pk)
    agreement = get_object_or_404(Agreement, mentorship=mentorship, version=int(version))
    try:
        agreement_sign(agreement=agreement, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if len(agreement.signer_ids()) >= 2:
            messages.success(
                request, f"Version {agreement.version} is signed by both of you: it is in force."
            )
        else:
            messages.success(request, "Signed. Your partner's signature is awaited.")
    return redirect("mentorships:agreement", mentorship.pk)


@login_required
@require_GET
def agreement_version_view(request, pk: int, version: int):
    mentorship = _get_content_for_user(request.user, pk)
    versions = {a.version: (a, changes) for a, changes in _versions(mentorship)}
    if version not in versions:
        raise Http404
    agreement, changes = versions[version]
    context = mentorship_context(request.user, mentorship, "agreement")
    context.update(
        agreement=agreement,
        changes=changes if version > 1 else [],
        terms=agreement.changes_from(None),
    )
    return render(request, "mentorships/agreement_version.html", context)


# --- a mentee choosing a mentor ----------------------------------------------------------------

RESULTS_PER_PAGE = 12


@login_required
@require_GET
def find_mentor(request, slug: str):
    mine = _get_requester_for_user(request.user, slug)
    program = mine.program
    form = MentorSearchForm(request.GET or None)
    mentors = _mentor_enrollments(program, request.user)
    if form.is_valid():
        mentors = form.filter(mentors)
    page = Paginator(
        mentors.order_by("person__last_name", "person__first_name"), RESULTS_PER_PAGE
    ).get_page(request.GET.get("page"))
    fits = mentor_fits(mentee_enrollment=mine, mentor_enrollments=page.object_list)
    asked = _asked(request.user, program)
    context = {
        "program": program,
        "mine": mine,
        "form": form,
        "page": page,
        "rows": [(e, fits.get(e.pk), asked.get(e.person_id)) for e in page.object_list],
        "query": _query_without_page(request),
    }
    if request.htmx:
        return render(request, "mentorships/_mentor_results.html", context)
    context["shortlist"] = [] if mine.load else mentor_shortlist(enrollment=mine, limit=5)
    context["pending"] = (
        MentorshipRequest.objects.pending()
        .filter(program=program, mentee=request.user)
        .select_related("mentor")
    )
    return render(request, "mentorships/find.html", context)


def _mentor_enrollments(program: Program, mentee):
    return (
        program.enrollments.mentors()
        .approved()
        .exclude(person=mentee)
        .select_related("person", "person__profile", "person__profile__department")
        .prefetch_related(
            "person__profile__languages",
            Prefetch(
                "person__profile__skills",
                queryset=ProfileSkill.objects.filter(offers_mentoring=True).select_related("skill"),
                to_attr="expertise",
            ),
        )
    )


def _asked(user, program) -> dict[int, MentorshipRequest]:
    """The mentee's pending requests in the program, by mentor."""
    pending = MentorshipRequest.objects.pending().filter(program=program, mentee=user)
    return {r.mentor_id: r for r in pending}


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
@require_http_methods(["GET", "POST"])
def mentor_card(request, slug: str, user_id: int):
    mine = _get_requester_for_user(request.user, slug)
    program = mine.program
    mentor = get_object_or_404(_mentor_enrollments(program, request.user), person_id=user_id)
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = mentorship_request_create(
                mentee=request.user, mentor_enrollment=mentor, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Your request is sent. {mentor.person} has {program.request_expiry_days} days "
                "to answer; you will be told either way.",
            )
            return redirect(sent)
    fit = mentor_fits(mentee_enrollment=mine, mentor_enrollments=[mentor]).get(mentor.pk)
    asked = _asked(request.user, program)
    context = {
        "program": program,
        "mine": mine,
        "mentor": mentor,
        "profile": mentor.person.profile,
        "fit": fit,
        "form": form,
        "already_asked": asked.get(mentor.person_id),
        "at_limit": len(asked) >= program.max_pending_requests,
        "can_request": not mine.load and mentor.has_room and not (fit and fit.broken),
    }
    return render(
        request, "mentorships/mentor_card.html", context, status=400 if form.errors else 200
    )


# --- requests: mine, one, answering -----------------------------------------------------------


@login_required
@require_GET
def request_list(request):
    requests = MentorshipRequest.objects.involving(request.user).select_related(
        "program", "mentor", "mentee", "mentorship"
    )
    received = [r for r in requests if r.mentor_id == request.user.pk]
    sent = [r for r in requests if r.mentee_id == request.user.pk]
    received.sort(key=lambda r: not r.is_pending)
    sent.sort(key=lambda r: not r.is_pending)
    return render(request, "mentorships/requests.html", {"received": received, "sent": sent})


@login_required
@require_GET
def request_detail(request, pk: int):
    mentorship_request = _get_request_for_user(request.user, pk)
    return _render_request(request, mentorship_request, RequestAnswerForm())


def _render_request(request, mentorship_request, answer_form, status: int = 200):
    user = request.user
    return render(
        request,
        "mentorships/request_detail.html",
        {
            "req": mentorship_request,
            "answer_form": answer_form,
            "can_answer": permissions.can_answer_request(user, mentorship_request),
            "can_withdraw": permissions.can_withdraw_request(user, mentorship_request),
            "is_mentor": user.pk == mentorship_request.mentor_id,
        },
        status=status,
    )


@login_required
@require_POST
def request_accept(request, pk: int):
    return _answer(request, pk, accept=True)


@login_required
@require_POST
def request_decline(request, pk: int):
    return _answer(request, pk, accept=False)


def _answer(request, pk: int, *, accept: bool):
    mentorship_request = _get_request_for_user(request.user, pk)
    if request.user.pk != mentorship_request.mentor_id:
        raise PermissionDenied("Only the mentor asked answers a request.")
    form = RequestAnswerForm(request.POST)
    if form.is_valid():
        service = mentorship_request_accept if accept else mentorship_request_decline
        try:
            result = service(
                request=mentorship_request, by=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if accept:
                messages.success(
                    request, f"Your mentorship with {mentorship_request.mentee} has begun."
                )
                return redirect(result)
            messages.success(request, f"You declined; {mentorship_request.mentee} has been told.")
            return redirect("mentorships:requests")
    return _render_request(request, mentorship_request, form, status=400)


@login_required
@require_POST
def request_withdraw(request, pk: int):
    mentorship_request = _get_request_for_user(request.user, pk)
    if request.user.pk != mentorship_request.mentee_id:
        raise PermissionDenied("Only the mentee who sent a request withdraws it.")
    try:
        mentorship_request_withdraw(request=mentorship_request, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(mentorship_request)
    messages.success(request, f"Your request to {mentorship_request.mentor} is withdrawn.")
    return redirect("mentorships:find", mentorship_request.program.slug)


# --- the lineage ------------------------------------------------------------------------------


@login_required
@require_GET
def lineage_view(request):
    user = request.user
    managed = Program.objects.managed_by(user).order_by("-start_date")
    focus = None
    if request.GET.get("program"):
        focus = get_object_or_404(Program.objects.visible_to(user), slug=request.GET["program"])
    admin_view = focus is not None and permissions.can_view_program_lineage(user, focus)
    admin_view = admin_view or (focus is None and managed.exists())
    if admin_view:
        mentorships = program_lineage(programs=managed, focus=focus)
    else:
        mentorships = personal_lineage(person=user)
    lineage = lineage_draw(
        mentorships,
        viewer=user,
        focus=focus,
        can_open=permissions.mentorship_opener(user),
    )
    return render(
        request,
        "mentorships/lineage.html",
        {
            "lineage": lineage,
            "focus": focus,
            "admin_view": admin_view,
            "programs": managed if managed.exists() else _my_programs(user),
        },
    )


def _my_programs(user):
    return (
        Program.objects.filter(mentorships__in=Mentorship.objects.involving(user))
        .distinct()
        .order_by("-start_date")
    )
