from django.urls import path

from .views import public, staff

urlpatterns = [
    path("projects/new/", staff.project_new, name="project-new"),
    path("projects/<int:pk>/", staff.project_detail, name="project"),
    path("projects/<int:pk>/edit/", staff.project_edit, name="project-edit"),
    path("projects/<int:pk>/team/", staff.project_team, name="project-team"),
    path("projects/<int:pk>/team/<int:member_pk>/", staff.project_member, name="project-member"),
    path(
        "projects/<int:pk>/team/invitations/<int:invitation_pk>/revoke/",
        staff.invitation_revoke,
        name="project-invitation-revoke",
    ),
    path("projects/<int:pk>/history/", staff.project_history, name="project-history"),
    path("invitations/<str:token>/", public.invitation, name="invitation"),
]
