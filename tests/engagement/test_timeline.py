"""Paging the timelines: many entries on one day, split across pages, come out once each, in order."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from mobilise.engagement import services
from mobilise.engagement.providers import ACTION_HOUR, INTERACTION_HOUR
from mobilise.engagement.views.timeline import PER_PAGE
from mobilise.stakeholders.timeline import at_hour

DAY = timezone.localdate() - datetime.timedelta(days=3)
TITLE = re.compile(r'app-timeline__title"><a href="[^"]*">([^<]*)</a>')
NEXT = re.compile(r'<a href="([^"]*)">Older entries</a>')


@pytest.fixture
def busy_day(project, lead, map_):
    """On one day: 40 calls, each with an action, and workshops at the very instants the calls and actions sit
    at; one call the day before."""
    for i in range(40):
        services.log_interaction(
            project=project,
            by=lead,
            date=DAY,
            kind="call",
            subject=f"call {i}",
            summary="s",
            stakeholders=[map_["icb"]],
            actions=[{"description": f"act {i}", "owner": lead}],
        )
    for hour in (INTERACTION_HOUR, ACTION_HOUR):
        for n in range(2):
            workshop = services.create_workshop(
                project=project,
                title=f"workshop {hour}.{n}",
                purpose="p",
                starts=at_hour(DAY, hour),
                ends=at_hour(DAY, hour) + datetime.timedelta(hours=2),
            )
            services.invite(workshop=workshop, stakeholders=[map_["raj"]])
    services.log_interaction(
        project=project,
        by=lead,
        date=DAY - datetime.timedelta(days=1),
        kind="call",
        subject="the day before",
        summary="s",
        stakeholders=[map_["icb"]],
    )


def _walk(client, url):
    titles, pages = [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        titles += TITLE.findall(page)
        pages += 1
        url = NEXT.search(page)
        url = url[1].replace("&amp;", "&") if url else None
    return titles, pages


def test_paging_a_busy_day_neither_skips_nor_repeats(as_user, project, lead, busy_day):
    titles, pages = _walk(as_user(lead), reverse("engagement:timeline", args=[project.pk]))
    assert pages == 3 and len(titles) == 40 + 40 + 4 + 1 > 2 * PER_PAGE
    # Newest first by (when, kind, id): the 10:00 actions and workshops, then the 9:00 calls and workshops.
    expected = (
        ["Workshop: workshop 10.1", "Workshop: workshop 10.0"]
        + [f"Action: act {i}" for i in reversed(range(40))]
        + ["Workshop: workshop 9.1", "Workshop: workshop 9.0"]
        + [f"Call: call {i}" for i in reversed(range(40))]
        + ["Call: the day before"]
    )
    assert titles == expected


def test_paging_one_stakeholder_and_one_kind(as_user, project, lead, map_, busy_day):
    client = as_user(lead)
    url = reverse("engagement:stakeholder-timeline", args=[project.pk, map_["icb"].pk]) + "?kind=interaction"
    titles, pages = _walk(client, url)
    assert pages == 2
    assert titles == [f"Call: call {i}" for i in reversed(range(40))] + ["Call: the day before"]


@pytest.mark.parametrize(
    "before",
    [
        "9999-12-31T23:59:59-14:00",
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-14:00~action~1",
        "0001-01-01T00:00:00+14:00~action~1",
        "2026-03-02T09:00:00+00:00~action~99999999999999999999",
        "2026-03-02T09:00:00+00:00~action",
        "yesterday",
        "2026-03-02T09:00:00",
    ],
)
def test_a_malformed_cursor_gives_the_first_page(as_user, project, lead, map_, logged, before):
    client = as_user(lead)
    for url in (
        reverse("engagement:timeline", args=[project.pk]),
        reverse("engagement:stakeholder-timeline", args=[project.pk, map_["icb"].pk]),
    ):
        response = client.get(url, {"before": before})
        assert response.status_code == 200
        titles = TITLE.findall(response.content.decode())
        assert titles and titles == TITLE.findall(client.get(url).content.decode())


def test_a_stakeholders_timeline_shows_the_actions_of_their_interactions_and_of_workshops_they_attended(
    as_user, project, lead, map_
):
    def workshop(title, came):
        held = services.create_workshop(
            project=project, title=title, purpose="p", starts=at_hour(DAY, 9), ends=at_hour(DAY, 11)
        )
        services.invite(workshop=held, stakeholders=[map_["raj"]])
        invited = held.invitations.get()
        services.record_replies(workshop=held, replies={}, attended={invited.pk} if came else set())
        services.add_action(project=project, description=f"after {title}", workshop=held, agreed_on=DAY)

    for who in ("icb", "raj"):
        services.log_interaction(
            project=project,
            by=lead,
            date=DAY,
            kind="call",
            subject=f"call with {who}",
            summary="s",
            stakeholders=[map_[who]],
            actions=[{"description": f"after the call with {who}", "owner": lead}],
        )
    workshop("the one Raj came to", came=True)
    workshop("the one Raj missed", came=False)
    url = reverse("engagement:stakeholder-timeline", args=[project.pk, map_["raj"].pk]) + "?kind=action"
    titles, _ = _walk(as_user(lead), url)
    assert sorted(titles) == ["Action: after the call with raj", "Action: after the one Raj came to"]
