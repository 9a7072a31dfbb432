from django.urls import path

from . import views, views_insights, views_timeline, views_workshops

app_name = "engagement"
W = "workshops/<int:workshop_pk>/"
urlpatterns = [
    path("", views.due_list, name="due"),
    path("log/", views.log, name="log"),
    path("import/", views.import_email, name="import"),
    path("timeline/", views_timeline.project_timeline, name="timeline"),
    path(
        "stakeholders/<int:stakeholder_pk>/timeline/", views_timeline.stakeholder_timeline, name="stakeholder-timeline"
    ),
    path("interactions/<int:interaction_pk>/", views.interaction, name="interaction"),
    path("interactions/<int:interaction_pk>/remove/", views.remove_interaction, name="interaction-remove"),
    path("interactions/<int:interaction_pk>/actions/", views.add_action, name="interaction-action"),
    path("interactions/<int:interaction_pk>/files/", views.add_file, name="interaction-file"),
    path("actions/<int:action_pk>/status/", views.action_status, name="action-status"),
    path("files/<int:file_pk>/", views.download, name="file"),
    path("files/<int:file_pk>/remove/", views.remove_file, name="file-remove"),
    path("workshops/", views_workshops.workshops, name="workshops"),
    path("workshops/new/", views_workshops.workshop_form, name="workshop-new"),
    path(W, views_workshops.workshop, name="workshop"),
    path(W + "edit/", views_workshops.workshop_form, name="workshop-edit"),
    path(W + "agenda/", views_workshops.add_agenda_item, name="agenda-add"),
    path(W + "agenda/<int:item_pk>/remove/", views_workshops.remove_agenda_item, name="agenda-remove"),
    path(W + "invite/", views_workshops.invite, name="invite"),
    path(W + "invitations/<int:invitation_pk>/remove/", views_workshops.uninvite, name="uninvite"),
    path(W + "send/", views_workshops.send, name="send"),
    path(W + "replies/", views_workshops.replies, name="replies"),
    path(W + "notes/", views_workshops.notes, name="notes"),
    path(W + "actions/", views_workshops.add_action, name="workshop-action"),
    path(W + "materials/", views_workshops.add_material, name="material"),
    path(W + "<str:kind>.<str:fmt>", views_workshops.export, name="workshop-export"),
    path("gaps/", views_insights.insights, name="insights"),
    path("gaps/new/", views_insights.insight_form, name="insight-new"),
    path("gaps/<int:insight_pk>/edit/", views_insights.insight_form, name="insight-edit"),
    path("gaps/<int:insight_pk>/project/", views_insights.to_project, name="insight-project"),
]
