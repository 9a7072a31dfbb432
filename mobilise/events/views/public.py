"""The programme's public pages, open without signing in and without JavaScript: the programme, each event (with
schema.org Event data), an Atom feed, calendar files, registration, and the registrant's own page through the
personal link emailed to them."""

import json

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_http_methods

from mobilise.core import links, ratelimit
from mobilise.core.models import SiteSettings
from mobilise.core.paging import paginate
from mobilise.core.uploads import serve_private

from .. import access, follow, follow_up, mails, materials, seats
from ..calendar import event_ics
from ..feed import atom
from ..forms import RegistrationForm
from ..models import Event, EventStatus, RegistrationStatus, SubscriptionSource
from .follow import blank_fields as follow_fields
from .follow import follow_form

# A person registers for a webinar or two; a whole hospital network on one address may register a few hundred
# people for a popular one in an hour.
THROTTLE = ratelimit.Throttle("event-registration", per_browser=10, per_address=300)
REGISTERED = "event-registered"
TOO_MANY = "Too many registrations have come from your network in the last hour. Try again later, or email us."
WHAT_TO_DO = "Register again from the event's page, or email us."


def _context(**extra):
    return {"site": extra.pop("site", None) or SiteSettings.load(), "nav": None, **extra}


def programme(request):
    now = timezone.now()
    page, querystring = paginate(request, access.upcoming_events(now), access.UPCOMING_PER_PAGE, "page")
    upcoming = access.by_theme(page)
    follows = follow_fields([theme for theme, _ in upcoming])
    context = _context(page=page, querystring=querystring, upcoming=upcoming, past=access.recent_past(now))
    response = render(request, "events/programme.html", {**context, "now": now, "follows": follows})
    return ratelimit.remember_browser(request, response)


def past(request):
    """Every past webinar, latest first, a page at a time: the programme itself shows only the latest."""
    page, querystring = paginate(request, access.past_events(), 25, "page")
    return render(request, "events/past.html", _context(page=page, querystring=querystring))


def _json_ld(request: HttpRequest, event: Event, site: SiteSettings) -> str:
    """schema.org Event data for search engines: data, never executed, so the page's CSP does not govern it."""
    mode = {"online": "Online", "in_person": "Offline", "hybrid": "Mixed"}[event.format]
    places: list[dict[str, str]] = []
    if event.is_online:
        places.append({"@type": "VirtualLocation", "url": request.build_absolute_uri()})
    if event.is_in_person:
        places.append({"@type": "Place", "name": event.venue.split("\n")[0], "address": event.venue})
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.description,
        "startDate": timezone.localtime(event.start).isoformat(),
        "endDate": timezone.localtime(event.end).isoformat(),
        "eventAttendanceMode": f"https://schema.org/{mode}EventAttendanceMode",
        "eventStatus": "https://schema.org/EventCancelled"
        if event.status == EventStatus.CANCELLED
        else "https://schema.org/EventScheduled",
        "isAccessibleForFree": True,
        "url": request.build_absolute_uri(),
        "organizer": {"@type": "Organization", "name": site.name},
        "performer": [{"@type": "Person", "name": p.full_name} for p in [*event.speakers.all(), *event.panel.all()]],
        "location": places,
    }
    # "</" cannot close the script element early however the text reads.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


_BLANK_FIELDS: dict[str, SafeString] = {}


def blank_fields(form: RegistrationForm) -> SafeString | None:
    """The blank registration form's fields, the same on every event page: rendered once a process (most of the
    page's time went on them), except while developing, when templates change under a running server. None for a
    form with data, which shows what was sent and its errors."""
    if form.is_bound or settings.DEBUG:
        return None
    if "fields" not in _BLANK_FIELDS:
        _BLANK_FIELDS["fields"] = mark_safe(render_to_string("events/_registration_fields.html", {"form": form}))  # noqa: S308
    return _BLANK_FIELDS["fields"]


def _event_page(request, event, form, status=200):
    site = SiteSettings.load()
    context = _context(
        site=site,
        event=event,
        form=form,
        blank_fields=blank_fields(form),
        follow=follow_form(event.theme),
        json_ld=_json_ld(request, event, site),
        examples=access.project_examples(event),
        open=event.registration_open(),
        full=event.seats_taken >= event.capacity,
        past=event.start < timezone.now(),
        materials_public=materials.public(event),
        files=materials.of(event),
        not_yet=event.registration_opens is not None and event.registration_opens > timezone.now(),
        retention_months=settings.RETENTION_MONTHS,
    )
    response = render(request, "events/event.html", context, status=status)
    return ratelimit.remember_browser(request, response)


def event(request, slug):
    return _event_page(request, access.get_public_event(slug), RegistrationForm())


@require_http_methods(["POST"])
def register(request, slug):
    event = access.get_public_event(slug)
    form = RegistrationForm(request.POST)
    if form.is_bot():
        return render(request, "events/registered.html", _context(event=event, status=None))  # nothing kept
    # A registration to be stored takes its place within the limits; one with errors only checks them.
    if not (THROTTLE.take(request) if form.is_valid() else THROTTLE.allows(request)):
        form.refuse(TOO_MANY)
        return _event_page(request, event, form, status=429)
    if not form.is_valid():
        return _event_page(request, event, form, status=400)
    try:
        registration = seats.register(event=event, fields=form.registration_fields())
    except seats.RegistrationClosed:
        form.refuse("Registration for this event is closed.")
        return _event_page(request, event, form, status=400)
    if form.cleaned_data["consent_theme_updates"]:
        # Double opt-in all the same: the box says what the registrant wants, the link proves the address is theirs.
        follow.subscribe(theme=event.theme, email=registration.email, source=SubscriptionSource.REGISTRATION)
    request.session[REGISTERED] = {"event": event.pk, "status": registration.status, "email": registration.email}
    return redirect("events:registered", slug=slug)


def registered(request, slug):
    event = access.get_public_event(slug)
    done = request.session.get(REGISTERED)
    if not done or done.get("event") != event.pk:
        return redirect("events:event", slug=slug)
    return render(request, "events/registered.html", _context(event=event, status=done["status"], email=done["email"]))


def calendar_file(request, slug):
    event = access.get_public_event(slug)
    url = request.build_absolute_uri(reverse("events:event", args=[slug]))
    content = event_ics(event, url=url, location=mails.where(event, with_link=False))
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def feed(request):
    events = access.public_events().filter(status=EventStatus.PUBLISHED).order_by("-created")[:30]
    content = atom(request, list(events), SiteSettings.load())
    return HttpResponse(content, content_type="application/atom+xml; charset=utf-8")


@links.link_view(seats.REGISTRATION_LINK, what_to_do=WHAT_TO_DO)
def registration(request, resolution):
    """The registrant's own page: their status, the materials after the event, and one button: cancel, or take
    the place offered. Only the POST acts."""
    registration = resolution.obj
    event = registration.event
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "claim":
            try:
                seats.claim(registration=registration)
                messages.success(request, "The place is yours. We have emailed you the calendar invitation.")
            except seats.NotOffered:
                messages.error(request, "Sorry: this offer has ended, so the place has gone to the next person.")
        elif action == "cancel" and seats.cancel(registration=registration):
            messages.success(request, "Your registration is cancelled. Thank you for letting us know.")
        return redirect(request.path)
    context = _context(
        registration=registration,
        event=event,
        ahead=seats.waiting_ahead(registration) if registration.status == RegistrationStatus.WAITING else None,
        past=event.start < timezone.now(),
        feedback=follow_up.existing_form(event) if registration.attended else None,
        files=[
            (f, reverse("events:registration-file", args=[request.resolver_match.kwargs["token"], f.kind.name]))
            for f in materials.of(event)
        ],
    )
    return render(request, "events/registration.html", context)


def _serve(event: Event, kind: str) -> FileResponse:
    found = materials.KINDS.get(kind)
    if found is None:
        raise Http404
    return serve_private(
        found.file(event), name=found.file_name(event), content_type=materials.content_type(found, event)
    )


def material(request, slug, kind):
    """An event's file for everyone: only after a published event, and only if the organiser shows it to all."""
    event = access.get_public_event(slug)
    if not materials.public(event):
        raise Http404
    return _serve(event, kind)


@links.link_view(seats.REGISTRATION_LINK, what_to_do=WHAT_TO_DO)
def registration_material(request, resolution, kind):
    """An event's file for someone who had a place, through their personal link, once the event has happened."""
    registration = resolution.obj
    event = registration.event
    if registration.status != RegistrationStatus.CONFIRMED or not materials.happened(event):
        raise Http404
    return _serve(event, kind)
