from django.urls import path

from .views import cases, ideas, matches, priorities, public, records, reports, staff
from .views.ideas import IDEA
from .views.staff import REQUEST

app_name = "support"
urlpatterns = [
    *public.journey_paths("ask/", public.REQUEST),
    path("your-request/<str:token>/", public.status, name="status"),
    # A request's and an idea's record share their pages (views/records.py), each told which kind it serves.
    path("requests/", staff.requests, name="requests"),
    path("requests/<int:pk>/", staff.request_detail, name="request"),
    path("requests/from-gap/<int:gap_pk>/", staff.request_from_gap, name="request-from-gap"),
    path("requests/<int:pk>/assign/", records.assign, {"kind": REQUEST}, name="assign"),
    path("requests/<int:pk>/assessment/", records.assess, {"kind": REQUEST}, name="assess"),
    path("requests/<int:pk>/erase/", records.erase, {"kind": REQUEST}, name="erase"),
    path("requests/<int:pk>/could-meet/", matches.could_meet, {"kind": "request"}, name="request-could-meet"),
    path("requests/<int:pk>/status/<str:status>/", records.change_status, {"kind": REQUEST}, name="change-status"),
    path("reports/", reports.report, name="reports"),
    path("reports.<str:fmt>", reports.export, name="report-export"),
    path("cases/", cases.cases, name="cases"),
    path("cases/<int:pk>/", cases.case_detail, name="case"),
    path("cases/<int:pk>/advice/", cases.add_advice, name="advice"),
    path("cases/<int:pk>/advice/<int:entry_pk>/done/", cases.step_done, name="step-done"),
    path("cases/<int:pk>/project/", cases.project, name="case-project"),
    path("cases/<int:pk>/close/", cases.close, name="close"),
    # Get involved: ideas from anyone, assessed and answered by advisers.
    *public.journey_paths("share-an-idea/", public.IDEA),
    path("your-idea/<str:token>/", public.idea_status, name="idea-status"),
    path("ideas/", ideas.ideas, name="ideas"),
    path("ideas/<int:pk>/", ideas.idea_detail, name="idea"),
    path("ideas/<int:pk>/assign/", records.assign, {"kind": IDEA}, name="idea-assign"),
    path("ideas/<int:pk>/assessment/", records.assess, {"kind": IDEA}, name="idea-assess"),
    path("ideas/<int:pk>/status/<str:status>/", records.change_status, {"kind": IDEA}, name="idea-status-change"),
    path("ideas/<int:pk>/outcome/", ideas.outcome, name="idea-outcome"),
    path("ideas/<int:pk>/erase/", records.erase, {"kind": IDEA}, name="idea-erase"),
    path("ideas/<int:pk>/could-meet/", matches.could_meet, {"kind": "idea"}, name="idea-could-meet"),
    # The register of the system's priorities, fed by hand and from requests and ideas.
    path("priorities/", priorities.priorities, name="priorities"),
    path("priorities/new/", priorities.priority_form, name="priority-new"),
    path("priorities/<int:pk>/", priorities.priority, name="priority"),
    path("priorities/<int:pk>/edit/", priorities.priority_form, name="priority-edit"),
    path("priorities/<int:pk>/could-meet/", matches.could_meet, {"kind": "priority"}, name="priority-could-meet"),
]
