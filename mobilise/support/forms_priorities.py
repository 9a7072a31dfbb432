"""The priorities register's forms: a priority, the register's filters, and an introduction brokered for one."""

from typing import cast

from django import forms
from django.db.models import Q
from django.utils import timezone

from mobilise.core.forms import DateField, FilterForm, IdField, NHSFormMixin
from mobilise.directory.models import Organisation
from mobilise.events.models import Theme as WebinarTheme
from mobilise.projects.models import Theme

from .models import Priority, PriorityStatus


class PriorityForm(NHSFormMixin, forms.ModelForm):
    class Meta:
        model = Priority
        fields = ["title", "description", "organisation", "themes", "webinar_themes", "raised", "status"]
        labels = {
            "organisation": "Whose priority it is (optional)",
            "themes": "Themes (optional)",
            "webinar_themes": "Webinar themes that address it (optional)",
        }
        help_texts = {
            "title": "In a line. For example: fewer emergency admissions for people with frailty",
            "organisation": "The ICB, trust, local authority or other organisation, from the directory",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "themes": forms.CheckboxSelectMultiple,
            "webinar_themes": forms.CheckboxSelectMultiple,
            "status": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].error_messages["required"] = "Enter what the priority or challenge is"
        organisation = cast(forms.ModelChoiceField, self.fields["organisation"])
        organisation.queryset = Organisation.objects.order_by("name")
        organisation.empty_label = "Not known"
        cast(forms.ModelMultipleChoiceField, self.fields["themes"]).queryset = Theme.objects.order_by("name")
        cast(forms.ModelMultipleChoiceField, self.fields["webinar_themes"]).queryset = WebinarTheme.objects.all()

    def service_values(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class PriorityFilterForm(FilterForm):
    status = forms.ChoiceField(required=False, choices=[("", "Any"), *PriorityStatus.choices], help_text="The status")
    theme = IdField(help_text="A theme (its id)")
    q = forms.CharField(required=False, max_length=200, help_text="Part of what it is or of whose it is")

    lookups = {"status": "status", "theme": "themes"}

    def filter_q(self, queryset, q):
        return queryset.filter(Q(title__icontains=q) | Q(organisation__name__icontains=q))


class IntroductionForm(NHSFormMixin, forms.Form):
    """Introduce one of the projects that could meet a priority to one of the people who could."""

    project = forms.TypedChoiceField(
        label="Introduce the team of",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the project whose team you introduced"},
    )
    person = forms.TypedChoiceField(
        label="To",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who you introduced them to"},
    )
    date = DateField(label="Date of the introduction")
    why = forms.CharField(
        label="Why you introduced them",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why you introduced them"},
    )

    def __init__(self, *args, projects, people, **kwargs):
        """projects, people: what the priority's matching found (support/matching.py), to choose from."""
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["project"]).choices = [(f.pk, f.title) for f in projects]
        cast(forms.ChoiceField, self.fields["person"]).choices = [
            (f.pk, f"{f.title} ({f.detail})" if f.detail else f.title) for f in people
        ]

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError("The date of the introduction must be today or in the past")
        return date


class OutcomeForm(NHSFormMixin, forms.Form):
    outcome = forms.CharField(
        label="What came of it",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what came of the introduction"},
    )
