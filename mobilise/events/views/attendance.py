"""After the event (staff). Attendance: upload the Teams or Zoom attendance report, see what it matched, confirm
to save it all; and check registrants in by hand at the door of an event in person. Then the follow-up emails."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from .. import access, attendance, services
from .. import follow_up as follow_up_emails
from ..forms import AttendanceUploadForm
from ..models import EventStatus
from .staff import NAV, form_page


def _allowed(request, event):
    if services.attendance_allowed(event):
        return True
    messages.error(request, "Attendance can be recorded once the event has begun, and not for a cancelled event.")
    return False


@login_required
@require_http_methods(["GET", "POST"])
def upload(request, pk):
    event = access.get_event(request.user, pk)
    if not _allowed(request, event):
        return redirect("events:manage-event", pk=pk)
    posted = request.method == "POST"
    form = AttendanceUploadForm(request.POST if posted else None, request.FILES if posted else None)
    problems: list[str] = []
    if posted and form.is_valid():
        file = form.cleaned_data["file"]
        saved, report = services.upload_attendance(
            event=event, filename=file.name, content=file.read(), by=request.user
        )
        if saved is not None:
            return redirect("events:attendance-confirm", pk=pk, upload_pk=saved.pk)
        problems = report.problems
        form.add_error("file", "The file has problems, listed below. Nothing has been saved.")
    return form_page(request, "events/attendance_upload.html", form, event=event, problems=problems)


@login_required
@require_http_methods(["GET", "POST"])
def confirm(request, pk, upload_pk):
    event = access.get_event(request.user, pk)
    upload = get_object_or_404(access.attendance_uploads(request.user, event), pk=upload_pk)
    if upload.imported_at is not None:
        messages.info(request, "This attendance report has been saved already.")
        return redirect("events:manage-event", pk=pk)
    if request.method == "POST":
        try:
            result = services.save_attendance(upload=upload)
        except services.AlreadyImported:
            return redirect("events:manage-event", pk=pk)
        messages.success(
            request,
            f"Attendance saved: {len(result.matched)} attended, {len(result.absent)} with a place did not come.",
        )
        return redirect("events:manage-event", pk=pk)
    result = attendance.match(event, attendance.read_upload(upload))
    return render(
        request, "events/attendance_confirm.html", {"event": event, "upload": upload, "result": result, **NAV}
    )


@login_required
@require_POST
def check_in(request, pk, registration_pk):
    event = access.get_event(request.user, pk)
    registration = access.get_registration(request.user, event, registration_pk)
    if not event.is_in_person:
        messages.error(request, "Check-in by hand is for events in person.")
    elif _allowed(request, event):
        undo = request.POST.get("undo") == "1"
        services.check_in(registration=registration, undo=undo)
        messages.success(request, f"{registration.name} {'is no longer' if undo else 'is'} checked in.")
    return redirect("events:manage-event", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def follow_up(request, pk):
    """Send the follow-up once the event is held: a page that says who gets which message, and a button."""
    event = access.get_event(request.user, pk)
    if event.status != EventStatus.HELD:
        messages.error(request, "The follow-up can be sent once the event is marked as held.")
        return redirect("events:manage-event", pk=pk)
    if request.method == "POST":
        try:
            came, missed = services.send_follow_up(event=event)
        except services.AlreadySent:
            messages.error(request, "The follow-up has been sent already.")
        else:
            messages.success(request, f"The follow-up is being sent to {came} who came and {missed} who did not.")
        return redirect("events:manage-event", pk=pk)
    came, missed = follow_up_emails.audience_counts(event)
    context = {"event": event, "came": came, "missed": missed, "sent": access.follow_up_sent(event), **NAV}
    return render(request, "events/follow_up.html", context)
