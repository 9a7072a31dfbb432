from django.urls import path

from . import views

app_name = "outputs"
urlpatterns = [
    path("", views.home, name="home"),
    path("findings/new/", views.finding_form, name="finding-new"),
    path("findings/<int:finding_pk>/", views.finding_form, name="finding"),
    path("findings/<int:finding_pk>/hear/", views.hear, name="finding-hear"),
    path("audiences/new/", views.audience_form, name="audience-new"),
    path("audiences/<int:audience_pk>/", views.audience_form, name="audience"),
    path("new/", views.output_new, name="output-new"),
    path("<int:output_pk>/", views.output_detail, name="output"),
    path("<int:output_pk>/edit/", views.output_edit, name="edit"),
    path("<int:output_pk>/readability/", views.readability_check, name="readability"),
    path("<int:output_pk>/action/", views.output_action, name="action"),
    path("<int:output_pk>/review/", views.review_request, name="review"),
    path("<int:output_pk>/versions/", views.versions, name="versions"),
    path("<int:output_pk>/send/", views.send, name="send"),
    path("<int:output_pk>/export.<str:fmt>", views.export, name="export"),
]
