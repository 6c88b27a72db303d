"""The growth hub: a person's own goals, plans and assessments in one place."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tandem.growth.models import (
    Assessment,
    AssessmentStatus,
    DevelopmentPlan,
    Goal,
    PlanStatus,
    Rater,
)
from tandem.mentorships.models import Mentorship, MentorshipStatus


@login_required
@require_GET
def growth_home(request):
    user = request.user
    mentorships = (
        Mentorship.objects.involving(user)
        .exclude(status__in=[MentorshipStatus.PROPOSED, MentorshipStatus.DECLINED])
        .select_related("program", "mentor", "mentee")
    )
    goals = (
        Goal.objects.filter(owner=user)
        .select_related("mentorship__program")
        .with_milestone_counts()
        .order_by("status", "target_date")
    )
    context = {
        "today": timezone.localdate(),
        "mentorships": [(m, m.partner_of(user), m.is_growing(user)) for m in mentorships],
        "goals": goals,
        "plans": DevelopmentPlan.objects.filter(owner=user).select_related(
            "mentorship__program", "mentorship__mentor", "mentorship__mentee"
        ),
        "to_review": DevelopmentPlan.objects.filter(
            Q(mentorship__mentor=user) | Q(mentorship__mentee=user),
            status=PlanStatus.SUBMITTED,
        )
        .exclude(owner=user)
        .select_related("owner"),
        "assessments": Assessment.objects.filter(subject=user).select_related("mentorship"),
        "to_rate": Rater.objects.filter(
            person=user, answered_at__isnull=True, assessment__status=AssessmentStatus.OPEN
        ).select_related("assessment__subject"),
    }
    return render(request, "growth/home.html", context)
