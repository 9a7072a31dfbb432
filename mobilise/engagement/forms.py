import datetime
from email.utils import parseaddr

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from mobilise.core.forms import DateField, FilterForm, NHSFormMixin
from mobilise.core.uploads import check_upload
from mobilise.directory.forms import LawfulBasisField, check_consent_date
from mobilise.directory.models import LawfulBasis
from mobilise.stakeholders.models import Attitude

from .models import InsightStatus, Kind

ACTION_ROWS = 3
NOT_ON_MAP = "Choose stakeholders from this project's map: one you chose is not on it"


def people_choices(users):
    return [(str(u.pk), u.full_name or u.email) for u in users]


class UploadField(forms.FileField):
    """A file checked for size (10 MB) and for a type read from its content; the checked content type is kept
    on the file as `checked_type`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "PDF, Word, Excel, PowerPoint, PNG, JPEG, text or CSV; up to 10 MB")
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            upload.checked_type = check_upload(upload)
        return upload


class InteractionForm(NHSFormMixin, forms.Form):
    """The quick log: one page, today's date, the signed-in person on the team, actions inline."""

    date = DateField(label="Date", help_text="For example 27 3 2026")
    kind = forms.ChoiceField(label="What kind of interaction?", choices=Kind.choices, widget=forms.RadioSelect)
    subject = forms.CharField(label="Subject (optional)", max_length=200, required=False)
    stakeholders = forms.MultipleChoiceField(
        label="Stakeholders involved",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the stakeholders involved", "invalid_choice": NOT_ON_MAP},
    )
    team = forms.MultipleChoiceField(
        label="Team members involved",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose people on the team"},
    )
    summary = forms.CharField(
        label="What happened",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what happened"},
    )
    learned = forms.CharField(
        label="What we learned (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    attitude_of = forms.ChoiceField(
        label="Did anyone's attitude change? (optional)", required=False, error_messages={"invalid_choice": NOT_ON_MAP}
    )
    attitude = forms.ChoiceField(
        label="Their attitude now", required=False, choices=[("", "Choose an attitude"), *Attitude.choices]
    )
    attitude_reason = forms.CharField(label="Why it changed (optional)", max_length=400, required=False)
    attachment = UploadField(label="Attach a file (optional)", required=False)

    def __init__(self, *args, stakeholders, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.stakeholder_objects = {str(s.pk): s for s in stakeholders}
        self.team_objects = {str(u.pk): u for u in team}
        names = [
            (k, s.name + (" (do not contact)" if s.do_not_contact else "")) for k, s in self.stakeholder_objects.items()
        ]
        self.fields["stakeholders"].choices = names
        self.fields["team"].choices = people_choices(team)
        self.fields["attitude_of"].choices = [("", "No change")] + names
        for n in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{n}"] = forms.CharField(label=f"Action {n}", max_length=300, required=False)
            self.fields[f"action_{n}_owner"] = forms.ChoiceField(
                label=f"Who will do action {n}",
                required=False,
                choices=[("", "Choose someone")] + people_choices(team),
                error_messages={"invalid_choice": "Choose someone on the team"},
            )
            self.fields[f"action_{n}_due"] = DateField(label=f"Action {n} due by (optional)", required=False)

    def action_rows(self):
        return [
            (self[f"action_{n}"], self[f"action_{n}_owner"], self[f"action_{n}_due"]) for n in range(1, ACTION_ROWS + 1)
        ]

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate() + datetime.timedelta(days=1):
            raise ValidationError("The date of the interaction must be today or in the past")
        if date.year < 1990:
            raise ValidationError("Enter a date after 1990")
        return date

    def clean(self):
        cleaned = super().clean()
        for n in range(1, ACTION_ROWS + 1):
            if not cleaned.get(f"action_{n}", "").strip() and (
                cleaned.get(f"action_{n}_owner") or cleaned.get(f"action_{n}_due")
            ):
                self.add_error(f"action_{n}", f"Describe action {n}, or clear its owner and due date")
        who, attitude = cleaned.get("attitude_of"), cleaned.get("attitude")
        if who and not attitude:
            self.add_error("attitude", "Select their attitude now")
        if attitude and not who:
            self.add_error("attitude_of", "Select whose attitude changed")
        if who and who not in (cleaned.get("stakeholders") or [who]):
            self.add_error("attitude_of", "Select someone who was involved in this interaction")
        return cleaned

    def service_values(self):
        c = self.cleaned_data
        actions = [
            {
                "description": c[f"action_{n}"].strip(),
                "owner": self.team_objects.get(c[f"action_{n}_owner"]),
                "due": c[f"action_{n}_due"],
            }
            for n in range(1, ACTION_ROWS + 1)
            if c.get(f"action_{n}", "").strip()
        ]
        attitude = None
        if c["attitude_of"]:
            attitude = (self.stakeholder_objects[c["attitude_of"]], c["attitude"], c["attitude_reason"])
        upload = c.get("attachment")
        return dict(
            date=c["date"],
            kind=c["kind"],
            subject=c["subject"],
            summary=c["summary"],
            learned=c["learned"],
            stakeholders=[self.stakeholder_objects[k] for k in c["stakeholders"]],
            team=[self.team_objects[k] for k in c["team"]],
            actions=actions,
            attitude=attitude,
            uploads=[(upload, upload.checked_type)] if upload else [],
        )


class ActionForm(NHSFormMixin, forms.Form):
    description = forms.CharField(label="Action", max_length=300, error_messages={"required": "Describe the action"})
    owner = forms.ChoiceField(
        label="Who will do it", required=False, error_messages={"invalid_choice": "Choose someone on the team"}
    )
    due = DateField(label="Due by (optional)", required=False)

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.team_objects = {str(u.pk): u for u in team}
        self.fields["owner"].choices = [("", "Choose someone")] + people_choices(team)

    def service_values(self):
        c = self.cleaned_data
        return {"description": c["description"], "owner": self.team_objects.get(c["owner"]), "due": c["due"]}


class AttachmentForm(NHSFormMixin, forms.Form):
    file = UploadField(label="File", error_messages={"required": "Choose a file to upload"})


class EmailFileForm(NHSFormMixin, forms.Form):
    file = forms.FileField(
        label="Email file (.eml)",
        help_text="Save the email from your email program as a .eml file, up to 10 MB",
        error_messages={"required": "Choose an .eml file", "empty": "The file is empty: choose the .eml file again"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # A browser never keeps a chosen file after an error, so each message asks for it again.
        if upload.size > 10 * 1024 * 1024:
            raise ValidationError("The email file must be smaller than 10 MB: choose a smaller .eml file")
        if not upload.name.lower().endswith(".eml"):
            raise ValidationError("The file must be an email saved as .eml: choose the .eml file again")
        return upload


MAX_OFFERED = 50


def _address(value):
    """(name, email) of a "Name <email>" value, or None when it is not a well-formed address."""
    name, email = parseaddr(str(value))
    try:
        validate_email(email)
    except ValidationError:
        return None
    return (name[:150], email.lower()) if len(email) <= 254 else None


def _value(name, email):
    """A "Name <email>" value as parseaddr reads it back, whatever the name holds."""
    name = " ".join(name.replace('"', "").replace("\\", "").split())
    return f'"{name}" <{email}>' if name else email


class EmailPeopleForm(NHSFormMixin, forms.Form):
    """The people of an imported email who are not on the stakeholder map, offered for adding to it with the
    interaction, and one lawful basis for holding the addresses of those it adds to the directory.

    The offer travels with the quick log as hidden "Name <email>" values, so a failed save shows it again."""

    offered = forms.MultipleChoiceField(widget=forms.MultipleHiddenInput, required=False)
    add = forms.MultipleChoiceField(
        label="Add people from the email to the stakeholder map (optional)",
        help_text="They are linked to this interaction. Anyone not in the directory yet is added to it with their "
        "email address.",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    lawful_basis = LawfulBasisField(
        label="Lawful basis for holding the email addresses of the people you add",
        help_text="One basis for everyone this adds to the directory (UK GDPR Article 6). People already in the "
        "directory keep their own.",
        required=False,
    )
    consent_date = DateField(label="Date they gave consent (if the basis is consent)", required=False)

    def __init__(self, data=None, *, offered=(), **kwargs):
        """offered: (name, email) pairs, for a new draft; a bound form reads them from its data."""
        super().__init__(data, prefix="new", **kwargs)
        values = data.getlist(self.add_prefix("offered")) if data is not None else [_value(*p) for p in offered]
        people = {}
        for value in values[:MAX_OFFERED]:
            person = _address(value)
            if person:
                people.setdefault(person[1], person)
        self.people = {_value(*p): p for p in people.values()}
        self.fields["offered"].choices = [(v, v) for v in self.people]
        self.fields["add"].choices = [
            (v, f"{name} ({email})" if name else email) for v, (name, email) in self.people.items()
        ]
        self.initial.setdefault("offered", list(self.people))

    @property
    def offers(self):
        return bool(self.people)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("add"):
            return cleaned
        basis = cleaned.get("lawful_basis")
        if not basis and "lawful_basis" not in self.errors:
            self.add_error(
                "lawful_basis", "Select the lawful basis for holding the email addresses of the people you add"
            )
        check_consent_date(self, basis, cleaned.get("consent_date"))
        return cleaned

    def service_values(self):
        c = self.cleaned_data
        if not c.get("add"):
            return {}
        return {
            "new_people": [self.people[v] for v in c["add"]],
            "lawful_basis": c["lawful_basis"],
            "consent_date": c["consent_date"] if c["lawful_basis"] == LawfulBasis.CONSENT else None,
        }


class InsightForm(NHSFormMixin, forms.Form):
    question = forms.CharField(
        label="The question or evidence gap",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the question"},
    )
    why_it_matters = forms.CharField(
        label="Why it matters to them (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    status = forms.ChoiceField(choices=InsightStatus.choices, widget=forms.RadioSelect, initial=InsightStatus.RAISED)
    stakeholders = forms.MultipleChoiceField(
        label="Raised by",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": NOT_ON_MAP},
    )
    interactions = forms.MultipleChoiceField(
        label="Raised in (optional)",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The project's most recent interactions",
        error_messages={"invalid_choice": "Choose interactions from this project"},
    )

    def __init__(self, *args, stakeholders, interactions, **kwargs):
        super().__init__(*args, **kwargs)
        self.stakeholder_objects = {str(s.pk): s for s in stakeholders}
        self.interaction_objects = {str(i.pk): i for i in interactions}
        self.fields["stakeholders"].choices = [(k, s.name) for k, s in self.stakeholder_objects.items()]
        self.fields["interactions"].choices = [
            (k, f"{i.date:%-d %b %Y}: {i}") for k, i in self.interaction_objects.items()
        ]

    def service_values(self):
        c = self.cleaned_data
        return dict(
            question=c["question"],
            why_it_matters=c["why_it_matters"],
            status=c["status"],
            stakeholders=[self.stakeholder_objects[k] for k in c["stakeholders"]],
            interactions=[self.interaction_objects[k] for k in c["interactions"]],
        )


class NewProjectForm(NHSFormMixin, forms.Form):
    title = forms.CharField(max_length=300, error_messages={"required": "Enter the new project's title"})
    short_title = forms.CharField(
        max_length=80, help_text="Used in lists and headings", error_messages={"required": "Enter a short title"}
    )


class ActionFilterForm(FilterForm):
    """Open actions by owner (mine, nobody's), sorted by due date or owner; `mine` narrows the due list too."""

    owner = forms.ChoiceField(required=False, choices=[("", "Anyone"), ("me", "Me"), ("none", "Nobody")])
    sort = forms.ChoiceField(required=False, choices=[("due", "Due date"), ("owner", "Owner")])
    mine = forms.BooleanField(required=False)

    def __init__(self, data, *, user):
        super().__init__(data)
        self.user = user

    def filter_owner(self, queryset, owner):
        return queryset.filter(owner=self.user) if owner == "me" else queryset.filter(owner__isnull=True)

    def filter_qs(self, queryset):
        queryset = super().filter_qs(queryset)
        if self.values["sort"] == "owner":
            return queryset.order_by("owner__full_name", "due", "pk")
        return queryset.order_by("due", "pk")


class InsightFilterForm(FilterForm):
    status = forms.ChoiceField(required=False, choices=[("", "Any"), *InsightStatus.choices])

    lookups = {"status": "status"}
