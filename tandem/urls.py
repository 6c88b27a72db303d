from django.contrib import admin
from django.urls import include, path

from tandem import views

urlpatterns = [
    path("", views.home, name="home"),
    path("manage/", views.admin_home, name="admin_home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("people/", include("tandem.people.urls")),
    path("programs/", include("tandem.programs.urls")),
    path("notifications/", include("tandem.notifications.urls")),
    path("django-admin/", admin.site.urls),
]
