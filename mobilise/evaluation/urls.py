from django.urls import path

from . import views, views_feedback, views_impact, views_report

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
    path("feedback/<int:form_pk>/questions/<int:question_pk>/", views_feedback.question_edit, name="form-question"),
    path("feedback/<int:form_pk>/responses.csv", views_feedback.responses_csv, name="responses-csv"),
    path("impact/", views_impact.impact, name="impact"),
    path("impact/claims/new/", views_impact.claim_form, name="claim-new"),
    path("impact/claims/<int:claim_pk>/", views_impact.claim_detail, name="claim"),
    path("impact/claims/<int:claim_pk>/edit/", views_impact.claim_form, name="claim-edit"),
    path("impact/evidence/<int:evidence_pk>/", views_impact.evidence_edit, name="evidence"),
    path("impact/evidence/<int:evidence_pk>/file/", views_impact.evidence_file, name="evidence-file"),
    path("learning/new/", views_impact.learning_form, name="learning-new"),
    path("learning/<int:entry_pk>/", views_impact.learning_form, name="learning"),
    path("report.<str:fmt>", views_report.report_export, name="report"),
    path("case-study/", views_report.case_study, name="case-study"),
    path("case-study/count/<str:name>/", views_report.case_study_count, name="case-study-count"),
    path("case-study.<str:fmt>", views_report.case_study_export, name="case-study-export"),
]
