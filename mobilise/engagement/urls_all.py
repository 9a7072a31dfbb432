from django.urls import path

from .views import dialogue

app_name = "engagement_all"
urlpatterns = [path("", dialogue.due_everywhere, name="due")]
