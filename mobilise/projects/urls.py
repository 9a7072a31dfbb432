from django.urls import path

from . import public_views, views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("projects/new/", views.project_new, name="project-new"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project-edit"),
    path("projects/<int:pk>/team/", views.project_team, name="project-team"),
    path("projects/<int:pk>/team/<int:member_pk>/", views.project_member, name="project-member"),
    path(
        "projects/<int:pk>/team/invitations/<int:invitation_pk>/revoke/",
        views.invitation_revoke,
        name="project-invitation-revoke",
    ),
    path("projects/<int:pk>/history/", views.project_history, name="project-history"),
    path("invitations/<str:token>/", public_views.invitation, name="invitation"),
]
