from django.urls import path

from tandem.mentorships import views

app_name = "mentorships"
urlpatterns = [
    path("", views.mentorship_list, name="list"),
    path("<int:pk>/", views.mentorship_detail, name="detail"),
    path("<int:pk>/accept/", views.mentorship_accept_view, name="accept"),
    path("<int:pk>/decline/", views.mentorship_decline_view, name="decline"),
    path("<int:pk>/transition/", views.mentorship_transition_view, name="transition"),
    path("<int:pk>/reflection/", views.reflection_view, name="reflection"),
    path("<int:pk>/agreement/", views.agreement_view, name="agreement"),
    path("<int:pk>/agreement/sign/", views.agreement_sign_view, name="agreement_sign"),
    path(
        "<int:pk>/agreement/v<int:version>/",
        views.agreement_version_view,
        name="agreement_version",
    ),
    path("find/<slug:slug>/", views.find_mentor, name="find"),
    path("find/<slug:slug>/mentors/<int:user_id>/", views.mentor_card, name="mentor"),
    path("requests/", views.request_list, name="requests"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/accept/", views.request_accept, name="request_accept"),
    path("requests/<int:pk>/decline/", views.request_decline, name="request_decline"),
    path("requests/<int:pk>/withdraw/", views.request_withdraw, name="request_withdraw"),
    path("lineage/", views.lineage_view, name="lineage"),
]
