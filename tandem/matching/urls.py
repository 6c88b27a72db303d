from django.urls import path

from tandem.matching import views

app_name = "matching"
urlpatterns = [
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/progress/", views.run_progress, name="run_progress"),
    path("runs/<int:pk>/publish/", views.run_publish, name="publish"),
    path("runs/<int:pk>/preview/", views.pair_preview_view, name="preview"),
    path(
        "runs/<int:pk>/unmatched/<int:enrollment_pk>/pair/", views.unmatched_pair_view, name="pair"
    ),
    path("proposals/<int:pk>/swap/", views.proposal_swap_view, name="swap"),
    path("proposals/<int:pk>/remove/", views.proposal_remove_view, name="remove"),
    path("<slug:slug>/", views.program_matching, name="program"),
    path("<slug:slug>/runs/", views.run_create, name="run_create"),
    path("<slug:slug>/compare/", views.run_compare, name="compare"),
]
