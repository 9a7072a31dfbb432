"""Every engagement URL (due list, log, interactions, files, workshops, evidence gaps), for every persona."""

import pytest

from mobilise.core import links
from mobilise.engagement.services_workshops import WORKSHOP_REPLY

from ..factories import (
    ActionFactory,
    AgendaItemFactory,
    AttachmentFactory,
    InsightFactory,
    InteractionFactory,
    InvitationFactory,
    StakeholderFactory,
    WorkshopFactory,
)
from ..permissions import EDIT, PUBLIC, READ, SIGNED_IN, Url, check_every_persona, names_in, when_allowed

P = ("project",)
IA = (*P, "interaction")
W = (*P, "workshop")
DONE = when_allowed(EDIT, 302)
URLS = [
    Url("engagement:due", P, READ),
    Url("engagement:log", P, EDIT),
    Url("engagement:import", P, EDIT),
    Url("engagement:timeline", P, READ),
    Url("engagement:stakeholder-timeline", (*P, "stakeholder"), READ),
    Url("engagement:interaction", IA, READ),
    Url("engagement:interaction-remove", IA, EDIT),
    Url("engagement:interaction-action", IA, DONE, "post", {"description": "Send the brief"}),
    Url("engagement:interaction-file", IA, EDIT, "post"),  # no file: the page again, with the error
    Url("engagement:action-status", (*P, "action"), DONE, "post", {"status": "done"}),
    Url("engagement:file", (*P, "file"), READ),
    Url("engagement:file-remove", (*P, "file"), DONE, "post"),
    Url("engagement:workshops", P, READ),
    Url("engagement:workshop-new", P, EDIT),
    Url("engagement:workshop", W, READ),
    Url("engagement:workshop-edit", W, EDIT),
    Url("engagement:agenda-add", W, DONE, "post", {"agenda-title": "Welcome"}),
    Url("engagement:agenda-remove", (*W, "agenda_item"), DONE, "post"),
    Url("engagement:agenda-edit", (*W, "agenda_item"), EDIT),
    Url("engagement:agenda-edit", (*W, "agenda_item"), DONE, "post", {"title": "Welcome back"}),
    Url("engagement:agenda-move", (*W, "agenda_item"), DONE, "post", {"direction": "up"}),
    Url("engagement:invite", W, EDIT, "post"),  # no one chosen: the page again, with the error
    Url("engagement:invite-email", W, EDIT),
    Url("engagement:uninvite", (*W, "invitation"), DONE, "post"),
    Url("engagement:send", W, DONE, "post"),
    Url("engagement:replies", W, DONE, "post"),
    Url("engagement:notes", W, EDIT),
    Url("engagement:workshop-action", W, DONE, "post", {"description": "Book the room"}),
    Url("engagement:material", W, EDIT, "post"),  # no file: the page again, with the error
    Url("engagement:workshop-export", (*W, "pack", "docx"), READ),
    Url("engagement:insights", P, READ),
    Url("engagement:insight-new", P, EDIT),
    Url("engagement:insight-edit", (*P, "insight"), EDIT),
    Url("engagement:insight-project", (*P, "insight"), EDIT),
    Url("engagement_all:due", (), SIGNED_IN),
    # An invitee's personal link: the same page for anyone who holds it, signed in or not; nothing for a guess.
    Url("workshop-reply", ("reply_token",), PUBLIC),
    Url("workshop-reply", ("reply_token",), when_allowed(PUBLIC, 302), "post", {"answer": "accepted"}),
    Url("workshop-reply", ("not-a-token",), {**dict.fromkeys(SIGNED_IN, 404), "anonymous": 404}),
]


@pytest.fixture
def objects(project, lead):
    stakeholder = StakeholderFactory(project=project)
    interaction = InteractionFactory(project=project, created_by=lead)
    interaction.stakeholders.add(stakeholder)
    workshop = WorkshopFactory(project=project)
    invitation = InvitationFactory(workshop=workshop, stakeholder=stakeholder)
    return {
        "project": project,
        "stakeholder": stakeholder,
        "interaction": interaction,
        "action": ActionFactory(project=project, interaction=interaction, owner=lead),
        "file": AttachmentFactory(project=project, interaction=interaction),
        "workshop": workshop,
        "agenda_item": AgendaItemFactory(workshop=workshop),
        "invitation": invitation,
        "reply_token": links.make_link(WORKSHOP_REPLY, invitation, once=False).token,
        "insight": InsightFactory(project=project),
    }


@pytest.mark.parametrize("url", URLS, ids=str)
def test_url_by_persona(request, objects, url):
    check_every_persona(url, objects, request)


def test_the_table_has_every_url():
    expected = (
        names_in("mobilise.engagement.urls")
        | names_in("mobilise.engagement.urls_all")
        | names_in("mobilise.engagement.urls_public")
    )
    assert expected == {url.name for url in URLS}
