"""What the engagement, outputs, impact and library endpoints give: filters as on the pages, a published output's HTML,
nothing of a quote without consent, no other project's rows."""

import datetime

from django.urls import reverse

from mobilise.engagement.models import Status as ActionStatus
from mobilise.library.models import Status as LibraryStatus
from mobilise.outputs.models import Status as OutputStatus

from ..factories import (
    ActionFactory,
    InteractionFactory,
    LibraryCaseStudyFactory,
    OutputFactory,
    SectionFactory,
    StakeholderFactory,
)
from .conftest import bearer


def get(objects, name, *args, **params):
    return bearer(objects["token"]).get(reverse(name, args=[objects["project"].pk, *args]), params)


def ids(response):
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


def test_an_interaction_with_who_took_part_and_its_actions(objects, lead):
    body = get(objects, "api:interaction", objects["interaction"].pk).json()
    assert body["stakeholders"] == [{"id": objects["stakeholder"].pk, "name": objects["stakeholder"].name}]
    assert body["team"] == [{"user": lead.pk, "name": "Lee Lead"}]
    assert [a["id"] for a in body["actions"]] == [objects["action"].pk]
    assert body["actions"][0]["owner"] == {"user": lead.pk, "name": "Lee Lead"}


def test_interactions_filter_by_stakeholder_and_dates(objects):
    project, first = objects["project"], objects["interaction"]
    first.date = datetime.date(2025, 3, 1)
    first.save()
    later = InteractionFactory(project=project, date=datetime.date(2025, 6, 1))
    later.stakeholders.add(StakeholderFactory(project=project))
    assert ids(get(objects, "api:interactions", stakeholder=objects["stakeholder"].pk)) == {first.pk}
    assert ids(get(objects, "api:interactions", date_from="2025-04-01")) == {later.pk}
    assert ids(get(objects, "api:interactions", date_to="2025-04-01")) == {first.pk}
    assert ids(get(objects, "api:interactions", date_from="nonsense")) == {first.pk, later.pk}  # ignored, as on pages


def test_actions_filter_to_the_open_ones_and_by_stakeholder(objects):
    done = ActionFactory(project=objects["project"], status=ActionStatus.DONE, due=datetime.date(2025, 1, 10))
    assert ids(get(objects, "api:actions", status="open")) == {objects["action"].pk}
    assert ids(get(objects, "api:actions", stakeholder=objects["stakeholder"].pk)) == {objects["action"].pk}
    assert ids(get(objects, "api:actions", due_to="2025-01-31")) == {done.pk}


def test_a_draft_output_has_no_html_and_a_published_one_its_export(objects, as_user, lead):
    output = objects["output"]
    draft = get(objects, "api:output", output.pk).json()
    assert draft["html"] is None and draft["findings"] == [objects["finding"].pk]
    assert draft["sections"][0]["body"] == "Community champions raised screening uptake."
    output.status = OutputStatus.PUBLISHED
    output.save()
    published = get(objects, "api:output", output.pk).json()
    exported = as_user(lead).get(reverse("outputs:export", args=[objects["project"].pk, output.pk, "html"]))
    assert published["html"] == exported.content.decode()
    assert ids(get(objects, "api:outputs", status="published")) == {output.pk}


def test_a_quote_appears_only_with_consent(objects):
    output = OutputFactory(project=objects["project"], testimonial="It changed our plans", testimonial_by="A. GP")
    SectionFactory(output=output)
    assert get(objects, "api:output", output.pk).json()["testimonial"] is None
    output.testimonial_consent = True
    output.save()
    assert get(objects, "api:output", output.pk).json()["testimonial"] == {
        "quote": "It changed our plans",
        "by": "A. GP",
    }


def test_an_impact_claim_names_its_outcome_and_evidence_but_not_who_was_quoted(objects):
    body = get(objects, "api:claim", objects["claim"].pk).json()
    assert body["outcome"] == str(objects["element"].key)
    assert body["evidence"] == [
        {
            "id": body["evidence"][0]["id"],
            "kind": "link",
            "title": "Board minutes",
            "url": "https://example.org/minutes",
        }
    ]


def test_another_projects_rows_are_404(objects):
    elsewhere = OutputFactory()
    assert get(objects, "api:output", elsewhere.pk).status_code == 404
    assert get(objects, "api:action", ActionFactory().pk).status_code == 404


def test_the_library_needs_no_token_and_shows_published_entries_only(objects, client):
    draft = LibraryCaseStudyFactory()
    archived = LibraryCaseStudyFactory(published=True, status=LibraryStatus.ARCHIVED, archive_notice="Superseded")
    listed = client.get(reverse("api:case-studies")).json()["results"]
    assert [entry["slug"] for entry in listed] == [objects["case_study"]]
    assert client.get(reverse("api:case-study", args=[draft.slug])).status_code == 404
    assert client.get(reverse("api:case-study", args=[archived.slug])).json()["archive_notice"] == "Superseded"
    body = client.get(reverse("api:case-study", args=[objects["case_study"]])).json()
    assert body["claims"] == [
        {
            "kind": "commissioning",
            "title": objects["claim"].title,
            "date": str(objects["claim"].date),
            "level": "Documented",
        }
    ]
    assert body["testimonial"] is None  # no quote without its consent
    assert body["support_given"] == ["commissioning_workshop", "logic_model"] == listed[0]["support_given"]


def test_the_library_is_throttled_per_address(objects, client, settings):
    settings.API_REQUESTS_PER_MINUTE = 2
    answers = [client.get(reverse("api:case-studies")).status_code for _ in range(3)]
    assert answers == [200, 200, 429]
