from django.urls import path

from .views import feedback, impact, indicators, report

app_name = "evaluation"
urlpatterns = [
    path("", indicators.home, name="home"),
    path("questions/new/", indicators.question_form, name="question-new"),
    path("questions/<int:question_pk>/", indicators.question_form, name="question"),
    path("indicators/new/", indicators.indicator_form, name="indicator-new"),
    path("indicators/<int:indicator_pk>/", indicators.indicator_detail, name="indicator"),
    path("indicators/<int:indicator_pk>/edit/", indicators.indicator_form, name="indicator-edit"),
    path("indicators/periods/generate/", indicators.generate_periods, name="periods-generate"),
    path("indicators/<int:indicator_pk>/periods/new/", indicators.period_form, name="period-new"),
    path("indicators/<int:indicator_pk>/periods/<int:period_pk>/", indicators.period_form, name="period"),
    path("indicators/<int:indicator_pk>/values/", indicators.actuals_form, name="actuals"),
    path("indicators/<int:indicator_pk>/import/", indicators.import_actuals, name="import"),
    path("feedback/new/", feedback.form_edit, name="form-new"),
    path("feedback/<int:form_pk>/", feedback.form_detail, name="form"),
    path("feedback/<int:form_pk>/edit/", feedback.form_edit, name="form-edit"),
    path("feedback/<int:form_pk>/questions/<int:question_pk>/", feedback.question_edit, name="form-question"),
    path("feedback/<int:form_pk>/responses.csv", feedback.responses_csv, name="responses-csv"),
    path("impact/", impact.impact, name="impact"),
    path("impact/chain/", impact.chain, name="chain"),
    path("impact/claims/new/", impact.claim_form, name="claim-new"),
    path("impact/claims/<int:claim_pk>/", impact.claim_detail, name="claim"),
    path("impact/claims/<int:claim_pk>/edit/", impact.claim_form, name="claim-edit"),
    path("impact/evidence/<int:evidence_pk>/", impact.evidence_edit, name="evidence"),
    path("impact/evidence/<int:evidence_pk>/file/", impact.evidence_file, name="evidence-file"),
    path("learning/new/", impact.learning_form, name="learning-new"),
    path("learning/<int:entry_pk>/", impact.learning_form, name="learning"),
    path("report.<str:fmt>", report.report_export, name="report"),
    path("case-study/", report.case_study, name="case-study"),
    path("case-study/count/<str:name>/", report.case_study_count, name="case-study-count"),
    path("case-study.<str:fmt>", report.case_study_export, name="case-study-export"),
]
