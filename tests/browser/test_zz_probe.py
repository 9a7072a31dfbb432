import pytest
from tests.factories import OrganisationFactory, PersonFactory
from .helpers import sign_in, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_probe(page, live_server, adviser, lead, project, outsider):
    org = OrganisationFactory()
    person = PersonFactory(organisation=org)
    out = []
    def check(path):
        page.goto(live_server.url + path)
        try:
            assert_accessible(page)
            out.append(f"OK {path}")
        except AssertionError as e:
            out.append(str(e))
    check("/sign-in/")
    page.fill("#id_username", "x@example.org"); page.fill("#id_password", "nope"); page.get_by_role("button", name="Sign in").click()
    try:
        assert_accessible(page); out.append("OK failed sign-in")
    except AssertionError as e:
        out.append(str(e))
    check("/password-reset/")
    check("/accessibility/")
    sign_in(page, live_server, adviser)
    for p in ["/", "/?q=zzz", f"/projects/{project.pk}/", f"/projects/{project.pk}/edit/", f"/projects/{project.pk}/team/",
              f"/projects/{project.pk}/history/", "/projects/new/", "/directory/", "/directory/organisations/new/",
              f"/directory/organisations/{org.pk}/", "/directory/people/", "/directory/people/new/",
              f"/directory/people/{person.pk}/", f"/directory/people/{person.pk}/history/", "/account/", "/sign-out/", "/nope/"]:
        check(p)
    page.goto(live_server.url + "/account/")
    page.get_by_role("button", name="Set up two-factor authentication").click()
    try:
        assert_accessible(page); out.append("OK 2fa")
    except AssertionError as e:
        out.append(str(e))
    page.goto(live_server.url + f"/projects/{project.pk}/edit/")
    page.fill("#id_title", "")
    page.get_by_role("button", name="Save project").click()
    try:
        assert_accessible(page); out.append("OK edit errors")
    except AssertionError as e:
        out.append(str(e))
    print("\n".join(out))
