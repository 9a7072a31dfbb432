"""The priorities register's forms: a priority, and the register's filters."""

from typing import cast

from django import forms
from django.db.models import Q

from mobilise.core.forms import FilterForm, IdField, NHSFormMixin
from mobilise.directory.models import Organisation
from mobilise.projects.models import Theme

from .models import Priority, PriorityStatus


class PriorityForm(NHSFormMixin, forms.ModelForm):
    class Meta:
        model = Priority
        fields = ["title", "description", "organisation", "themes", "raised", "status"]
        labels = {"organisation": "Whose priority it is (optional)", "themes": "Themes (optional)"}
        help_texts = {
            "title": "In a line. For example: fewer emergency admissions for people with frailty",
            "organisation": "The ICB, trust, local authority or other organisation, from the directory",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "themes": forms.CheckboxSelectMultiple,
            "status": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].error_messages["required"] = "Enter what the priority or challenge is"
        organisation = cast(forms.ModelChoiceField, self.fields["organisation"])
        organisation.queryset = Organisation.objects.order_by("name")
        organisation.empty_label = "Not known"
        cast(forms.ModelMultipleChoiceField, self.fields["themes"]).queryset = Theme.objects.order_by("name")

    def service_values(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class PriorityFilterForm(FilterForm):
    status = forms.ChoiceField(required=False, choices=[("", "Any"), *PriorityStatus.choices], help_text="The status")
    theme = IdField(help_text="A theme (its id)")
    q = forms.CharField(required=False, max_length=200, help_text="Part of what it is or of whose it is")

    def filter_status(self, queryset, status):
        return queryset.filter(status=status)

    def filter_theme(self, queryset, theme):
        return queryset.filter(themes=theme)

    def filter_q(self, queryset, q):
        return queryset.filter(Q(title__icontains=q) | Q(organisation__name__icontains=q))
