"""The forms of workshops: planning one, its agenda, invitations, notes, and the invitee's reply."""

import datetime

from django import forms
from django.utils import timezone

from mobilise.core.forms import DateField, NHSFormMixin
from mobilise.directory.forms import LawfulBasisField, check_consent_date
from mobilise.directory.models import LawfulBasis

from .forms import NOT_ON_MAP, people_choices


class TimeField(forms.TimeField):
    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%H:%M", "%H.%M", "%H%M"])
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("invalid", "Enter a time as hours and minutes, for example 14:30")
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)


class WorkshopForm(NHSFormMixin, forms.Form):
    title = forms.CharField(
        max_length=200,
        help_text="For example: Commissioning workshop: what next for TOGETHER-Screen",
        error_messages={"required": "Enter the workshop's title"},
    )
    purpose = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What it is for, in a sentence or two; invitations and the pack show it",
        error_messages={"required": "Enter the workshop's purpose"},
    )
    date = DateField(label="Date")
    start = TimeField(
        label="Starts at", help_text="For example 10:00", error_messages={"required": "Enter the start time"}
    )
    end = TimeField(label="Ends at", help_text="For example 13:00", error_messages={"required": "Enter the end time"})
    place = forms.CharField(
        label="Place (optional)", max_length=300, required=False, help_text="Address or room, if it meets in person"
    )
    online_link = forms.URLField(
        label="Online meeting link (optional)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter a full web address, starting https://"},
    )
    facilitators = forms.MultipleChoiceField(label="Facilitators", widget=forms.CheckboxSelectMultiple, required=False)
    owner = forms.ChoiceField(
        label="Owner",
        required=False,
        help_text="Replies to the invitations, and accepting or declining in a calendar, go to them",
    )

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.team_objects = {str(u.pk): u for u in team}
        self.fields["facilitators"].choices = people_choices(team)
        self.fields["owner"].choices = people_choices(team)

    def clean(self):
        c = super().clean()
        if c.get("start") and c.get("end") and c["end"] <= c["start"]:
            self.add_error("end", "The end time must be after the start time")
        if not (c.get("place") or c.get("online_link")) and "online_link" not in self.errors:
            self.add_error("place", "Enter a place or an online meeting link")
        return c

    def service_values(self):
        c = self.cleaned_data
        tz = timezone.get_current_timezone()
        return dict(
            title=c["title"],
            purpose=c["purpose"],
            place=c["place"],
            online_link=c["online_link"],
            starts=datetime.datetime.combine(c["date"], c["start"], tzinfo=tz),
            ends=datetime.datetime.combine(c["date"], c["end"], tzinfo=tz),
            facilitators=[self.team_objects[k] for k in c["facilitators"]],
            **({"owner": self.team_objects[c["owner"]]} if c.get("owner") else {}),
        )

    @staticmethod
    def initial_for(workshop):
        starts, ends = timezone.localtime(workshop.starts), timezone.localtime(workshop.ends)
        return dict(
            title=workshop.title,
            purpose=workshop.purpose,
            date=starts.date(),
            start=starts.strftime("%H:%M"),
            end=ends.strftime("%H:%M"),
            place=workshop.place,
            online_link=workshop.online_link,
            facilitators=[str(u.pk) for u in workshop.facilitators.all()],
            owner=str(workshop.owner_id or ""),
        )


class AgendaItemForm(NHSFormMixin, forms.Form):
    time = TimeField(label="Time (optional)", required=False, help_text="For example 10:15")
    title = forms.CharField(label="Agenda item", max_length=200, error_messages={"required": "Enter the agenda item"})
    owner = forms.CharField(label="Led by (optional)", max_length=150, required=False)


class InviteForm(NHSFormMixin, forms.Form):
    stakeholders = forms.MultipleChoiceField(
        label="Who to invite",
        widget=forms.CheckboxSelectMultiple,
        help_text="People on the stakeholder map with an email address in the directory",
        error_messages={"required": "Select the people to invite", "invalid_choice": NOT_ON_MAP},
    )

    def __init__(self, *args, stakeholders, **kwargs):
        super().__init__(*args, **kwargs)
        self.stakeholder_objects = {str(s.pk): s for s in stakeholders}
        self.fields["stakeholders"].choices = [
            (
                k,
                s.name
                + (
                    " – do not contact: will not be invited"
                    if s.do_not_contact
                    else ""
                    if s.person.email
                    else " – no email address: will not be invited"
                ),
            )
            for k, s in self.stakeholder_objects.items()
        ]


class NotesForm(NHSFormMixin, forms.Form):
    summary = forms.CharField(label="Overall notes", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    decisions = forms.CharField(
        label="Decisions", widget=forms.Textarea(attrs={"rows": 4}), required=False, help_text="One decision per line"
    )

    def __init__(self, *args, agenda, **kwargs):
        super().__init__(*args, **kwargs)
        self.agenda = list(agenda)
        for item in self.agenda:
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=f"Notes: {item.title}",
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=item.notes,
            )

    def item_notes(self):
        return {item.pk: self.cleaned_data[f"note_{item.pk}"] for item in self.agenda}


class WorkshopReplyForm(NHSFormMixin, forms.Form):
    """The invitee's reply through their personal link (a public page: plain words)."""

    answer = forms.ChoiceField(
        label="Can you come?",
        choices=[("accepted", "Yes, I can come"), ("tentative", "Maybe"), ("declined", "No, I cannot come")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you can come"},
    )
    access_needs = forms.CharField(
        label="Is there anything we can do to help you take part? (optional)",
        help_text="For example step-free access, a hearing loop, large print, breaks, or food you cannot eat",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class InviteByEmailForm(NHSFormMixin, forms.Form):
    """Someone not on the stakeholder map yet: their directory record is made with the lawful basis (UK GDPR)."""

    full_name = forms.CharField(label="Full name", max_length=150, error_messages={"required": "Enter their full name"})
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address like name@example.org",
        },
    )
    organisation = forms.ModelChoiceField(
        label="Organisation (optional)", queryset=None, required=False, empty_label="No organisation"
    )
    lawful_basis = LawfulBasisField(
        label="Lawful basis for holding their email address",
        help_text="UK GDPR: why you may keep and use their contact details",
        error_messages={"required": "Select the lawful basis for holding their email address"},
    )
    consent_date = DateField(label="Date they gave consent", required=False, help_text="Only for consent")

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["email"].widget.attrs["autocomplete"] = "off"

    def clean(self):
        c = super().clean()
        check_consent_date(self, c.get("lawful_basis"), c.get("consent_date"))
        if c.get("lawful_basis") != LawfulBasis.CONSENT:
            c["consent_date"] = None
        return c
