from django.urls import path

from tandem.health import views

app_name = "health"
urlpatterns = [
    path("mentorships/<int:pk>/", views.checkins, name="checkins"),
    path("mentorships/<int:pk>/feedback/", views.feedback, name="feedback"),
    path("mentorships/<int:pk>/introductions/", views.introductions, name="introductions"),
    path("mentorships/<int:pk>/actions/", views.risk_action, name="risk_action"),
    path(
        "introductions/<int:pk>/outcome/",
        views.introduction_outcome,
        name="introduction_outcome",
    ),
    path("checkins/", views.my_checkins, name="my_checkins"),
    path("checkins/<int:pk>/", views.checkin_answer, name="checkin_answer"),
    path("at-risk/", views.at_risk, name="at_risk"),
    path("how-the-score-works/", views.how_the_score_works, name="how_the_score_works"),
    path("programs/<slug:slug>/at-risk/", views.at_risk, name="program_at_risk"),
    path("programs/<slug:slug>/settings/", views.program_settings, name="program_settings"),
]
