"""Identifier checks: ROR ids and ORCID iDs carry checksums, so typos are caught on entry."""

import re

from django.core.exceptions import ValidationError

CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
ROR_PATTERN = re.compile(r"^0[0-9a-hjkmnp-tv-z]{6}[0-9]{2}$")
ORCID_PATTERN = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")


def normalise_ror(value):
    value = (value or "").strip().lower()
    return re.sub(r"^(https?://)?ror\.org/", "", value)


def ror_checksum_ok(ror):
    number = 0
    for char in ror[:7]:
        number = number * 32 + CROCKFORD.index(char)
    return 98 - (number * 100) % 97 == int(ror[7:])


def validate_ror(value):
    ror = normalise_ror(value)
    if not ROR_PATTERN.match(ror):
        raise ValidationError("Enter a ROR id in the right format, for example 052gg0110")
    if not ror_checksum_ok(ror):
        raise ValidationError("This ROR id is not valid: check it for typos")


def normalise_orcid(value):
    value = (value or "").strip().upper()
    value = re.sub(r"^(HTTPS?://)?ORCID\.ORG/", "", value)
    digits = value.replace("-", "")
    if len(digits) == 16 and "-" not in value:
        value = "-".join(digits[i : i + 4] for i in range(0, 16, 4))
    return value


def orcid_check_character(base_digits):
    """ISO 7064 MOD 11-2, as ORCID uses for its last character."""
    total = 0
    for digit in base_digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def validate_orcid(value):
    orcid = normalise_orcid(value)
    if not ORCID_PATTERN.match(orcid):
        raise ValidationError("Enter an ORCID iD in the right format, for example 0000-0002-1825-0097")
    digits = orcid.replace("-", "")
    if orcid_check_character(digits[:15]) != digits[15]:
        raise ValidationError("This ORCID iD is not valid: check it for typos")
