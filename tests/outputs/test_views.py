import datetime

import pytest
from django.urls import reverse

from mobilise.core import reviews
from mobilise.outputs import services
from mobilise.outputs.models import AudienceKind, Certainty, Dissemination, GlossaryTerm, Kind, Output, Status

from ..factories import ReviewCommentFactory, ReviewFactory
from ..permissions import EDIT, READ
from ..queries import assert_max_queries

PAGE_BUDGET = {"home": 6, "output": 11}


@pytest.fixture
def brief(project, lead):
    finding = services.save_finding(
        project=project,
        statement="Uptake rose by 9 points.",
        certainty=Certainty.MODERATE,
        for_commissioning="Fund the sessions.",
    )
    audience = services.save_audience(
        project=project, kind=AudienceKind.COMMISSIONERS, name="ICB board", target_grade=10
    )
    return services.create_output(
        project=project,
        kind=Kind.POLICY_BRIEF,
        audience=audience,
        findings=[finding],
        title="Champions raise uptake",
        by=lead,
        lead=lead,
    )


def urls(project, brief):
    read = [
        reverse("outputs:home", args=[project.pk]),
        reverse("outputs:output", args=[project.pk, brief.pk]),
        reverse("outputs:versions", args=[project.pk, brief.pk]) + "?a=1&b=1",
    ] + [
        reverse("outputs:export", kwargs={"pk": project.pk, "output_pk": brief.pk, "fmt": f})
        for f in ("pdf", "docx", "html")
    ]
    edit = [
        reverse("outputs:finding-new", args=[project.pk]),
        reverse("outputs:audience-new", args=[project.pk]),
        reverse("outputs:output-new", args=[project.pk]),
        reverse("outputs:edit", args=[project.pk, brief.pk]),
        reverse("outputs:send", args=[project.pk, brief.pk]),
        reverse("outputs:finding", args=[project.pk, brief.findings.first().pk]),
        reverse("outputs:audience", args=[project.pk, brief.audience_id]),
    ]
    return read, edit


@pytest.mark.parametrize("persona", list(READ))
def test_pages_by_persona(request, as_user, project, brief, persona):
    client = as_user(request.getfixturevalue(persona))
    read, edit = urls(project, brief)
    for url in read:
        response = client.get(url)
        assert response.status_code == READ[persona], url
        if READ[persona] == 404:
            assert b"Champions raise uptake" not in response.content
    for url in edit:
        assert client.get(url).status_code == EDIT[persona], url


@pytest.mark.parametrize("persona", ["viewer", "outsider"])
def test_writes_refused(request, as_user, project, brief, persona):
    client = as_user(request.getfixturevalue(persona))
    for url, data in [
        (reverse("outputs:action", args=[project.pk, brief.pk]), {"action": "submit"}),
        (reverse("outputs:edit", args=[project.pk, brief.pk]), {"title": "Hijack", "version": 1}),
        (reverse("outputs:readability", args=[project.pk, brief.pk]), {}),
    ]:
        assert client.post(url, data).status_code == 404
    brief.refresh_from_db()
    assert brief.status == Status.DRAFT and brief.title == "Champions raise uptake"


def test_write_a_brief_from_findings_to_published(as_user, project, member, lead):
    client = as_user(member)
    r = client.post(
        reverse("outputs:finding-new", args=[project.pk]),
        {
            "statement": "Uptake rose.",
            "certainty": "high",
            "sources": "10.1136/bmj.n71",
            "for_commissioning": "Fund it.",
        },
    )
    assert r.status_code == 302
    bad = client.post(reverse("outputs:finding-new", args=[project.pk]), {"statement": "", "sources": "10.1/x"})
    page = bad.content.decode()
    assert "Enter the finding" in page and "not a valid DOI" in page and "Select certainty" in page
    client.post(reverse("outputs:audience-new", args=[project.pk]), {"kind": "commissioners", "name": "ICB"})
    audience = project.audiences.get()
    assert audience.target_grade == 10  # the usual level for commissioners, when left blank
    r = client.post(
        reverse("outputs:output-new", args=[project.pk]),
        {"kind": "policy_brief", "audience": audience.pk, "findings": [project.findings.get().pk], "title": "Brief"},
    )
    output = Output.objects.get()
    assert r["Location"] == reverse("outputs:edit", args=[project.pk, output.pk])
    editor = client.get(r["Location"]).content.decode()
    assert "Readability" in editor and "Fund it." in editor
    data = {"title": "Brief", "version": 1}
    for s in output.sections.all():
        data[f"h{s.pk}"], data[f"b{s.pk}"] = s.heading, s.body
    key = next(s for s in output.sections.all() if s.heading == "Key messages")
    data[f"b{key.pk}"] = "The intervention was implemented utilising champions."
    saved = client.post(reverse("outputs:edit", args=[project.pk, output.pk]), {**data, "then": "edit"}, follow=True)
    assert "Saved as a new version" in saved.content.decode()
    assert "“intervention”: try" in saved.content.decode()
    stale = client.post(reverse("outputs:edit", args=[project.pk, output.pk]), data)
    assert "Someone saved version 2" in stale.content.decode()
    live = client.post(
        reverse("outputs:readability", args=[project.pk, output.pk]),
        {f"b{key.pk}": "We paid champions. Women came. Uptake rose."},
    )
    assert "Right for this audience" in live.content.decode()
    # The member sends it to the lead; the member, an author, cannot approve it; the lead approves and publishes.
    client.post(reverse("outputs:review", args=[project.pk, output.pk]), {"reviewers": [lead.pk]})
    review = reviews.latest(output)
    refused = client.post(reverse("review", args=[review.pk]), {"action": "approved"}, follow=True)
    assert "You are an author of this output" in refused.content.decode()
    lead_client = as_user(lead)
    lead_client.post(reverse("review", args=[review.pk]), {"action": "comment", "text": "Shorten key messages"})
    lead_client.post(reverse("review", args=[review.pk]), {"action": "approved"})
    lead_client.post(reverse("outputs:action", args=[project.pk, output.pk]), {"action": "publish"})
    output.refresh_from_db()
    assert output.status == Status.PUBLISHED and review.comments.get().text == "Shorten key messages"
    assert client.get(reverse("outputs:edit", args=[project.pk, output.pk]))["Location"].endswith(
        f"/outputs/{output.pk}/"
    )


def test_record_sending(as_user, project, member, brief):
    from mobilise.stakeholders import services as map_services

    icb = map_services.add_stakeholder(project=project, by=None, group_name="ICB")
    client = as_user(member)
    bad = client.post(
        reverse("outputs:send", args=[project.pk, brief.pk]),
        {"sent_on[day]": "31", "sent_on[month]": "2", "sent_on[year]": "2026"},
    )
    assert "Select who it was sent to" in bad.content.decode() and "Enter a real date" in bad.content.decode()
    ok = client.post(
        reverse("outputs:send", args=[project.pk, brief.pk]),
        {
            "stakeholders": [icb.pk],
            "sent_on[day]": "3",
            "sent_on[month]": "3",
            "sent_on[year]": "2026",
            "channel": "Email",
        },
    )
    assert ok.status_code == 302
    assert Dissemination.objects.get().sent_on == datetime.date(2026, 3, 3)


def test_html_export_is_safe(as_user, project, member, brief):
    section = brief.sections.first()
    services.save_output(
        output=brief,
        expected_version=1,
        title="<img src=x onerror=alert(1)>",
        bodies={section.pk: (section.heading, "<script>alert(1)</script>")},
        by=member,
    )
    response = as_user(member).get(
        reverse("outputs:export", kwargs={"pk": project.pk, "output_pk": brief.pk, "fmt": "html"})
    )
    body = response.content.decode()
    assert "<script>" not in body and "<img" not in body
    assert "default-src 'none'" in response["Content-Security-Policy"]
    page = as_user(member).get(reverse("outputs:output", args=[project.pk, brief.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page


def test_glossary_kept_by_staff(as_user, adviser, member):
    assert GlossaryTerm.objects.filter(term="intervention").exists()  # seeded
    assert as_user(member).post(reverse("glossary"), {"term": "x", "plain": "y"}).status_code == 404
    client = as_user(adviser)
    assert (
        client.post(reverse("glossary"), {"term": "nosology", "plain": "how illnesses are grouped"}).status_code == 302
    )
    dup = client.post(reverse("glossary"), {"term": "Nosology", "plain": "again"})
    assert "already in the glossary" in dup.content.decode()
    term = GlossaryTerm.objects.get(term="nosology")
    client.post(reverse("glossary"), {"delete": term.pk})
    assert not GlossaryTerm.objects.filter(term="nosology").exists()


@pytest.mark.parametrize("odd", ["²", "99999999999999999999999", "x"])
def test_an_odd_id_on_the_glossary_delete_button_deletes_nothing(as_user, adviser, odd):
    before = GlossaryTerm.objects.count()
    assert as_user(adviser).post(reverse("glossary"), {"delete": odd}).status_code == 200  # not a server error
    assert GlossaryTerm.objects.count() == before


@pytest.mark.parametrize("name", ["home", "output"])
def test_queries_do_not_grow(as_user, project, member, brief, name):
    client = as_user(member)
    review = ReviewFactory(target=brief, requested_by=member)
    counts = []
    for n in (3, 30):
        for i in range(n):
            finding = services.save_finding(project=project, statement=f"Finding {i}", certainty=Certainty.LOW)
            services.create_output(
                project=project,
                kind=Kind.EXECUTIVE_SUMMARY,
                audience=brief.audience,
                findings=[finding],
                title=f"Summary {i}",
                by=member,
            )
            ReviewCommentFactory(review=review, author=member)
        url = reverse(f"outputs:{name}", args=[project.pk] + ([brief.pk] if name == "output" else []))
        with assert_max_queries(PAGE_BUDGET[name]) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("odd", ["²", "99999999999999999999999", "x"])
def test_an_odd_version_in_the_address_is_no_version(as_user, project, brief, lead, odd):
    page = as_user(lead).get(reverse("outputs:versions", args=[project.pk, brief.pk]), {"a": odd, "b": odd})
    assert page.status_code == 200
