import datetime
from collections.abc import Collection
from typing import Any, ClassVar

from django import forms
from django.core.validators import MaxValueValidator

from mobilise.core.forms import FilterForm, IdField, NHSFormMixin, PublicFormMixin, is_id
from mobilise.core.models import User
from mobilise.projects.access import projects_for
from mobilise.projects.models import Project, Stage, Theme

from .models import OPEN_STATUSES, AdviceEntry, HeardFrom, Need, Outcome, Rating, RequesterType, Status
from .rubric import Criterion

FIELDS = [
    "name",
    "email",
    "organisation_name",
    "role",
    "requester_type",
    "needs",
    "funder",
    "deadline",
    "project_title",
    "stage",
    "summary",
    "inequalities",
    "heard_from",
]


# Rows of (label, text) under each heading of a check page.
Sections = list[tuple[str, list[tuple[str, str]]]]


class CheckedForm(PublicFormMixin, forms.Form):
    """A public form whose sender checks their answers before sending: `checked` names the rows under each heading
    (a label and a field), and answers() shows each answer as the sender chose it, a choice by its label and a date
    written out."""

    checked: ClassVar[Sections]  # the text of each row is the name of its field

    def answers(self) -> Sections:
        return [(heading, [(label, self._shown(name)) for label, name in rows]) for heading, rows in self.checked]

    def _shown(self, name: str) -> str:
        value, field = self.cleaned_data[name], self.fields[name]
        if not value:
            return ""
        if isinstance(value, datetime.date):
            return value.strftime("%-d %B %Y")
        chosen = value if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField) else [value]
        if isinstance(field, forms.ModelChoiceField):  # rows, by their names
            return ", ".join(str(row) for row in chosen)
        if isinstance(field, forms.ChoiceField):
            labels = dict(field.choices)  # type: ignore[arg-type]  # a list of pairs once the field is built
            return ", ".join(str(labels[v]) for v in chosen)
        return value


class RequestForm(CheckedForm):
    """The public request for support. The fields a requester fills in; `themes` and `consent` are kept apart."""

    checked = [
        (
            "About you",
            [
                ("Name", "name"),
                ("Email address", "email"),
                ("Organisation", "organisation_name"),
                ("Role", "role"),
                ("Describes you", "requester_type"),
            ],
        ),
        ("What you need", [("Help with", "needs"), ("Funder", "funder"), ("Application deadline", "deadline")]),
        (
            "Your project",
            [
                ("Title", "project_title"),
                ("Stage", "stage"),
                ("Summary", "summary"),
                ("Health inequalities", "inequalities"),
                ("Themes", "themes"),
                ("How you heard about us", "heard_from"),
            ],
        ),
    ]

    name = forms.CharField(label="Your name", max_length=200)
    email = forms.EmailField(label="Your email address", help_text="We will only use it to reply to you.")
    organisation_name = forms.CharField(label="Your organisation", max_length=200)
    role = forms.CharField(label="Your role", max_length=200, help_text="For example, research fellow or GP")
    requester_type = forms.ChoiceField(
        label="Which describes you best?",
        choices=RequesterType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which describes you best"},
    )
    needs = forms.MultipleChoiceField(
        label="What do you need help with?",
        choices=Need.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
        error_messages={"required": "Select at least one thing you need help with"},
    )
    funder = forms.CharField(
        label="Funder", max_length=200, required=False, help_text="If you need help with a grant application"
    )
    deadline = forms.DateField(
        label="Application deadline", required=False, help_text="If you need help with a grant application"
    )
    project_title = forms.CharField(
        label="Project title", max_length=300, error_messages={"required": "Enter the title of the project"}
    )
    stage = forms.ChoiceField(
        label="What stage is the project at?",
        choices=Stage.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the stage the project is at"},
    )
    summary = forms.CharField(
        label="Tell us about the project",
        max_length=5000,
        error_messages={"required": "Tell us about the project"},
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What it is about, who it is for, and what you hope will change. A few sentences is enough.",
    )
    inequalities = forms.CharField(
        label="Does it aim to reduce health inequalities? If so, how?",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Optional",
    )
    themes = forms.ModelMultipleChoiceField(
        label="Themes", queryset=Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    heard_from = forms.ChoiceField(
        label="How did you hear about us?", choices=[("", "Choose one (optional)"), *HeardFrom.choices], required=False
    )
    consent = forms.BooleanField(
        label="I have read the privacy notice and agree that you keep these details to answer my request",
        error_messages={"required": "Confirm that you agree to the privacy notice"},
    )

    def clean(self):
        cleaned = super().clean() or {}
        if Need.GRANT in cleaned.get("needs", []):
            if not cleaned.get("funder"):
                self.add_error("funder", "Enter the funder of the grant you are applying for")
            if not cleaned.get("deadline"):
                self.add_error("deadline", "Enter the application deadline")
        return cleaned

    def request_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in FIELDS}


class InformationForm(NHSFormMixin, forms.Form):
    prefix = "info"
    text = forms.CharField(
        label="Add information to your request",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the information you want to add"},
    )


class WithdrawForm(NHSFormMixin, forms.Form):
    prefix = "withdraw"
    reason = forms.CharField(
        label="Why are you withdrawing it? (optional)",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OpenByDefaultFilter(FilterForm):
    """A staff list whose status filter shows the open ones (`open_statuses`) when none is chosen, and everything
    for "all" (the request queue, the ideas)."""

    open_statuses: ClassVar[Collection[str]] = ()

    def filter_qs(self, queryset):
        if self.values["status"] == "":
            queryset = queryset.filter(status__in=self.open_statuses)
        return super().filter_qs(queryset)

    def filter_status(self, queryset, status):
        return queryset if status == "all" else queryset.filter(status=status)


class QueueFilterForm(OpenByDefaultFilter):
    status = forms.ChoiceField(required=False, choices=[("", "Open requests"), ("all", "All"), *Status.choices])
    need = forms.ChoiceField(required=False, choices=[("", "Any need"), *Need.choices])
    requester_type = forms.ChoiceField(required=False, choices=[("", "Anyone"), *RequesterType.choices])
    theme = IdField()
    assignee = IdField()

    open_statuses = OPEN_STATUSES
    lookups = {"requester_type": "requester_type", "theme": "themes", "assignee": "assignee_id"}

    def filter_need(self, queryset, need):
        # The needs are a JSON list of codes; its text holds each code in quotes, on SQLite and PostgreSQL alike.
        return queryset.filter(needs__icontains=f'"{need}"')


class StatusForm(NHSFormMixin, forms.Form):
    """The email that tells the requester of a change of status, drafted from messages.py and edited here."""

    reason = forms.CharField(
        label="Reason, for the record",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the record, and shown to the person in its history.",
    )
    subject = forms.CharField(label="Email subject", max_length=200)
    message = forms.CharField(
        label="Email to the requester", max_length=10000, widget=forms.Textarea(attrs={"rows": 12})
    )

    def __init__(self, *args, needs_reason=False, to="the requester", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].label = f"Email to {to}"
        self.needs_reason = needs_reason
        if not needs_reason:
            del self.fields["reason"]

    def clean(self):
        cleaned = super().clean() or {}
        if self.needs_reason and not cleaned.get("reason"):
            self.add_error("reason", "Enter the reason")
        if "[the reason]" in cleaned.get("message", ""):
            self.add_error("message", "Replace [the reason] in the email with the reason")
        return cleaned


def advisers():
    return User.objects.filter(is_active=True, is_adviser=True).order_by("full_name")


class AssignForm(NHSFormMixin, forms.Form):
    assignee = forms.ModelChoiceField(
        label="Adviser", queryset=User.objects.none(), required=False, empty_label="Nobody yet"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = advisers()  # type: ignore[attr-defined]


class AssessmentForm(NHSFormMixin, forms.Form):
    """A rating and a comment for each criterion of the rubric (rubric.criteria_for the request or idea)."""

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for key, question, yes in criteria:
            self.fields[f"{key}_rating"] = forms.ChoiceField(
                label=question,
                help_text=f"Yes means: {yes[0].lower()}{yes[1:]}",
                choices=Rating.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Rate “{question}”"},
            )
            self.fields[f"{key}_comment"] = forms.CharField(
                label=f"Comment on {question[0].lower()}{question[1:]} (optional)",
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @staticmethod
    def initial_from(answers: dict, criteria: list[Criterion]) -> dict[str, str]:
        initial = {}
        for key, _, _ in criteria:
            initial[f"{key}_rating"] = answers.get(key, {}).get("rating", "")
            initial[f"{key}_comment"] = answers.get(key, {}).get("comment", "")
        return initial

    def answers(self) -> dict[str, dict[str, str]]:
        d = self.cleaned_data
        return {key: {"rating": d[f"{key}_rating"], "comment": d[f"{key}_comment"]} for key, _, _ in self.criteria}


class AdviceForm(NHSFormMixin, forms.ModelForm):
    class Meta:
        model = AdviceEntry
        fields = ["date", "kind", "minutes", "notes", "next_step", "next_step_due"]
        widgets = {"kind": forms.RadioSelect, "notes": forms.Textarea(attrs={"rows": 4})}
        labels = {"kind": "What kind of advice", "next_step": "Next step (optional)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["minutes"].validators.append(MaxValueValidator(24 * 60, "Enter at most 1440 minutes (a day)"))
        self.fields["next_step_due"].required = False

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("next_step_due") and not cleaned.get("next_step"):
            self.add_error("next_step", "Enter the next step, or leave its date empty")
        return cleaned


class ProjectField(forms.CharField):
    """A project named by its number or its short title, among `projects` (those the user may see or edit): a text
    box rather than a list of every project, which would grow with the programme."""

    def __init__(self, *, projects: Any = None, may: str = "see", **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 80)
        self.may = may
        kwargs.setdefault("help_text", "Its number is in the project's web address: 12 in /projects/12/")
        super().__init__(**kwargs)
        self.projects = projects if projects is not None else Project.objects.none()

    def clean(self, value: Any) -> Project:
        text = super().clean(value).strip()
        if is_id(text):
            found = list(self.projects.filter(pk=int(text)))
        else:
            found = list(self.projects.filter(short_title__iexact=text).order_by("pk")[:6])
        if not found:
            raise forms.ValidationError(f"Enter the number or short title of a project you can {self.may}")
        if len(found) > 1:
            numbers = ", ".join(str(p.pk) for p in found[:5])
            raise forms.ValidationError(f"More than one project is called {text}: enter its number ({numbers})")
        return found[0]


class LinkProjectForm(NHSFormMixin, forms.Form):
    project = ProjectField(label="The project's number or short title")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].projects = projects_for(user)  # type: ignore[attr-defined]


class StartProjectForm(NHSFormMixin, forms.Form):
    short_title = forms.CharField(
        label="Short title of the new project",
        max_length=80,
        help_text="Used in lists and headings, for example CASCADE",
    )


class CloseCaseForm(NHSFormMixin, forms.Form):
    outcome = forms.ChoiceField(label="What came of it?", choices=Outcome.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label="Closing note (optional)", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    survey = forms.BooleanField(
        label="Email the requester our exit survey",
        help_text="Four questions: satisfaction, whether they got what they needed, whether they would recommend us, "
        "and a comment. The answers show on this page.",
        required=False,
        initial=True,
    )


class ReportPeriodForm(FilterForm):
    period = forms.ChoiceField(
        required=False,
        choices=[
            ("", "The last 12 months"),
            ("this-year", "This financial year"),
            ("last-year", "Last financial year"),
            ("all", "Since records began"),
        ],
    )

    def dates(self, today: datetime.date) -> tuple[datetime.date, datetime.date]:
        """The first and last day of the chosen period (UK financial years start on 1 April)."""
        period = self.values["period"]
        april = datetime.date(today.year if today.month >= 4 else today.year - 1, 4, 1)
        if period == "this-year":
            return april, today
        if period == "last-year":
            return april.replace(year=april.year - 1), april - datetime.timedelta(days=1)
        if period == "all":
            return datetime.date(2000, 1, 1), today
        return (today.replace(day=1) - datetime.timedelta(days=335)).replace(day=1), today
