from django import forms

from mobilise.core.forms import NHSFormMixin

from .models import CAUSAL, NOTES, RANK, Column, LogicModel


class HeaderForm(NHSFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = LogicModel
        fields = ["problem", "context", "population"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version
        for name, hint in (self.instance.hints or {}).items():
            if name in self.fields:
                self.fields[name].help_text = f"From the template: {hint}"


class AddElementForm(NHSFormMixin, forms.Form):
    column = forms.ChoiceField(choices=Column.choices, widget=forms.HiddenInput)
    text = forms.CharField(max_length=300, label="Text", error_messages={"required": "Enter the element's text"})


def short(text, limit=50):
    """Text cut at a word to fit an option of a drop-down, which would otherwise widen the page (WCAG 1.4.10)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:.") + "…"


def in_column_order(elements):
    """Elements as the board shows them: columns left to right, each top to bottom."""
    rank = {column: index for index, column in enumerate(CAUSAL + NOTES)}
    return sorted(elements, key=lambda e: (rank.get(e.column, len(rank)), e.position, e.pk))


def element_label(element):
    return f"{Column(element.column).label}: {short(element.text)}"


def _attachment_choices(elements, links):
    by_pk = {e.pk: e for e in elements}
    ends = {link.pk: (by_pk[link.source_id], by_pk[link.target_id]) for link in links}
    ordered = sorted(links, key=lambda link: tuple(RANK.get(e.column, 99) for e in ends[link.pk]) + (link.pk,))
    return (
        [("", "Nothing yet")]
        + [(f"e:{e.pk}", element_label(e)) for e in in_column_order(elements) if e.column in RANK]
        + [
            (f"l:{link.pk}", f"Link: {short(ends[link.pk][0].text, 30)} → {short(ends[link.pk][1].text, 30)}")
            for link in ordered
        ]
    )


class ElementForm(NHSFormMixin, forms.Form):
    text = forms.CharField(max_length=300, error_messages={"required": "Enter the element's text"})
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    column = forms.ChoiceField(choices=Column.choices)
    about = forms.ChoiceField(
        label="Attached to", required=False, help_text="The element or link this assumption or risk is about"
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, element, elements, links, **kwargs):
        super().__init__(*args, **kwargs)
        self.elements = {e.pk: e for e in elements}
        self.links = {link.pk: link for link in links}
        if element.column in NOTES:
            self.fields["column"].choices = [(c.value, c.label) for c in NOTES]
            self.fields["about"].choices = _attachment_choices(elements, links)
        else:
            self.fields["column"].choices = [(c.value, c.label) for c in CAUSAL]
            del self.fields["about"]
        if not self.is_bound:
            self.initial.update(
                text=element.text, description=element.description, column=element.column, version=element.version
            )
            if element.about_element_id:
                self.initial["about"] = f"e:{element.about_element_id}"
            elif element.about_link_id:
                self.initial["about"] = f"l:{element.about_link_id}"

    def attachment(self):
        """(element, link) the note is attached to, from the chosen value."""
        value = self.cleaned_data.get("about") or ""
        kind, _, pk = value.partition(":")
        if kind == "e":
            return self.elements.get(int(pk)), None
        if kind == "l":
            return None, self.links.get(int(pk))
        return None, None


class NoteForm(NHSFormMixin, forms.Form):
    column = forms.ChoiceField(choices=[(c.value, c.label) for c in NOTES], widget=forms.HiddenInput)
    text = forms.CharField(max_length=300, error_messages={"required": "Enter the assumption or external factor"})
    about = forms.ChoiceField(label="Attached to", required=False)

    def __init__(self, *args, elements, links, **kwargs):
        super().__init__(*args, **kwargs)
        self.elements = {e.pk: e for e in elements}
        self.links = {link.pk: link for link in links}
        self.fields["about"].choices = _attachment_choices(elements, links)

    attachment = ElementForm.attachment


class LinkForm(NHSFormMixin, forms.Form):
    target = forms.ChoiceField(label="Leads to", error_messages={"required": "Select what this leads to"})
    rationale = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="Why the first leads to the second"
    )

    def __init__(self, *args, source, elements, **kwargs):
        super().__init__(*args, **kwargs)
        later = [
            e for e in in_column_order(elements) if e.column in RANK and RANK[e.column] > RANK.get(source.column, 99)
        ]
        self.targets = {str(e.pk): e for e in later}
        self.fields["target"].choices = [("", "Choose an element")] + [(str(e.pk), element_label(e)) for e in later]


class RationaleForm(NHSFormMixin, forms.Form):
    rationale = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class SnapshotForm(NHSFormMixin, forms.Form):
    name = forms.CharField(
        max_length=200,
        label="Name of the snapshot",
        help_text="For example: as submitted with the grant, or after the commissioning workshop",
        error_messages={"required": "Enter a name for the snapshot"},
    )


class ImportForm(NHSFormMixin, forms.Form):
    file = forms.FileField(
        label="Logic model file (JSON)",
        help_text="A file exported from a Mobilise logic model",
        error_messages={"required": "Choose a JSON file to import"},
    )
