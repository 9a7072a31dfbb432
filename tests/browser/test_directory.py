"""The shared directory: list organisations, add one (after a bad ROR id), add a person there, read their pages."""

import pytest
from playwright.sync_api import expect

from mobilise.directory.models import Organisation, Person
from tests.factories import OrganisationFactory, PersonFactory

from .helpers import assert_accessible, sign_in, url_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_add_an_organisation_and_a_person(page, live_server, lead):
    existing = OrganisationFactory(name="Norfolk Community Health and Care NHS Trust", region="East of England")
    PersonFactory(full_name="Sam Existing", organisation=existing, job_title="Research manager")
    sign_in(page, live_server, lead)

    # The list of organisations.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Directory").click()
    expect(page).to_have_url(live_server.url + "/directory/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Directory")
    expect(page.get_by_role("link", name="Norfolk Community Health and Care NHS Trust")).to_be_visible()
    expect(page.locator(".app-results-count")).to_have_text("1 organisation")
    assert_accessible(page)

    # Add an organisation: a ROR id with a typo first.
    page.get_by_role("button", name="Add an organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an organisation")
    assert_accessible(page)
    page.get_by_label("Name", exact=True).fill("Fenland Community Voice")
    page.get_by_label("Voluntary and community sector").check()
    page.get_by_label("ROR id").fill("052gg0111")
    page.get_by_label("Region").fill("East of England")
    page.get_by_role("button", name="Save").click()

    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_focused()
    link = summary.get_by_role("link", name="This ROR id is not valid: check it for typos")
    expect(link).to_have_attribute("href", "#id_ror_id")
    expect(page.locator("#id_ror_id")).to_have_value("052gg0111")
    expect(page.get_by_label("Voluntary and community sector")).to_be_checked()
    assert_accessible(page)
    assert not Organisation.objects.filter(name="Fenland Community Voice").exists()
    link.click()
    expect(page.locator("#id_ror_id")).to_be_focused()

    # Correct it and save.
    page.locator("#id_ror_id").fill("052gg0110")
    page.get_by_role("button", name="Save").click()
    org = Organisation.objects.get(name="Fenland Community Voice")
    expect(page).to_have_url(live_server.url + f"/directory/organisations/{org.pk}/")
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text(
        "Fenland Community Voice added to the directory."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Fenland Community Voice")
    details = page.locator(".nhsuk-summary-list")
    expect(details).to_contain_text("052gg0110")
    expect(details).to_contain_text("Voluntary and community sector")
    expect(page.get_by_role("heading", name="People (0)")).to_be_visible()
    assert_accessible(page)

    # Add a person at the organisation, which the form already has selected.
    page.get_by_role("link", name="Add a person at Fenland Community Voice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a person")
    expect(page.locator("#id_organisation option:checked")).to_have_text("Fenland Community Voice")
    assert_accessible(page)
    page.get_by_label("Full name").fill("Priya Okafor")
    page.get_by_label("Job title").fill("Community engagement lead")
    page.get_by_label("Email").fill("priya@fenlandvoice.example")
    page.get_by_label("Legitimate interests").check()
    page.get_by_role("button", name="Save").click()

    person = Person.objects.get(full_name="Priya Okafor")
    expect(page).to_have_url(live_server.url + f"/directory/people/{person.pk}/")
    expect(page.locator(".nhsuk-notification-banner--success")).to_contain_text("Priya Okafor added to the directory.")
    details = page.locator(".nhsuk-summary-list")
    expect(details).to_contain_text("Community engagement lead")
    expect(details).to_contain_text("priya@fenlandvoice.example")
    expect(details).to_contain_text("Legitimate interests")
    assert person.organisation == org
    assert_accessible(page)

    # Their change history, then back to the organisation, which now lists them.
    page.get_by_role("link", name="Change history").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change history")
    expect(page.locator("table tbody tr").first).to_contain_text("Created")
    expect(page.locator("table tbody tr").first).to_contain_text("Lee Lead")
    assert_accessible(page)
    page.get_by_role("link", name="Back to Priya Okafor").click()
    page.get_by_role("link", name="Fenland Community Voice").click()
    expect(page).to_have_url(live_server.url + f"/directory/organisations/{org.pk}/")
    expect(page.get_by_role("heading", name="People (1)")).to_be_visible()
    expect(page.get_by_role("link", name="Priya Okafor")).to_be_visible()

    # The people list, searched by organisation.
    page.goto(live_server.url + "/directory/people/")
    expect(page.locator(".app-results-count")).to_have_text("2 people")
    assert_accessible(page)
    page.get_by_label("Name, email address or organisation").fill("fenland")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(url_of(live_server, "/directory/people/"))
    expect(page.locator(".app-results-count")).to_have_text("1 person")
    expect(page.get_by_role("link", name="Priya Okafor")).to_be_visible()
    assert_accessible(page)
