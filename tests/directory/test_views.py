import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mobilise.directory.models import LawfulBasis, Organisation, Person, Sector
from mobilise.stakeholders import services as stakeholder_services

from ..factories import OrganisationFactory, PersonFactory
from ..queries import assert_max_queries

LIST_BUDGET = {"directory:organisations": 5, "directory:people": 5}


@pytest.fixture
def org(db):
    return OrganisationFactory(name="Mereshire Hospitals NHS Foundation Trust")


@pytest.fixture
def person(org):
    return PersonFactory(full_name="Helen Marsh", organisation=org)


# A person's contact details: advisers, and those who may edit a project the person is on.
CHANGE_PERSON = {"adviser": 200, "lead": 200, "member": 200, "viewer": 404, "outsider": 404}


@pytest.mark.parametrize("persona", list(CHANGE_PERSON))
def test_changing_a_person_belongs_to_their_projects(request, as_user, project, person, persona):
    stakeholder_services.add_stakeholder(project=project, by=request.getfixturevalue("lead"), person=person)
    client = as_user(request.getfixturevalue(persona))
    assert client.get(reverse("directory:person-edit", args=[person.pk])).status_code == CHANGE_PERSON[persona]
    posted = client.post(
        reverse("directory:person-edit", args=[person.pk]),
        {
            "full_name": "Helen Marsh",
            "email": "elsewhere@example.org",
            "lawful_basis": LawfulBasis.LEGITIMATE_INTERESTS,
            "not_duplicate": "on",
        },
    )
    assert posted.status_code == (302 if CHANGE_PERSON[persona] == 200 else 404)
    person.refresh_from_db()
    assert (person.email == "elsewhere@example.org") == (CHANGE_PERSON[persona] == 200)
    page = client.get(reverse("directory:person", args=[person.pk])).content.decode()
    assert ("Edit person" in page) == (CHANGE_PERSON[persona] == 200)


def test_viewer_cannot_add_to_directory(as_user, viewer):
    response = as_user(viewer).post(reverse("directory:organisation-new"), {"name": "X", "sector": Sector.MEDIA})
    assert response.status_code == 404
    assert not Organisation.objects.exists()


def test_anonymous_sent_to_sign_in(client, org):
    assert client.get(reverse("directory:organisation", args=[org.pk]))["Location"].startswith(reverse("login"))


def test_add_organisation_with_errors_then_success(as_user, member):
    client = as_user(member)
    bad = client.post(
        reverse("directory:organisation-new"),
        {
            "name": "",
            "sector": "",
            "ror_id": "052gg0111",
            "website": "not a url",
        },
    )
    page = bad.content.decode()
    assert "Enter the organisation&#39;s name" in page and "Select the organisation&#39;s sector" in page
    assert "This ROR id is not valid" in page and "Enter a valid URL" in page
    assert not Organisation.objects.exists()
    good = client.post(
        reverse("directory:organisation-new"),
        {
            "name": "University of Mereshire",
            "sector": Sector.ACADEMIA,
            "ror_id": "https://ror.org/052GG0110",
            "website": "www.mereshire.ac.uk",
        },
    )
    org = Organisation.objects.get()
    assert good["Location"] == reverse("directory:organisation", args=[org.pk])
    assert org.ror_id == "052gg0110" and org.website == "https://www.mereshire.ac.uk"
    assert org.created_by == member
    again = client.post(
        reverse("directory:organisation-new"),
        {
            "name": "Another",
            "sector": Sector.ACADEMIA,
            "ror_id": "052gg0110",
        },
    )
    assert "already has this ROR id" in again.content.decode()


def test_likely_duplicate_flagged_until_confirmed(as_user, member, org):
    client = as_user(member)
    data = {"name": "Mereshire Hospitals NHS Foundation trust.", "sector": Sector.NHS_PROVIDER}
    page = client.post(reverse("directory:organisation-new"), data).content.decode()
    assert "This may already be in the directory: Mereshire Hospitals NHS Foundation Trust" in page
    assert reverse("directory:organisation", args=[org.pk]) in page
    assert Organisation.objects.count() == 1
    response = client.post(reverse("directory:organisation-new"), {**data, "not_duplicate": "on"})
    assert response.status_code == 302
    assert Organisation.objects.count() == 2
    # Editing an organisation without renaming it does not re-ask.
    edit = client.post(
        reverse("directory:organisation-edit", args=[org.pk]),
        {
            "name": org.name,
            "sector": Sector.NHS_PROVIDER,
            "region": "East of England",
        },
    )
    assert edit.status_code == 302


LISTS = {
    "organisations": ("Organisations", "Add an organisation", "directory:organisation-new"),
    "people": ("People", "Add a person", "directory:person-new"),
}


@pytest.mark.parametrize("tab", list(LISTS))
def test_both_lists_stand_under_the_directory_tabs_with_their_add_button_and_search(as_user, member, tab):
    title, add, new = LISTS[tab]
    page = as_user(member).get(reverse(f"directory:{tab}")).content.decode()
    assert f"<title>{title}" in page and "<h1>Directory</h1>" in page
    assert f'<a href="{reverse(f"directory:{tab}")}" aria-current="page">{title}</a>' in page
    assert f'href="{reverse(new)}"' in page and add in page
    assert f'<form method="get" class="app-filters" role="search" aria-label="{title}">' in page


RECORDS = {
    "organisation": (Organisation, {"name": "Kingsbridge City Council", "sector": Sector.LOCAL_AUTHORITY}),
    "person": (Person, {"full_name": "Joy Mensah"}),
}


@pytest.mark.parametrize("kind", list(RECORDS))
def test_adding_then_changing_a_record_says_so_and_keeps_who_added_it(as_user, adviser, kind):
    model, values = RECORDS[kind]
    client = as_user(adviser)
    added = client.post(reverse(f"directory:{kind}-new"), {**values, "not_duplicate": "on"}, follow=True)
    record = model.objects.get()
    assert added.redirect_chain == [(reverse(f"directory:{kind}", args=[record.pk]), 302)]
    assert f"{record} added to the directory." in added.content.decode()
    edit = reverse(f"directory:{kind}-edit", args=[record.pk])
    changed = client.post(edit, {**values, "notes": "Met at the ARC day", "not_duplicate": "on"}, follow=True)
    assert changed.redirect_chain == [(reverse(f"directory:{kind}", args=[record.pk]), 302)]
    assert "Changes saved." in changed.content.decode()
    record.refresh_from_db()
    assert record.notes == "Met at the ARC day" and record.created_by == adviser


def test_person_contact_details_need_a_lawful_basis(as_user, member, org):
    client = as_user(member)
    page = client.post(
        reverse("directory:person-new"),
        {
            "full_name": "Raj Patel",
            "email": "raj@example.org",
            "orcid": "0000-0002-1825-0098",
        },
    ).content.decode()
    assert "Select the lawful basis for holding this person&#39;s contact details" in page
    assert "This ORCID iD is not valid" in page
    page = client.post(
        reverse("directory:person-new"),
        {
            "full_name": "Raj Patel",
            "email": "raj@example.org",
            "lawful_basis": LawfulBasis.CONSENT,
        },
    ).content.decode()
    assert "Enter the date the person gave consent" in page
    future = timezone.localdate() + datetime.timedelta(days=10)
    page = client.post(
        reverse("directory:person-new"),
        {
            "full_name": "Raj Patel",
            "email": "raj@example.org",
            "lawful_basis": LawfulBasis.CONSENT,
            "consent_date[day]": future.day,
            "consent_date[month]": future.month,
            "consent_date[year]": future.year,
        },
    ).content.decode()
    assert "must be today or in the past" in page
    assert not Person.objects.exists()
    response = client.post(
        reverse("directory:person-new"),
        {
            "full_name": "Raj Patel",
            "email": "raj@example.org",
            "organisation": org.pk,
            "lawful_basis": LawfulBasis.CONSENT,
            "orcid": "0000000218250097",
            "consent_date[day]": "3",
            "consent_date[month]": "2",
            "consent_date[year]": "2025",
        },
    )
    person = Person.objects.get()
    assert response["Location"] == reverse("directory:person", args=[person.pk])
    assert person.orcid == "0000-0002-1825-0097" and person.consent_date == datetime.date(2025, 2, 3)


def test_duplicate_person_by_email(as_user, member, person):
    person.email = "h.marsh@example.org"
    person.save()
    page = (
        as_user(member)
        .post(
            reverse("directory:person-new"),
            {
                "full_name": "Dr H. Marsh-Smith",
                "email": "H.Marsh@example.org",
                "lawful_basis": LawfulBasis.PUBLIC_TASK,
            },
        )
        .content.decode()
    )
    assert "This may already be in the directory: Helen Marsh" in page


def test_history_shows_who_changed_what(as_user, member, org):
    client = as_user(member)
    client.post(
        reverse("directory:organisation-edit", args=[org.pk]),
        {
            "name": org.name,
            "sector": Sector.COMMISSIONER,
            "region": "",
        },
    )
    page = client.get(reverse("directory:organisation-history", args=[org.pk])).content.decode()
    assert "Sector" in page and "NHS provider" in page and "ICB / commissioner" in page
    assert member.full_name in page


def test_search_and_sector_filter(as_user, adviser, org):
    OrganisationFactory(name="Healthwatch Mereshire", sector=Sector.PUBLIC)
    client = as_user(adviser)
    page = client.get(reverse("directory:organisations"), {"q": "healthwatch"}).content.decode()
    assert "Healthwatch Mereshire" in page and org.name not in page
    page = client.get(reverse("directory:organisations"), {"sector": Sector.NHS_PROVIDER}).content.decode()
    assert "Healthwatch Mereshire" not in page and org.name in page


@pytest.mark.parametrize("name", ["directory:organisations", "directory:people"])
def test_directory_lists_queries_do_not_grow(as_user, member, name):
    client = as_user(member)
    counts = []
    for n in (5, 40):
        PersonFactory.create_batch(n)
        with assert_max_queries(LIST_BUDGET[name]) as queries:
            assert client.get(reverse(name)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_organisation_page_queries_do_not_grow(as_user, member, org):
    client = as_user(member)
    counts = []
    for n in (5, 40):
        PersonFactory.create_batch(n, organisation=org)
        with assert_max_queries(5) as queries:
            assert client.get(reverse("directory:organisation", args=[org.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_lists_are_in_name_order_whatever_the_case(as_user, member):
    names = ["Ahmed", "bailey", "de Souza", "Zhou"]
    for name in reversed(names):
        PersonFactory(full_name=name, organisation=OrganisationFactory(name=f"{name} trust"))
    client = as_user(member)
    for url, shown in (("directory:people", names), ("directory:organisations", [f"{n} trust" for n in names])):
        page = client.get(reverse(url)).content.decode()
        where = [page.index(name) for name in shown]
        assert where == sorted(where), url
