from django.urls import path

from .views import attendance, figures, public, staff

app_name = "events"
urlpatterns = [
    path("", public.programme, name="programme"),
    path("feed/", public.feed, name="feed"),
    path("your-registration/<str:token>/", public.registration, name="registration"),
    path("manage/", staff.manage, name="manage"),
    path("manage/themes/new/", staff.theme_form, name="new-theme"),
    path("manage/themes/<int:pk>/", staff.theme_form, name="edit-theme"),
    path("manage/themes/<int:pk>/figures/", figures.theme, name="theme-figures"),
    path("manage/themes/<int:pk>/figures.xlsx", figures.theme_export, name="theme-figures-export"),
    path("manage/new/", staff.event_form, name="new-event"),
    path("manage/<int:pk>/", staff.event_detail, name="manage-event"),
    path("manage/<int:pk>/edit/", staff.event_form, name="edit-event"),
    path("manage/<int:pk>/duplicate/", staff.duplicate, name="duplicate"),
    path("manage/<int:pk>/message/", staff.message, name="message"),
    path("manage/<int:pk>/registrants.<str:fmt>", staff.export, name="export"),
    path("manage/<int:pk>/attendance/", attendance.upload, name="attendance"),
    path("manage/<int:pk>/attendance/<int:upload_pk>/", attendance.confirm, name="attendance-confirm"),
    path("manage/<int:pk>/registrants/<int:registration_pk>/check-in/", attendance.check_in, name="check-in"),
    path("manage/<int:pk>/figures/", figures.event, name="event-figures"),
    path("manage/<int:pk>/figures.xlsx", figures.event_export, name="event-figures-export"),
    path("manage/<int:pk>/follow-up/", attendance.follow_up, name="follow-up"),
    path("manage/<int:pk>/<str:action>/", staff.change_status, name="change-status"),
    path("manage/<int:pk>/registrants/<int:registration_pk>/promote/", staff.promote, name="promote"),
    path("<slug:slug>/", public.event, name="event"),
    path("<slug:slug>/register/", public.register, name="register"),
    path("<slug:slug>/registered/", public.registered, name="registered"),
    path("<slug:slug>/calendar.ics", public.calendar_file, name="calendar"),
]
