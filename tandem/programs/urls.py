from django.urls import path

from tandem.programs import views

app_name = "programs"
urlpatterns = [
    path("", views.program_list, name="list"),
    path("new/", views.program_create, name="create"),
    path("<slug:slug>/", views.program_detail, name="detail"),
    path("<slug:slug>/enrollments/", views.program_enrollments, name="enrollments"),
]
