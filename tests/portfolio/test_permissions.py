"""The programme view and report, for every persona: advisers' and administrators' only; everyone else gets 404
and no hint of what the programme holds; the anonymous visitor is sent to sign in."""

import pytest

from ..factories import UserFactory
from ..permissions import Url, check_every_persona, names_in

STAFF = {"adviser": 200, "lead": 404, "member": 404, "viewer": 404, "outsider": 404}
PERIOD = {
    "start[day]": "1",
    "start[month]": "4",
    "start[year]": "2026",
    "end[day]": "30",
    "end[month]": "6",
    "end[year]": "2026",
}
URLS = [
    Url("portfolio:programme", (), STAFF),
    Url("portfolio:programme-export", (), STAFF),
    Url("portfolio:gaps", (), STAFF),
    Url("portfolio:report", (), STAFF),
    Url("portfolio:report-export", ("pdf",), STAFF, data=PERIOD),
    Url("portfolio:report-export", ("docx",), STAFF, data=PERIOD),
]


@pytest.fixture
def objects(project):
    return {"project": project}


@pytest.mark.parametrize("url", URLS, ids=str)
def test_url_by_persona(request, objects, url):
    check_every_persona(url, objects, request)


def test_the_table_has_every_url():
    assert names_in("mobilise.portfolio.urls") == {url.name for url in URLS}


def test_an_administrator_sees_the_programme(client, db):
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/portfolio/").status_code == 200
    assert client.get("/portfolio/report/").status_code == 200


def test_an_unknown_export_format_is_not_found(client, adviser):
    client.force_login(adviser)
    assert client.get("/portfolio/report.odt").status_code == 404


def test_only_advisers_and_administrators_see_the_programme_in_the_menu(client, adviser, lead):
    client.force_login(lead)
    assert 'href="/portfolio/"' not in client.get("/").content.decode()
    client.force_login(adviser)
    assert 'href="/portfolio/"' in client.get("/").content.decode()
