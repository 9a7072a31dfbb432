from typing import Any, cast

from django import forms
from django.contrib.auth import password_validation
from django.db.models import Q

from mobilise.core.forms import FilterForm, IdField, NHSFormMixin
from mobilise.core.models import User

from .models import DESCRIBED_BY, Project, Role, Stage


class ProjectForm(NHSFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    overwrite = forms.BooleanField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Project
        fields = [*DESCRIBED_BY, "themes", "advisers"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "research_question": forms.Textarea(attrs={"rows": 3}),
            "stage": forms.RadioSelect,
            "themes": forms.CheckboxSelectMultiple,
            "advisers": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, can_assign_advisers=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].error_messages["required"] = "Enter the project's title"
        self.fields["short_title"].error_messages["required"] = "Enter a short title"
        cast(forms.ChoiceField, self.fields["stage"]).choices = Stage.choices
        cast(forms.ModelChoiceField, self.fields["programme"]).empty_label = "Not part of a programme"
        cast(forms.ModelMultipleChoiceField, self.fields["advisers"]).queryset = User.objects.filter(
            is_adviser=True, is_active=True
        )
        self.fields["advisers"].label = "KMb advisers"
        if not can_assign_advisers:
            del self.fields["advisers"]
        if not self.instance.pk:
            del self.fields["version"], self.fields["overwrite"]
        elif not self.is_bound:
            self.initial["version"] = self.instance.version

    def clean(self):
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date must be the same as or after the start date")
        return cleaned


class AddMemberForm(NHSFormMixin, forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="If they have no account yet, we email them an invitation to make one",
        error_messages={"required": "Enter the email address of the person to add"},
    )
    role = forms.ChoiceField(
        choices=Role.choices,
        widget=forms.RadioSelect,
        initial=Role.MEMBER,
        help_text="Members can edit the project; viewers can only read it",
        error_messages={"required": "Select a role"},
    )


class AcceptInvitationForm(NHSFormMixin, forms.Form):
    """A new account from an invitation: a name and a password, checked by the site's password rules."""

    full_name = forms.CharField(
        label="Your full name",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Enter your full name"},
    )
    password1 = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Use at least 10 characters. Avoid common words and your name.",
        error_messages={"required": "Choose a password"},
    )
    password2 = forms.CharField(
        label="Type the password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Type the password again"},
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords are not the same")
        elif first:
            user = User(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class DashboardFilterForm(FilterForm):
    q = forms.CharField(required=False, label="Title or award reference")
    stage = forms.ChoiceField(required=False, choices=[("", "All stages"), *Stage.choices])
    programme = IdField()
    theme = IdField()
    mine = forms.BooleanField(required=False, label="Only projects I advise or belong to")

    lookups = {"stage": "stage", "programme": "programme_id", "theme": "themes"}

    def __init__(self, data, *, user):
        super().__init__(data)
        self.user = user

    def filter_q(self, queryset, q):
        return queryset.filter(Q(title__icontains=q) | Q(short_title__icontains=q) | Q(award_reference__iexact=q))

    def filter_mine(self, queryset, mine):
        if not self.user.is_adviser:
            return queryset
        return queryset.filter(Q(advisers=self.user) | Q(memberships__user=self.user)).distinct()
