from django.urls import path

from . import views

app_name = "portfolio"
urlpatterns = [
    path("", views.programme, name="programme"),
    path("export.xlsx", views.programme_export, name="programme-export"),
    path("evidence-gaps/", views.gaps, name="gaps"),
    path("report/", views.report, name="report"),
    path("report.<str:fmt>", views.report_export, name="report-export"),
]
