from django.urls import path

from tandem.insights import views

app_name = "insights"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("report/", views.overview_report, name="report"),
    path("export/<slug:table>.csv", views.export, name="export"),
    path("outcomes/", views.overview_outcomes, name="outcomes"),
    path("outcomes/<slug:table>.csv", views.outcomes_export, name="outcomes_export"),
    path("programs/<slug:slug>/", views.program_dashboard, name="program_dashboard"),
    path("programs/<slug:slug>/outcomes/", views.program_outcomes, name="program_outcomes"),
    path(
        "programs/<slug:slug>/outcomes/<slug:table>.csv",
        views.outcomes_export,
        name="program_outcomes_export",
    ),
    path("programs/<slug:slug>/report/", views.program_report, name="program_report"),
    path("programs/<slug:slug>/export/<slug:table>.csv", views.export, name="program_export"),
]
