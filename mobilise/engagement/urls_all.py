from django.urls import path

from . import views

app_name = "engagement_all"
urlpatterns = [path("", views.due_everywhere, name="due")]
