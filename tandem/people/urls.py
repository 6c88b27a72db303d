from django.urls import path

from tandem.people import views

app_name = "people"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("me/", views.profile_edit, name="profile_edit"),
    path("<int:user_id>/", views.profile, name="profile"),
    path("<int:user_id>/edit/", views.profile_edit_other, name="profile_edit_other"),
    path("search/", views.person_search, name="person_search"),
    path("skills/", views.skill_list, name="skills"),
    path("skills/new/", views.skill_edit, name="skill_create"),
    path("skills/<int:pk>/", views.skill_edit, name="skill_edit"),
    path("skills/categories/", views.category_create, name="category_create"),
    path("skills/search/", views.skill_search, name="skill_search"),
    path("skills/row/", views.skill_row, name="skill_row"),
    path("import/", views.people_import, name="import"),
    path("export.csv", views.people_export, name="export"),
]
