from django.urls import path

from .views import docs, resources, tokens

app_name = "api"

P = "projects/<int:pk>/"
urlpatterns = [
    path("schema/", docs.Schema.as_view(), name="schema"),
    path("docs/", docs.docs, name="docs"),
    path("tokens/new/", tokens.new_token, name="token-new"),
    path("tokens/<int:pk>/revoke/", tokens.revoke_token, name="token-revoke"),
    path("projects/", resources.ProjectList.as_view(), name="projects"),
    path(P, resources.ProjectDetail.as_view(), name="project"),
    path(P + "logic-model/", resources.LogicModel.as_view(), name="logic-model"),
    path(P + "stakeholders/", resources.StakeholderList.as_view(), name="stakeholders"),
    path(P + "stakeholders/<int:stakeholder_pk>/", resources.StakeholderDetail.as_view(), name="stakeholder"),
    path(P + "indicators/", resources.IndicatorList.as_view(), name="indicators"),
    path(P + "indicators/<int:indicator_pk>/", resources.IndicatorDetail.as_view(), name="indicator"),
    path(P + "indicators/<int:indicator_pk>/actuals/", resources.ActualsPush.as_view(), name="actuals"),
]
