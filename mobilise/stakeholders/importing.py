"""Reading a stakeholder spreadsheet: which column holds what, one cleaner per column, and the directory records
the rows will join.

Columns are declared once (label, synonyms, hint, cleaner) in the spirit of pretix's order import. `check` runs
every cleaner over every row and reports each problem as a core.tables.Problem; the writes are in services_import.
"""

import re

from django.core.exceptions import ValidationError
from rapidfuzz import fuzz, process, utils

from mobilise.core.tables import Problem, Table, read_table
from mobilise.directory.models import Organisation, Sector

from .columns import (
    ChoiceColumn,
    Column,
    EmailColumn,
    NameColumn,
    RolesColumn,
    ScoreColumn,
    TypeColumn,
    YesNoColumn,
    code_lookup,
)
from .models import Attitude, Cadence, ImportBatch, Role

ORGANISATION_MATCH = 92  # rapidfuzz token_sort_ratio at or above which two organisation names are the same


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(text).casefold()).split())


# ---------------------------------------------------------------------------------------------------------------
# Columns

# Each choice's value and label are read already (code_lookup folds case and punctuation, so "Half-yearly" is
# half_yearly): the aliases are only the other words spreadsheets use.
SECTORS = code_lookup(
    Sector.choices,
    [
        ("ICB", Sector.COMMISSIONER),
        ("NHS", Sector.NHS_PROVIDER),
        ("Policy", Sector.GOVERNMENT),
        ("Voluntary sector", Sector.VCSE),
        ("VCS", Sector.VCSE),
        ("University", Sector.ACADEMIA),
    ],
)
CADENCES = code_lookup(
    Cadence.choices,
    [
        ("Six-monthly", Cadence.HALF_YEARLY),
        ("Annually", Cadence.YEARLY),
        ("Annual", Cadence.YEARLY),
        ("Ad hoc", Cadence.AS_NEEDED),
    ],
)
SCORE_HINT = "Blank cells count as 3"

# In the order the mapping page lists them.
COLUMNS = [
    NameColumn(
        "name",
        "Name",
        required=True,
        max_length=200,
        synonyms=["name", "full name", "stakeholder", "stakeholder name", "label", "person", "contact", "contact name"],
        hint="The person's full name, or the name of the organisation or group",
    ),
    TypeColumn(
        "type",
        "Type (person, organisation or group)",
        synonyms=["type", "kind", "stakeholder type", "person organisation or group", "entity type"],
        hint="If there is no such column: rows with a job title, email or organisation are people, rows with only "
        "a sector are organisations, the rest are groups or communities",
    ),
    NameColumn(
        "organisation",
        "Organisation",
        max_length=200,
        synonyms=["organisation", "organization", "org", "organisation name", "organization name", "employer"]
        + ["company", "affiliation"],
        hint="Where a person works. Organisations already in the directory are reused.",
    ),
    Column(
        "job_title",
        "Job title",
        max_length=200,
        synonyms=["job title", "title", "job", "position", "role title", "job role"],
    ),
    EmailColumn(
        "email",
        "Email address",
        max_length=254,
        synonyms=["email", "email address", "e mail", "e mail address"],
        hint="Used to find people already in the directory",
    ),
    ChoiceColumn(
        "sector",
        "Sector",
        lookup=SECTORS,
        labels=Sector.labels,
        synonyms=["sector", "organisation type", "organization type"],
        hint="For example: " + ", ".join(Sector.labels[:4]),
    ),
    RolesColumn(
        "roles",
        "Roles",
        lookup=code_lookup(Role.choices, [("Decision maker", Role.DECISION_MAKER), ("Broker", Role.BROKER)]),
        labels=Role.labels,
        synonyms=["roles", "role", "stakeholder role", "stakeholder roles"],
        hint="One or more of: " + ", ".join(Role.labels) + ", separated by commas or semicolons",
    ),
    ScoreColumn(
        "interest", "Interest (1 to 5)", synonyms=["interest", "interest score", "interest 1 to 5"], hint=SCORE_HINT
    ),
    ScoreColumn(
        "influence",
        "Influence (1 to 5)",
        synonyms=["influence", "influence score", "influence 1 to 5", "power"],
        hint=SCORE_HINT,
    ),
    ScoreColumn("impact", "Impact (1 to 5)", synonyms=["impact", "impact score", "impact 1 to 5"], hint=SCORE_HINT),
    ChoiceColumn(
        "attitude",
        "Attitude",
        lookup=code_lookup(Attitude.choices, [("Not known", Attitude.UNKNOWN), ("Unknown", Attitude.UNKNOWN)]),
        labels=Attitude.labels,
        default=Attitude.UNKNOWN,
        synonyms=["attitude", "stance", "support"],
        hint="One of: " + ", ".join(Attitude.labels),
    ),
    Column("what_matters", "What matters to them", synonyms=["what matters", "what matters to them", "priorities"]),
    Column(
        "decisions",
        "How and when they make decisions",
        synonyms=["decisions", "how and when they make decisions", "how and when they decide", "decision making"]
        + ["decision cycle"],
    ),
    Column("formats", "Preferred formats", max_length=300, synonyms=["formats", "preferred formats", "format"]),
    Column("channels", "Preferred channels", max_length=300, synonyms=["channels", "preferred channels"]),
    YesNoColumn(
        "underserved",
        "Under-served (yes or no)",
        synonyms=["underserved", "under served", "under served yes or no", "under served group"]
        + ["belongs to or represents an under served group"],
        hint="Yes or no; blank counts as no",
    ),
    Column(
        "purpose",
        "Purpose of engagement",
        max_length=300,
        synonyms=["purpose", "purpose of engagement", "engagement purpose"],
    ),
    ChoiceColumn(
        "cadence",
        "Cadence",
        lookup=CADENCES,
        labels=Cadence.labels,
        synonyms=["cadence", "frequency", "how often", "contact frequency"],
    ),
    Column("channel", "Main channel", max_length=100, synonyms=["channel", "main channel"]),
]
COLUMN = {c.key: c for c in COLUMNS}
FIELDS = [(c.key, c.label, c.required) for c in COLUMNS]
FIELD_LABELS = {c.key: c.label for c in COLUMNS}
# The order a row is checked in, which is the order of its problems: the type is told from the columns before it.
CHECK_ORDER = [
    COLUMN[key]
    for key in (
        "name",
        "organisation",
        "job_title",
        "email",
        "formats",
        "channels",
        "purpose",
        "channel",
        "sector",
        "type",
        "roles",
        "interest",
        "influence",
        "impact",
        "attitude",
        "cadence",
        "underserved",
        "what_matters",
        "decisions",
    )
]
PERSON_ONLY = ("organisation", "job_title", "email")


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """{field: header} for the headers whose name (or a common synonym) says what they hold."""
    by_norm: dict[str, str] = {}
    for header in headers:
        by_norm.setdefault(_norm(header), header)
    mapping, used = {}, set()
    for column in COLUMNS:
        for candidate in [column.key.replace("_", " "), column.label] + column.synonyms:
            found = by_norm.get(_norm(candidate))
            if found and found not in used:
                mapping[column.key] = found
                used.add(found)
                break
    return mapping


# ---------------------------------------------------------------------------------------------------------------
# Checking rows


def _unquote(value: str) -> str:
    """Undo safe_cell, so a file the export wrote reads back as it was."""
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@\t\r":
        return value[1:]
    return value


def clean_row(raw: dict[str, str]) -> tuple[dict, list[str]]:
    """(the row's values to import, [problem messages]) from its raw cells by field; blank for unmapped fields."""
    cleaned: dict = {}
    problems: list[str] = []
    for column in CHECK_ORDER:
        try:
            cleaned[column.key] = column.clean(raw.get(column.key, ""), raw, cleaned)
        except ValidationError as error:
            problems.extend(error.messages)
    if not problems and cleaned["type"] != "person":
        cleaned.update(dict.fromkeys(PERSON_ONLY, ""))
    cleaned["kind"] = cleaned.pop("type", "")
    return cleaned, problems


def _column_indexes(headers: list[str], mapping: dict[str, str]) -> tuple[dict[str, int], list[Problem]]:
    if not mapping.get("name"):
        return {}, [Problem(1, "Choose the column that holds the name")]
    columns = {}
    for key, header in mapping.items():
        if key in COLUMN and header:
            if header not in headers:
                return {}, [Problem(1, f"The file has no column called “{header}”")]
            columns[key] = headers.index(header)
    return columns, []


def check(rows: list[list[str]], headers: list[str], mapping: dict[str, str]) -> tuple[list[dict], list[Problem]]:
    """(clean, problems): a dict per good row, and a Problem (row number in the file, message) for every problem.

    The header is row 1 of the file, so rows[i] is row i + 2. Blank rows are passed over.
    """
    columns, problems = _column_indexes(headers, mapping)
    if problems:
        return [], problems
    clean = []
    for i, row in enumerate(rows):
        if not any(row):
            continue
        raw = {key: _unquote(row[index]) if index < len(row) else "" for key, index in columns.items()}
        item, messages = clean_row(raw)
        if messages:
            problems.extend(Problem(i + 2, m) for m in messages)
        else:
            clean.append({"row": i + 2, **item})
    return clean, problems


# ---------------------------------------------------------------------------------------------------------------
# Batches: the uploaded table between the import's steps


def batch_table(batch: ImportBatch) -> Table:
    """(headers, rows) of a batch, as read from the file on upload."""
    return read_table("batch.csv", bytes(batch.content))  # bytes(): PostgreSQL returns a memoryview


def read_batch(batch: ImportBatch) -> tuple[list[str], list[dict], list[Problem]]:
    """(headers, clean rows, problems) of a batch under its mapping."""
    headers, rows = batch_table(batch)
    clean, problems = check(rows, headers, batch.mapping)
    return headers, clean, problems


# ---------------------------------------------------------------------------------------------------------------
# Matching the directory


def org_key(name: str) -> str:
    """The same key for names that differ only in case, punctuation, spacing or word order."""
    return " ".join(sorted(utils.default_process(name).split()))


def person_key(name: str) -> str:
    return " ".join(name.casefold().split())


class OrganisationMatcher:
    """Finds a directory organisation for a name: exact (ignoring case), then same words, then close spelling.

    A name that is only alike (same words in another order, close spelling) never joins an organisation of another
    sector than the row gives: "Mereshire Healthwatch" (voluntary sector) is not "Healthwatch Mereshire" (public
    sector). An exact name does, and the preview says that the sectors differ. The directory is read once; each
    distinct name and sector is looked up once.
    """

    def __init__(self):
        self.exact, self.by_key, self.choices, self.sectors = {}, {}, {}, {}
        for pk, name, sector in Organisation.objects.order_by("pk").values_list("pk", "name", "sector"):
            self.exact.setdefault(name.casefold().strip(), pk)
            key = org_key(name)
            self.by_key.setdefault(key, []).append(pk)
            self.choices.setdefault(pk, key)
            self.sectors[pk] = sector
        self.cache: dict[tuple[str, str], int | None] = {}

    def _fits(self, pk: int, sector: str) -> bool:
        return not sector or not self.sectors[pk] or self.sectors[pk] == sector

    def _close(self, key: str, sector: str) -> int | None:
        # token_sort_ratio is fuzz.ratio of the sorted words, which the keys already are. Names that differ in a
        # number (Ward 7, Ward 8) are different organisations however alike they read.
        digits = re.findall(r"\d+", key)
        matches = process.extract(
            key, self.choices, scorer=fuzz.ratio, processor=None, score_cutoff=ORGANISATION_MATCH, limit=5
        )
        return next((m[2] for m in matches if re.findall(r"\d+", m[0]) == digits and self._fits(m[2], sector)), None)

    def find(self, name: str, sector: str = "") -> int | None:
        folded = name.casefold()
        if (folded, sector) not in self.cache:
            pk = self.exact.get(folded)
            if pk is None:
                key = org_key(name)
                pk = next((pk for pk in self.by_key.get(key, ()) if self._fits(pk, sector)), None) if key else None
                if pk is None and key and self.choices:
                    pk = self._close(key, sector)
            self.cache[folded, sector] = pk
        return self.cache[folded, sector]

    def sector_of(self, pk: int) -> str:
        return self.sectors[pk]
