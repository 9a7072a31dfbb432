"""The chain from activity to impact: what produced a claim, each outcome's chain, and the diagram's marks."""

import datetime
import re

import pytest
from django.urls import reverse

from mobilise.evaluation import activities, services
from mobilise.evaluation.models import ImpactClaim
from mobilise.outputs.models import Dissemination
from mobilise.planning.models import Column, Element

from ..factories.engagement import InteractionFactory, InvitationFactory, WorkshopFactory
from ..factories.events import EventFactory, RegistrationFactory
from ..factories.outputs import OutputFactory
from ..factories.projects import ProjectFactory
from ..factories.stakeholders import StakeholderFactory
from ..permissions import READ
from ..queries import assert_max_queries

PAST = datetime.datetime(2026, 2, 1, 10, tzinfo=datetime.UTC)


def _sent(project, *names, when=datetime.date(2026, 3, 12)):
    sending = Dissemination.objects.create(
        output=OutputFactory(project=project, title="Champions raise uptake"), sent_on=when, channel="Board paper"
    )
    sending.stakeholders.set([StakeholderFactory(project=project, group_name=n) for n in names])
    return sending


@pytest.fixture
def chain(project, outcome):
    """A claim on the outcome produced by an output sent to two people, a workshop and a conversation."""
    sending = _sent(project, "ICB cancer board", "Mereshire GP Federation")
    workshop = WorkshopFactory(
        project=project, title="Commissioning workshop", decisions="Write a business case", starts=PAST, ends=PAST
    )
    for attended in (True, True, False):
        InvitationFactory(
            workshop=workshop, stakeholder=StakeholderFactory(project=project), reply="accepted", attended=attended
        )
    talk = InteractionFactory(project=project, subject="Board follow-up", learned="They want a costed specification")
    claim = services.save_claim(
        project=project,
        kind="commissioning",
        title="The ICB asks for a service specification",
        date=datetime.date(2026, 4, 1),
        outcome=outcome,
        activities={"sendings": [sending], "workshops": [workshop], "interactions": [talk]},
    )
    return claim


def test_the_chain_names_each_step_from_activity_to_evidence(as_user, project, outcome, chain, lead, viewer):
    services.add_evidence(claim=chain, by=lead, kind="link", title="Board minutes", url="https://example.org/minutes")
    page = as_user(viewer).get(reverse("evaluation:chain", args=[project.pk])).content.decode()
    assert "1 of 1 outcomes have a claim with evidence." in page
    for text in (
        "More women screened",  # the outcome
        "Champions raise uptake (policy brief), by Board paper",  # the output sent
        "2 people: ICB cancer board, Mereshire GP Federation",  # who received it
        "Commissioning workshop",
        "3 on the invitation list; 2 took part",
        "Decided: Write a business case",  # what they decided
        "They want a costed specification",  # what they said
        "The ICB asks for a service specification",  # the claim
        "Board minutes",  # its evidence
    ):
        assert text in page, text
    # Oldest first: the workshop (February), the output sent (March), the conversation (today).
    assert page.index("Commissioning workshop") < page.index("Champions raise uptake") < page.index("Board follow-up")
    claim_page = as_user(viewer).get(reverse("evaluation:claim", args=[project.pk, chain.pk])).content.decode()
    assert "What produced it" in claim_page and "Board follow-up" in claim_page


def test_editing_a_claim_keeps_a_link_no_longer_offered(as_user, project, outcome, chain, member):
    workshop = chain.workshops.get()
    workshop.starts = workshop.ends = datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC)  # moved to the future
    workshop.save()
    edit = reverse("evaluation:claim-edit", args=[project.pk, chain.pk])
    form = as_user(member).get(edit).content.decode()
    assert re.search(rf'name="workshops"\s+type="checkbox" value="{workshop.pk}" checked', form)
    fields = {
        "kind": "commissioning",
        "title": chain.title,
        "date[day]": "1",
        "date[month]": "4",
        "date[year]": "2026",
        "outcome": outcome.pk,
        "workshops": [workshop.pk],
        "sendings": [chain.sendings.get().pk],
    }
    assert as_user(member).post(edit, fields).status_code == 302
    assert list(chain.workshops.all()) == [workshop] and not chain.interactions.exists()


def test_a_claim_on_an_element_moved_out_of_the_outcomes_still_shows(as_user, project, outcome, chain, viewer):
    Element.objects.filter(pk=outcome.pk).update(column=Column.OUTPUTS)
    page = as_user(viewer).get(reverse("evaluation:chain", args=[project.pk])).content.decode()
    assert "The ICB asks for a service specification" in page and f'id="outcome-{outcome.pk}"' in page


def test_an_odd_outcome_in_the_address_is_ignored(as_user, project, member):
    for odd in ("²", "99999999999999999999999", "x"):
        url = reverse("evaluation:claim-new", args=[project.pk]) + f"?outcome={odd}"
        assert as_user(member).get(url).status_code == 200


def test_an_outcome_without_a_claim_says_so_and_offers_to_record_one(as_user, project, outcome, member, viewer):
    url = reverse("evaluation:chain", args=[project.pk])
    page = as_user(member).get(url).content.decode()
    assert "No claim of impact shows this outcome yet" in page and "0 of 1 outcomes" in page
    new = reverse("evaluation:claim-new", args=[project.pk]) + f"?outcome={outcome.pk}"
    assert new in page and new not in as_user(viewer).get(url).content.decode()
    form = as_user(member).get(new).content.decode()
    assert f'value="{outcome.pk}" selected' in form


@pytest.mark.parametrize("persona", list(READ))
def test_the_chain_by_persona(request, as_user, project, chain, persona):
    response = as_user(request.getfixturevalue(persona)).get(reverse("evaluation:chain", args=[project.pk]))
    assert response.status_code == READ[persona]
    if READ[persona] == 404:
        assert b"service specification" not in response.content


def test_a_claim_is_linked_from_its_form_and_only_to_the_projects_own_activities(as_user, project, outcome, member):
    mine = _sent(project, "ICB cancer board")
    other = ProjectFactory()
    theirs = _sent(other, "Another board")
    their_talk = InteractionFactory(project=other)
    url = reverse("evaluation:claim-new", args=[project.pk])
    form = as_user(member).get(url).content.decode()
    assert "Champions raise uptake: sent 12 Mar 2026 to 1 person" in form
    assert re.search(rf'name="sendings"\s+type="checkbox" value="{mine.pk}"', form)
    assert not re.search(rf'name="sendings"\s+type="checkbox" value="{theirs.pk}"', form)
    assert "Workshops" not in form  # none to offer
    fields = {
        "kind": "policy",
        "title": "Guidance cites the brief",
        "date[day]": "1",
        "date[month]": "5",
        "date[year]": "2026",
        "outcome": outcome.pk,
    }
    refused = as_user(member).post(url, {**fields, "sendings": [mine.pk, theirs.pk], "interactions": [their_talk.pk]})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "There is a problem" in page and "Choose from the outputs sent listed" in page
    assert not ImpactClaim.objects.exists()
    response = as_user(member).post(url, {**fields, "sendings": [mine.pk]})
    claim = ImpactClaim.objects.get()
    assert response.status_code == 302 and list(claim.sendings.all()) == [mine]
    # Editing keeps the links it is shown with, and unticking removes them.
    edit = reverse("evaluation:claim-edit", args=[project.pk, claim.pk])
    assert f'value="{mine.pk}" checked' in as_user(member).get(edit).content.decode()
    as_user(member).post(edit, fields)
    assert not claim.sendings.exists()


def test_the_service_links_no_row_of_another_project(project, outcome):
    theirs = _sent(ProjectFactory(), "Another board")
    claim = services.save_claim(
        project=project, kind="policy", title="A", date=datetime.date(2026, 1, 1), activities={"sendings": [theirs]}
    )
    assert not claim.sendings.exists()


def test_the_form_lists_the_newest_and_those_already_linked(project, outcome):
    old = InteractionFactory(project=project, date=datetime.date(2020, 1, 1), subject="Long ago")
    for _ in range(activities.LISTED):
        InteractionFactory(project=project)
    kind = next(k for k in activities.kinds() if k.name == "interactions")
    assert old not in activities.offered(kind, project, None)
    # Nothing yet to come: a workshop or webinar that has not happened produced nothing.
    WorkshopFactory(project=project)
    assert activities.offered(next(k for k in activities.kinds() if k.name == "workshops"), project, None) is None
    claim = services.save_claim(
        project=project, kind="policy", title="A", date=datetime.date(2026, 1, 1), activities={"interactions": [old]}
    )
    offered = activities.offered(kind, project, claim)
    assert old in offered and offered.count() == activities.LISTED + 1


def test_webinars_that_featured_the_project_can_be_linked(as_user, project, outcome, member, chain):
    featured = EventFactory(title="Engaging communities", status="held", start=PAST)
    featured.projects.set([project])
    for attended in (True, True, False):
        RegistrationFactory(event=featured, status="confirmed", attended=attended)
    elsewhere = EventFactory(title="Someone else's webinar", start=PAST)
    EventFactory(title="Still to come").projects.set([project])
    kind = next(k for k in activities.kinds() if k.name == "webinars")
    assert list(activities.offered(kind, project, None)) == [featured]
    services.save_claim(project=project, claim=chain, activities={"webinars": [featured, elsewhere]})
    assert list(chain.webinars.all()) == [featured]
    page = as_user(member).get(reverse("evaluation:chain", args=[project.pk])).content.decode()
    assert "Engaging communities" in page and "2 attended" in page
    assert reverse("events:event", args=[featured.slug]) in page


def test_the_diagram_marks_only_outcomes_with_evidence(as_user, project, outcome, chain, lead, model):
    Element.objects.create(model=model, column=Column.ACTIVITIES, text="Run sessions")
    other = Element.objects.create(model=model, column=Column.MEDIUM, text="Commissioners fund it")
    services.save_claim(
        project=project, kind="policy", title="No evidence yet", date=datetime.date(2026, 1, 1), outcome=other
    )
    url = reverse("planning:model", args=[project.pk])
    assert "lm-evidence" not in as_user(lead).get(url).content.decode()
    services.add_evidence(claim=chain, by=lead, kind="link", title="Minutes", url="https://example.org/m")
    page = as_user(lead).get(url).content.decode()
    assert page.count('class="lm-evidence"') == 1
    assert "1 element with evidence of impact carries a green tick" in page
    assert f"{reverse('evaluation:chain', args=[project.pk])}#outcome-{outcome.pk}" in page


def test_the_chain_reads_in_constant_queries(as_user, project, outcome, lead, member):
    client = as_user(member)
    url = reverse("evaluation:chain", args=[project.pk])
    counts = []
    for n in range(2):
        talk = InteractionFactory(project=project, learned=f"Learned {n}")
        talk.stakeholders.set([StakeholderFactory(project=project)])
        workshop = WorkshopFactory(project=project, starts=PAST, ends=PAST)
        InvitationFactory(workshop=workshop, stakeholder=StakeholderFactory(project=project))
        event = EventFactory(start=PAST)
        event.projects.set([project])
        claim = services.save_claim(
            project=project,
            kind="policy",
            title=f"Claim {n}",
            date=datetime.date(2026, 1, 1),
            outcome=outcome,
            activities={
                "sendings": [_sent(project, f"Board {n}")],
                "workshops": [workshop],
                "interactions": [talk],
                "webinars": [event],
            },
        )
        services.add_evidence(claim=claim, by=lead, kind="link", title="Link", url="https://example.org")
        with assert_max_queries(16) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
