from django.urls import path

from tandem.insights import views

app_name = "insights"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("report/", views.overview_report, name="report"),
    path("export/<slug:table>.csv", views.export, name="export"),
    path("programs/<slug:slug>/", views.program_dashboard, name="program_dashboard"),
    path("programs/<slug:slug>/report/", views.program_report, name="program_report"),
    path("programs/<slug:slug>/export/<slug:table>.csv", views.export, name="program_export"),
]
