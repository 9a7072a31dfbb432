"""The programme for staff (advisers and administrators; everyone else 404): themes, events, publishing and
cancelling, the registrant list with its exports, messages to registrants, and promotion from the waiting list."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from mobilise.core import views as core_views
from mobilise.core.paging import paginate
from mobilise.core.tables import csv_text, xlsx_bytes
from mobilise.core.uploads import serve_private
from mobilise.directory.models import Sector
from mobilise.evaluation import access as evaluation

from .. import access, materials, seats, services
from ..forms import DuplicateForm, EventForm, HeldForm, MaterialsForm, MessageForm, RegistrantFilterForm, ThemeForm
from ..models import EventStatus, RegistrationStatus

NAV = {"nav": "events"}


form_page = partial(core_views.form_page, nav=NAV["nav"])  # a staff page of one form, under Webinars in the header


@login_required
def manage(request):
    events = access.events_for(request.user).order_by("-start", "pk")
    page, querystring = paginate(request, events, 25, "page")
    places = access.places_of(request.user, page.object_list)
    themes = access.themes_for(request.user)
    context = {"page": page, "querystring": querystring, "places": places, "themes": themes, **NAV}
    return render(request, "events/manage.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def theme_form(request, pk=None):
    theme = access.get_theme(request.user, pk) if pk else None
    access.require_staff(request.user)
    form = ThemeForm(request.POST if request.method == "POST" else None, instance=theme)
    if request.method == "POST" and form.is_valid():
        services.save_theme(theme=theme, fields=form.cleaned_data)
        messages.success(request, "Theme saved.")
        return redirect("events:manage")
    return form_page(request, "events/theme_form.html", form, heading="Edit the theme" if theme else "Add a theme")


@login_required
@require_http_methods(["GET", "POST"])
def event_form(request, pk=None):
    event = access.get_event(request.user, pk) if pk else None
    access.require_staff(request.user)
    form = EventForm(request.POST if request.method == "POST" else None, instance=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved, changed = services.save_event(event=event, fields=form.event_fields(), people=form.people())
        note = " Everyone registered is being sent the updated calendar invitation." if changed and event else ""
        messages.success(request, f"Event saved.{note}")
        return redirect("events:manage-event", pk=saved.pk)
    heading = "Edit the event" if event else "Add an event"
    return form_page(request, "events/event_form.html", form, event=event, heading=heading)


@login_required
def event_detail(request, pk):
    event = access.get_event(request.user, pk)
    filters = RegistrantFilterForm(request.GET)
    registrants = filters.filter_qs(access.registrations_of(request.user, event))
    page, querystring = paginate(request, registrants, 50, "page")
    counts = access.status_counts(request.user, event)
    context = {
        "event": event,
        "page": page,
        "querystring": querystring,
        "filters": filters,
        "values": filters.values,
        "counts": counts,
        # Django's get_FOO_display() costs more than the rest of a row: the labels are looked up once a page.
        "labels": {"status": dict(RegistrationStatus.choices), "sector": dict(Sector.choices)},
        "message": MessageForm(),
        "attendance": services.attendance_allowed(event),
        "surveys": evaluation.owned_forms(event),
        # Asked only where the page offers the follow-up: a held event.
        "follow_up_sent": event.status == EventStatus.HELD and access.follow_up_sent(event),
        "check_in": event.is_in_person and services.attendance_allowed(event),
        "held": HeldForm(initial={"recording_url": event.recording_url, "slides_url": event.slides_url}),
        **NAV,
    }
    return render(request, "events/manage_event.html", context)


def _rows(event, registrants):
    yield [
        "Name",
        "Email",
        "Organisation",
        "Sector",
        "Role",
        "Status",
        "Waiting position",
        "Access needs",
        "Agrees to recording",
        "Agrees to attendee list",
        "Wants theme updates",
        "Registered",
        "Attended",
    ]
    for r in registrants:
        yield [
            r.name,
            r.email,
            r.organisation,
            r.get_sector_display(),
            r.role,
            r.get_status_display(),
            r.waiting_position or "",
            "; ".join(r.need_labels()),
            "Yes" if r.consent_recorded else "No",
            "Yes" if r.consent_attendee_list else "No",
            "Yes" if r.consent_theme_updates else "No",
            timezone.localtime(r.created).strftime("%Y-%m-%d %H:%M"),
            "" if r.attended is None else ("Yes" if r.attended else "No"),
        ]


@login_required
def export(request, pk, fmt):
    event = access.get_event(request.user, pk)
    registrants = access.registrations_of(request.user, event)
    if fmt == "csv":
        response = HttpResponse(csv_text(_rows(event, registrants)), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        content = xlsx_bytes({"Registrants": _rows(event, registrants)})
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-registrants.{fmt}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def duplicate(request, pk):
    event = access.get_event(request.user, pk)
    form = DuplicateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        copy = services.duplicate(event=event, start=form.cleaned_data["start"])
        messages.success(request, "A draft copy has been made. Check it, then publish it.")
        return redirect("events:edit-event", pk=copy.pk)
    return form_page(request, "events/duplicate.html", form, event=event)


@login_required
@require_http_methods(["GET", "POST"])
def change_status(request, pk, action):
    """Publish, cancel or mark held: a page that says what will happen, and a button."""
    event = access.get_event(request.user, pk)
    allowed = {
        "publish": event.status == EventStatus.DRAFT,
        "cancel": event.status in (EventStatus.DRAFT, EventStatus.PUBLISHED),
        "held": event.status == EventStatus.PUBLISHED and event.start <= timezone.now(),
    }
    if action not in allowed:
        raise Http404
    if not allowed[action]:
        messages.error(request, f"This event is {event.get_status_display().lower()}, so that cannot be done.")
        return redirect("events:manage-event", pk=pk)
    form = HeldForm(request.POST if request.method == "POST" else None) if action == "held" else None
    if request.method == "POST" and (form is None or form.is_valid()):
        if action == "publish":
            services.publish(event=event)
            messages.success(request, "The event is published and open for registration.")
        elif action == "cancel":
            services.cancel_event(event=event)
            messages.success(request, "The event is cancelled. Everyone registered is being told.")
        else:
            assert form is not None
            services.mark_held(event=event, **form.cleaned_data)
            messages.success(request, "The event is marked as held.")
        return redirect("events:manage-event", pk=pk)
    context = {"event": event, "action": action, "form": form, **NAV}
    return render(request, "events/change_status.html", context, status=400 if form and form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def message(request, pk):
    event = access.get_event(request.user, pk)
    form = MessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        count = services.message_all(event=event, **form.cleaned_data)
        messages.success(request, f"Your message is being sent to {count} {'person' if count == 1 else 'people'}.")
        return redirect("events:manage-event", pk=pk)
    return form_page(request, "events/message.html", form, event=event)


@login_required
@require_POST
def promote(request, pk, registration_pk):
    event = access.get_event(request.user, pk)
    registration = access.get_registration(request.user, event, registration_pk)
    promoted = seats.promote(registration=registration)
    if promoted.status == RegistrationStatus.CONFIRMED:
        messages.success(request, f"{promoted.name} has a place now and has been emailed.")
    return redirect("events:manage-event", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def materials_form(request, pk):
    """Upload the slides, the recording and its captions; nothing is saved while any file is refused."""
    event = access.get_event(request.user, pk)
    posted = request.method == "POST"
    form = MaterialsForm(request.POST if posted else None, request.FILES if posted else None, event=event)
    if posted and form.is_valid():
        services.save_materials(
            event=event,
            uploads=form.uploads(),
            remove=form.removed(),
            materials_public=form.cleaned_data["materials_public"],
        )
        messages.success(request, "The recording and slides are saved.")
        return redirect("events:manage-event", pk=pk)
    return form_page(request, "events/materials.html", form, event=event, files=materials.of(event))


@login_required
def material_file(request, pk, kind):
    """Staff download an event's file at any time, to check it."""
    event = access.get_event(request.user, pk)
    found = materials.KINDS.get(kind)
    if found is None:
        raise Http404
    return serve_private(
        found.file(event), name=found.file_name(event), content_type=materials.content_type(found, event)
    )
