"""The forms of feedback: a feedback form and its questions, and the public form people answer."""

from django import forms

from mobilise.core.forms import NHSFormMixin

from .models import (
    FeedbackForm,
    QuestionKind,
)


class FeedbackFormForm(NHSFormMixin, forms.ModelForm):
    class Meta:
        model = FeedbackForm
        fields = ["title", "intro", "workshop", "is_open", "one_per_browser"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, workshops, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].error_messages["required"] = "Enter the form's title"
        self.fields["workshop"].queryset = workshops
        self.fields["workshop"].empty_label = "Not for a workshop"
        self.fields["workshop"].help_text = "Its QR code is then shown on the workshop's page, for the room"


class FeedbackQuestionForm(NHSFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Kind of question",
        choices=QuestionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of question"},
    )
    text = forms.CharField(label="Question", max_length=300, error_messages={"required": "Enter the question"})
    choices = forms.CharField(
        label="Choices",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For one or several choices: one choice a line",
    )
    required = forms.BooleanField(label="An answer is required", required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            options = [c.strip() for c in cleaned.get("choices", "").splitlines() if c.strip()]
            if len(options) < 2:
                self.add_error("choices", "Give at least two choices, one a line")
            elif len(set(options)) < len(options):
                self.add_error("choices", "A choice is listed twice")
        return cleaned


class ResponseForm(NHSFormMixin, forms.Form):
    """The public form: one field for each question, and a honeypot a person never sees."""

    website = forms.CharField(required=False, label="Leave this blank")

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            name = f"q{q.pk}"
            options = [(o, o) for o in q.options]
            message = {"required": f"Answer “{q.text}”", "invalid_choice": f"Choose an answer to “{q.text}”"}
            if q.kind == QuestionKind.TEXT:
                field = forms.CharField(
                    label=q.text, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}), error_messages=message
                )
            elif q.kind == QuestionKind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    label=q.text, choices=options, widget=forms.CheckboxSelectMultiple, error_messages=message
                )
            else:
                if q.kind == QuestionKind.RATING:
                    options = [
                        (o, f"{o}{' (poor)' if o == '1' else ' (excellent)' if o == '5' else ''}") for o in q.options
                    ]
                field = forms.ChoiceField(
                    label=q.text, choices=options, widget=forms.RadioSelect, error_messages=message
                )
            field.required = q.required
            if not q.required:
                field.help_text = "Optional"
            self.fields[name] = field
        self.fields["website"] = self.fields.pop("website")

    def answers(self):
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}

    def is_bot(self):
        return bool(self.data.get("website"))
