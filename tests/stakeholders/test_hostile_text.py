"""What is already stored cannot break an export, and a hostile upload is refused with a message, never a 500."""

import csv
import io

import networkx as nx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from mobilise.evaluation import services as evaluation_services
from mobilise.stakeholders import exports, services, services_import
from mobilise.stakeholders.access import relationships, stakeholders
from mobilise.stakeholders.models import ImportBatch, Stakeholder

from ..core.test_tables import BILLION_LAUGHS, excel_like
from ..factories import PersonFactory


@pytest.fixture
def dirty(project, member):
    """A map whose stored text holds a vertical tab (a Word line break), a NUL and other control characters."""
    nul = "\x00" if connection.vendor == "sqlite" else ""  # PostgreSQL cannot store a NUL in text
    person = PersonFactory(full_name=f"Helen{nul} Marsh", job_title="Director\x0bof Nursing")
    a = services.add_stakeholder(project=project, by=member, person=person, what_matters="=costs\x01\x1f")
    b = services.add_stakeholder(project=project, by=member, group_name="Carers\x0bforum\x7f", formats="\ufffe")
    services.add_relationship(source=a, target=b, kind="trusted_by", note="met\x0cweekly")
    return project


def test_stored_control_characters_do_not_break_the_xlsx(dirty):
    content = exports.stakeholders_xlsx(list(stakeholders(dirty)), list(relationships(dirty)))
    wb = load_workbook(io.BytesIO(content))
    cells = [c for sheet in wb.worksheets for row in sheet.values for c in row if isinstance(c, str)]
    assert "Carers\nforum" in cells and "Helen Marsh" in cells and "'=costs" in cells
    assert "met\nweekly" in cells
    assert not any(ch in cell for cell in cells for ch in "\x00\x01\x0b\x0c\x1f\x7f\ufffe")


def test_stored_control_characters_do_not_break_the_graphml(dirty):
    content = exports.stakeholders_graphml(list(stakeholders(dirty)), list(relationships(dirty)))
    g = nx.read_graphml(io.BytesIO(content))
    assert sorted(data["label"] for _, data in g.nodes(data=True)) == ["Carers\nforum", "Helen Marsh"]


def test_stored_control_characters_are_cleaned_in_the_csv(dirty):
    rows = list(csv.reader(io.StringIO(exports.stakeholders_csv(list(stakeholders(dirty))))))
    assert not any(ch in cell for row in rows for cell in row for ch in "\x00\x01\x0b\x7f")


def test_export_pages_work_with_stored_control_characters(as_user, dirty, viewer):
    client = as_user(viewer)
    for fmt in ("csv", "xlsx", "graphml"):
        assert client.get(reverse("stakeholders:export", args=[dirty.pk, fmt])).status_code == 200


def test_a_csv_with_a_nul_after_4_kb_imports_clean_and_exports(project, member):
    padding = b"".join(b"Group %d,3\r\n" % i for i in range(400))
    content = b"Name,Interest\r\n" + padding + b"Carers\x00 forum\x0b,4\r\n"
    assert len(padding) > 4096
    batch = services_import.start_batch(project=project, by=member, filename="map.csv", content=content)
    services_import.set_mapping(batch=batch, mapping={"name": "Name", "interest": "Interest"})
    services_import.run_batch(batch=batch, by=member)
    assert Stakeholder.objects.filter(group_name="Carers forum").exists()
    items = list(stakeholders(project))
    load_workbook(io.BytesIO(exports.stakeholders_xlsx(items, [])))
    nx.read_graphml(io.BytesIO(exports.stakeholders_graphml(items, [])))


@pytest.mark.parametrize("noun", ["stakeholders", "values"])
def test_an_entity_attack_upload_is_explained_and_nothing_stored(as_user, project, member, noun):
    attack = excel_like(BILLION_LAUGHS)
    upload = SimpleUploadedFile("attack.xlsx", attack)
    if noun == "stakeholders":
        url = reverse("stakeholders:import", args=[project.pk])
    else:
        indicator = evaluation_services.save_indicator(project=project, name="Screening uptake", unit="%")
        url = reverse("evaluation:import", args=[project.pk, indicator.pk])
    response = as_user(member).post(url, {"file": upload})
    assert response.status_code in (200, 400)
    assert "XML declarations (a DOCTYPE)" in response.content.decode()
    assert not ImportBatch.objects.exists()
