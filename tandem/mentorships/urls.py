from django.urls import path

from tandem.mentorships import views

app_name = "mentorships"
urlpatterns = [
    path("<int:pk>/", views.mentorship_detail, name="detail"),
]
