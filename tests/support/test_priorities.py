"""The register of the system's priorities: recorded by hand or from the request or idea that raised it (its
values drafted from it and the link kept both ways), refused with the error summary when incomplete, filtered,
changed with its history kept, and read in a constant number of queries."""

from mobilise.support.models import Priority, RequesterType

from ..factories import IdeaFactory, OrganisationFactory, PriorityFactory, SupportRequestFactory, ThemeFactory
from ..queries import assert_max_queries

RAISED = {"raised[day]": "3", "raised[month]": "2", "raised[year]": "2026"}


def test_a_priority_recorded_by_hand(as_user, adviser):
    trust = OrganisationFactory(name="Vale Hospitals NHS Trust")
    theme = ThemeFactory(name="Frailty")
    data = {"title": "Fewer falls at home", "organisation": trust.pk, "themes": [theme.pk], "status": "open", **RAISED}
    response = as_user(adviser).post("/support/priorities/new/", data)
    saved = Priority.objects.get(title="Fewer falls at home")
    assert response.status_code == 302 and response["Location"] == f"/support/priorities/{saved.pk}/"
    assert (saved.organisation, list(saved.themes.all()), saved.created_by) == (trust, [theme], adviser)
    assert saved.raised.isoformat() == "2026-02-03"
    page = as_user(adviser).get(response["Location"]).content.decode()
    assert "Vale Hospitals NHS Trust" in page and "Recorded by" in page


def test_without_what_it_is_nothing_is_saved_and_the_summary_says_why(as_user, adviser):
    response = as_user(adviser).post("/support/priorities/new/", {"title": "", "status": "open", **RAISED})
    assert response.status_code == 400
    assert "Enter what the priority or challenge is" in response.content.decode()
    assert "nhsuk-error-summary" in response.content.decode()
    assert not Priority.objects.exists()


def test_a_commissioners_request_drafts_the_priority_and_stays_linked(as_user, adviser):
    icb = OrganisationFactory(name="Vale ICB")
    request = SupportRequestFactory(
        requester_type=RequesterType.COMMISSIONER, organisation=icb, project_title="Waiting lists for memory clinics"
    )
    client = as_user(adviser)
    assert "Record a system priority from it" in client.get(f"/support/requests/{request.pk}/").content.decode()
    form = client.get(f"/support/priorities/new/?request={request.pk}").content.decode()
    assert 'value="Waiting lists for memory clinics"' in form
    assert f'<option value="{icb.pk}" selected>' in form
    data = {"title": "Waiting lists for memory clinics", "organisation": icb.pk, "status": "open", **RAISED}
    client.post(f"/support/priorities/new/?request={request.pk}", data)
    saved = Priority.objects.get()
    assert saved.request == request and saved.idea is None
    assert "Waiting lists for memory clinics" in client.get(f"/support/requests/{request.pk}/").content.decode()
    assert request.reference in client.get(f"/support/priorities/{saved.pk}/").content.decode()


def test_a_researchers_request_offers_no_priority(as_user, adviser):
    request = SupportRequestFactory(requester_type=RequesterType.RESEARCHER)
    page = as_user(adviser).get(f"/support/requests/{request.pk}/").content.decode()
    assert "System priorities it raises" not in page


def test_an_idea_drafts_the_priority_with_the_directorys_organisation_of_its_name(as_user, adviser):
    forum = OrganisationFactory(name="Vale Patients Forum")
    idea = IdeaFactory(title="Plain-English appointment letters")
    form = as_user(adviser).get(f"/support/priorities/new/?idea={idea.pk}").content.decode()
    assert 'value="Plain-English appointment letters"' in form and f'<option value="{forum.pk}" selected>' in form


def test_the_register_filters_and_reads_in_constant_queries(as_user, adviser):
    theme = ThemeFactory(name="Frailty")
    falls = PriorityFactory(title="Fewer falls")
    falls.themes.add(theme)
    PriorityFactory(title="Shorter waits", status="met")
    client = as_user(adviser)
    page = client.get("/support/priorities/", {"theme": theme.pk}).content.decode()
    assert "Fewer falls" in page and "Shorter waits" not in page
    assert "Fewer falls" not in client.get("/support/priorities/", {"status": "met"}).content.decode()
    assert "Shorter waits" in client.get("/support/priorities/", {"q": "waits"}).content.decode()
    for round in range(2):
        with assert_max_queries(9):
            assert client.get("/support/priorities/").status_code == 200
        for n in range(5):
            PriorityFactory().themes.add(ThemeFactory(name=f"Theme {round}.{n}"))


def test_a_change_is_kept_in_the_priority_history(as_user, adviser):
    priority = PriorityFactory(title="Fewer falls")
    data = {"title": "Fewer falls at home", "status": "in_hand", **RAISED}
    as_user(adviser).post(f"/support/priorities/{priority.pk}/edit/", data)
    priority.refresh_from_db()
    assert priority.status == "in_hand"
    assert [h.title for h in priority.history.order_by("history_id")] == ["Fewer falls", "Fewer falls at home"]


def test_ids_that_are_not_ids_find_nothing_and_break_nothing(as_user, adviser):
    client = as_user(adviser)
    for value in ("²", "9" * 5000, "0", "-1"):
        assert client.get("/support/priorities/new/", {"request": value, "idea": value}).status_code == 200
        data = {"title": "Falls", "status": "open", "organisation": value, "themes": [value], **RAISED}
        assert client.post("/support/priorities/new/", data).status_code == 400
    assert not Priority.objects.exists()
