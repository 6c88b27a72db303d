from django.urls import path

from tandem.people import views

app_name = "people"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("me/", views.profile_edit, name="profile_edit"),
    path("<int:user_id>/", views.profile, name="profile"),
    path("import/", views.people_import, name="import"),
    path("export.csv", views.people_export, name="export"),
]
