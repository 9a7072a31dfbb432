"""Stakeholder exports (CSV, XLSX, GraphML) and the checked, all-or-nothing spreadsheet import."""

import csv
import io
import math

import networkx as nx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from mobilise.core import tables
from mobilise.directory.models import Organisation, Person, Sector
from mobilise.stakeholders import bulk, exports, importing, services, services_import
from mobilise.stakeholders.access import relationships, stakeholders
from mobilise.stakeholders.models import ImportBatch, ScoreChange, Stakeholder, StakeholderRole
from mobilise.stakeholders.views import transfer as views_transfer

from ..factories import OrganisationFactory, PersonFactory, ProjectFactory
from ..permissions import EDIT, READ
from ..queries import assert_max_queries


def csv_bytes(rows, delimiter=",", encoding="utf-8"):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def run(project, rows, by=None, name="stakeholders.csv"):
    """Read, map, check and import rows as the import pages do; returns (summary, errors)."""
    headers, data = tables.read_table(name, csv_bytes(rows))
    clean, errors = importing.check(data, headers, importing.guess_mapping(headers))
    if errors:
        return None, errors
    return services_import.import_rows(project, by, clean, source=name), []


def counts():
    return (
        Stakeholder.objects.count(),
        Organisation.objects.count(),
        Person.objects.count(),
        StakeholderRole.objects.count(),
        ScoreChange.objects.count(),
        Stakeholder.history.count(),
    )


# --- reading files ---------------------------------------------------------------------------------------------


def test_reads_csv_with_bom_and_keeps_row_places():
    content = "\ufeffName,Interest\r\nMereshire ICB,4\r\n,\r\nCarers' forum,2\r\n".encode()
    headers, rows = tables.read_table("list.CSV", content)
    assert headers == ["Name", "Interest"]
    assert rows == [["Mereshire ICB", "4"], ["", ""], ["Carers' forum", "2"]]


def test_reads_semicolons_and_tabs():
    semicolon = csv_bytes([["Name", "Organisation"], ["Jo Bloggs", "Smith, Jones & Co"]], delimiter=";")
    assert tables.read_table("a.csv", semicolon) == (["Name", "Organisation"], [["Jo Bloggs", "Smith, Jones & Co"]])
    tab = csv_bytes([["Name", "Organisation"], ["Jo Bloggs", "Mereshire; North"]], delimiter="\t")
    assert tables.read_table("a.csv", tab) == (["Name", "Organisation"], [["Jo Bloggs", "Mereshire; North"]])


def test_reads_cp1252_from_older_excel():
    content = "Name;What matters to them\r\nCafé Sans Frontières;Costs £5 – “value”\r\n".encode("cp1252")
    headers, rows = tables.read_table("old.csv", content)
    assert rows == [["Café Sans Frontières", "Costs £5 – “value”"]]


def test_reads_first_sheet_of_xlsx_as_text():
    content = xlsx_bytes(
        [["Name", "Interest", None], ["Mereshire ICB", 4, None], [None, None, None], ["Carers' forum", 2.0, None]]
    )
    headers, rows = tables.read_table("map.xlsx", content)
    assert headers == ["Name", "Interest"]
    assert rows == [["Mereshire ICB", "4"], ["", ""], ["Carers' forum", "2"]]


def test_blank_and_repeated_headers_get_names():
    headers, _ = tables.read_table("a.csv", b"Name,,name\r\nx,y,z\r\n")
    assert headers == ["Name", "Column B", "name (2)"]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("map.xls", b"whatever", "must be a CSV file (.csv) or an Excel workbook (.xlsx)"),
        ("map.pdf", b"%PDF-1.4", "must be a CSV file (.csv) or an Excel workbook (.xlsx)"),
        ("map.csv", b"", "The file is empty"),
        ("map.csv", b"\r\n\r\n", "The file is empty"),
        ("map.csv", b",,\r\nx,y,z\r\n", "The first row must hold the column headings"),
        ("map.csv", b"Name,Interest\r\n", "no stakeholders below them"),
        ("map.xlsx", b"PK\x03\x04 not really a workbook", "not an Excel workbook that can be read"),
        ("map.csv", b"PK\x03\x04\x00\x00binary", "not a CSV text file"),
    ],
)
def test_unreadable_files_are_explained(name, content, message):
    with pytest.raises(tables.TableError) as problem:
        tables.read_table(name, content)
    assert message in problem.value.message


def test_limits_on_rows_and_size():
    with pytest.raises(tables.TableError, match="more than 100,000 rows"):
        tables.read_table("big.csv", b"Name\n" + b"x\n" * 100_001)
    headers, rows = tables.read_table("big.csv", b"Name\n" + b"x\n" * 100_000)
    assert len(rows) == 100_000
    with pytest.raises(tables.TableError, match="smaller than 20 MB"):
        tables.read_table("huge.csv", b"Name\n" + b"x" * tables.MAX_BYTES)


# --- mapping and checking --------------------------------------------------------------------------------------


def test_guess_mapping_reads_common_headings():
    headers = [
        "Full name",
        "Organization",
        "E-mail",
        "Power",
        "INTEREST ",
        "Job title",
        "Stakeholder type",
        "Under-served",
        "How often",
        "Notes",
    ]
    assert importing.guess_mapping(headers) == {
        "name": "Full name",
        "organisation": "Organization",
        "email": "E-mail",
        "influence": "Power",
        "interest": "INTEREST ",
        "job_title": "Job title",
        "type": "Stakeholder type",
        "underserved": "Under-served",
        "cadence": "How often",
    }


def test_guess_mapping_reads_its_own_export_headings():
    mapping = importing.guess_mapping(exports.REGISTER_HEADERS)
    assert set(mapping) == {key for key, _, _ in importing.FIELDS} - {"email"}


def test_check_lists_every_problem_with_its_row_number():
    headers = ["Name", "Interest", "Influence", "Sector", "Attitude", "Roles", "Email", "Under-served", "Cadence"]
    rows = [
        ["Mereshire ICB", "4", "5", "ICB / commissioner", "Supportive", "Decision-maker; funder?", "", "no", ""],
        ["", "", "", "", "", "", "", "", ""],  # blank: passed over, still counted
        ["", "7", "3", "", "", "", "", "", ""],
        ["Jo Bloggs", "2.5", "x", "Space agency", "grumpy", "", "not-an-email", "maybe", "daily"],
        ["Carers' forum", "3.0", "", "vcse", "CHAMPION", "beneficiary, Champion", "", "Yes", "Every quarter"],
    ]
    clean, errors = importing.check(rows, headers, importing.guess_mapping(headers))
    assert errors == [
        (
            2,
            "role “funder?” is not one of: Beneficiary, Decision-maker, Influencer, Implementer, Gatekeeper, "
            "Knowledge broker, Champion",
        ),
        (4, "name is missing"),
        (4, "interest must be a whole number from 1 to 5"),
        (5, "email “not-an-email” is not a valid email address"),
        (5, "sector “Space agency” is not one of: " + ", ".join(Sector.labels)),
        (5, "interest must be a whole number from 1 to 5"),
        (5, "influence must be a whole number from 1 to 5"),
        (5, "attitude “grumpy” is not one of: Champion, Supportive, Neutral, Sceptical, Opposed, Not known yet"),
        (
            5,
            "cadence “daily” is not one of: Every week, Every 2 weeks, Every month, Every quarter, Every 6 months, "
            "Every year, When needed",
        ),
        (5, "under-served must be yes or no"),
    ]
    assert [c["row"] for c in clean] == [6]
    forum = clean[0]
    assert (forum["interest"], forum["influence"], forum["impact"]) == (3, 3, 3)
    assert (forum["sector"], forum["attitude"], forum["roles"], forum["underserved"], forum["cadence"]) == (
        "vcse",
        "champion",
        ["beneficiary", "champion"],
        True,
        "quarterly",
    )


def test_type_from_column_or_from_what_the_row_holds():
    def kinds(headers, rows):
        clean, errors = importing.check(rows, headers, importing.guess_mapping(headers))
        assert errors == []
        return [c["kind"] for c in clean]

    assert kinds(["Name", "Type"], [["A", "Organization"], ["B", "person"], ["C", "Community"]]) == [
        "organisation",
        "person",
        "group",
    ]
    assert kinds(["Name", "Sector"], [["Mereshire ICB", "commissioner"], ["Carers", ""]]) == ["organisation", "group"]
    # A row with an organisation is a person there; a bare name with nothing else is a group.
    assert kinds(["Name", "Organisation"], [["Jo", "Mereshire ICB"], ["Carers", ""]]) == ["person", "group"]
    assert kinds(["Name", "Email", "Sector"], [["Jo", "jo@example.org", "vcse"], ["Carers", "", ""]]) == [
        "person",
        "group",
    ]
    _, errors = importing.check([["A", "alien"]], ["Name", "Type"], {"name": "Name", "type": "Type"})
    assert errors == [(2, "type “alien” must be person, organisation or group")]


def test_check_needs_the_name_column():
    assert importing.check([["x"]], ["Who"], {}) == ([], [(1, "Choose the column that holds the name")])


# --- importing -------------------------------------------------------------------------------------------------

HEADERS = [
    "Name",
    "Type",
    "Organisation",
    "Job title",
    "Email",
    "Sector",
    "Roles",
    "Interest",
    "Influence",
    "Impact",
    "Attitude",
    "Under-served",
    "Cadence",
]


def test_import_creates_stakeholders_roles_scores_and_history(project, member):
    summary, errors = run(
        project,
        [
            HEADERS,
            [
                "Helen Marsh",
                "person",
                "Mereshire Hospitals NHS Foundation Trust",
                "Director of Nursing",
                "helen.marsh@example.nhs.uk",
                "NHS provider",
                "Decision-maker; Champion",
                "4",
                "5",
                "3",
                "supportive",
                "no",
                "monthly",
            ],
            ["Mereshire ICB", "organisation", "", "", "", "commissioner", "decision_maker", "3", "5", "2", "", "", ""],
            [
                "South Asian women aged 50-70 in Luton",
                "group",
                "",
                "",
                "",
                "public",
                "Beneficiary",
                "5",
                "1",
                "5",
                "Not known yet",
                "yes",
                "",
            ],
        ],
        by=member,
    )
    assert errors == []
    assert summary == {
        "created": 3,
        "matched_organisations": 0,
        "matched_people": 0,
        "new_directory_records": 3,
        "skipped": 0,
    }
    helen = Stakeholder.objects.get(person__full_name="Helen Marsh")
    assert helen.person.organisation.name == "Mereshire Hospitals NHS Foundation Trust"
    assert helen.person.organisation.sector == "nhs_provider"
    assert helen.person.email == "helen.marsh@example.nhs.uk"
    assert (helen.interest, helen.influence, helen.impact, helen.attitude, helen.cadence) == (
        4,
        5,
        3,
        "supportive",
        "monthly",
    )
    assert helen.role_set == {"decision_maker", "champion"}
    group = Stakeholder.objects.get(group_name__startswith="South Asian")
    assert (group.kind, group.sector, group.underserved) == ("group", "public", True)
    first = helen.score_changes.get()
    assert (first.reason, first.changed_by, first.influence) == ("Imported from stakeholders.csv", member, 5)
    record = helen.history.get()
    assert (record.history_user, record.history_change_reason) == (member, "Imported from stakeholders.csv")
    assert Organisation.history.count() == 2 and Person.history.count() == 1


def test_matches_the_directory_instead_of_duplicating(project):
    council = OrganisationFactory(name="Mereshire County Council", sector=Sector.LOCAL_AUTHORITY)
    jane = PersonFactory(full_name="Dr Jane Smith", email="jane.smith@mereshire.gov.uk", organisation=council)
    tom = PersonFactory(full_name="Tom Okafor", organisation=council)
    before = (Organisation.objects.count(), Person.objects.count())
    summary, errors = run(
        project,
        [
            ["Name", "Organisation", "Email"],
            ["Jane Smith", "Mereshire County Council.", "Jane.Smith@Mereshire.gov.uk"],
            ["tom  okafor", "mereshire county council", ""],
            ["Priya Shah", "Mereshire Country Council", ""],  # a slip of spelling is still the council
        ],
    )
    assert errors == []
    assert summary == {
        "created": 3,
        "matched_organisations": 1,
        "matched_people": 2,
        "new_directory_records": 1,
        "skipped": 0,
    }
    assert (Organisation.objects.count(), Person.objects.count()) == (before[0], before[1] + 1)
    assert set(Stakeholder.objects.values_list("person", flat=True)) == {
        jane.pk,
        tom.pk,
        Person.objects.get(full_name="Priya Shah").pk,
    }
    assert Person.objects.get(full_name="Priya Shah").organisation == council


def test_organisation_rows_match_by_name(project):
    council = OrganisationFactory(name="Mereshire County Council", sector=Sector.LOCAL_AUTHORITY)
    summary, _ = run(
        project,
        [
            ["Name", "Sector"],
            ["Mereshire County Council.", "local authority"],
            ["mereshire county council", "local_authority"],
        ],
    )
    assert summary["created"] == 1 and summary["skipped"] == 1 and summary["matched_organisations"] == 1
    assert Stakeholder.objects.get().organisation == council
    assert Organisation.objects.count() == 1


def test_deduplicates_within_the_file(project):
    summary, _ = run(
        project,
        [
            ["Name", "Organisation", "Email"],
            ["Sam Lee", "Luton Carers Centre", "sam@carers.example"],
            ["Sam Lee", "LUTON CARERS CENTRE", ""],  # same person: same name at the same organisation
            ["Samuel Lee", "Luton Carers Centre", "SAM@carers.example"],  # same person: same email
            ["Ann Roe", "Luton Carers Centre", ""],
        ],
    )
    assert summary == {
        "created": 2,
        "matched_organisations": 0,
        "matched_people": 0,
        "new_directory_records": 3,
        "skipped": 2,
    }
    assert Organisation.objects.count() == 1 and Person.objects.count() == 2


def test_reimport_does_not_double(project):
    rows = [
        HEADERS,
        ["Helen Marsh", "person", "Mereshire Hospitals", "", "", "", "", "4", "4", "4", "", "", ""],
        ["Mereshire ICB", "organisation", "", "", "", "commissioner", "", "", "", "", "", "", ""],
        ["Carers' forum", "group", "", "", "", "", "", "", "", "", "", "", ""],
    ]
    run(project, rows)
    before = counts()
    summary, _ = run(project, rows)
    assert summary == {
        "created": 0,
        "matched_organisations": 2,
        "matched_people": 1,
        "new_directory_records": 0,
        "skipped": 3,
    }
    assert counts() == before


def test_one_bad_row_imports_nothing(project, member):
    content = csv_bytes([["Name", "Interest"], ["Mereshire ICB", "4"], ["Carers' forum", "9"]])
    batch = services_import.start_batch(project=project, by=member, filename="map.csv", content=content)
    services_import.set_mapping(batch=batch, mapping={"name": "Name", "interest": "Interest"})
    before = counts()
    with pytest.raises(tables.TableError, match="1 row has problems"):
        services_import.run_batch(batch=batch, by=member)
    assert counts() == before
    assert ImportBatch.objects.filter(pk=batch.pk).exists()


def test_a_batch_imports_once(project, member):
    batch = services_import.start_batch(
        project=project, by=member, filename="map.csv", content=b"Name\r\nMereshire ICB\r\n"
    )
    services_import.set_mapping(batch=batch, mapping={"name": "Name"})
    assert services_import.run_batch(batch=batch, by=member)["created"] == 1
    with pytest.raises(services_import.AlreadyImported):
        services_import.run_batch(batch=batch, by=member)  # the same form posted twice
    assert Stakeholder.objects.count() == 1


def test_a_failure_part_way_leaves_nothing(project, member, monkeypatch):
    content = csv_bytes([["Name", "Organisation"], ["Helen Marsh", "Mereshire Hospitals"], ["Tom Okafor", "ICB"]])
    batch = services_import.start_batch(project=project, by=member, filename="map.csv", content=content)
    services_import.set_mapping(batch=batch, mapping={"name": "Name", "organisation": "Organisation"})
    before = counts()

    real_insert = services_import.insert_many

    def last_write_fails(model, rows, now):
        if model is ScoreChange:  # the last table written
            raise RuntimeError("disk full")
        return real_insert(model, rows, now)

    monkeypatch.setattr(services_import, "insert_many", last_write_fails)
    with pytest.raises(RuntimeError):
        services_import.run_batch(batch=batch, by=member)
    assert counts() == before
    assert (Organisation.history.count(), Person.history.count()) == (0, 0)
    assert ImportBatch.objects.filter(pk=batch.pk).exists()


def batches(model, n):
    """INSERT statements bulk_create needs for n rows of model (SQLite takes 999 parameters a statement)."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    per_statement = min(connection.ops.bulk_batch_size(fields, [None] * n), bulk.BATCH_SIZE)
    return math.ceil(n / per_statement) if n else 0


def test_bulk_import_queries_do_not_depend_on_rows(project, member):
    """5,000 rows go through the bulk path: the same reads and executemany calls for any size; the only queries
    that grow are the multi-row INSERTs that return new ids, in batches as large as the database allows."""
    OrganisationFactory.create_batch(20)

    def queries(n, tag):
        rows = [["Name", "Organisation", "Email", "Roles", "Interest"]]
        for i in range(n):
            if i % 3 == 0:
                rows.append([f"{tag} Person {i}", f"{tag} Trust {i % 50}", f"p{i}@{tag}.example", "Champion", "4"])
            elif i % 3 == 1:
                rows.append([f"{tag} Person {i}", "", f"q{i}@{tag}.example", "Beneficiary; Influencer", "2"])
            else:
                rows.append([f"{tag} Person {i}", f"{tag} Trust {i % 50}", "", "", ""])
        headers, data = tables.read_table("bulk.csv", csv_bytes(rows))
        clean, errors = importing.check(data, headers, importing.guess_mapping(headers))
        assert errors == []
        target = ProjectFactory()
        rows_in_batches = batches(Organisation, 50) + batches(Person, n) + batches(Stakeholder, n)
        with assert_max_queries(3 + 5 + 1 + rows_in_batches) as captured:  # and one moves the data generation on
            summary = services_import.import_rows(target, member, clean, source="bulk.csv")
        assert summary == {
            "created": n,
            "matched_organisations": 0,
            "matched_people": 0,
            "new_directory_records": n + 50,
            "skipped": 0,
        }
        sql = captured.sql
        many = [s for s in sql if " times: INSERT INTO" in s]  # executemany: history, roles, score changes
        assert len(many) == 5
        batched = [s for s in sql if s.startswith("INSERT INTO") and "projects_change" not in s]  # ids needed back
        assert len(batched) == rows_in_batches
        return len(sql) - len(batched), len(batched)

    small_other, small_batched = queries(500, "small")
    big_other, big_batched = queries(5000, "big")
    # 3 reads, 5 executemany and the data generation moved on (savepoints are not counted)
    assert big_other == small_other == 3 + 5 + 1
    assert big_batched < 5000 / 20
    assert Stakeholder.objects.filter(person__full_name="big Person 4999").exists()


# --- exports ---------------------------------------------------------------------------------------------------


@pytest.fixture
def mapped(project, member):
    """A small map with a person, an organisation and a group, roles, a profile and relationships."""
    trust = OrganisationFactory(name="Mereshire Hospitals NHS Foundation Trust", sector=Sector.NHS_PROVIDER)
    helen = PersonFactory(full_name="Helen Marsh", job_title="Director of Nursing", organisation=trust)
    icb = OrganisationFactory(name="Mereshire ICB", sector=Sector.COMMISSIONER)
    a = services.add_stakeholder(
        project=project,
        by=member,
        person=helen,
        roles=["decision_maker", "champion"],
        interest=4,
        influence=5,
        impact=3,
        attitude="supportive",
        what_matters='=HYPERLINK("http://evil.example","Click")',
        cadence="monthly",
    )
    b = services.add_stakeholder(
        project=project,
        by=member,
        organisation=icb,
        roles=["decision_maker"],
        interest=3,
        influence=5,
        impact=2,
        attitude="neutral",
        formats="+ 2-page brief",
    )
    c = services.add_stakeholder(
        project=project,
        by=member,
        group_name="@Carers in Mereshire",
        roles=["beneficiary"],
        interest=5,
        influence=1,
        impact=5,
        underserved=True,
        group_sector=Sector.PUBLIC,
    )
    services.add_relationship(source=a, target=b, kind="reports_to", note="Monthly board")
    services.add_relationship(source=c, target=a, kind="trusted_by")
    return project


def snapshot(project):
    return sorted(
        (
            s.name,
            s.kind,
            s.sector,
            s.interest,
            s.influence,
            s.impact,
            s.attitude,
            tuple(sorted(s.role_set)),
            s.underserved,
            s.cadence,
            s.what_matters,
            s.formats,
        )
        for s in stakeholders(project)
    )


def test_export_csv_then_import_gives_the_same_map(mapped, lead):
    text = exports.stakeholders_csv(list(stakeholders(mapped)))
    other = ProjectFactory()
    headers, rows = tables.read_table("cascade-stakeholders.csv", ("\ufeff" + text).encode())
    assert headers == exports.REGISTER_HEADERS
    mapping = importing.guess_mapping(headers)
    clean, errors = importing.check(rows, headers, mapping)
    assert errors == []
    before = (Organisation.objects.count(), Person.objects.count())
    summary = services_import.import_rows(other, lead, clean, source="cascade-stakeholders.csv")
    assert summary == {
        "created": 3,
        "matched_organisations": 2,
        "matched_people": 1,
        "new_directory_records": 0,
        "skipped": 0,
    }
    assert (Organisation.objects.count(), Person.objects.count()) == before
    assert snapshot(other) == snapshot(mapped)


def test_formula_injection_is_neutralised(mapped):
    rows = list(csv.reader(io.StringIO(exports.stakeholders_csv(list(stakeholders(mapped))))))
    cells = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("http://evil.example","Click")' in cells
    assert "'+ 2-page brief" in cells and "'@Carers in Mereshire" in cells
    assert not any(cell[:1] in ("=", "+", "-", "@") for cell in cells)
    wb = load_workbook(io.BytesIO(exports.stakeholders_xlsx(list(stakeholders(mapped)), relationships(mapped))))
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                assert not (isinstance(cell.value, str) and cell.value[:1] in ("=", "+", "-", "@"))


def test_xlsx_has_the_register_and_the_network_sheets(mapped):
    content = exports.stakeholders_xlsx(list(stakeholders(mapped)), list(relationships(mapped)))
    wb = load_workbook(io.BytesIO(content))
    assert wb.sheetnames == ["Stakeholders", "Elements", "Connections"]
    register = list(wb["Stakeholders"].values)
    assert list(register[0]) == exports.REGISTER_HEADERS
    assert register[0][:3] == ("Name", "Type", "Organisation") and register[0][-3:] == (
        "Relationship owner",
        "Already engaged",
        "Do not contact",
    )
    helen = next(r for r in register if r[0] == "Helen Marsh")
    assert helen[1:6] == (
        "person",
        "Mereshire Hospitals NHS Foundation Trust",
        "Director of Nursing",
        "NHS provider",
        "Decision-maker; Champion",
    )
    assert helen[6:10] == (4, 5, 3, "Supportive")
    elements = list(wb["Elements"].values)
    assert elements[0] == ("Label", "Type", "Description", "Tags", "Influence", "Interest", "Impact")
    assert [e[:2] for e in elements[1:]] == [
        ("'@Carers in Mereshire", "Group"),
        ("Helen Marsh", "Person"),
        ("Mereshire ICB", "Organisation"),
    ]
    helen = elements[2]
    assert helen[2].startswith("Director of Nursing, Mereshire Hospitals NHS Foundation Trust")
    assert helen[3:] == ("Decision-maker | Champion | NHS provider | Supportive", 5, 4, 3)
    connections = list(wb["Connections"].values)
    assert connections[0] == ("From", "To", "Type", "Description")
    assert sorted(connections[1:]) == [
        ("'@Carers in Mereshire", "Helen Marsh", "is trusted by", None),
        ("Helen Marsh", "Mereshire ICB", "reports to", "Monthly board"),
    ]


def test_network_labels_are_unique(db):
    project = ProjectFactory()
    for org in ("Luton Carers Centre", "Bedford Carers Centre"):
        services.add_stakeholder(
            project=project,
            by=None,
            person=PersonFactory(full_name="Sam Lee", organisation=OrganisationFactory(name=org)),
        )
    wb = load_workbook(io.BytesIO(exports.stakeholders_xlsx(list(stakeholders(project)), [])))
    assert sorted(r[0] for r in list(wb["Elements"].values)[1:]) == [
        "Sam Lee (Bedford Carers Centre)",
        "Sam Lee (Luton Carers Centre)",
    ]


def test_graphml_reads_back_with_networkx(mapped):
    content = exports.stakeholders_graphml(list(stakeholders(mapped)), list(relationships(mapped)))
    g = nx.read_graphml(io.BytesIO(content))
    assert g.number_of_nodes() == 3 and g.number_of_edges() == 2
    labels = {data["label"]: node for node, data in g.nodes(data=True)}
    helen = g.nodes[labels["Helen Marsh"]]
    assert (
        helen["type"],
        helen["sector"],
        helen["influence"],
        helen["interest"],
        helen["impact"],
        helen["attitude"],
    ) == ("person", "NHS provider", 5, 4, 3, "supportive")
    kinds = {(g.nodes[u]["label"], g.nodes[v]["label"], d["kind"]) for u, v, d in g.edges(data=True)}
    assert kinds == {
        ("Helen Marsh", "Mereshire ICB", "reports_to"),
        ("@Carers in Mereshire", "Helen Marsh", "trusted_by"),
    }


# --- pages -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", list(READ))
def test_pages_by_persona(request, as_user, mapped, persona):
    client = as_user(request.getfixturevalue(persona))
    for fmt in ("csv", "xlsx", "graphml"):
        response = client.get(reverse("stakeholders:export", args=[mapped.pk, fmt]))
        assert response.status_code == READ[persona], fmt
    assert client.get(reverse("stakeholders:import", args=[mapped.pk])).status_code == EDIT[persona]


def test_exports_are_attachments_of_the_right_type(as_user, mapped, viewer):
    client = as_user(viewer)
    expected = {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "graphml": "application/graphml+xml",
    }
    for fmt, content_type in expected.items():
        response = client.get(reverse("stakeholders:export", args=[mapped.pk, fmt]))
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"] == f'attachment; filename="cascade-stakeholders.{fmt}"'
    assert response.content.startswith(b"<?xml")
    assert client.get(reverse("stakeholders:export", args=[mapped.pk, "pdf"])).status_code == 404
    csv_response = client.get(reverse("stakeholders:export", args=[mapped.pk, "csv"]))
    assert csv_response.content.startswith("\ufeffName,Type".encode())


def test_export_queries_do_not_grow(as_user, mapped, viewer, member):
    client = as_user(viewer)
    url = reverse("stakeholders:export", args=[mapped.pk, "xlsx"])
    with assert_max_queries(6) as small:
        client.get(url)
    for i in range(10):
        services.add_stakeholder(
            project=mapped, by=member, roles=["influencer"], person=PersonFactory(full_name=f"Extra {i}")
        )
    with assert_max_queries(6) as big:
        client.get(url)
    assert len(big) == len(small)


def test_anonymous_sent_to_sign_in(client, project):
    for url in (
        reverse("stakeholders:import", args=[project.pk]),
        reverse("stakeholders:export", args=[project.pk, "csv"]),
    ):
        assert client.get(url)["Location"].startswith(reverse("login"))


def test_viewer_and_outsider_cannot_post_an_upload(request, as_user, project, viewer, outsider):
    for user in (viewer, outsider):
        upload = SimpleUploadedFile("map.csv", b"Name\r\nMereshire ICB\r\n", content_type="text/csv")
        response = as_user(user).post(reverse("stakeholders:import", args=[project.pk]), {"file": upload})
        assert response.status_code == 404
    assert ImportBatch.objects.count() == 0


def test_member_imports_a_file_step_by_step(as_user, project, member, django_capture_on_commit_callbacks):
    client = as_user(member)
    content = xlsx_bytes(
        [
            ["Stakeholder", "Organization", "Power", "Interest", "Notes"],
            ["Helen Marsh", "Mereshire Hospitals", 5, 4, "met in March"],
            ["Tom Okafor", "Mereshire ICB", 4, 2, ""],
        ]
    )
    response = client.post(
        reverse("stakeholders:import", args=[project.pk]), {"file": SimpleUploadedFile("contacts.xlsx", content)}
    )
    batch = ImportBatch.objects.get()
    assert (batch.project, batch.created_by, batch.filename) == (project, member, "contacts.xlsx")
    # The workbook is read once, on upload; the batch keeps its table as CSV for the next steps.
    assert importing.batch_table(batch) == tables.read_table("contacts.xlsx", content)
    map_url = reverse("stakeholders:import-map", args=[project.pk, batch.pk])
    assert response["Location"] == map_url

    page = client.get(map_url).content.decode()
    assert 'value="Stakeholder" selected' in page and 'value="Power" selected' in page
    assert 'value="Notes" selected' not in page
    assert "Not in the file" in page and "met in March" in page

    response = client.post(
        map_url, {"name": "Stakeholder", "organisation": "Organization", "influence": "Power", "interest": "Interest"}
    )
    check_url = reverse("stakeholders:import-check", args=[project.pk, batch.pk])
    assert response["Location"] == check_url
    page = client.get(check_url).content.decode()
    assert "Helen Marsh" in page and "Import 2 stakeholders" in page

    with django_capture_on_commit_callbacks(execute=True):  # the task runs when the confirmation commits
        response = client.post(reverse("stakeholders:import-confirm", args=[project.pk, batch.pk]))
    response = client.get(response["Location"])  # the progress page
    assert "2 stakeholders imported from contacts.xlsx" in response.content.decode()
    assert "4 new records were added to the directory" in response.content.decode()
    assert sorted(s.name for s in stakeholders(project)) == ["Helen Marsh", "Tom Okafor"]
    assert Stakeholder.objects.get(person__full_name="Helen Marsh").influence == 5
    assert not ImportBatch.objects.exists()


def test_upload_errors_are_summarised_and_nothing_stored(as_user, project, member):
    client = as_user(member)
    url = reverse("stakeholders:import", args=[project.pk])
    response = client.post(url, {"file": SimpleUploadedFile("notes.txt", b"hello")})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "<title>Error:" in page
    assert 'href="#id_file"' in page
    assert "The file must be a CSV file (.csv) or an Excel workbook (.xlsx)" in page
    page = client.post(url, {}).content.decode()
    assert "Choose a CSV or Excel file to import" in page
    page = client.post(url, {"file": SimpleUploadedFile("map.csv", b"Name,Interest\r\n")}).content.decode()
    assert "no stakeholders below them" in page
    assert ImportBatch.objects.count() == 0


def test_mapping_needs_a_name_and_one_field_per_column(as_user, project, member):
    client = as_user(member)
    batch = services_import.start_batch(
        project=project, by=member, filename="map.csv", content=b"Who,Where\r\nHelen,Trust\r\n"
    )
    url = reverse("stakeholders:import-map", args=[project.pk, batch.pk])
    page = client.post(url, {"name": ""}).content.decode()
    assert "There is a problem" in page and "Select the column that holds the name" in page
    page = client.post(url, {"name": "Who", "organisation": "Who"}).content.decode()
    assert "is already chosen for name" in page
    batch.refresh_from_db()
    assert batch.mapping == {}


def test_rows_with_problems_block_the_import(as_user, project, member, django_capture_on_commit_callbacks):
    client = as_user(member)
    content = csv_bytes([["Name", "Interest"], ["Mereshire ICB", "4"], ["", "2"], ["Carers' forum", "high"]])
    batch = services_import.start_batch(project=project, by=member, filename="map.csv", content=content)
    services_import.set_mapping(batch=batch, mapping={"name": "Name", "interest": "Interest"})
    page = client.get(reverse("stakeholders:import-check", args=[project.pk, batch.pk])).content.decode()
    assert "Row 3: name is missing" in page
    assert "Row 4: interest must be a whole number from 1 to 5" in page
    assert "upload it again" in page and "There is a problem" in page
    assert reverse("stakeholders:import-confirm", args=[project.pk, batch.pk]) not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("stakeholders:import-confirm", args=[project.pk, batch.pk]))
    response = client.get(response["Location"])
    assert "2 rows have problems" in response.content.decode()
    assert Stakeholder.objects.count() == 0


def test_error_list_is_capped(as_user, project, member):
    rows = [["Name", "Interest"]] + [[f"Org {i}", "9"] for i in range(250)]
    batch = services_import.start_batch(project=project, by=member, filename="map.csv", content=csv_bytes(rows))
    services_import.set_mapping(batch=batch, mapping={"name": "Name", "interest": "Interest"})
    page = as_user(member).get(reverse("stakeholders:import-check", args=[project.pk, batch.pk])).content.decode()
    assert page.count("must be a whole number") == 200
    assert "The first 200 problems are shown, of 250" in page


def test_a_batch_belongs_to_its_creator_and_project(as_user, project, member, lead, outsider):
    batch = services_import.start_batch(project=project, by=member, filename="map.csv", content=b"Name\r\nA\r\n")
    services_import.set_mapping(batch=batch, mapping={"name": "Name"})
    other = ProjectFactory()
    for user, pk in [(lead, project.pk), (outsider, project.pk), (member, other.pk)]:
        client = as_user(user)
        for name in ("import-map", "import-check"):
            assert client.get(reverse(f"stakeholders:{name}", args=[pk, batch.pk])).status_code == 404
        for name in ("import-confirm", "import-cancel"):
            assert client.post(reverse(f"stakeholders:{name}", args=[pk, batch.pk])).status_code == 404
    assert Stakeholder.objects.count() == 0 and ImportBatch.objects.filter(pk=batch.pk).exists()
    as_user(member).post(reverse("stakeholders:import-cancel", args=[project.pk, batch.pk]))
    assert not ImportBatch.objects.exists()


def test_old_batches_are_cleared_when_a_new_one_starts(project, member, lead):
    old = services_import.start_batch(project=project, by=lead, filename="old.csv", content=b"Name\r\nA\r\n")
    recent = services_import.start_batch(project=project, by=lead, filename="recent.csv", content=b"Name\r\nA\r\n")
    ImportBatch.objects.filter(pk=old.pk).update(created=old.created - services_import.BATCH_MAX_AGE * 2)
    services_import.start_batch(project=project, by=member, filename="new.csv", content=b"Name\r\nA\r\n")
    assert set(ImportBatch.objects.values_list("filename", flat=True)) == {"recent.csv", "new.csv"}
    assert ImportBatch.objects.filter(pk=recent.pk).exists()


def test_summary_message_reads_well():
    assert views_transfer.summary_message(
        {"created": 1200, "matched_organisations": 1, "matched_people": 3, "new_directory_records": 1, "skipped": 2},
        "map.csv",
    ) == (
        "1,200 stakeholders imported from map.csv. 1 organisation and 3 people already in the directory were "
        "reused. 1 new record was added to the directory. 2 rows were skipped: already on the map or earlier in "
        "the file."
    )


def test_old_uploads_are_cleared_by_the_command(project, member):
    from datetime import timedelta
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    batch = ImportBatch.objects.create(project=project, created_by=member, filename="old.csv", content=b"a\r\n")
    ImportBatch.objects.filter(pk=batch.pk).update(created=timezone.now() - timedelta(days=2))
    fresh = ImportBatch.objects.create(project=project, created_by=member, filename="new.csv", content=b"a\r\n")
    out = StringIO()
    call_command("clear_stakeholder_imports", stdout=out)
    assert "Removed 1 unfinished stakeholder import." in out.getvalue()
    assert list(ImportBatch.objects.all()) == [fresh]
