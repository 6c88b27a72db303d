"""Meetings, notes, action items and calendar feeds."""

from django.urls import path

from tandem.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.my_meetings, name="mine"),
    path("preferences/", views.preferences, name="preferences"),
    path("preferences/calendar/reset/", views.feed_reset, name="feed_reset"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
    path("mentorship/<int:pk>/", views.meeting_list, name="list"),
    path("mentorship/<int:pk>/propose/", views.meeting_propose, name="propose"),
    path("mentorship/<int:pk>/series/new/", views.series_propose, name="series_propose"),
    path("series/<int:pk>/", views.series_detail, name="series"),
    path("series/<int:pk>/answer/", views.series_answer, name="series_answer"),
    path("series/<int:pk>/invitation.ics", views.series_ics, name="series_ics"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/accept/", views.meeting_accept, name="accept"),
    path("<int:pk>/reschedule/", views.meeting_reschedule, name="reschedule"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/cancel/", views.meeting_cancel, name="cancel"),
    path("<int:pk>/attendance/", views.meeting_attendance, name="attendance"),
    path("<int:pk>/notes/shared/", views.shared_note_save, name="shared_notes"),
    path("<int:pk>/notes/private/", views.private_note_save, name="private_notes"),
    path("<int:pk>/action-items/", views.action_item_add, name="action_item_add"),
    path("action-items/<int:pk>/", views.action_item_toggle, name="action_item_toggle"),
    path("<int:pk>/invitation.ics", views.meeting_ics, name="ics"),
]
