"""The site's URLs plus one page with a chart, for checking Chart.js under the CSP in Chromium
(the apps that draw charts live on other branches)."""

from django.shortcuts import render
from django.urls import path

from tandem.charts import Chart, Series
from tandem.urls import urlpatterns as site_urlpatterns


def chart_page(request):
    chart = Chart(
        id="funnel",
        title="Enrolment funnel",
        labels=["Enrolled", "Approved", "Matched"],
        series=[Series("People", [120, 110, 96])],
    )
    return render(request, "chart_check.html", {"chart": chart})


urlpatterns = [*site_urlpatterns, path("chart-check/", chart_page)]
