from django.urls import path

from . import views, views_feedback

app_name = "evaluation"
urlpatterns = [
    path("", views.home, name="home"),
    path("questions/new/", views.question_form, name="question-new"),
    path("questions/<int:question_pk>/", views.question_form, name="question"),
    path("indicators/new/", views.indicator_form, name="indicator-new"),
    path("indicators/<int:indicator_pk>/", views.indicator_detail, name="indicator"),
    path("indicators/<int:indicator_pk>/edit/", views.indicator_form, name="indicator-edit"),
    path("indicators/<int:indicator_pk>/periods/new/", views.period_form, name="period-new"),
    path("indicators/<int:indicator_pk>/periods/<int:period_pk>/", views.period_form, name="period"),
    path("indicators/<int:indicator_pk>/values/", views.actuals_form, name="actuals"),
    path("indicators/<int:indicator_pk>/import/", views.import_actuals, name="import"),
    path("feedback/new/", views_feedback.form_edit, name="form-new"),
    path("feedback/<int:form_pk>/", views_feedback.form_detail, name="form"),
    path("feedback/<int:form_pk>/edit/", views_feedback.form_edit, name="form-edit"),
    path("feedback/<int:form_pk>/responses.csv", views_feedback.responses_csv, name="responses-csv"),
]
