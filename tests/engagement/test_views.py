import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mobilise.engagement import services
from mobilise.engagement.models import Action, Attachment, Interaction, Status
from mobilise.stakeholders import services as stakeholder_services
from mobilise.stakeholders.models import ScoreChange

from ..factories import OrganisationFactory, ProjectFactory
from ..permissions import EDIT, READ
from ..queries import assert_max_queries

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TODAY = timezone.localdate()
PAGE_BUDGET = {
    "engagement:due": 9,
    "engagement:timeline": 9,  # 9: webinars attended (one query, from events)
    "engagement:stakeholder-timeline": 12,
    "engagement_all:due": 7,  # 7: the adviser's support next steps (one query, from support)
    "engagement:workshops": 4,
    "engagement:insights": 4,
}


def date_fields(name, d):
    return {f"{name}[day]": str(d.day), f"{name}[month]": str(d.month), f"{name}[year]": str(d.year)}


def log_data(map_, **extra):
    data = {
        "kind": "call",
        "stakeholders": [map_["icb"].pk, map_["raj"].pk],
        "summary": "Agreed a date",
        **date_fields("date", TODAY),
    }
    data.update(extra)
    return data


@pytest.fixture
def workshop(project, lead, map_):
    from django.utils import timezone

    start = timezone.now() - datetime.timedelta(days=2)
    w = services.create_workshop(
        project=project,
        title="Commissioning workshop",
        purpose="Reflect on findings",
        starts=start,
        ends=start + datetime.timedelta(hours=3),
        place="Town hall",
        facilitators=[lead],
    )
    services.add_agenda_item(workshop=w, title="Welcome", owner="Lee")
    services.invite(workshop=w, stakeholders=[map_["raj"]])
    return w


def all_urls(project, map_, logged, workshop):
    p = project.pk
    a = logged.actions.first()
    read = [
        reverse(n, args=[p])
        for n in ("engagement:due", "engagement:timeline", "engagement:workshops", "engagement:insights")
    ]
    read += [
        reverse("engagement:interaction", args=[p, logged.pk]),
        reverse("engagement:stakeholder-timeline", args=[p, map_["icb"].pk]),
        reverse("engagement:workshop", args=[p, workshop.pk]),
    ]
    read += [
        reverse("engagement:workshop-export", args=[p, workshop.pk, k, f])
        for k in ("pack", "report")
        for f in ("pdf", "docx")
    ]
    edit = [
        reverse(n, args=[p])
        for n in ("engagement:log", "engagement:import", "engagement:workshop-new", "engagement:insight-new")
    ]
    edit += [
        reverse("engagement:interaction-remove", args=[p, logged.pk]),
        reverse("engagement:workshop-edit", args=[p, workshop.pk]),
        reverse("engagement:notes", args=[p, workshop.pk]),
    ]
    posts = [
        reverse("engagement:action-status", args=[p, a.pk]),
        reverse("engagement:interaction-action", args=[p, logged.pk]),
        reverse("engagement:interaction-file", args=[p, logged.pk]),
        reverse("engagement:agenda-add", args=[p, workshop.pk]),
        reverse("engagement:invite", args=[p, workshop.pk]),
        reverse("engagement:send", args=[p, workshop.pk]),
        reverse("engagement:replies", args=[p, workshop.pk]),
        reverse("engagement:workshop-action", args=[p, workshop.pk]),
        reverse("engagement:material", args=[p, workshop.pk]),
    ]
    return read, edit, posts


@pytest.mark.parametrize("persona", list(READ))
def test_pages_by_persona(request, as_user, project, map_, logged, workshop, persona):
    client = as_user(request.getfixturevalue(persona))
    read, edit, _ = all_urls(project, map_, logged, workshop)
    for url in read:
        response = client.get(url)
        assert response.status_code == READ[persona], url
        if READ[persona] == 404:
            assert b"Kingsbridge" not in response.content
    for url in edit:
        assert client.get(url).status_code == EDIT[persona], url


def test_anonymous_is_sent_to_sign_in(as_user, project, map_, logged, workshop):
    client = as_user(None)
    read, edit, _ = all_urls(project, map_, logged, workshop)
    for url in read + edit + [reverse("engagement_all:due")]:
        response = client.get(url)
        assert response.status_code == 302 and "/sign-in/" in response["Location"], url


@pytest.mark.parametrize("persona", ["viewer", "outsider"])
def test_writes_refused(request, as_user, project, map_, logged, workshop, persona):
    client = as_user(request.getfixturevalue(persona))
    _, edit, posts = all_urls(project, map_, logged, workshop)
    before = (Interaction.objects.count(), Action.objects.count())
    for url in edit + posts:
        assert client.post(url, {"status": "done", "title": "x", "description": "x"}).status_code == 404, url
    assert client.post(reverse("engagement:log", args=[project.pk]), log_data(map_)).status_code == 404
    assert (Interaction.objects.count(), Action.objects.count()) == before
    assert logged.actions.get().status == Status.OPEN


def test_quick_log_with_actions_attitude_and_file(as_user, project, member, lead, map_):
    client = as_user(member)
    page = client.get(reverse("engagement:log", args=[project.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'name="date[year]" type="text" value="{TODAY.year}"' in html.replace("\n", " ") or str(TODAY.year) in html
    assert f'value="{member.pk}" checked' in html
    data = log_data(
        map_,
        team=[member.pk],
        learned="They set budgets in October",
        action_1="Send the brief",
        action_1_owner=lead.pk,
        **date_fields("action_1_due", TODAY),
        action_2="Book the next call",
        attitude_of=map_["raj"].pk,
        attitude="supportive",
        attitude_reason="Saw the local data",
        attachment=SimpleUploadedFile("notes.pdf", PDF),
    )
    response = client.post(reverse("engagement:log", args=[project.pk]), data)
    interaction = Interaction.objects.get()
    assert response.status_code == 302
    assert set(interaction.stakeholders.all()) == {map_["icb"], map_["raj"]}
    assert list(interaction.team.all()) == [member]
    assert [(a.description, a.owner, a.due) for a in interaction.actions.order_by("pk")] == [
        ("Send the brief", lead, TODAY),
        ("Book the next call", None, None),
    ]
    map_["raj"].refresh_from_db()
    assert map_["raj"].attitude == "supportive"
    change = ScoreChange.objects.filter(stakeholder=map_["raj"]).first()
    assert change.reason == "Saw the local data" and change.changed_by == member
    attachment = interaction.attachments.get()
    assert attachment.name == "notes.pdf" and attachment.content_type == "application/pdf"
    assert "notes" not in attachment.file.name and len(attachment.file.name) > 30
    detail = client.get(response["Location"]).content.decode()
    assert "Send the brief" in detail and "notes.pdf" in detail


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"date[day]": "30", "date[month]": "2", "date[year]": "2024"}, "Enter a real date"),
        ({"date[day]": "", "date[month]": "", "date[year]": ""}, "Enter date"),
        (date_fields("date", TODAY + datetime.timedelta(days=10)), "today or in the past"),
        ({"stakeholders": ["999999"]}, "one you chose is not on it"),
        ({"action_1_owner": "x"}, "Choose someone on the team"),
        ({"action_2_due[day]": "31", "action_2_due[month]": "4", "action_2_due[year]": "2025"}, "Enter a real date"),
        ({"attitude_of": "", "attitude": "opposed"}, "Select whose attitude changed"),
        ({"attachment": SimpleUploadedFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024))}, "smaller than 10 MB"),
        ({"attachment": SimpleUploadedFile("slides.pdf", b"MZ\x90\x00 not a pdf")}, "not really a PDF"),
        ({"attachment": SimpleUploadedFile("report.docx", b"PK\x03\x04 broken zip")}, "not really a Word"),
        ({"attachment": SimpleUploadedFile("run.exe", b"MZ")}, "must be a PDF, Word"),
        ({"attachment": SimpleUploadedFile("notes.txt", b"\x00\x01\x02binary")}, "not really a text"),
    ],
)
def test_bad_input_is_reported_and_nothing_saved(as_user, project, member, map_, media, extra, message):
    client = as_user(member)
    response = client.post(reverse("engagement:log", args=[project.pk]), {**log_data(map_), **extra})
    assert response.status_code == 200
    page = response.content.decode()
    assert "nhsuk-error-summary" in page and message in page
    assert not Interaction.objects.exists() and not Action.objects.exists() and not Attachment.objects.exists()
    assert not media.exists() or not any(media.rglob("*.*"))


def test_stakeholder_from_another_project_is_refused(as_user, project, member, map_):
    other = stakeholder_services.add_stakeholder(project=ProjectFactory(), by=None, organisation=OrganisationFactory())
    client = as_user(member)
    response = client.post(reverse("engagement:log", args=[project.pk]), log_data(map_, stakeholders=[other.pk]))
    assert "not on it" in response.content.decode() and not Interaction.objects.exists()
    with pytest.raises(services.EngagementError):
        services.log_interaction(project=project, by=member, date=TODAY, kind="call", stakeholders=[other])


def test_office_files_are_sniffed(as_user, project, member, logged):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    client = as_user(member)
    url = reverse("engagement:interaction-file", args=[project.pk, logged.pk])
    ok = client.post(url, {"file": SimpleUploadedFile("agenda.docx", buffer.getvalue())})
    assert ok.status_code == 302
    disguised = client.post(url, {"file": SimpleUploadedFile("agenda.xlsx", buffer.getvalue())})
    assert "not really a Excel" in disguised.content.decode() or "not really an Excel" in disguised.content.decode()
    assert logged.attachments.count() == 1


@pytest.mark.parametrize("persona", list(READ))
def test_files_only_through_the_access_check(request, as_user, project, lead, logged, settings, persona):
    attachment = services.add_attachment(
        project=project,
        by=lead,
        upload=SimpleUploadedFile("a.pdf", PDF),
        content_type="application/pdf",
        interaction=logged,
    )
    response = as_user(request.getfixturevalue(persona)).get(
        reverse("engagement:file", args=[project.pk, attachment.pk])
    )
    assert response.status_code == READ[persona]
    if READ[persona] == 200:
        assert b"".join(response.streaming_content) == PDF
        assert 'attachment; filename="a.pdf"' in response["Content-Disposition"]
        assert response["Content-Type"] == "application/pdf"
    # Not under the static or a public URL: MEDIA_URL is not served at all.
    assert not settings.MEDIA_URL or as_user(lead).get("/media/" + attachment.file.name).status_code == 404


def test_file_from_another_project_is_404(as_user, project, lead, logged):
    other = ProjectFactory()
    attachment = services.add_attachment(
        project=project,
        by=lead,
        upload=SimpleUploadedFile("a.pdf", PDF),
        content_type="application/pdf",
        interaction=logged,
    )
    from mobilise.projects.models import Membership, Role

    Membership.objects.create(project=other, user=lead, role=Role.LEAD) if not other.memberships.filter(
        user=lead
    ).exists() else None
    assert as_user(lead).get(reverse("engagement:file", args=[other.pk, attachment.pk])).status_code == 404


def test_action_status_and_htmx(as_user, project, member, logged):
    action = logged.actions.get()
    client = as_user(member)
    url = reverse("engagement:action-status", args=[project.pk, action.pk])
    assert client.post(url, {"status": "done"}).status_code == 302
    action.refresh_from_db()
    assert action.status == Status.DONE
    swapped = client.post(url, {"status": "open"}, HTTP_HX_REQUEST="true")
    assert swapped.status_code == 200 and b'id="action-' in swapped.content and b"<html" not in swapped.content
    action.refresh_from_db()
    assert action.status == Status.OPEN
    client.post(url, {"status": "nonsense"})
    action.refresh_from_db()
    assert action.status == Status.OPEN


def test_due_page_shows_overdue_never_and_actions(as_user, project, viewer, map_, logged):
    page = as_user(viewer).get(reverse("engagement:due", args=[project.pk])).content.decode()
    assert "Kingsbridge ICB" in page and "Overdue" in page  # monthly, 40 days ago
    assert "Raj Patel" in page  # weekly
    assert "Never engaged (2)" in page and "Fatima Begum" in page and "Do not contact" in page
    assert "Send the interim findings" in page
    assert "Log an interaction" not in page  # viewers read only


@pytest.mark.parametrize("persona, columns", [("viewer", 3), ("member", 4)])
def test_no_open_actions_spans_every_column(request, as_user, project, map_, persona, columns):
    page = as_user(request.getfixturevalue(persona)).get(reverse("engagement:due", args=[project.pk])).content.decode()
    assert f'<td class="nhsuk-table__cell" colspan="{columns}">No open actions.</td>' in page


def test_remove_interaction(as_user, project, member, logged):
    client = as_user(member)
    assert client.post(reverse("engagement:interaction-remove", args=[project.pk, logged.pk])).status_code == 302
    assert not Interaction.objects.exists() and not Action.objects.exists()


def _grow(project, lead, map_, n):
    for i in range(n):
        s = stakeholder_services.add_stakeholder(
            project=project, by=lead, organisation=OrganisationFactory(), cadence="weekly", owner=lead
        )
        services.log_interaction(
            project=project,
            by=lead,
            date=TODAY - datetime.timedelta(days=10 + i % 5),
            kind="call",
            summary=f"call {i}",
            stakeholders=[s, map_["icb"]],
            team=[lead],
            actions=[{"description": f"act {i}", "owner": lead, "due": TODAY}],
        )


@pytest.mark.parametrize(
    "name",
    [
        "engagement:due",
        "engagement:timeline",
        "engagement:stakeholder-timeline",
        "engagement_all:due",
        "engagement:workshops",
        "engagement:insights",
    ],
)
def test_queries_do_not_grow(as_user, project, lead, adviser, map_, name):
    client = as_user(adviser)
    counts = []
    for n in (3, 30):
        _grow(project, lead, map_, n)
        other = ProjectFactory()
        _grow(
            other,
            lead,
            {"icb": stakeholder_services.add_stakeholder(project=other, by=lead, organisation=OrganisationFactory())},
            3,
        )
        args = [] if name.startswith("engagement_all") else [project.pk]
        if name == "engagement:stakeholder-timeline":
            args.append(map_["icb"].pk)
        with assert_max_queries(PAGE_BUDGET[name]) as queries:
            response = client.get(reverse(name, args=args))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_interaction_and_workshop_pages_keep_a_query_budget(as_user, project, lead, member, map_, logged, workshop):
    client = as_user(member)
    counts = []
    for n in (2, 12):
        for _ in range(n):
            s = stakeholder_services.add_stakeholder(
                project=project,
                by=lead,
                person=__import__("tests.factories", fromlist=["PersonFactory"]).PersonFactory(email="p@example.org"),
            )
            logged.stakeholders.add(s)
            services.add_action(project=project, interaction=logged, description="x", owner=lead)
            services.add_action(project=project, workshop=workshop, description="y", owner=lead)
            services.add_agenda_item(workshop=workshop, title="item")
            services.invite(workshop=workshop, stakeholders=[s])
        with assert_max_queries(21) as queries:  # 21: the workshop's feedback forms (one query, from evaluation)
            assert client.get(reverse("engagement:interaction", args=[project.pk, logged.pk])).status_code == 200
            assert client.get(reverse("engagement:workshop", args=[project.pk, workshop.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize(
    ("persona", "sees"), [("adviser", True), ("lead", True), ("viewer", True), ("outsider", False)]
)
def test_due_everywhere_shows_only_visible_projects(request, as_user, map_, logged, persona, sees):
    """Advisers read every project's rows unfiltered (for the indexes); everyone else only their projects'."""
    response = as_user(request.getfixturevalue(persona)).get(reverse("engagement_all:due"))
    assert response.status_code == 200
    page = response.content.decode()
    assert ("Kingsbridge ICB" in page) is sees  # overdue: monthly, last seen 40 days ago
    assert ("Send the interim findings" in page) is sees  # its open action
