from django import forms

from mobilise.core.forms import NHSFormMixin, refusing_impossible_ids
from mobilise.core.uploads import check_upload
from mobilise.documents.text import lower_first

from . import access, activities, casestudy, periods, progress, services
from .models import (
    CaseStudy,
    ClaimType,
    Direction,
    EvidenceKind,
    Focus,
    ImpactClaim,
    Indicator,
    Learning,
    Question,
)


class QuestionForm(NHSFormMixin, forms.ModelForm):
    class Meta:
        model = Question
        fields = ["focus", "text", "methods", "data_sources", "timing"]
        widgets = {
            "focus": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 2}),
            "methods": forms.Textarea(attrs={"rows": 2}),
            "data_sources": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus"].choices = Focus.choices
        self.fields["focus"].label = "What the question asks"
        self.fields["text"].error_messages["required"] = "Enter the question"


class IndicatorForm(NHSFormMixin, forms.ModelForm):
    breakdowns_text = forms.CharField(
        label="Breakdowns",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One a line: the name, a colon, then the categories separated by commas. For example: "
        "“Ethnicity: Bangladeshi, Pakistani, Indian, White British, Other” or "
        "“Deprivation quintile: 1 (most deprived), 2, 3, 4, 5 (least deprived)”",
    )

    class Meta:
        model = Indicator
        fields = [
            "name",
            "element",
            "definition",
            "unit",
            "direction",
            "data_source",
            "baseline_value",
            "baseline_date",
            "breakdowns_text",
            "additive",
        ]
        widgets = {"definition": forms.Textarea(attrs={"rows": 3}), "direction": forms.RadioSelect}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        element = self.fields["element"]
        element.queryset = access.measurable_elements(project)
        element.label_from_instance = lambda e: f"{e.get_column_display()}: {e.text}"
        element.empty_label = "Not linked to the logic model yet"
        self.fields["direction"].choices = Direction.choices
        self.fields["name"].error_messages["required"] = "Enter the indicator's name"
        self.fields["unit"].error_messages["required"] = "Enter the unit, for example % or women"
        self.fields["baseline_value"].widget = forms.TextInput(attrs={"inputmode": "decimal"})
        self.fields["baseline_value"].error_messages["invalid"] = "Enter the baseline as a number, for example 58.5"
        if self.instance.pk:
            self.initial["breakdowns_text"] = services.breakdowns_text(self.instance.breakdowns)

    def clean_breakdowns_text(self):
        try:
            return services.parse_breakdowns(self.cleaned_data.get("breakdowns_text", ""))
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def values(self):
        values = dict(self.cleaned_data)
        values["breakdowns"] = values.pop("breakdowns_text")
        return values


class TargetField(forms.CharField):
    """An optional target, typed as text so that "1,250" and "62%" are taken: None when left blank, else the number,
    checked against `unit` (which the form sets when it knows the indicator's)."""

    def __init__(self, *, help_text):
        super().__init__(
            label="Target", required=False, help_text=help_text, widget=forms.TextInput(attrs={"inputmode": "decimal"})
        )
        self.unit = ""

    def to_python(self, value):
        raw = super().to_python(value)
        if not raw:
            return None
        try:
            return progress.parse_value(raw, self.unit)
        except ValueError as error:
            raise forms.ValidationError(f"Enter the target as a number: {error}") from None


class PeriodForm(NHSFormMixin, forms.Form):
    label = forms.CharField(
        label="Period",
        max_length=40,
        help_text="For example: 2024-25 or 2025 Q1",
        error_messages={"required": "Enter the period's name"},
    )
    ends = forms.DateField(label="Last day of the period", error_messages={"required": "Enter the period's last day"})
    target = TargetField(help_text="Leave blank if there is no target for it")

    def __init__(self, *args, unit="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].unit = unit  # type: ignore[attr-defined]


class GeneratePeriodsForm(NHSFormMixin, forms.Form):
    """Reporting periods for several indicators at once, between two dates, with targets spread across them."""

    indicators = forms.MultipleChoiceField(
        label="Indicators",
        widget=forms.CheckboxSelectMultiple,
        help_text="Each gets the same periods and targets",
        error_messages={
            "required": "Select at least one indicator",
            "invalid_choice": "Select indicators of this project",
        },
    )
    frequency = forms.ChoiceField(
        label="How often you report", choices=periods.FREQUENCIES, widget=forms.RadioSelect, initial=periods.QUARTERLY
    )
    financial_year = forms.BooleanField(
        label="Use UK financial years (April to March)",
        required=False,
        help_text="Quarter 1 is April to June; years are named like 2025-26",
    )
    starts = forms.DateField(label="From", help_text="The first period is the one this date falls in")
    ends = forms.DateField(label="To", help_text="The last period is the one this date falls in")
    target_mode = forms.ChoiceField(
        label="Targets", choices=periods.TARGET_MODES, widget=forms.RadioSelect, initial=periods.NO_TARGETS
    )
    # The chosen indicators may have different units, so the target is checked as a plain number.
    target = TargetField(help_text="A total to split (for counts), or the target for each period")

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator_objects = {str(i.pk): i for i in indicators}
        self.fields["indicators"].choices = [(str(i.pk), i.name) for i in indicators]

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and ends < starts:
            self.add_error("ends", "The end date must be on or after the start date")
        elif starts and ends and data.get("frequency"):
            data["spans"] = periods.plan(data["frequency"], starts, ends, financial_year=data["financial_year"])
            if len(data["spans"]) > periods.MAX_PERIODS:
                self.add_error("ends", f"That makes more than {periods.MAX_PERIODS} periods: choose a shorter time")
        wants_target = data.get("target_mode", periods.NO_TARGETS) != periods.NO_TARGETS
        if wants_target and "target" not in self.errors and data.get("target") is None:
            self.add_error("target", "Enter the target, or choose no targets for now")
        data["indicator_list"] = [self.indicator_objects[pk] for pk in data.get("indicators", [])]
        return data


class ActualsForm(NHSFormMixin, forms.Form):
    """The total and each breakdown category for one period."""

    def __init__(self, *args, indicator, period=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["period"] = forms.ChoiceField(
            label="Period",
            choices=[("", "Choose a period")] + [(str(p.pk), p.label) for p in indicator.periods.all()],
            error_messages={"required": "Select the period", "invalid_choice": "Select one of the periods"},
        )
        self.cells = {"total": ("", "")}
        self.fields["total"] = forms.CharField(
            label=f"Total ({indicator.unit})", required=False, widget=forms.TextInput(attrs={"inputmode": "decimal"})
        )
        existing = {}
        if period is not None:
            self.initial["period"] = str(period.pk)
            existing = {(a.dimension, a.category): a.value for a in period.actuals.all()}
        for d, (dimension, categories) in enumerate((indicator.breakdowns or {}).items()):
            for c, category in enumerate(categories):
                name = f"b{d}_{c}"
                self.cells[name] = (dimension, category)
                self.fields[name] = forms.CharField(
                    label=f"{dimension}: {category}",
                    required=False,
                    widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                )
        for name, key in self.cells.items():
            if key in existing:
                self.initial[name] = progress.number(existing[key]).replace(",", "")

    def clean(self):
        cleaned = super().clean()
        values = {}
        for name, key in self.cells.items():
            raw = (self.data.get(self.add_prefix(name)) or "").strip()
            if not raw:
                values[key] = None
                continue
            try:
                values[key] = progress.parse_value(raw, self.indicator.unit)
            except ValueError as error:
                self.add_error(name, f"Enter {lower_first(self.fields[name].label)} as a number: {error}")
        if not any(v is not None for v in values.values()) and not self.errors:
            raise forms.ValidationError("Enter at least one value")
        cleaned["values"] = values
        return cleaned

    def period(self):
        return next(p for p in self.indicator.periods.all() if str(p.pk) == self.cleaned_data["period"])


class ImportForm(NHSFormMixin, forms.Form):
    file = forms.FileField(
        label="CSV or Excel file",
        error_messages={"required": "Choose a file to import"},
        help_text="Columns: Period, Breakdown, Category, Value. Leave Breakdown and Category blank for the total.",
    )


class ClaimForm(NHSFormMixin, forms.ModelForm):
    class Meta:
        model = ImpactClaim
        fields = ["kind", "title", "reach", "significance", "date", "outcome"]
        widgets = {
            "kind": forms.RadioSelect,
            "reach": forms.Textarea(attrs={"rows": 3}),
            "significance": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ClaimType.choices
        self.fields["title"].error_messages["required"] = "Enter the claim"
        outcome = self.fields["outcome"]
        outcome.queryset = access.outcome_elements(project)
        outcome.label_from_instance = lambda e: f"{e.get_column_display()}: {e.text}"
        outcome.empty_label = "Not linked to an outcome"
        # What produced it: one list of ticks per kind of activity, the newest first.
        claim = self.instance if self.instance.pk else None
        for kind in activities.kinds():
            rows = activities.offered(kind, project, claim)
            if rows is None:
                continue
            field = forms.ModelMultipleChoiceField(
                queryset=rows,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                label=kind.label,
                help_text=f"Up to the {activities.LISTED} most recent, with those already linked.",
            )
            field.label_from_instance = kind.label_of
            field.clean = refusing_impossible_ids(field)  # type: ignore[method-assign]
            field.error_messages["invalid_choice"] = f"Choose from the {kind.label.lower()} listed"
            self.fields[kind.name] = field
            if claim:
                self.initial[kind.name] = sorted(kind.linked_pks(claim))
        self.activity_names = [kind.name for kind in activities.kinds() if kind.name in self.fields]

    def values(self):
        """(the claim's own fields, {kind name: the rows it links to}) from the cleaned data."""
        data = dict(self.cleaned_data)
        return data, {name: list(data.pop(name)) for name in self.activity_names if name in data}


class EvidenceForm(NHSFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Kind of evidence",
        choices=EvidenceKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of evidence"},
    )
    title = forms.CharField(label="Description", max_length=300, error_messages={"required": "Describe the evidence"})
    url = forms.URLField(
        label="Link",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Enter a full web address, starting https://"},
    )
    text = forms.CharField(label="Quotation or email text", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    source = forms.CharField(label="Who said or sent it", required=False, max_length=200)
    consent = forms.BooleanField(label="They consented to being quoted", required=False)
    file = forms.FileField(
        label="File",
        required=False,
        help_text="PDF, Word, Excel, PowerPoint, PNG, JPEG, text or CSV, smaller than 10 MB",
    )

    fixed_kind = None  # set when editing an item, whose kind stays

    def clean(self):
        cleaned = super().clean()
        kind = self.fixed_kind or cleaned.get("kind")
        if kind == EvidenceKind.LINK and not cleaned.get("url") and "url" not in self.errors:
            self.add_error("url", "Enter the link")
        if kind == EvidenceKind.FILE and "file" in self.fields and not cleaned.get("file"):
            self.add_error("file", "Choose the file")
        if kind in (EvidenceKind.TESTIMONIAL, EvidenceKind.EMAIL) and not cleaned.get("text"):
            self.add_error("text", "Enter the quotation or the email text")
        if kind == EvidenceKind.TESTIMONIAL and not cleaned.get("consent"):
            self.add_error("consent", "Keep a testimonial only with the person's consent to be quoted")
        if cleaned.get("file"):
            try:
                cleaned["content_type"] = check_upload(cleaned["file"])
            except forms.ValidationError as error:
                self.add_error("file", error)
        return cleaned


# The fields each kind of evidence keeps, besides its description and who said or sent it.
KIND_FIELDS = {
    EvidenceKind.LINK: ["url"],
    EvidenceKind.FILE: [],
    EvidenceKind.TESTIMONIAL: ["text", "consent"],
    EvidenceKind.EMAIL: ["text"],
}


class EvidenceEditForm(EvidenceForm):
    """The details of an item already kept; to change its kind or file, remove it and add another."""

    def __init__(self, *args, evidence, **kwargs):
        names = ["title", *KIND_FIELDS[evidence.kind], "source"]
        super().__init__(*args, initial={name: getattr(evidence, name) for name in names}, **kwargs)
        self.fixed_kind = evidence.kind
        self.fields = {name: self.fields[name] for name in names}


class LearningForm(NHSFormMixin, forms.ModelForm):
    class Meta:
        model = Learning
        fields = ["date", "tried", "learned", "changed", "snapshot"]
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in ("tried", "learned", "changed")}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["snapshot"].queryset = access.snapshots(project)
        self.fields["snapshot"].empty_label = "No snapshot"
        self.fields["snapshot"].help_text = "Take a snapshot of the logic model to show what it was when you changed it"


class CaseStudyForm(NHSFormMixin, forms.ModelForm):
    """Limits are shown, not enforced: a draft may run long; casestudy.check decides, and export refuses."""

    class Meta:
        model = CaseStudy
        fields = ["title", "summary", "research", "references", "details", "sources"]
        widgets = {
            f: forms.Textarea(attrs={"rows": r})
            for f, r in (("summary", 4), ("research", 8), ("references", 6), ("details", 10), ("sources", 8))
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, limit in casestudy.WORD_LIMITS.items():
            self.fields[name].help_text = f"Up to {limit} words"
        for name, limit in casestudy.ITEM_LIMITS.items():
            self.fields[name].help_text = f"One a line, up to {limit}"
        self.fields["title"].label = "Title of the case study"
