"""Goals and milestones, development plans, 360° assessments, training."""

from django.urls import path

from tandem.growth.views import assessments, goals, hub, plans, training

app_name = "growth"
urlpatterns = [
    path("", hub.growth_home, name="home"),
    # goals in a mentorship (the tab), personal goals, one goal
    path("mentorships/<int:pk>/goals/", goals.mentorship_goals, name="goals"),
    path("mentorships/<int:pk>/goals/new/", goals.goal_create, name="goal_create"),
    path("goals/new/", goals.personal_goal_create, name="personal_goal_create"),
    path("goals/<int:pk>/", goals.goal_detail, name="goal_detail"),
    path("goals/<int:pk>/edit/", goals.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/delete/", goals.goal_delete, name="goal_delete"),
    path("goals/<int:pk>/progress/", goals.goal_progress, name="goal_progress"),
    path("goals/<int:pk>/reach/", goals.goal_reach, name="goal_reach"),
    path("goals/<int:pk>/set-aside/", goals.goal_set_aside, name="goal_set_aside"),
    path("goals/<int:pk>/comment/", goals.goal_comment, name="goal_comment"),
    path("goals/<int:pk>/milestones/", goals.milestone_add, name="milestone_add"),
    path("milestones/<int:pk>/reach/", goals.milestone_reach, name="milestone_reach"),
    path("milestones/<int:pk>/delete/", goals.milestone_delete, name="milestone_delete"),
    path(
        "celebrations/<int:pk>/congratulate/",
        goals.celebration_congratulate,
        name="congratulate",
    ),
    # development plans
    path("mentorships/<int:pk>/plan/", plans.plan, name="plan"),
    path("mentorships/<int:pk>/plan/start/", plans.plan_start, name="plan_start"),
    path("mentorships/<int:pk>/plan/<int:owner_id>/", plans.plan_of, name="plan_of"),
    path("plans/<int:pk>/context/", plans.plan_context, name="plan_context"),
    path("plans/<int:pk>/items/", plans.item_create, name="item_create"),
    path("plans/<int:pk>/submit/", plans.plan_submit, name="plan_submit"),
    path("plans/<int:pk>/suggest/", plans.plan_suggest, name="plan_suggest"),
    path("plans/<int:pk>/review/", plans.plan_review, name="plan_review"),
    path("plans/<int:pk>/revise/", plans.plan_revise, name="plan_revise"),
    path("plans/<int:pk>/versions/", plans.plan_versions, name="plan_versions"),
    path("plan-items/<int:pk>/edit/", plans.item_edit, name="item_edit"),
    path("plan-items/<int:pk>/delete/", plans.item_delete, name="item_delete"),
    path("plan-items/<int:pk>/status/", plans.item_status, name="item_status"),
    path("suggestions/<int:pk>/accept/", plans.suggestion_accept, name="suggestion_accept"),
    path("suggestions/<int:pk>/answer/", plans.suggestion_answer, name="suggestion_answer"),
    path("suggestions/<int:pk>/withdraw/", plans.suggestion_withdraw, name="suggestion_withdraw"),
    # 360° assessments
    path("mentorships/<int:pk>/assessments/", assessments.assessments, name="assessments"),
    path(
        "mentorships/<int:pk>/assessments/new/",
        assessments.assessment_start,
        name="assessment_start",
    ),
    path("assessments/<int:pk>/", assessments.assessment_detail, name="assessment_detail"),
    path(
        "assessments/<int:pk>/coworkers/",
        assessments.assessment_coworkers,
        name="assessment_coworkers",
    ),
    path("assessments/<int:pk>/remind/", assessments.assessment_remind, name="assessment_remind"),
    path("assessments/<int:pk>/close/", assessments.assessment_close, name="assessment_close"),
    path("assessments/<int:pk>/gaps/", assessments.assessment_gaps, name="assessment_gaps"),
    path(
        "assessments/<int:pk>/results.csv",
        assessments.assessment_export,
        name="assessment_export",
    ),
    path("rate/<str:token>/", assessments.rate, name="rate"),
    path("ratings/<int:pk>/", assessments.rate_in_app, name="rate_in_app"),
    # training and competencies
    path("training/", training.training_list, name="training"),
    path("training/new/", training.training_create, name="training_create"),
    path("training/<int:pk>/", training.training_detail, name="training_detail"),
    path("training/<int:pk>/edit/", training.training_edit, name="training_edit"),
    path("training/<int:pk>/completed/", training.training_completed, name="training_completed"),
    path("training/<int:pk>/share/", training.training_share, name="training_share"),
    path("competencies/", training.competency_programs, name="competency_programs"),
    path("competencies/<slug:slug>/", training.competencies, name="competencies"),
    path("competencies/remove/<int:pk>/", training.competency_remove, name="competency_remove"),
]
