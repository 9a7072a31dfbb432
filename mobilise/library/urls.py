from django.urls import path

from .views import public, staff

app_name = "library"
urlpatterns = [
    path("case-studies/", public.library, name="library"),
    path("case-studies/feed/", public.feed, name="feed"),
    path("case-studies/<slug:slug>/", public.case_study, name="case-study"),
    path("case-studies/<slug:slug>/pdf/", public.pdf, name="pdf"),
    path("library/", staff.case_studies, name="staff"),
    path("library/new/", staff.create, name="create"),
    path("library/new/from-output/", staff.from_output, name="from-output"),
    path("library/<int:pk>/", staff.manage, name="manage"),
    path("library/<int:pk>/edit/", staff.edit, name="edit"),
    path("library/<int:pk>/review/", staff.send_for_review, name="send-review"),
    path("library/<int:pk>/publish/", staff.act, {"action": "publish"}, name="publish"),
    path("library/<int:pk>/unpublish/", staff.act, {"action": "unpublish"}, name="unpublish"),
    path("library/<int:pk>/reviewed/", staff.act, {"action": "reviewed"}, name="reviewed"),
    path("library/<int:pk>/archive/", staff.archive, name="archive"),
]
