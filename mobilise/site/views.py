"""The public pages: the support organisation's home (with its next webinars and latest case studies), and its
privacy notice. Signed-in users keep their
dashboard at the same address and reach the public home through the footer."""

from django.shortcuts import render

from mobilise.core.models import SiteSettings
from mobilise.events import access as events
from mobilise.library import access as library
from mobilise.projects.views.staff import dashboard

from .content import CONSIDERATIONS, OFFERS


def home(request):
    if request.user.is_authenticated:
        return dashboard(request)
    return about(request)


def about(request):
    context = {
        "site": SiteSettings.load(),
        "offers": OFFERS,
        "considerations": CONSIDERATIONS,
        "case_studies": library.published()[:3],
        "webinars": events.next_events(3),
        "nav": None,
    }
    return render(request, "site/home.html", context)


def privacy(request):
    return render(request, "site/privacy.html", {"site": SiteSettings.load(), "nav": None})
