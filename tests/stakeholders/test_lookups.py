"""The words an import's sector and cadence columns understand: each choice's own value and label, whatever their
case and punctuation, and the aliases spreadsheets use."""

import pytest

from mobilise.directory.models import Sector
from mobilise.stakeholders.importing import COLUMNS
from mobilise.stakeholders.models import Cadence

BY_KEY = {column.key: column for column in COLUMNS}


@pytest.mark.parametrize(
    "key, word, value",
    [
        ("cadence", "weeklY", Cadence.WEEKLY),
        ("cadence", "Half-yearly", Cadence.HALF_YEARLY),
        ("cadence", "As needed", Cadence.AS_NEEDED),
        ("cadence", "Every 2 weeks", Cadence.FORTNIGHTLY),
        ("sector", "Government", Sector.GOVERNMENT),
        ("sector", "Public", Sector.PUBLIC),
        ("sector", "ICB / commissioner", Sector.COMMISSIONER),
        # The aliases.
        ("cadence", "Six-monthly", Cadence.HALF_YEARLY),
        ("cadence", "Annual", Cadence.YEARLY),
        ("cadence", "Ad hoc", Cadence.AS_NEEDED),
        ("sector", "NHS", Sector.NHS_PROVIDER),
        ("sector", "VCS", Sector.VCSE),
        ("sector", "Policy", Sector.GOVERNMENT),
    ],
)
def test_a_word_finds_its_choice(key, word, value):
    assert BY_KEY[key].clean(word, {}, {}) == value
