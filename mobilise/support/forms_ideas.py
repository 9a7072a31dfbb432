"""The forms of "Get involved": the public idea form, the idea queue's filters, and turning an accepted idea into
an idea-stage project or an evidence gap. Answers by email, assessments, adding information and withdrawing use
the request forms in forms.py."""

from django import forms

from mobilise.core.forms import IdField, NHSFormMixin
from mobilise.projects.access import projects_for
from mobilise.projects.rules import EDIT

from .forms import CheckedForm, InformationForm, OpenByDefaultFilter, ProjectField
from .models import IDEA_OPEN, IdeaStage, IdeaStatus

FIELDS = [
    "title",
    "problem",
    "idea",
    "who_benefits",
    "evidence",
    "stage",
    "help_wanted",
    "name",
    "email",
    "organisation_name",
]


def _text(
    label: str, help_text: str = "", *, required: bool = True, rows: int = 4, most: int = 3000
) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=most,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class IdeaForm(CheckedForm):
    checked = [
        (
            "Your idea",
            [
                ("Name of the idea", "title"),
                ("The problem", "problem"),
                ("The idea", "idea"),
                ("Who would benefit", "who_benefits"),
                ("Evidence so far", "evidence"),
                ("How far it has got", "stage"),
                ("Help you would like", "help_wanted"),
            ],
        ),
        ("About you", [("Name", "name"), ("Email address", "email"), ("Organisation", "organisation_name")]),
    ]

    title = forms.CharField(label="Give your idea a short name", max_length=200, help_text="For example, Walk and talk")
    problem = _text("What is the problem?", "What goes wrong now, and for whom.")
    idea = _text("What is your idea?", "What would you do, and how would it help.", rows=6, most=5000)
    who_benefits = _text("Who would benefit?", "For example, patients, carers, staff or a community.", rows=3)
    evidence = _text(
        "What evidence do you have so far? (optional)",
        "For example, what people told you, a small test, or research you know of.",
        required=False,
    )
    stage = forms.ChoiceField(label="How far has the idea got?", choices=IdeaStage.choices, widget=forms.RadioSelect)
    help_wanted = _text("What help would you like from us? (optional)", required=False, rows=3)
    name = forms.CharField(label="Your name", max_length=200)
    email = forms.EmailField(label="Your email address", help_text="We will only use it to reply to you.")
    organisation_name = forms.CharField(label="Your organisation (optional)", max_length=200, required=False)
    consent = forms.BooleanField(
        label="I have read the privacy notice and agree that you keep these details to answer me about my idea",
        error_messages={"required": "Confirm that you agree to the privacy notice"},
    )

    def idea_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in FIELDS}


class IdeaInformationForm(InformationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = "Add information to your idea"


class IdeaFilterForm(OpenByDefaultFilter):
    status = forms.ChoiceField(required=False, choices=[("", "Open ideas"), ("all", "All"), *IdeaStatus.choices])
    stage = forms.ChoiceField(required=False, choices=[("", "Any stage"), *IdeaStage.choices])
    assignee = IdField()

    open_statuses = IDEA_OPEN
    lookups = {"stage": "stage", "assignee": "assignee_id"}


class EvidenceGapForm(NHSFormMixin, forms.Form):
    project = ProjectField(label="The project that should hold it: its number or short title", may="edit")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].projects = projects_for(user, EDIT)  # type: ignore[attr-defined]
