"""The cleaners an import's columns are made of, in the spirit of pretix's order import: each column knows its
field, what files call it, and how to turn a cell into a value or into problems (ValidationError messages).
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

PERSON_NAME_MAX = 150


def _compact(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", str(text).casefold())


def code_lookup(choices, extra=()) -> dict[str, str]:
    table = {}
    for value, label in choices:
        table[_compact(value)] = value
        table[_compact(label)] = value
    for alias, value in extra:
        table[_compact(alias)] = value
    return table


class Column:
    """A column of the import: its field, what it is called in files, and how a cell is cleaned.

    `clean(value, raw, cleaned)` gets the cell (unquoted and stripped), the row's raw cells by field and the values
    cleaned so far; it returns the value to import or raises ValidationError with one or more messages.
    """

    def __init__(self, key, label, *, required=False, synonyms=(), hint="", max_length=None):
        self.key, self.label, self.required = key, label, required
        self.synonyms, self.hint, self.max_length = list(synonyms), hint, max_length

    def check_length(self, value: str) -> None:
        if self.max_length and len(value) > self.max_length:
            raise ValidationError(f"{self.key.replace('_', ' ')} must be {self.max_length} characters or fewer")

    def clean(self, value: str, raw: dict, cleaned: dict):
        self.check_length(value)
        return value.strip()


class NameColumn(Column):
    """Whitespace runs become one space; a name is needed."""

    def clean(self, value, raw, cleaned):
        name = " ".join(value.split())
        if self.required and not name:
            raise ValidationError("name is missing")
        self.check_length(value)
        return name


class EmailColumn(Column):
    def clean(self, value, raw, cleaned):
        self.check_length(value)
        if value:
            try:
                validate_email(value)
            except ValidationError:
                raise ValidationError(f"email “{value}” is not a valid email address") from None
        return value


class ChoiceColumn(Column):
    """A value found by its code, label or a common alias, ignoring case, spaces and punctuation."""

    def __init__(self, key, label, *, lookup, labels, default="", **kwargs):
        super().__init__(key, label, **kwargs)
        self.lookup, self.labels, self.default = lookup, labels, default

    def clean(self, value, raw, cleaned):
        if not value:
            return self.default
        code = self.lookup.get(_compact(value))
        if code is None:
            raise ValidationError(f"{self.key} “{value}” is not one of: {', '.join(self.labels)}")
        return code


class RolesColumn(ChoiceColumn):
    """Several roles in one cell, separated by commas, semicolons, bars or line breaks; each bad one reported."""

    def clean(self, value, raw, cleaned):
        roles, problems = [], []
        for part in re.split(r"[,;|\n]+", value):
            if part.strip():
                role = self.lookup.get(_compact(part))
                if role is None:
                    problems.append(f"role “{part.strip()}” is not one of: {', '.join(self.labels)}")
                elif role not in roles:
                    roles.append(role)
        if problems:
            raise ValidationError(problems)
        return roles


class ScoreColumn(Column):
    def clean(self, value, raw, cleaned):
        value = value.strip()
        if not value:
            return 3
        try:
            number = float(value)
        except ValueError:
            number = None
        if number is None or not number.is_integer() or not 1 <= number <= 5:
            raise ValidationError(f"{self.key} must be a whole number from 1 to 5")
        return int(number)


YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}


class YesNoColumn(Column):
    def clean(self, value, raw, cleaned):
        answer = value.strip().casefold()
        if answer not in YES | NO:
            raise ValidationError("under-served must be yes or no")
        return answer in YES


TYPES = {
    "person": "person",
    "individual": "person",
    "people": "person",
    "organisation": "organisation",
    "organization": "organisation",
    "org": "organisation",
    "group": "group",
    "community": "group",
    "groupcommunity": "group",
}


class TypeColumn(Column):
    """Person, organisation or group; without the column, what the row holds says which."""

    def clean(self, value, raw, cleaned):
        if value:
            kind = TYPES.get(_compact(value))
            if kind is None:
                raise ValidationError(f"type “{value}” must be person, organisation or group")
        elif raw.get("organisation") or raw.get("job_title") or raw.get("email"):
            kind = "person"
        elif cleaned.get("sector"):
            kind = "organisation"
        else:
            kind = "group"
        if kind == "person" and len(cleaned.get("name", "")) > PERSON_NAME_MAX:
            raise ValidationError(f"a person's name must be {PERSON_NAME_MAX} characters or fewer")
        return kind
