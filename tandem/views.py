"""The two home pages and the health check; each domain's pages live in its app."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tandem.mentorships.views import home_mentoring
from tandem.people.models import Profile, User
from tandem.people.services import profile_get_or_create
from tandem.programs.models import Enrollment, EnrollmentStatus, Program


@require_GET
def healthz(request):
    """200 when the database answers, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 — any database failure means unhealthy
        return JsonResponse({"status": "error", "database": str(error)[:200]}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_required
@require_GET
def home(request):
    profile = profile_get_or_create(user=request.user)
    enrollments = (
        Enrollment.objects.filter(person=request.user)
        .exclude(status=EnrollmentStatus.WITHDRAWN)
        .select_related("program")
    )
    enrolled_ids = {e.program_id for e in enrollments}
    open_programs = Program.objects.open_for_enrollment().exclude(pk__in=enrolled_ids)
    return render(
        request,
        "home.html",
        {
            "profile": profile,
            "profile_completion": _profile_completion(profile),
            "enrollments": enrollments,
            "open_programs": open_programs,
            **home_mentoring(request.user),
        },
    )


@login_required
@require_GET
def admin_home(request):
    programs = Program.objects.managed_by(request.user)
    if not (request.user.is_global_admin or programs.exists()):
        raise PermissionDenied
    programs = programs.prefetch_related("enrollments").order_by("status", "-start_date")
    pending = Enrollment.objects.filter(
        program__in=programs, status=EnrollmentStatus.PENDING
    ).count()
    return render(
        request,
        "admin_home.html",
        {
            "programs": programs,
            "pending_enrollments": pending,
            "people_count": User.objects.filter(is_active=True).count(),
        },
    )


def _profile_completion(profile: Profile) -> int:
    """Percent of the profile sections that matching uses which the person has filled in."""
    checks = [
        bool(profile.title),
        bool(profile.bio),
        bool(profile.career_goals),
        profile.department_id is not None,
        profile.languages.exists(),
        profile.skills.exists(),
        profile.wanted_skills.exists() or profile.skills.filter(offers_mentoring=True).exists(),
        profile.interests.exists(),
    ]
    return round(100 * sum(checks) / len(checks))
