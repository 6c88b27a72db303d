from django.urls import path

from tandem.programs import views

app_name = "programs"
urlpatterns = [
    path("", views.program_list, name="list"),
    path("new/", views.program_create, name="create"),
    path("enrollments/<int:pk>/withdraw/", views.enrollment_withdraw_view, name="withdraw"),
    path("<slug:slug>/", views.program_detail, name="detail"),
    path("<slug:slug>/edit/", views.program_edit, name="edit"),
    path("<slug:slug>/status/", views.program_transition_view, name="transition"),
    path("<slug:slug>/enroll/", views.program_enroll, name="enroll"),
    path("<slug:slug>/enrollments/", views.program_enrollments, name="enrollments"),
    path(
        "<slug:slug>/enrollments/<int:pk>/decide/",
        views.enrollment_decide_view,
        name="decide",
    ),
    path("<slug:slug>/enrollments/decide/", views.enrollment_decide_bulk, name="decide_bulk"),
]
