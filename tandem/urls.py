from django.contrib import admin
from django.urls import include, path, re_path

from tandem import views
from tandem.api import errors as api_errors
from tandem.api.v1 import api as api_v1

urlpatterns = [
    path("", views.home, name="home"),
    path("manage/", views.admin_home, name="admin_home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("people/", include("tandem.people.urls")),
    path("programs/", include("tandem.programs.urls")),
    path("matching/", include("tandem.matching.urls")),
    path("mentorships/", include("tandem.mentorships.urls")),
    path("growth/", include("tandem.growth.urls")),
    path("meetings/", include("tandem.meetings.urls")),
    path("health/", include("tandem.health.urls")),
    path("insights/", include("tandem.insights.urls")),
    path("notifications/", include("tandem.notifications.urls")),
    path("api/v1/", api_v1.urls),
    re_path(r"^api/v1/", api_errors.not_found, name="api_not_found"),
    path("api-tokens/", include("tandem.api.urls")),
    path("audit/", include("tandem.audit.urls")),
    path("privacy/", include("tandem.privacy.urls")),
    path("django-admin/", admin.site.urls),
]
