"""Plans' forms: a new plan, a section's text, a costed line, the plan's status, and an adviser's template."""

from typing import Any, cast

from django import forms

from mobilise.core import forms as core_forms
from mobilise.core.forms import NHSFormMixin

from . import services
from .models import Status
from .shapes import BUILT_IN, WORDS

MAX_TEXT = 100_000


class PlanForm(NHSFormMixin, forms.Form):
    template = forms.ChoiceField(label="Template", widget=forms.RadioSelect)
    title = forms.CharField(max_length=300, help_text="For example: NIHR RfPB stage 2, dissemination and impact")

    def __init__(self, *args: Any, templates: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.custom = {f"custom-{t.pk}": t for t in templates}
        cast(forms.ChoiceField, self.fields["template"]).choices = [
            (key, shape.name) for key, shape in BUILT_IN.items()
        ] + [(key, f"{t.name} (an adviser's template)") for key, t in self.custom.items()]

    def choice(self) -> dict[str, Any]:
        """The service's keyword arguments for the chosen template."""
        key = self.cleaned_data["template"]
        return {"template": self.custom[key]} if key in self.custom else {"template_key": key}


class SectionForm(NHSFormMixin, forms.Form):
    text = forms.CharField(
        label="Your text", widget=forms.Textarea(attrs={"rows": 12}), required=False, max_length=MAX_TEXT
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CostForm(NHSFormMixin, forms.Form):
    item = forms.CharField(label="What it is for", max_length=200, help_text="For example: public contributor time")
    cost = forms.CharField(label="Cost in pounds", max_length=30, help_text="For example: 1250 or 1250.50")

    def clean_cost(self) -> Any:
        try:
            return services.clean_cost(self.cleaned_data["cost"])
        except services.PlanError as error:
            raise forms.ValidationError(error.problems) from None


class StatusForm(NHSFormMixin, forms.Form):
    status = forms.ChoiceField(choices=Status.choices, widget=forms.RadioSelect)


class TemplateForm(NHSFormMixin, forms.Form):
    """An adviser's template. Sections are typed one a line, so the form works without JavaScript:
    heading | limit | words or characters | guidance."""

    name = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000)
    sections = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20_000,
        help_text="One section a line: heading | limit | words or characters | guidance. For example: "
        "Public involvement | 250 | words | How patients and the public shaped the plan",
    )

    def clean_sections(self) -> list[dict[str, Any]]:
        sections, problems = [], []
        for number, line in enumerate((x for x in self.cleaned_data["sections"].splitlines() if x.strip()), 1):
            parts = [p.strip() for p in line.split("|")]
            heading, limit, unit, guidance = (parts + ["", "", "", ""])[:4]
            try:
                value: Any = int(limit.replace(",", ""))
            except ValueError:
                problems.append(f"Line {number}: the limit “{limit}” is not a whole number")
                continue
            unit = unit.lower() or WORDS
            if unit in ("word", "character"):
                unit += "s"
            sections.append(
                {
                    "heading": heading,
                    "limit": value,
                    "unit": unit,
                    "guidance": guidance,
                }
            )
        if problems:
            raise forms.ValidationError(problems)
        try:
            return services.check_sections(sections)
        except services.PlanError as error:
            raise forms.ValidationError(error.problems) from None


class ReviewRequestForm(core_forms.ReviewRequestForm):
    """Send a plan for review: the sender names reviewers from the team, never its authors."""
