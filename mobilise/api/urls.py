from django.urls import path

from .views import docs, jobs, public, resources, staff, tokens, webhooks, webhooks_api

app_name = "api"

P = "projects/<int:pk>/"
urlpatterns = [
    path("schema/", docs.Schema.as_view(), name="schema"),
    path("docs/", docs.docs, name="docs"),
    path("tokens/new/", tokens.new_token, name="token-new"),
    path("tokens/<int:pk>/revoke/", tokens.revoke_token, name="token-revoke"),
    path("account/webhooks/new/", webhooks.new_webhook, name="webhook-new"),
    path("account/webhooks/<int:pk>/", webhooks.webhook, name="webhook"),
    path("account/webhooks/<int:pk>/test/", webhooks.send_test, name="webhook-test"),
    path("account/webhooks/<int:pk>/enable/", webhooks.enable, name="webhook-enable"),
    path("account/webhooks/<int:pk>/delete/", webhooks.delete, name="webhook-delete"),
    path("webhooks/", webhooks_api.WebhookList.as_view(), name="webhooks"),
    path("webhooks/<int:pk>/", webhooks_api.WebhookDetail.as_view(), name="webhook-detail"),
    path("webhooks/<int:pk>/test/", webhooks_api.WebhookTest.as_view(), name="webhook-send-test"),
    path("webhooks/<int:pk>/deliveries/", webhooks_api.WebhookDeliveries.as_view(), name="webhook-deliveries"),
    path("case-studies/", public.CaseStudyList.as_view(), name="case-studies"),
    path("case-studies/<slug:slug>/", public.CaseStudyDetail.as_view(), name="case-study"),
    path("support/requests/", staff.RequestList.as_view(), name="support-requests"),
    path("support/requests/<int:request_pk>/", staff.RequestDetail.as_view(), name="support-request"),
    path("support/cases/", staff.CaseList.as_view(), name="support-cases"),
    path("support/cases/<int:case_pk>/", staff.CaseDetail.as_view(), name="support-case"),
    path("events/", staff.EventList.as_view(), name="events"),
    path("events/<int:event_pk>/", staff.EventDetail.as_view(), name="event"),
    path("events/<int:event_pk>/registrations/", staff.RegistrationList.as_view(), name="registrations"),
    path(
        "events/<int:event_pk>/registrations/<int:registration_pk>/",
        staff.RegistrationDetail.as_view(),
        name="registration",
    ),
    path("projects/", resources.ProjectList.as_view(), name="projects"),
    path(P, resources.ProjectDetail.as_view(), name="project"),
    path(P + "logic-model/", resources.LogicModel.as_view(), name="logic-model"),
    path(P + "stakeholders/", resources.StakeholderList.as_view(), name="stakeholders"),
    path(P + "stakeholders/<int:stakeholder_pk>/", resources.StakeholderDetail.as_view(), name="stakeholder"),
    path(P + "indicators/", resources.IndicatorList.as_view(), name="indicators"),
    path(P + "indicators/<int:indicator_pk>/", resources.IndicatorDetail.as_view(), name="indicator"),
    path(P + "indicators/<int:indicator_pk>/actuals/", resources.ActualsPush.as_view(), name="actuals"),
    path(P + "interactions/", jobs.InteractionList.as_view(), name="interactions"),
    path(P + "interactions/<int:interaction_pk>/", jobs.InteractionDetail.as_view(), name="interaction"),
    path(P + "actions/", jobs.ActionList.as_view(), name="actions"),
    path(P + "actions/<int:action_pk>/", jobs.ActionDetail.as_view(), name="action"),
    path(P + "findings/", jobs.FindingList.as_view(), name="findings"),
    path(P + "findings/<int:finding_pk>/", jobs.FindingDetail.as_view(), name="finding"),
    path(P + "outputs/", jobs.OutputList.as_view(), name="outputs"),
    path(P + "outputs/<int:output_pk>/", jobs.OutputDetail.as_view(), name="output"),
    path(P + "impact-claims/", jobs.ClaimList.as_view(), name="claims"),
    path(P + "impact-claims/<int:claim_pk>/", jobs.ClaimDetail.as_view(), name="claim"),
]
