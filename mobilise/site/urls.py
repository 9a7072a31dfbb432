from django.urls import path

from . import views

urlpatterns = [
    # One address for everyone: the public home for visitors, the dashboard once signed in.
    path("", views.home, name="dashboard"),
    path("about/", views.about, name="about"),
    path("privacy/", views.privacy, name="privacy"),
]
