from django.urls import path

from tandem.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("bell/", views.notification_bell, name="bell"),
    path("read-all/", views.notification_mark_all_read, name="mark_all_read"),
    path("<int:pk>/open/", views.notification_open, name="open"),
]
