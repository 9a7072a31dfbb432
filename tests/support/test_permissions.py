"""Every support page, for every persona: requests are the advisers' and administrators' business only; the
request form is open to all, and a requester's status page opens only through their personal link."""

import pytest

from mobilise.core import links
from mobilise.support import services, services_ideas
from mobilise.support.models import AdviceEntry, AdviceKind, Case, IdeaStatus, Status

from ..factories import IdeaFactory, InsightFactory, PriorityFactory, SupportRequestFactory
from ..permissions import PUBLIC, Url, check_every_persona, names_in, when_allowed

STAFF = {"adviser": 200, "lead": 404, "member": 404, "viewer": 404, "outsider": 404}
# With nothing in the session, check and sent go back to the form.
TO_FORM = dict.fromkeys([*PUBLIC], 302)
EDITED = {"title": "Frailty", "status": "met", "raised[day]": "3", "raised[month]": "2", "raised[year]": "2026"}
URLS = [
    Url("support:request-form", (), PUBLIC),
    Url("support:check", (), TO_FORM),
    Url("support:sent", (), TO_FORM),
    Url("support:status", ("token",), PUBLIC),
    Url("support:requests", (), STAFF),
    Url("support:request", ("support_request",), STAFF),
    Url("support:request-could-meet", ("support_request",), STAFF),
    Url("support:request-from-gap", ("gap",), STAFF),
    Url("support:assign", ("support_request",), when_allowed(STAFF, 302), "post"),
    Url("support:change-status", ("support_request", "accepted"), STAFF),
    Url("support:assess", ("support_request",), STAFF),
    Url("support:erase", ("support_request",), STAFF),
    Url("support:erase", ("support_request",), when_allowed(STAFF, 302), "post"),
    Url("support:reports", (), STAFF),
    Url("support:report-export", ("csv",), STAFF),
    Url("support:cases", (), STAFF),
    Url("support:case", ("case",), STAFF),
    Url("support:advice", ("case",), when_allowed(STAFF, 400), "post"),
    Url("support:step-done", ("case", "entry"), when_allowed(STAFF, 302), "post"),
    Url("support:case-project", ("case",), when_allowed(STAFF, 400), "post"),
    Url("support:close", ("case",), when_allowed(STAFF, 400), "post"),
    Url("get-involved", (), PUBLIC),
    Url("support:idea-form", (), PUBLIC),
    Url("support:idea-check", (), TO_FORM),
    Url("support:idea-sent", (), TO_FORM),
    Url("support:idea-status", ("idea_token",), PUBLIC),
    Url("support:ideas", (), STAFF),
    Url("support:idea", ("idea",), STAFF),
    Url("support:idea-could-meet", ("idea",), STAFF),
    Url("support:idea-assign", ("idea",), when_allowed(STAFF, 302), "post"),
    Url("support:idea-assess", ("idea",), STAFF),
    Url("support:idea-status-change", ("idea", "reviewing"), STAFF),
    Url("support:idea-outcome", ("accepted_idea",), when_allowed(STAFF, 400), "post", {"action": "project"}),
    Url("support:idea-erase", ("idea",), STAFF),
    Url("support:idea-erase", ("idea",), when_allowed(STAFF, 302), "post"),
    Url("support:priorities", (), STAFF),
    Url("support:priority-new", (), STAFF),
    Url("support:priority-new", (), when_allowed(STAFF, 400), "post"),
    Url("support:priority", ("priority",), STAFF),
    Url("support:priority-could-meet", ("priority",), STAFF),
    Url("support:priority", ("priority",), STAFF, "post"),
    Url("support:priority-edit", ("priority",), STAFF),
    Url("support:priority-edit", ("priority",), when_allowed(STAFF, 302), "post", EDITED),
]


@pytest.fixture
def objects(db):
    support_request = SupportRequestFactory()
    token = links.make_link(services.STATUS_LINK, support_request, expires=None, once=False).token
    case = Case.objects.create(request=SupportRequestFactory(status=Status.ACCEPTED))
    entry = AdviceEntry.objects.create(case=case, kind=AdviceKind.CALL, minutes=10, notes="Call")
    idea = IdeaFactory()
    idea_token = links.make_link(services_ideas.STATUS_LINK, idea, expires=None, once=False).token
    return {
        "support_request": support_request,
        "token": token,
        "case": case,
        "entry": entry,
        "idea": idea,
        "idea_token": idea_token,
        "accepted_idea": IdeaFactory(status=IdeaStatus.ACCEPTED),
        "priority": PriorityFactory(),
        "gap": InsightFactory(),
    }


@pytest.mark.parametrize("url", URLS, ids=str)
def test_url_by_persona(request, objects, url):
    check_every_persona(url, objects, request)


def test_the_table_has_every_url():
    assert names_in("mobilise.support.urls") | {"get-involved"} == {url.name for url in URLS}


def test_an_administrator_sees_requests(client, db):
    from ..factories import UserFactory

    client.force_login(UserFactory(is_staff=True))
    assert client.get("/support/requests/").status_code == 200


def test_a_token_for_another_purpose_opens_nothing(client, objects):
    other = links.make_link("invitation", objects["support_request"]).token
    assert client.get(f"/support/your-request/{other}/").status_code == 404
