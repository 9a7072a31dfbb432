"""Engagement's pages opened without signing in, through a personal link."""

from django.urls import path

from .views import public

urlpatterns = [
    path("reply/<str:token>/", public.reply, name="workshop-reply"),
]
