from datetime import timedelta

from django import forms
from django.db.models import Q
from django.utils import timezone

from mobilise.core.forms import FilterForm, IdField, NHSFormMixin
from mobilise.core.happenings import CATALOGUE
from mobilise.engagement.models import Kind as InteractionKind
from mobilise.engagement.models import Status as ActionStatus
from mobilise.events.models import EventStatus, RegistrationStatus
from mobilise.outputs.models import Status as OutputStatus
from mobilise.projects.models import Stage
from mobilise.support.models import Status as RequestStatus

from .models import Scope

EXPIRIES = [("30", "30 days"), ("90", "90 days"), ("365", "1 year")]


class TokenForm(NHSFormMixin, forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=100,
        help_text="What the token is for, so you can tell your tokens apart. For example: indicator pipeline",
        error_messages={"required": "Enter a name for the token"},
    )
    scope = forms.ChoiceField(
        label="What it may do",
        choices=Scope.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the token may do"},
    )
    days = forms.ChoiceField(
        label="Expires after",
        choices=EXPIRIES,
        initial="90",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose when the token expires"},
    )

    def expires(self):
        return timezone.now() + timedelta(days=int(self.cleaned_data["days"]))


class ProjectFilter(FilterForm):
    stage = forms.ChoiceField(choices=Stage.choices, required=False, help_text="Only projects at this stage")

    lookups = {"stage": "stage"}


class InteractionFilter(FilterForm):
    stakeholder = IdField(help_text="Only interactions with this stakeholder (its id)")
    kind = forms.ChoiceField(choices=InteractionKind.choices, required=False, help_text="Only this kind")
    date_from = forms.DateField(required=False, help_text="Only interactions on or after this date")
    date_to = forms.DateField(required=False, help_text="Only interactions on or before this date")

    lookups = {"stakeholder": "stakeholders", "kind": "kind", "date_from": "date__gte", "date_to": "date__lte"}


class RelationshipFilter(FilterForm):
    stakeholder = IdField(help_text="Only relationships of this stakeholder (its id)")

    def filter_stakeholder(self, queryset, value):
        return queryset.filter(Q(source=value) | Q(target=value))


class ActionFilter(FilterForm):
    status = forms.ChoiceField(choices=ActionStatus.choices, required=False, help_text="open: only the open actions")
    stakeholder = IdField(help_text="Only actions agreed in an interaction with this stakeholder (its id)")
    due_from = forms.DateField(required=False, help_text="Only actions due on or after this date")
    due_to = forms.DateField(required=False, help_text="Only actions due on or before this date")

    lookups = {
        "status": "status",
        "stakeholder": "interaction__stakeholders",
        "due_from": "due__gte",
        "due_to": "due__lte",
    }


class OutputFilter(FilterForm):
    status = forms.ChoiceField(choices=OutputStatus.choices, required=False, help_text="published: only published ones")

    lookups = {"status": "status"}


class WebhookForm(NHSFormMixin, forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=100,
        help_text="What it is for, so you can tell your webhooks apart. For example: CRM sync",
        error_messages={"required": "Enter a name for the webhook"},
    )
    url = forms.CharField(
        label="Web address",
        max_length=500,
        help_text="Where your program listens, starting with https://. It must be on the public internet.",
        error_messages={"required": "Enter the web address to send events to"},
    )
    events = forms.MultipleChoiceField(
        label="Events to send",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one event to send"},
    )

    def __init__(self, *args, events=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["events"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(name, CATALOGUE[name].description) for name in events]


class RequestFilter(FilterForm):
    status = forms.ChoiceField(choices=RequestStatus.choices, required=False, help_text="Only requests at this status")

    lookups = {"status": "status"}


class CaseFilter(FilterForm):
    open = forms.BooleanField(required=False, help_text="true: only the cases not yet closed")

    def filter_open(self, queryset, value):
        return queryset.filter(closed__isnull=True)


class EventFilter(FilterForm):
    status = forms.ChoiceField(choices=EventStatus.choices, required=False, help_text="Only events at this status")

    lookups = {"status": "status"}


class RegistrationFilter(FilterForm):
    status = forms.ChoiceField(choices=RegistrationStatus.choices, required=False, help_text="Only this status")

    lookups = {"status": "status"}
