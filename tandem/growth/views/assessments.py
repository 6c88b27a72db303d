"""360° assessments: starting, progress, results with their chart, and the rating pages (by
signed link without an account, or in the app for people who have one)."""

import csv
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.charts import Chart, Series
from tandem.growth import permissions, services
from tandem.growth.forms import (
    AssessmentStartForm,
    CoworkersForm,
    GapsForm,
    RatingForm,
    add_service_errors,
)
from tandem.growth.links import LinkRefused, rater_from_link
from tandem.growth.models import Assessment, Rater, RaterGroup
from tandem.growth.results import (
    COWORKER_MINIMUM,
    assessment_change,
    assessment_progress,
    assessment_results,
)
from tandem.growth.views.common import get_mentorship_for_user, report
from tandem.mentorships.views import mentorship_context
from tandem.people.models import User

DEFAULT_DAYS_OPEN = 14


@login_required
@require_GET
def assessments(request, pk):
    mentorship = get_mentorship_for_user(request.user, pk, permissions.can_view_assessments)
    context = mentorship_context(request.user, mentorship, "goals")
    rows = Assessment.objects.filter(mentorship=mentorship).select_related("subject")
    context.update(
        assessments=[(a, assessment_progress(a)) for a in rows],
        subjects=[
            person
            for person in mentorship.people()
            if permissions.can_start_assessment(request.user, mentorship, person)
        ],
    )
    return render(request, "growth/assessments.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_start(request, pk):
    mentorship = get_mentorship_for_user(request.user, pk, permissions.can_view_assessments)
    subject = _subject(request, mentorship)
    if not permissions.can_start_assessment(request.user, mentorship, subject):
        raise PermissionDenied
    is_subject = subject.pk == request.user.pk
    form = AssessmentStartForm(
        request.POST or None,
        program=mentorship.program,
        choose_coworkers=is_subject,
        initial={"closes_on": timezone.localdate() + datetime.timedelta(days=DEFAULT_DAYS_OPEN)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_start(
                mentorship=mentorship,
                subject=subject,
                by=request.user,
                skills=form.skills(),
                closes_on=form.cleaned_data["closes_on"],
                title=form.cleaned_data["title"],
                message=form.cleaned_data["message"],
                coworkers=form.coworker_entries() if is_subject else (),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The assessment is started and the raters are invited.")
            return redirect(assessment)
    context = mentorship_context(request.user, mentorship, "goals")
    context.update(form=form, subject=subject, is_subject=is_subject)
    status = 400 if request.method == "POST" else 200
    return render(request, "growth/assessment_start.html", context, status=status)


def _subject(request, mentorship) -> User:
    wanted = request.GET.get("subject") or request.POST.get("subject")
    if wanted and wanted.isdigit():
        person = next((p for p in mentorship.people() if p.pk == int(wanted)), None)
        if person is None:
            raise Http404
        return person
    return request.user if mentorship.is_growing(request.user) else mentorship.mentee


# --- one assessment --------------------------------------------------------------------------


def _get_assessment_for_user(user, pk: int) -> Assessment:
    assessment = get_object_or_404(
        Assessment.objects.select_related(
            "subject",
            "started_by",
            "mentorship__program",
            "mentorship__mentor",
            "mentorship__mentee",
        ),
        pk=pk,
    )
    if not permissions.can_view_assessment(user, assessment):
        raise Http404
    return assessment


@login_required
@require_GET
def assessment_detail(request, pk):
    assessment = _get_assessment_for_user(request.user, pk)
    context = mentorship_context(request.user, assessment.mentorship, "goals")
    context.update(
        assessment=assessment,
        is_subject=assessment.subject_id == request.user.pk,
        progress=assessment_progress(assessment),
        competencies=assessment.competencies.select_related("skill"),
        coworkers=assessment.raters.filter(group=RaterGroup.COWORKER).order_by("name", "email"),
        my_invitation=assessment.raters.filter(person=request.user).first(),
        can_manage=permissions.can_manage_assessment(request.user, assessment),
        can_invite=permissions.can_invite_coworkers(request.user, assessment),
        coworkers_form=CoworkersForm(),
        minimum=COWORKER_MINIMUM,
    )
    if assessment.is_closed:
        context.update(_results_context(request.user, assessment))
    return render(request, "growth/assessment_detail.html", context)


def _results_context(user, assessment) -> dict:
    results = assessment_results(assessment)
    before, changes = assessment_change(assessment)
    return {
        "results": results,
        "chart": results_chart(results),
        "gaps": results.gaps(),
        "can_plan": permissions.can_plan_from_gaps(user, assessment) and bool(results.gaps()),
        "before": before,
        "changes": changes,
        "change_chart": change_chart(assessment, changes) if changes else None,
    }


def results_chart(results) -> Chart:
    """A grouped bar per competency: self, mentor, supervisor, co-workers' average (when the
    rule allows it), on the 1–5 scale; the partial shows the same figures as a table."""
    competencies = results.competencies
    series = [
        Series("Self", [c.self_score for c in competencies]),
        Series("Mentor", [c.mentor_score for c in competencies]),
        Series("Supervisor", [c.supervisor_score for c in competencies]),
        Series("Co-workers (average)", [c.coworker_average for c in competencies]),
    ]
    return Chart(
        id=f"assessment-{results.assessment.pk}",
        title="Ratings per competency (1–5)",
        labels=[c.name for c in competencies],
        series=[s for s in series if any(v is not None for v in s.values)],
        kind="bar",
        y_max=5,
        description=results.coworker_note,
    )


def change_chart(assessment, changes) -> Chart:
    return Chart(
        id=f"assessment-change-{assessment.pk}",
        title="Change since the previous assessment (others' view, 1–5)",
        labels=[c.name for c in changes],
        series=[
            Series("Before", [c.others_before for c in changes]),
            Series("Now", [c.others_after for c in changes]),
        ],
        kind="bar",
        y_max=5,
    )


@login_required
@require_POST
def assessment_coworkers(request, pk):
    assessment = _get_assessment_for_user(request.user, pk)
    if not permissions.can_invite_coworkers(request.user, assessment):
        raise PermissionDenied
    form = CoworkersForm(request.POST)
    form.is_valid()
    try:
        raters = services.assessment_invite_coworkers(
            assessment=assessment, by=request.user, coworkers=form.entries()
        )
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, f"{len(raters)} co-worker(s) invited.")
    return redirect(assessment)


@login_required
@require_POST
def assessment_remind(request, pk):
    assessment = _get_assessment_for_user(request.user, pk)
    if not permissions.can_manage_assessment(request.user, assessment):
        raise PermissionDenied
    try:
        count = services.assessment_remind(assessment=assessment, by=request.user)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(
            request,
            f"Reminders sent ({count})."
            if count
            else "Nobody to remind now (raters are reminded at most once a day).",
        )
    return redirect(assessment)


@login_required
@require_POST
def assessment_close(request, pk):
    assessment = _get_assessment_for_user(request.user, pk)
    if not permissions.can_manage_assessment(request.user, assessment):
        raise PermissionDenied
    try:
        services.assessment_close(assessment=assessment, by=request.user)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, "The assessment is closed: here are the results.")
    return redirect(assessment.get_absolute_url() + "#results")


@login_required
@require_POST
def assessment_gaps(request, pk):
    assessment = _get_assessment_for_user(request.user, pk)
    if not permissions.can_plan_from_gaps(request.user, assessment):
        raise PermissionDenied
    gaps = assessment_results(assessment).gaps() if assessment.is_closed else []
    form = GapsForm(request.POST, gaps=gaps)
    form.is_valid()
    chosen = form.cleaned_data.get("skills") or None
    try:
        items = services.assessment_gaps_to_plan(
            assessment=assessment, by=request.user, skill_ids=chosen
        )
    except ValidationError as error:
        report(request, error)
        return redirect(assessment.get_absolute_url() + "#gaps")
    messages.success(
        request,
        f"{len(items)} item(s) added to your development plan."
        if items
        else "These gaps are already in your development plan.",
    )
    return redirect("growth:plan", pk=assessment.mentorship_id)


@login_required
@require_GET
def assessment_export(request, pk):
    """The results as CSV — the same figures as the page, under the same co-worker rule."""
    assessment = _get_assessment_for_user(request.user, pk)
    try:
        results = assessment_results(assessment)
    except ValidationError as error:
        report(request, error)
        return redirect(assessment)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = slugify(assessment.title) or "assessment"
    response["Content-Disposition"] = f'attachment; filename="{name}-results.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "competency",
            "self",
            "mentor",
            "supervisor",
            "coworkers_average",
            "others",
            "gap",
            "gap_kind",
        ]
    )
    for c in results.competencies:
        writer.writerow(
            [
                c.name,
                c.self_score,
                c.mentor_score,
                c.supervisor_score,
                c.coworker_average,
                c.others,
                c.gap,
                c.gap_kind,
            ]
        )
    writer.writerow([])
    writer.writerow([results.coworker_note])
    return response


# --- rating ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def rate(request, token):
    """The rating page behind a signed link: no account needed, one answer per link."""
    try:
        rater = rater_from_link(token)
    except LinkRefused as refusal:
        return _refused(request, refusal)
    return _rating_page(request, rater)


@login_required
@require_http_methods(["GET", "POST"])
def rate_in_app(request, pk):
    """The same page for a rater who has an account; once answered, their own answers."""
    rater = get_object_or_404(
        Rater.objects.select_related("assessment__subject", "assessment__mentorship"), pk=pk
    )
    if not permissions.can_answer_as(request.user, rater):
        raise Http404
    if rater.has_answered:
        return _own_answers(request, rater)
    if not rater.assessment.is_open:
        return _refused(request, LinkRefused("closed"))
    return _rating_page(request, rater)


def _rating_page(request, rater: Rater):
    competencies = rater.assessment.competencies.select_related("skill")
    form = RatingForm(request.POST or None, competencies=competencies)
    if request.method == "POST" and form.is_valid():
        try:
            services.rater_answer(rater=rater, answers=form.answers())
        except LinkRefused as refusal:
            return _refused(request, refusal)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _own_answers(request, rater, thanks=True)
    context = {"rater": rater, "assessment": rater.assessment, "form": form}
    status = 400 if request.method == "POST" else 200
    return render(request, "growth/rate.html", context, status=status)


def _own_answers(request, rater: Rater, thanks: bool = False):
    """What a rater sees of an assessment: their own answers, nothing else."""
    ratings = rater.ratings.select_related("competency__skill")
    context = {"rater": rater, "assessment": rater.assessment, "ratings": ratings, "thanks": thanks}
    return render(request, "growth/rate_done.html", context)


def _refused(request, refusal: LinkRefused):
    return render(request, "growth/link_refused.html", {"refusal": refusal}, status=refusal.status)
