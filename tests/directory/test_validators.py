import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from mobilise.directory.validators import (
    CROCKFORD,
    normalise_orcid,
    normalise_ror,
    orcid_check_character,
    validate_orcid,
    validate_ror,
)


@pytest.mark.parametrize(
    "orcid", ["0000-0002-1825-0097", "0000-0002-1694-233X", "https://orcid.org/0000-0001-5109-3700"]
)
def test_known_orcids_pass(orcid):
    validate_orcid(orcid)


@pytest.mark.parametrize("orcid", ["0000-0002-1825-0098", "0000-0002-1825-009", "abcd-0002-1825-0097", ""])
def test_bad_orcids_fail(orcid):
    with pytest.raises(ValidationError):
        validate_orcid(orcid)


@given(st.text(alphabet="0123456789", min_size=15, max_size=15), st.integers(0, 14), st.integers(1, 9))
def test_orcid_checksum_catches_any_single_digit_typo(base, position, shift):
    good = base + orcid_check_character(base)
    validate_orcid(good)
    typo = base[:position] + str((int(base[position]) + shift) % 10) + base[position + 1 :] + good[-1]
    with pytest.raises(ValidationError):
        validate_orcid(typo)


def test_orcid_normalised_from_url_and_bare_digits():
    assert normalise_orcid("https://orcid.org/0000-0002-1694-233x") == "0000-0002-1694-233X"
    assert normalise_orcid("000000021825 0097".replace(" ", "")) == "0000-0002-1825-0097"


@pytest.mark.parametrize("ror", ["052gg0110", "02jx3x895", "https://ror.org/013meh722", "041KMWE10"])
def test_known_rors_pass(ror):
    validate_ror(ror)


@pytest.mark.parametrize("ror", ["052gg0111", "152gg0110", "052gg011", "052gl0110"])
def test_bad_rors_fail(ror):
    with pytest.raises(ValidationError):
        validate_ror(ror)


@given(st.text(alphabet=CROCKFORD, min_size=6, max_size=6), st.integers(0, 98))
def test_ror_accepts_exactly_one_checksum(body, checksum):
    number = 0
    for char in "0" + body:
        number = number * 32 + CROCKFORD.index(char)
    expected = 98 - (number * 100) % 97
    ror = f"0{body}{checksum:02d}"
    if checksum == expected:
        validate_ror(ror)
    else:
        with pytest.raises(ValidationError):
            validate_ror(ror)
    assert normalise_ror("https://ror.org/" + ror.upper()) == ror
