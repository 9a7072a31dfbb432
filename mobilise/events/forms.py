"""The programme's forms: themes and events (staff), messages to registrants, the registrant filters, and the
public registration form."""

import datetime
import re
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone

from mobilise.core.forms import DateField, FilterForm, NHSFormMixin, PublicFormMixin
from mobilise.core.uploads import check_upload
from mobilise.directory.access import people_for
from mobilise.directory.models import Sector
from mobilise.projects.access import projects_for

from .materials import KINDS
from .models import AccessNeed, Event, Format, RegistrationStatus, Theme

LONDON = ZoneInfo("Europe/London")
TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


def _time(value: str) -> datetime.time | None:
    match = TIME.match(value or "")
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return datetime.time(int(match[1]), int(match[2]))


def _moment(day: datetime.date, at: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, at).replace(tzinfo=LONDON)


class HttpsURLField(forms.URLField):
    """A web address; one typed without a scheme is taken as https."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class ThemeForm(NHSFormMixin, forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["title", "description", "year", "quarter"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5}), "quarter": forms.RadioSelect}
        labels = {"title": "Theme", "description": "What the theme is about"}


class EventForm(NHSFormMixin, forms.ModelForm):
    """An event. The start is a date and a UK time; registration closes at a date and time (or at the start)."""

    start_date = DateField(label="Date")
    start_time = forms.CharField(
        label="Start time", max_length=5, help_text="UK time, 24-hour clock, for example 14:30"
    )
    opens_date = DateField(label="Registration opens", required=False, help_text="Leave blank to open when published")
    closes_date = DateField(label="Registration closes", required=False, help_text="Leave blank to close at the start")
    closes_time = forms.CharField(
        label="Registration closes at", max_length=5, required=False, help_text="For example 17:00; blank for 23:59"
    )

    class Meta:
        model = Event
        # In the order the page shows them, the date and time fields declared above among the model's.
        fields = [
            "theme",
            "title",
            "description",
            "start_date",
            "start_time",
            "duration_minutes",
            "format",
            "joining_link",
            "venue",
            "access_information",
            "capacity",
            "opens_date",
            "closes_date",
            "closes_time",
            "speakers",
            "panel",
            "projects",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "venue": forms.Textarea(attrs={"rows": 3}),
            "access_information": forms.Textarea(attrs={"rows": 3}),
            "format": forms.RadioSelect,
            "speakers": forms.CheckboxSelectMultiple,
            "panel": forms.CheckboxSelectMultiple,
            "projects": forms.CheckboxSelectMultiple,
        }
        help_texts = {"capacity": "How many places; when they are taken, people join the waiting list"}
        field_classes = {"joining_link": HttpsURLField}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = people_for(user).order_by("full_name")
        self.fields["speakers"].queryset = people  # type: ignore[attr-defined]
        self.fields["panel"].queryset = people  # type: ignore[attr-defined]
        self.fields["projects"].queryset = projects_for(user).order_by("short_title")  # type: ignore[attr-defined]
        self.fields["projects"].label_from_instance = lambda p: p.short_title  # type: ignore[attr-defined]
        self.fields["capacity"].error_messages["min_value"] = "Capacity must be 1 or more"
        if self.instance.pk and not self.is_bound:
            start = timezone.localtime(self.instance.start)
            self.initial.update(start_date=start.date(), start_time=start.strftime("%H:%M"))
            if self.instance.registration_opens:
                self.initial["opens_date"] = timezone.localtime(self.instance.registration_opens).date()
            if self.instance.registration_closes:
                closes = timezone.localtime(self.instance.registration_closes)
                self.initial.update(closes_date=closes.date(), closes_time=closes.strftime("%H:%M"))

    def clean_start_time(self) -> datetime.time:
        value = _time(self.cleaned_data["start_time"])
        if value is None:
            raise forms.ValidationError("Enter the start time as hours and minutes, for example 14:30")
        return value

    def clean_closes_time(self) -> datetime.time | None:
        text = self.cleaned_data.get("closes_time", "")
        if not text:
            return None
        value = _time(text)
        if value is None:
            raise forms.ValidationError("Enter the closing time as hours and minutes, for example 17:00")
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day, at = cleaned.get("start_date"), cleaned.get("start_time")
        start = _moment(day, at) if day and at else None
        changed_start = start is not None and (self.instance.pk is None or start != self.instance.start)
        if changed_start and start is not None and start <= timezone.now():
            self.add_error("start_date", "The event must start in the future")
        opens = _moment(cleaned["opens_date"], datetime.time(0, 0)) if cleaned.get("opens_date") else None
        closes = None
        if cleaned.get("closes_date"):
            closes = _moment(cleaned["closes_date"], cleaned.get("closes_time") or datetime.time(23, 59))
        if start and closes and closes > start:
            self.add_error("closes_date", "Registration must close before the event starts")
        last = closes or start
        if opens and last and opens >= last:
            self.add_error("opens_date", "Registration must open before it closes")
        format_ = cleaned.get("format")
        if format_ in (Format.IN_PERSON, Format.HYBRID) and not cleaned.get("venue"):
            self.add_error("venue", "Enter the venue's address for an event in person")
        cleaned.update(start=start, registration_opens=opens, registration_closes=closes)
        return cleaned

    def event_fields(self) -> dict[str, Any]:
        d = self.cleaned_data
        names = ["theme", "title", "description", "duration_minutes", "format", "joining_link", "venue"]
        names += ["access_information", "capacity", "start", "registration_opens", "registration_closes"]
        return {name: d[name] for name in names}

    def people(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ("speakers", "panel", "projects")}


class DuplicateForm(NHSFormMixin, forms.Form):
    start_date = DateField(label="Date of the new event")
    start_time = forms.CharField(label="Start time", max_length=5, help_text="UK time, for example 14:30")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        at = _time(cleaned.get("start_time", ""))
        if cleaned.get("start_time") and at is None:
            self.add_error("start_time", "Enter the start time as hours and minutes, for example 14:30")
        if cleaned.get("start_date") and at:
            cleaned["start"] = _moment(cleaned["start_date"], at)
            if cleaned["start"] <= timezone.now():
                self.add_error("start_date", "The event must start in the future")
        return cleaned


class HeldForm(NHSFormMixin, forms.Form):
    recording_url = HttpsURLField(label="Link to the recording", required=False, max_length=500)
    slides_url = HttpsURLField(label="Link to the slides", required=False, max_length=500)
    materials_public = forms.BooleanField(label="Show the recording and slides to everyone", required=False)


class MessageForm(NHSFormMixin, forms.Form):
    audience = forms.ChoiceField(
        label="Send to",
        choices=[("confirmed", "Everyone with a place"), ("waiting", "Everyone waiting"), ("all", "Everyone")],
        widget=forms.RadioSelect,
        initial="confirmed",
    )
    subject = forms.CharField(label="Subject", max_length=200)
    text = forms.CharField(label="Message", max_length=10000, widget=forms.Textarea(attrs={"rows": 8}))


class RegistrantFilterForm(FilterForm):
    status = forms.ChoiceField(required=False, choices=[("", "Everyone"), *RegistrationStatus.choices])

    lookups = {"status": "status"}


class RegistrationForm(PublicFormMixin, forms.Form):
    """Registration without an account: who you are, what you need to take part, and what you agree to."""

    name = forms.CharField(label="Your name", max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label="Your email address",
        help_text="We send your confirmation and joining details here.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(label="Your organisation", max_length=200, required=False, help_text="Optional")
    sector = forms.ChoiceField(
        label="Which sector do you work in?", choices=[("", "Choose one (optional)"), *Sector.choices], required=False
    )
    role = forms.CharField(label="Your role", max_length=200, required=False, help_text="Optional")
    access_needs = forms.MultipleChoiceField(
        label="Do you need any of these to take part?",
        choices=AccessNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all that apply. We pass this on to the organisers only.",
    )
    access_other = forms.CharField(
        label="Anything else we can do to help you take part?",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Optional",
    )
    consent_recorded = forms.BooleanField(
        label="I agree to being recorded if I speak or appear on camera", required=False
    )
    consent_attendee_list = forms.BooleanField(
        label="I agree to my name and organisation appearing on the attendee list", required=False
    )
    consent_theme_updates = forms.BooleanField(label="Email me about more events on this theme", required=False)

    def registration_fields(self) -> dict[str, Any]:
        d = self.cleaned_data
        names = ["name", "email", "organisation", "sector", "role", "access_needs", "access_other"]
        names += ["consent_recorded", "consent_attendee_list", "consent_theme_updates"]
        return {name: d[name] for name in names}


class FollowForm(PublicFormMixin, forms.Form):
    """Follow a theme: an email address, confirmed through the link we send to it."""

    email = forms.EmailField(
        label="Email address for updates",
        help_text="We will email you a link to confirm.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class AttendanceUploadForm(NHSFormMixin, forms.Form):
    file = forms.FileField(
        label="Attendance report",
        help_text="The .csv file that Microsoft Teams (Attendance, Download) or Zoom (Reports, Participants, "
        "Export) gives you, just as it downloaded. Up to 5 MB.",
        error_messages={"required": "Choose the attendance report to upload", "empty": "The file is empty"},
    )


class MaterialsForm(NHSFormMixin, forms.Form):
    """The event's files (materials.py): a new one replaces the old; a box takes an old one away. Each is checked by
    its content and size before anything is saved."""

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        for kind in KINDS.values():
            limit = f"up to {kind.max_bytes // (1024 * 1024)} MB"
            now = kind.file_name(event) if kind.file(event) else ""
            self.fields[kind.name] = forms.FileField(
                label=f"{kind.label} (optional)",
                required=False,
                allow_empty_file=True,  # check_upload names the empty file, as it names every other problem
                help_text=f"{kind.help}, {limit}" + (f". Uploading one replaces {now}" if now else ""),
            )
            if now:
                self.fields[f"remove_{kind.name}"] = forms.BooleanField(label=f"Remove {now}", required=False)
        self.fields["materials_public"] = forms.BooleanField(
            label="Show the recording and slides to everyone after the webinar",
            required=False,
            initial=event.materials_public,
            help_text="If you leave this unticked, only the people who had a place get them, through their own link",
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for kind in KINDS.values():
            upload = cleaned.get(kind.name)
            if upload:
                try:
                    check_upload(upload, types=kind.types, allowed=kind.allowed, max_bytes=kind.max_bytes)
                except forms.ValidationError as error:
                    self.add_error(kind.name, error)
        return cleaned

    def uploads(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in KINDS if self.cleaned_data.get(name)}

    def removed(self) -> list[str]:
        return [name for name in KINDS if self.cleaned_data.get(f"remove_{name}")]
