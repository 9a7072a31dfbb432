from django.urls import path

from .views import plans

app_name = "plans"
urlpatterns = [
    path("", plans.home, name="home"),
    path("new/", plans.plan_new, name="new"),
    path("<int:plan_pk>/", plans.plan_detail, name="plan"),
    path("<int:plan_pk>/review/", plans.review_request, name="review"),
    path("<int:plan_pk>/status/", plans.plan_status, name="status"),
    path("<int:plan_pk>/costs/", plans.cost_add, name="cost-add"),
    path("<int:plan_pk>/costs/<int:cost_pk>/remove/", plans.cost_remove, name="cost-remove"),
    path("<int:plan_pk>/sections/<slug:key>/", plans.section_edit, name="section"),
    path("<int:plan_pk>/sections/<slug:key>/count/", plans.section_count, name="section-count"),
    path("<int:plan_pk>/sections/<slug:key>/versions/", plans.section_versions, name="section-versions"),
    path("<int:plan_pk>/export.<str:fmt>", plans.plan_export, name="export"),
]
