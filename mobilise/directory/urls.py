from django.urls import path

from . import views

app_name = "directory"
urlpatterns = [
    path("", views.organisations, name="organisations"),
    path("organisations/new/", views.organisation_form, name="organisation-new"),
    path("organisations/<int:pk>/", views.organisation, name="organisation"),
    path("organisations/<int:pk>/edit/", views.organisation_form, name="organisation-edit"),
    path("people/", views.people, name="people"),
    path("people/new/", views.person_form, name="person-new"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/<int:pk>/edit/", views.person_form, name="person-edit"),
    path("organisations/<int:pk>/history/", views.history, {"kind": "organisations"}, name="organisation-history"),
    path("people/<int:pk>/history/", views.history, {"kind": "people"}, name="person-history"),
]
