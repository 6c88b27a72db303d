from django.urls import path

from tandem.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.my_data, name="my_data"),
    path("my-data.json", views.my_data_download, name="download"),
    path("erase/", views.erasure, name="erasure"),
]
