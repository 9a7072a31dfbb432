"""Stakeholder maps in and out: spreadsheet, CSV and GraphML exports, and a checked, all-or-nothing import.

Plain functions with no request objects. Exports take loaded stakeholders (from access.stakeholders, roles
prefetched); the import reads a file into rows, checks every row against the register's rules, then writes them in
one transaction with bulk inserts, reusing organisations and people already in the directory.
"""

import csv
import datetime
import io
import re
import zipfile
from datetime import timedelta

import networkx as nx
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils import timezone
from rapidfuzz import fuzz, process, utils

from mobilise.directory.models import Organisation, Person, Sector

from .models import (
    Attitude,
    Cadence,
    ImportBatch,
    RelationshipKind,
    Role,
    ScoreChange,
    Stakeholder,
    StakeholderRole,
)

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
ORGANISATION_MATCH = 92  # rapidfuzz token_sort_ratio at or above which two organisation names are the same
BATCH_SIZE = 1000  # rows per INSERT at most; the database backend may lower it (SQLite allows 999 parameters)
INSERT_CHUNK = 10_000  # rows per executemany
BATCH_MAX_AGE = timedelta(days=1)


class ImportProblem(Exception):
    """A file that cannot be imported, with a message the user can act on."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class AlreadyImported(ImportProblem):
    pass


# ---------------------------------------------------------------------------------------------------------------
# Export

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text a spreadsheet will show as text: a leading = + - @ (or tab, carriage return) could start a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _yes(value):
    return "yes" if value else "no"


def _organisation_name(s):
    if s.person_id:
        org = s.person.organisation if s.person.organisation_id else s.organisation
        return org.name if org else ""
    return ""


def _sector_label(code):
    return Sector(code).label if code in Sector.values else code or ""


def _role_labels(s):
    return [Role(r).label for r in Role.values if r in s.role_set]


def _owner(s):
    if not s.owner_id:
        return ""
    return s.owner.full_name or s.owner.email


REGISTER_HEADERS = [
    "Name",
    "Type",
    "Organisation",
    "Job title",
    "Sector",
    "Roles",
    "Interest",
    "Influence",
    "Impact",
    "Attitude",
    "What matters to them",
    "How and when they make decisions",
    "Preferred formats",
    "Preferred channels",
    "Under-served",
    "Purpose of engagement",
    "Cadence",
    "Main channel",
    "Relationship owner",
    "Already engaged",
    "Do not contact",
]


def _sorted(stakeholders):
    return sorted(stakeholders, key=lambda s: (s.name.casefold(), s.pk or 0))


def _register_row(s):
    return [
        s.name,
        s.kind,
        _organisation_name(s),
        s.person.job_title if s.person_id else "",
        _sector_label(s.sector),
        "; ".join(_role_labels(s)),
        s.interest,
        s.influence,
        s.impact,
        Attitude(s.attitude).label,
        s.what_matters,
        s.decisions,
        s.formats,
        s.channels,
        _yes(s.underserved),
        s.purpose,
        Cadence(s.cadence).label if s.cadence else "",
        s.channel,
        _owner(s),
        _yes(s.engaged),
        _yes(s.do_not_contact),
    ]


def register_rows(stakeholders):
    """The register as rows of plain values, header first, with every text cell made formula-safe."""
    rows = [REGISTER_HEADERS]
    rows += [[safe_cell(v) for v in _register_row(s)] for s in _sorted(stakeholders)]
    return rows


def stakeholders_csv(stakeholders):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(register_rows(stakeholders))
    return out.getvalue()


def _labels(stakeholders):
    """{pk: label} unique within the map, as network tools join connections to elements by label."""
    labels, seen = {}, {}
    for s in stakeholders:
        seen.setdefault(s.name.casefold(), []).append(s)
    for group in seen.values():
        for s in group:
            label = s.name
            if len(group) > 1:
                org = _organisation_name(s)
                label = f"{s.name} ({org})" if org else f"{s.name} ({s.kind})"
            labels[s.pk] = label
    counts = {}
    for label in labels.values():
        counts[label.casefold()] = counts.get(label.casefold(), 0) + 1
    return {pk: (f"{label} [{pk}]" if counts[label.casefold()] > 1 else label) for pk, label in labels.items()}


def _description(s):
    parts = []
    if s.person_id:
        parts.append(", ".join(p for p in (s.person.job_title, _organisation_name(s)) if p))
    if s.what_matters:
        parts.append(s.what_matters)
    return "\n".join(p for p in parts if p)


def _tags(s):
    tags = _role_labels(s)
    if s.sector:
        tags.append(_sector_label(s.sector))
    tags.append(Attitude(s.attitude).label)
    if s.underserved:
        tags.append("Under-served")
    return " | ".join(tags)


def stakeholders_xlsx(stakeholders, relationships):
    """A workbook with the full register and the two sheets network-mapping tools such as Kumu import."""
    from openpyxl import Workbook

    stakeholders = _sorted(stakeholders)
    labels = _labels(stakeholders)
    wb = Workbook(write_only=True)
    register = wb.create_sheet("Stakeholders")
    for row in register_rows(stakeholders):
        register.append(row)
    elements = wb.create_sheet("Elements")
    elements.append(["Label", "Type", "Description", "Tags", "Influence", "Interest", "Impact"])
    for s in stakeholders:
        elements.append(
            [
                safe_cell(v)
                for v in (
                    labels[s.pk],
                    s.kind.capitalize(),
                    _description(s),
                    _tags(s),
                    s.influence,
                    s.interest,
                    s.impact,
                )
            ]
        )
    connections = wb.create_sheet("Connections")
    connections.append(["From", "To", "Type", "Description"])
    for r in relationships:
        if r.source_id in labels and r.target_id in labels:
            connections.append(
                [
                    safe_cell(v)
                    for v in (labels[r.source_id], labels[r.target_id], RelationshipKind(r.kind).label, r.note)
                ]
            )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def stakeholders_graphml(stakeholders, relationships):
    """GraphML for Gephi, yEd or Cytoscape: one node per stakeholder, one directed edge per relationship."""
    g = nx.MultiDiGraph()
    nodes = {}
    for s in _sorted(stakeholders):
        nodes[s.pk] = f"s{s.pk}"
        g.add_node(
            nodes[s.pk],
            label=s.name,
            type=s.kind,
            sector=_sector_label(s.sector),
            influence=s.influence,
            interest=s.interest,
            impact=s.impact,
            attitude=s.attitude,
        )
    for r in relationships:
        if r.source_id in nodes and r.target_id in nodes:
            g.add_edge(nodes[r.source_id], nodes[r.target_id], kind=r.kind)
    out = io.BytesIO()
    nx.write_graphml(g, out, encoding="utf-8")
    return out.getvalue()


# ---------------------------------------------------------------------------------------------------------------
# Reading a file


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).strip()


def _decode(content):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportProblem("The file's text could not be read. Save it as “CSV UTF-8” and upload it again.")


def _delimiter(text):
    """The delimiter of the header line: comma, semicolon or tab, whichever it holds most of outside quotes."""
    first = text.split("\n", 1)[0]
    first = re.sub(r'"[^"]*"', "", first)
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(content):
    if b"\x00" in content[:4096]:
        raise ImportProblem("The file is not a CSV text file. Save it as CSV or as an Excel workbook (.xlsx).")
    text = _decode(content)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows = []
    try:
        for row in reader:
            rows.append([c.strip() for c in row])
            if len(rows) > MAX_ROWS + 1:
                break
    except csv.Error as error:
        raise ImportProblem(f"The CSV file could not be read near row {reader.line_num}: {error}") from error
    return rows


def _read_xlsx(content):
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportProblem(
            "The file is not an Excel workbook that can be read. Save it again as .xlsx or as CSV and upload it again."
        ) from error
    try:
        sheet = wb.worksheets[0]
        rows = []
        width = None
        for values in sheet.iter_rows(values_only=True):
            row = [_cell_text(v) for v in values[:width]]
            if width is None:
                while row and not row[-1]:
                    row.pop()
                width = max(len(row), 1)
            rows.append(row)
            if len(rows) > MAX_ROWS + 1:
                break
    finally:
        wb.close()
    return rows


def read_table(name, content, noun="stakeholders"):
    """(headers, rows) from a .csv or .xlsx file; the headers are the first row, made unique and never blank.

    Rows keep their place in the file, blank ones included, so row i is row i + 2 of the file.
    """
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ("csv", "xlsx"):
        raise ImportProblem("The file must be a CSV file (.csv) or an Excel workbook (.xlsx)")
    if len(content) > MAX_BYTES:
        raise ImportProblem("The file must be smaller than 20 MB")
    if not content.strip():
        raise ImportProblem("The file is empty")
    rows = _read_csv(content) if extension == "csv" else _read_xlsx(content)
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        raise ImportProblem("The file is empty")
    if not any(rows[0]):
        raise ImportProblem("The first row must hold the column headings, such as Name and Organisation")
    if len(rows) - 1 > MAX_ROWS:
        raise ImportProblem(f"The file has more than {MAX_ROWS:,} rows. Split it into smaller files.")
    if len(rows) == 1:
        raise ImportProblem(f"The file has column headings but no {noun} below them")
    headers, seen = [], {}
    for i, header in enumerate(rows[0]):
        header = header or f"Column {_column_letter(i)}"
        seen[header.casefold()] = seen.get(header.casefold(), 0) + 1
        if seen[header.casefold()] > 1:
            header = f"{header} ({seen[header.casefold()]})"
        headers.append(header)
    return headers, rows[1:]


def _column_letter(index):
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# ---------------------------------------------------------------------------------------------------------------
# Mapping columns to fields

FIELDS = [
    ("name", "Name", True),
    ("type", "Type (person, organisation or group)", False),
    ("organisation", "Organisation", False),
    ("job_title", "Job title", False),
    ("email", "Email address", False),
    ("sector", "Sector", False),
    ("roles", "Roles", False),
    ("interest", "Interest (1 to 5)", False),
    ("influence", "Influence (1 to 5)", False),
    ("impact", "Impact (1 to 5)", False),
    ("attitude", "Attitude", False),
    ("what_matters", "What matters to them", False),
    ("decisions", "How and when they make decisions", False),
    ("formats", "Preferred formats", False),
    ("channels", "Preferred channels", False),
    ("underserved", "Under-served (yes or no)", False),
    ("purpose", "Purpose of engagement", False),
    ("cadence", "Cadence", False),
    ("channel", "Main channel", False),
]
FIELD_LABELS = {key: label for key, label, _ in FIELDS}

SYNONYMS = {
    "name": ["name", "full name", "stakeholder", "stakeholder name", "label", "person", "contact", "contact name"],
    "type": ["type", "kind", "stakeholder type", "person organisation or group", "entity type"],
    "organisation": [
        "organisation",
        "organization",
        "org",
        "organisation name",
        "organization name",
        "employer",
        "company",
        "affiliation",
    ],
    "job_title": ["job title", "title", "job", "position", "role title", "job role"],
    "email": ["email", "email address", "e mail", "e mail address"],
    "sector": ["sector", "organisation type", "organization type"],
    "roles": ["roles", "role", "stakeholder role", "stakeholder roles"],
    "interest": ["interest", "interest score", "interest 1 to 5"],
    "influence": ["influence", "influence score", "influence 1 to 5", "power"],
    "impact": ["impact", "impact score", "impact 1 to 5"],
    "attitude": ["attitude", "stance", "support"],
    "what_matters": ["what matters", "what matters to them", "priorities"],
    "decisions": [
        "decisions",
        "how and when they make decisions",
        "how and when they decide",
        "decision making",
        "decision cycle",
    ],
    "formats": ["formats", "preferred formats", "format"],
    "channels": ["channels", "preferred channels"],
    "underserved": [
        "underserved",
        "under served",
        "under served yes or no",
        "under served group",
        "belongs to or represents an under served group",
    ],
    "purpose": ["purpose", "purpose of engagement", "engagement purpose"],
    "cadence": ["cadence", "frequency", "how often", "contact frequency"],
    "channel": ["channel", "main channel"],
}


def _norm(text):
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(text).casefold()).split())


def guess_mapping(headers):
    """{field: header} for the headers whose name (or a common synonym) says what they hold."""
    by_norm = {}
    for header in headers:
        by_norm.setdefault(_norm(header), header)
    mapping, used = {}, set()
    for key, label, _ in FIELDS:
        for candidate in [key.replace("_", " "), label] + SYNONYMS.get(key, []):
            header = by_norm.get(_norm(candidate))
            if header and header not in used:
                mapping[key] = header
                used.add(header)
                break
    return mapping


# ---------------------------------------------------------------------------------------------------------------
# Checking rows


def _code_lookup(choices, extra=()):
    table = {}
    for value, label in choices:
        table[_compact(value)] = value
        table[_compact(label)] = value
    for alias, value in extra:
        table[_compact(alias)] = value
    return table


def _compact(text):
    return re.sub(r"[^0-9a-z]+", "", str(text).casefold())


SECTORS = _code_lookup(
    Sector.choices,
    [
        ("ICB", Sector.COMMISSIONER),
        ("NHS", Sector.NHS_PROVIDER),
        ("Government", Sector.GOVERNMENT),
        ("Policy", Sector.GOVERNMENT),
        ("Voluntary sector", Sector.VCSE),
        ("VCS", Sector.VCSE),
        ("University", Sector.ACADEMIA),
        ("Public", Sector.PUBLIC),
    ],
)
ATTITUDES = _code_lookup(Attitude.choices, [("Not known", Attitude.UNKNOWN), ("Unknown", Attitude.UNKNOWN)])
CADENCES = _code_lookup(
    Cadence.choices,
    [
        ("Weekly", Cadence.WEEKLY),
        ("Fortnightly", Cadence.FORTNIGHTLY),
        ("Monthly", Cadence.MONTHLY),
        ("Quarterly", Cadence.QUARTERLY),
        ("Half-yearly", Cadence.HALF_YEARLY),
        ("Six-monthly", Cadence.HALF_YEARLY),
        ("Yearly", Cadence.YEARLY),
        ("Annually", Cadence.YEARLY),
        ("Annual", Cadence.YEARLY),
        ("As needed", Cadence.AS_NEEDED),
        ("Ad hoc", Cadence.AS_NEEDED),
    ],
)
ROLES = _code_lookup(Role.choices, [("Decision maker", Role.DECISION_MAKER), ("Broker", Role.BROKER)])
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
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}

LIMITS = {
    "name": 200,
    "organisation": 200,
    "job_title": 200,
    "email": 254,
    "formats": 300,
    "channels": 300,
    "purpose": 300,
    "channel": 100,
}
TEXT_FIELDS = ("what_matters", "decisions", "formats", "channels", "purpose", "channel")


def _unquote(value):
    """Undo safe_cell, so a file this module exported reads back as it was."""
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@\t\r":
        return value[1:]
    return value


def _score(value, field, problems):
    if not value:
        return 3
    try:
        number = float(value)
    except ValueError:
        number = None
    if number is None or not number.is_integer() or not 1 <= number <= 5:
        problems.append(f"{field} must be a whole number from 1 to 5")
        return 3
    return int(number)


def check(rows, headers, mapping):
    """(clean, errors): a dict per good row, and [(row number in the file, message)] for every problem found.

    The header is row 1 of the file, so rows[i] is row i + 2. Blank rows are passed over.
    """
    if not mapping.get("name"):
        return [], [(1, "Choose the column that holds the name")]
    columns = {}
    for key, header in mapping.items():
        if key in FIELD_LABELS and header:
            if header not in headers:
                return [], [(1, f"The file has no column called “{header}”")]
            columns[key] = headers.index(header)
    clean, errors = [], []
    for i, row in enumerate(rows):
        if not any(row):
            continue
        number = i + 2
        values = {key: _unquote(row[index]) if index < len(row) else "" for key, index in columns.items()}
        problems = []
        item = {"row": number}
        name = " ".join(values["name"].split())
        if not name:
            problems.append("name is missing")
        for key, limit in LIMITS.items():
            if len(values.get(key, "")) > limit:
                problems.append(f"{key.replace('_', ' ')} must be {limit} characters or fewer")
        organisation = " ".join(values.get("organisation", "").split())
        email = values.get("email", "").strip()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                problems.append(f"email “{email}” is not a valid email address")
        sector = values.get("sector", "")
        if sector and _compact(sector) not in SECTORS:
            problems.append(f"sector “{sector}” is not one of: {', '.join(Sector.labels)}")
        sector = SECTORS.get(_compact(sector), "") if sector else ""
        kind_text = values.get("type", "")
        if kind_text:
            kind = TYPES.get(_compact(kind_text))
            if kind is None:
                problems.append(f"type “{kind_text}” must be person, organisation or group")
        elif values.get("organisation") or values.get("job_title") or email:
            kind = "person"
        elif sector:
            kind = "organisation"
        else:
            kind = "group"
        if kind == "person" and len(name) > 150:
            problems.append("a person's name must be 150 characters or fewer")
        roles = []
        for part in re.split(r"[,;|\n]+", values.get("roles", "")):
            if part.strip():
                role = ROLES.get(_compact(part))
                if role is None:
                    problems.append(f"role “{part.strip()}” is not one of: {', '.join(Role.labels)}")
                elif role not in roles:
                    roles.append(role)
        for field in ("interest", "influence", "impact"):
            item[field] = _score(values.get(field, "").strip(), field, problems)
        attitude = values.get("attitude", "")
        item["attitude"] = ATTITUDES.get(_compact(attitude), Attitude.UNKNOWN) if attitude else Attitude.UNKNOWN
        if attitude and _compact(attitude) not in ATTITUDES:
            problems.append(f"attitude “{attitude}” is not one of: {', '.join(Attitude.labels)}")
        cadence = values.get("cadence", "")
        item["cadence"] = CADENCES.get(_compact(cadence), "") if cadence else ""
        if cadence and _compact(cadence) not in CADENCES:
            problems.append(f"cadence “{cadence}” is not one of: {', '.join(Cadence.labels)}")
        underserved = values.get("underserved", "").strip().casefold()
        if underserved not in YES | NO:
            problems.append("under-served must be yes or no")
        if problems:
            errors.extend((number, p) for p in problems)
            continue
        item.update(
            name=name,
            kind=kind,
            organisation=organisation if kind == "person" else "",
            job_title=values.get("job_title", "").strip() if kind == "person" else "",
            email=email if kind == "person" else "",
            sector=sector,
            roles=roles,
            underserved=underserved in YES,
            **{f: values.get(f, "").strip() for f in TEXT_FIELDS},
        )
        clean.append(item)
    return clean, errors


# ---------------------------------------------------------------------------------------------------------------
# Importing


def org_key(name):
    """The same key for names that differ only in case, punctuation, spacing or word order."""
    return " ".join(sorted(utils.default_process(name).split()))


def person_key(name):
    return " ".join(name.casefold().split())


class _OrganisationMatcher:
    """Finds a directory organisation for a name: exact (ignoring case), then same words, then close spelling.

    The directory is read once; each distinct name is looked up once.
    """

    def __init__(self):
        self.exact, self.by_key, self.choices = {}, {}, {}
        for pk, name in Organisation.objects.order_by("pk").values_list("pk", "name"):
            self.exact.setdefault(name.casefold().strip(), pk)
            key = org_key(name)
            self.by_key.setdefault(key, pk)
            self.choices.setdefault(pk, key)
        self.cache = {}

    def find(self, name):
        folded = name.casefold()
        if folded not in self.cache:
            pk = self.exact.get(folded)
            if pk is None:
                key = org_key(name)
                pk = self.by_key.get(key) if key else None
                if pk is None and key and self.choices:
                    # token_sort_ratio is fuzz.ratio of the sorted words, which the keys already are. Names that
                    # differ in a number (Ward 7, Ward 8) are different organisations however alike they read.
                    digits = re.findall(r"\d+", key)
                    pk = next(
                        (
                            match[2]
                            for match in process.extract(
                                key,
                                self.choices,
                                scorer=fuzz.ratio,
                                processor=None,
                                score_cutoff=ORGANISATION_MATCH,
                                limit=5,
                            )
                            if re.findall(r"\d+", match[0]) == digits
                        ),
                        None,
                    )
            self.cache[folded] = pk
        return self.cache[folded]


def _insert_many(model, rows, now):
    """INSERT rows ({attname: value}) whose ids nobody needs back, with executemany.

    bulk_create prepares every value through the ORM's compiler, which for 100,000 rows with their history costs
    several times the database's own work. Values here are plain str, int, bool or None, as the ORM would send them;
    anything else (the timestamps) goes through the field's own preparation.
    """
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and f.attname not in rows[0])]
    for f in fields:
        if f.attname in rows[0]:
            continue
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            value = now
        elif f.has_default():
            value = f.get_default()
        elif f.null:
            value = None
        else:
            raise ValueError(f"No value for {model.__name__}.{f.attname}")
        for row in rows:
            row[f.attname] = value

    def prep(field, value):
        if value is None or type(value) in (str, int, bool):
            return value
        return field.get_db_prep_save(value, connection)

    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), INSERT_CHUNK):
            cursor.executemany(
                sql, [[prep(f, row[f.attname]) for f in fields] for row in rows[start : start + INSERT_CHUNK]]
            )


def _create(model, objs, by, reason, now):
    """Insert new records (ids set on them) with a "created" entry each in their audit trail, as
    simple_history.utils.bulk_create_with_history records it, written in bulk."""
    if not objs:
        return
    model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    history = model.history.model
    tracked = [f.attname for f in history.tracked_fields]
    _insert_many(
        history,
        [
            {
                **{name: getattr(obj, name) for name in tracked},
                "history_date": now,
                "history_type": "+",
                "history_change_reason": reason[:100],
                "history_user_id": by.pk if by else None,
            }
            for obj in objs
        ],
        now,
    )


@transaction.atomic
def import_rows(project, by, clean, source="the file"):
    """Add checked rows to the project's map, all of them or none. Returns the counts for the summary.

    Organisations and people already in the directory are reused, as are those met earlier in the file;
    rows for someone already on this map, or met earlier in the file, are skipped.
    """
    reason = f"Imported from {source}"[:500]
    now = timezone.now()
    summary = {"created": 0, "matched_organisations": 0, "matched_people": 0, "new_directory_records": 0, "skipped": 0}

    # Organisations, from the name of organisation rows and the organisation of person rows.
    matcher = _OrganisationMatcher()
    new_orgs = {}  # org_key -> unsaved Organisation
    matched_orgs = set()

    def organisation_for(name, sector):
        pk = matcher.find(name)
        if pk is not None:
            matched_orgs.add(pk)
            return pk
        key = org_key(name) or name.casefold()
        if key not in new_orgs:
            new_orgs[key] = Organisation(name=name, sector=sector, created_by=by)
        elif sector and not new_orgs[key].sector:
            new_orgs[key].sector = sector
        return new_orgs[key]

    org_refs = []
    for item in clean:
        if item["kind"] == "organisation":
            org_refs.append(organisation_for(item["name"], item["sector"]))
        elif item["kind"] == "person" and item["organisation"]:
            org_refs.append(organisation_for(item["organisation"], item["sector"]))
        else:
            org_refs.append(None)
    _create(Organisation, list(new_orgs.values()), by, reason, now)

    def org_pk(ref):
        return ref.pk if isinstance(ref, Organisation) else ref

    # People: the same email address, or the same name at the same organisation.
    by_email, by_name = {}, {}
    for pk, name, organisation_id, email in Person.objects.order_by("pk").values_list(
        "pk", "full_name", "organisation_id", "email"
    ):
        if email:
            by_email.setdefault(email.casefold(), pk)
        by_name.setdefault((person_key(name), organisation_id), pk)
    new_people = {}  # ("email", address) or ("name", key, org) -> unsaved Person
    matched_people = set()
    person_refs = []
    for item, org_ref in zip(clean, org_refs, strict=True):
        if item["kind"] != "person":
            person_refs.append(None)
            continue
        email = item["email"].casefold()
        name_key = (person_key(item["name"]), org_pk(org_ref))
        pk = by_email.get(email) if email else None
        if pk is None:
            pk = by_name.get(name_key)
        if pk is not None:
            matched_people.add(pk)
            person_refs.append(pk)
            continue
        person = (new_people.get(("email", email)) if email else None) or new_people.get(("name",) + name_key)
        if person is None:
            person = Person(
                full_name=item["name"],
                job_title=item["job_title"],
                email=item["email"],
                organisation_id=org_pk(org_ref),
                created_by=by,
            )
        elif email and not person.email:
            person.email = item["email"]
        if email:
            new_people[("email", email)] = person
        new_people.setdefault(("name",) + name_key, person)
        person_refs.append(person)
    unique_people = list({id(p): p for p in new_people.values()}.values())
    _create(Person, unique_people, by, reason, now)

    # Stakeholders: one per row, unless already on this map or earlier in the file.
    on_map = set()
    for person_id, organisation_id, group_name in Stakeholder.objects.filter(project=project).values_list(
        "person_id", "organisation_id", "group_name"
    ):
        if person_id:
            on_map.add(("person", person_id))
        elif organisation_id:
            on_map.add(("organisation", organisation_id))
        else:
            on_map.add(("group", person_key(group_name)))
    stakeholders, roles = [], []
    for item, org_ref, person_ref in zip(clean, org_refs, person_refs, strict=True):
        fields = {}
        if item["kind"] == "person":
            fields["person_id"] = person_ref.pk if isinstance(person_ref, Person) else person_ref
            identity = ("person", fields["person_id"])
            if org_ref is None:
                fields["group_sector"] = item["sector"]
        elif item["kind"] == "organisation":
            fields["organisation_id"] = org_pk(org_ref)
            identity = ("organisation", fields["organisation_id"])
        else:
            fields["group_name"] = item["name"]
            fields["group_sector"] = item["sector"]
            identity = ("group", person_key(item["name"]))
        if identity in on_map:
            summary["skipped"] += 1
            continue
        on_map.add(identity)
        stakeholders.append(
            Stakeholder(
                project=project,
                interest=item["interest"],
                influence=item["influence"],
                impact=item["impact"],
                attitude=item["attitude"],
                what_matters=item["what_matters"],
                decisions=item["decisions"],
                formats=item["formats"],
                channels=item["channels"],
                underserved=item["underserved"],
                purpose=item["purpose"],
                cadence=item["cadence"],
                channel=item["channel"],
                **fields,
            )
        )
        roles.append(item["roles"])
    _create(Stakeholder, stakeholders, by, reason, now)
    _insert_many(
        StakeholderRole,
        [{"stakeholder_id": s.pk, "role": r} for s, rs in zip(stakeholders, roles, strict=True) for r in rs],
        now,
    )
    _insert_many(
        ScoreChange,
        [
            {
                "stakeholder_id": s.pk,
                "interest": s.interest,
                "influence": s.influence,
                "impact": s.impact,
                "attitude": s.attitude,
                "reason": reason,
                "changed_by_id": by.pk if by else None,
            }
            for s in stakeholders
        ],
        now,
    )
    summary["created"] = len(stakeholders)
    summary["matched_organisations"] = len(matched_orgs)
    summary["matched_people"] = len(matched_people)
    summary["new_directory_records"] = len(new_orgs) + len(unique_people)
    return summary


# ---------------------------------------------------------------------------------------------------------------
# Import batches: the uploaded file between its steps


def batch_content(batch):
    return bytes(batch.content)  # PostgreSQL returns a memoryview


def _as_csv(headers, rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode()


@transaction.atomic
def start_batch(*, project, by, filename, content):
    """Read an uploaded file and keep its table for the mapping and preview steps.

    Raises ImportProblem, storing nothing, if the file cannot be imported. The table is kept as UTF-8 CSV whatever
    the upload was, so later steps do not parse a workbook again (openpyxl takes seconds for 100,000 rows).
    Uploads left for more than a day are removed.
    """
    headers, rows = read_table(filename, content)
    clear_old_batches()
    return ImportBatch.objects.create(
        project=project, created_by=by, filename=filename[:255], content=_as_csv(headers, rows)
    )


def clear_old_batches():
    """Delete uploads left for more than a day; the number deleted."""
    return ImportBatch.objects.filter(created__lt=timezone.now() - BATCH_MAX_AGE).delete()[0]


def batch_table(batch):
    """(headers, rows) of a batch, as read from the file on upload."""
    return read_table("batch.csv", batch_content(batch))


@transaction.atomic
def set_mapping(*, batch, mapping):
    batch.mapping = {k: v for k, v in mapping.items() if k in FIELD_LABELS and v}
    batch.save(update_fields=["mapping"])
    return batch


@transaction.atomic
def discard_batch(*, batch):
    batch.delete()


def read_batch(batch):
    """(headers, clean rows, errors) of a batch under its mapping."""
    headers, rows = batch_table(batch)
    clean, errors = check(rows, headers, batch.mapping)
    return headers, clean, errors


@transaction.atomic
def run_batch(*, batch, by):
    """Import a mapped batch and remove it, in one transaction. Raises ImportProblem if any row has a problem."""
    if not ImportBatch.objects.select_for_update().filter(pk=batch.pk).exists():
        raise AlreadyImported("This file has already been imported")  # a second click of the button
    _, clean, errors = read_batch(batch)
    if errors:
        rows = len({number for number, _ in errors})
        raise ImportProblem(
            f"{rows:,} {'row has' if rows == 1 else 'rows have'} problems. Fix the file and upload it again."
        )
    if not clean:
        raise ImportProblem("The file has no stakeholders to import")
    summary = import_rows(batch.project, by, clean, source=batch.filename)
    batch.delete()
    return summary
