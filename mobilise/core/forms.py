"""Forms in the NHS style: plain-English messages, an error summary, and fields rendered by NHS macros."""

import time
from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.core import signing
from django.db import models
from django.db.models import QuerySet

from mobilise.documents.text import clean_text

from .widgets import DateInput, HoneypotInput, field_anchor

# Dates outside these years are typing mistakes, and near the ends of the calendar they overflow when moved
# between time zones.
FIRST_YEAR, LAST_YEAR = 1900, 2199
LARGEST_ID = 2**63 - 1


def _check_year(value: Any) -> None:
    if value and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise forms.ValidationError(f"Enter a date between {FIRST_YEAR} and {LAST_YEAR}", code="out_of_range")


class DateField(forms.DateField):
    widget = DateInput
    input_formats = ["%Y-%m-%d"]

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("invalid", "Enter a real date, for example 27 3 2026")
        super().__init__(**kwargs)


if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class NHSFormMixin(_FormBase):
    """Plain-English default messages and the list the error summary shows."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField) and not isinstance(field.widget, DateInput):
                self.fields[name] = DateField(
                    required=field.required,
                    label=field.label,
                    help_text=field.help_text,
                    initial=field.initial,
                )
                field = self.fields[name]
            if isinstance(field, forms.DateField | forms.DateTimeField):
                field.validators.append(_check_year)
            if isinstance(field, forms.ModelChoiceField) and field.to_field_name is None:
                field.clean = refusing_impossible_ids(field)  # type: ignore[method-assign]
            label = (field.label or name.replace("_", " ")).lower()
            if field.error_messages.get("required") == forms.Field.default_error_messages["required"]:
                verb = "Select" if isinstance(field, forms.ChoiceField | forms.ModelChoiceField) else "Enter"
                if isinstance(field, forms.BooleanField):
                    verb = "Confirm"
                field.error_messages["required"] = f"{verb} {label}"

    def _clean_fields(self):
        super()._clean_fields()  # type: ignore[misc]  # a private hook of Django's forms, not in the stubs
        for name, value in self.cleaned_data.items():
            if isinstance(value, str):
                self.cleaned_data[name] = clean_text(value)

    def refuse(self, message):
        """Show message in the error summary without checking the fields, for example when throttled."""
        self.errors  # noqa: B018 - runs (or skips) validation so the error dictionary exists
        if not hasattr(self, "cleaned_data"):
            self.cleaned_data = {}
        self.add_error(None, message)

    def error_list(self):
        """[{text, href}] for the NHS error summary, in field order, non-field errors first."""
        items = [{"text": str(e), "href": "#main-form"} for e in self.non_field_errors()]
        for bf in self:
            for error in bf.errors:
                items.append({"text": str(error), "href": "#" + field_anchor(bf)})
        return items


class PublicFormMixin(NHSFormMixin):
    """A form anyone may post, resisting spam without a CAPTCHA: a honeypot box, and a time trap (a signed note
    of when the form was shown; people take longer than PUBLIC_FORM_MIN_SECONDS to fill it in, scripts do not).

    A view asks `form.is_bot()` before `is_valid()` and answers a bot as if it had succeeded, storing nothing, so
    the sender learns nothing. Limit floods with `core.ratelimit.Throttle` as well."""

    MAX_AGE = 7 * 24 * 3600  # a form left open for a week is shown again rather than trusted
    STARTED_SALT = "mobilise.public-form"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"] = forms.CharField(required=False, label="Leave this blank", widget=HoneypotInput)
        self.fields["started"] = forms.CharField(required=False, widget=forms.HiddenInput)
        self.initial["started"] = signing.dumps(time.time(), salt=self.STARTED_SALT)

    def _started(self) -> float | None:
        try:
            return float(signing.loads(str(self.data.get("started", "")), salt=self.STARTED_SALT, max_age=self.MAX_AGE))
        except (signing.BadSignature, TypeError, ValueError):
            return None

    def is_bot(self) -> bool:
        started = self._started()
        too_fast = started is None or time.time() - started < settings.PUBLIC_FORM_MIN_SECONDS
        return bool(self.data.get("website")) or too_fast


def started_seconds_ago(seconds: float) -> str:
    """The time-trap value of a form shown `seconds` ago (for tests, which post faster than people)."""
    return signing.dumps(time.time() - seconds, salt=PublicFormMixin.STARTED_SALT)


def refusing_impossible_ids(field: forms.ModelChoiceField) -> Any:
    """field.clean, first refusing a posted id that is no number or too large for the database (which would
    raise OverflowError rather than find nothing). NHSFormMixin sets it on the fields a form declares; a form that
    adds a field after that sets it itself."""
    original = field.clean

    def clean(value: Any) -> Any:
        if field.queryset is None or not isinstance(field.queryset.model._meta.pk, models.IntegerField):
            return original(value)
        for item in value if isinstance(value, list | tuple) else [value]:
            if item in field.empty_values:
                continue
            text = str(item).strip()
            if not is_id(text):
                raise forms.ValidationError(
                    field.error_messages["invalid_choice"], code="invalid_choice", params={"value": text[:40]}
                )
        return original(value)

    return clean


class SignInForm(NHSFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct email address and password. Both are case-sensitive.",
        "inactive": "This account is inactive.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget = forms.EmailInput(attrs={"autocomplete": "email"})
        self.fields["username"].error_messages["required"] = "Enter your email address"
        self.fields["password"].error_messages["required"] = "Enter your password"


class ResetRequestForm(NHSFormMixin, PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"
        self.fields["email"].error_messages["required"] = "Enter your email address"


class NewPasswordForm(NHSFormMixin, SetPasswordForm):
    pass


class TokenForm(NHSFormMixin, forms.Form):
    token = forms.CharField(
        label="Security code",
        help_text="The 6-digit code from your authenticator app",
        max_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": "Enter the 6-digit security code"},
    )

    def clean_token(self):
        token = self.cleaned_data["token"].strip().replace(" ", "")
        if not (token.isdigit() and len(token) == 6):
            raise forms.ValidationError("Enter the 6-digit security code from your authenticator app")
        return token


def model_values(form):
    """The cleaned values of a ModelForm's model fields, ready for a service function."""
    return {name: form.cleaned_data[name] for name in form._meta.fields if name in form.cleaned_data}


def is_id(text: str) -> bool:
    """Whether the text is a database id: ASCII digits ("²" is a digit to Python, but not to int()), and not larger
    than an id can be."""
    return text.isascii() and text.isdigit() and len(text) <= len(str(LARGEST_ID)) and 0 < int(text) <= LARGEST_ID


class IdField(forms.IntegerField):
    """A filter's choice of one row by its id: a positive whole number that a database id can be (a larger one would
    overflow the query, not find nothing)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(min_value=1, max_value=LARGEST_ID, **kwargs)


class FilterForm(forms.Form):
    """A list page's filters, read from the query string (pretix's filter forms). A value that does not clean is
    ignored rather than reported: a stale or hand-edited link still shows the list.

    Each field with a value filters through its method `filter_<name>(queryset, value)`, or, where a field only
    narrows by one lookup, through `lookups`, {field name: lookup} (`{"due_from": "due__gte"}`)."""

    lookups: ClassVar[dict[str, str]] = {}

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        super().__init__(data if data is not None else {}, **kwargs)

    @property
    def values(self) -> dict[str, Any]:
        """Every field's cleaned value, or "" where it is missing or does not clean, for the template."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: cleaned.get(name) if cleaned.get(name) not in (None, "") else "" for name in self.fields}

    def filter_qs(self, queryset: QuerySet) -> QuerySet:
        values = self.values
        for name, value in values.items():
            if value != "" and value is not False:
                method = getattr(self, f"filter_{name}", None)
                if method is not None:
                    queryset = method(queryset, value)
                elif name in self.lookups:
                    queryset = queryset.filter(**{self.lookups[name]: value})
        return queryset


class ReviewCommentForm(NHSFormMixin, forms.Form):
    """A comment in a review, on one of the sections the reviewed object declares or on the whole of it."""

    section = forms.ChoiceField(label="Which part is it about?", required=False)
    text = forms.CharField(label="Comment", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        section = self.fields["section"]
        assert isinstance(section, forms.ChoiceField)
        section.choices = [("", "The whole of it"), *sections]
        self.fields["text"].error_messages["required"] = "Enter your comment"


class ReviewRequestForm(NHSFormMixin, forms.Form):
    """Send an object for review (core/reviews.py): the sender names reviewers among `choices`, never its authors.
    An app's form says who those people are in `reviewers_help`."""

    reviewers_help = "People on the team who did not write it. Each gets an email with a link to the review."

    reviewers: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        queryset=None,  # set in __init__
        widget=forms.CheckboxSelectMultiple,
        label="Who should review it?",
        error_messages={"required": "Select at least one reviewer"},
    )
    message = forms.CharField(
        label="Note to the reviewers (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args: Any, choices: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reviewers = self.fields["reviewers"]
        assert isinstance(reviewers, forms.ModelMultipleChoiceField)
        reviewers.queryset = choices
        reviewers.help_text = self.reviewers_help
