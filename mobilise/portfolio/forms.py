"""The programme view's filters and sorting, and the programme report's period."""

import datetime
from typing import Any

from django import forms
from django.db.models import Case, IntegerField, QuerySet, Value, When

from mobilise.core.forms import FilterForm, IdField, NHSFormMixin
from mobilise.engagement.models import InsightStatus
from mobilise.projects.models import Stage

STAGE_ORDER = Case(
    *(When(stage=value, then=Value(i)) for i, (value, _) in enumerate(Stage.choices)),
    default=Value(len(Stage.choices)),
    output_field=IntegerField(),
)
# The sorts the view offers: label, and the order (the busiest first for the counts; the title breaks ties).
SORTS: dict[str, tuple[str, tuple[Any, ...]]] = {
    "project": ("Project", ("short_title", "pk")),
    "stage": ("Stage", (STAGE_ORDER, "short_title", "pk")),
    "overdue": ("Most overdue contacts", ("-overdue", "short_title", "pk")),
    "review": ("Most outputs awaiting review", ("-in_review", "short_title", "pk")),
    "hours": ("Most support hours", ("-support_minutes", "short_title", "pk")),
    "updated": ("Most recently changed", ("-updated", "pk")),
}


class ProgrammeFilterForm(FilterForm):
    programme = IdField()
    theme = IdField()
    adviser = IdField()
    stage = forms.ChoiceField(required=False, choices=[("", "All stages"), *Stage.choices])
    sort = forms.ChoiceField(required=False, choices=[(key, label) for key, (label, _) in SORTS.items()])

    lookups = {"programme": "programme_id", "theme": "themes", "adviser": "advisers", "stage": "stage"}

    def filter_qs(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_qs(queryset)
        return queryset.order_by(*SORTS[self.values["sort"] or "project"][1])


class GapFilterForm(FilterForm):
    """The programme's evidence gaps: by a theme of their project, by status. Filtering is done by the read
    (engagement.access.programme_gaps), from these values."""

    theme = IdField(help_text="A theme (its id)")
    status = forms.ChoiceField(required=False, choices=[("", "Any"), *InsightStatus.choices])


def quarter_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The quarter (January to March, April to June, ...; the UK financial year's quarters too) holding day."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = day.replace(month=first_month, day=1)
    after = start.replace(year=start.year + 1, month=1) if first_month == 10 else start.replace(month=first_month + 3)
    return start, after - datetime.timedelta(days=1)


def financial_year_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The UK financial year (1 April to 31 March) holding day."""
    year = day.year if day.month >= 4 else day.year - 1
    return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)


def last_twelve_months(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """From the first of the month eleven months back to today: the report's period unless one is chosen."""
    return (today.replace(day=1) - datetime.timedelta(days=335)).replace(day=1), today


def presets(today: datetime.date) -> list[tuple[str, datetime.date, datetime.date]]:
    """The periods offered as links: this and the last quarter and financial year, and the last twelve months."""
    quarter = quarter_of(today)
    year = financial_year_of(today)
    return [
        ("This quarter", *quarter),
        ("Last quarter", *quarter_of(quarter[0] - datetime.timedelta(days=1))),
        ("This financial year", *year),
        ("Last financial year", *financial_year_of(year[0] - datetime.timedelta(days=1))),
        ("The last 12 months", *last_twelve_months(today)),
    ]


class ReportPeriodForm(NHSFormMixin, forms.Form):
    """The programme report's period, from the query string: both ends given, the end on or after the start."""

    start = forms.DateField(label="From")
    end = forms.DateField(label="To")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["start"].error_messages["required"] = "Enter the first day of the period"
        self.fields["end"].error_messages["required"] = "Enter the last day of the period"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "The end of the period must be the same as or after its start")
        return cleaned
