from django.urls import path

from .views import advisers

app_name = "plan_templates"
urlpatterns = [
    path("", advisers.templates, name="list"),
    path("new/", advisers.template_new, name="new"),
]
