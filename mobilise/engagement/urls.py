from django.urls import path

from .views import dialogue, insights, timeline, workshops

app_name = "engagement"
W = "workshops/<int:workshop_pk>/"
urlpatterns = [
    path("", dialogue.due_list, name="due"),
    path("log/", dialogue.log, name="log"),
    path("import/", dialogue.import_email, name="import"),
    path("timeline/", timeline.project_timeline, name="timeline"),
    path("stakeholders/<int:stakeholder_pk>/timeline/", timeline.stakeholder_timeline, name="stakeholder-timeline"),
    path("interactions/<int:interaction_pk>/", dialogue.interaction, name="interaction"),
    path("interactions/<int:interaction_pk>/remove/", dialogue.remove_interaction, name="interaction-remove"),
    path("interactions/<int:interaction_pk>/actions/", dialogue.add_action, name="interaction-action"),
    path("interactions/<int:interaction_pk>/files/", dialogue.add_file, name="interaction-file"),
    path("actions/<int:action_pk>/status/", dialogue.action_status, name="action-status"),
    path("files/<int:file_pk>/", dialogue.download, name="file"),
    path("files/<int:file_pk>/remove/", dialogue.remove_file, name="file-remove"),
    path("workshops/", workshops.workshops, name="workshops"),
    path("workshops/new/", workshops.workshop_form, name="workshop-new"),
    path(W, workshops.workshop, name="workshop"),
    path(W + "edit/", workshops.workshop_form, name="workshop-edit"),
    path(W + "agenda/", workshops.add_agenda_item, name="agenda-add"),
    path(W + "agenda/<int:item_pk>/remove/", workshops.remove_agenda_item, name="agenda-remove"),
    path(W + "agenda/<int:item_pk>/edit/", workshops.edit_agenda_item, name="agenda-edit"),
    path(W + "agenda/<int:item_pk>/move/", workshops.move_agenda_item, name="agenda-move"),
    path(W + "invite/", workshops.invite, name="invite"),
    path(W + "invite/email/", workshops.invite_by_email, name="invite-email"),
    path(W + "invitations/<int:invitation_pk>/remove/", workshops.uninvite, name="uninvite"),
    path(W + "send/", workshops.send, name="send"),
    path(W + "replies/", workshops.replies, name="replies"),
    path(W + "notes/", workshops.notes, name="notes"),
    path(W + "actions/", workshops.add_action, name="workshop-action"),
    path(W + "materials/", workshops.add_material, name="material"),
    path(W + "<str:kind>.<str:fmt>", workshops.export, name="workshop-export"),
    path("gaps/", insights.insights, name="insights"),
    path("gaps/new/", insights.insight_form, name="insight-new"),
    path("gaps/<int:insight_pk>/edit/", insights.insight_form, name="insight-edit"),
    path("gaps/<int:insight_pk>/project/", insights.to_project, name="insight-project"),
]
