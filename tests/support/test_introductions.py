"""A brokered introduction: recorded once from what could meet a priority, it is an interaction in the project's log
(the partner put on its map), a line on the partner's directory record and on the priority, and what came of it is
added to both; bad input is refused with nothing saved. And webinar themes linked to a priority."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mobilise.engagement.models import Interaction, Kind
from mobilise.stakeholders.models import Stakeholder
from mobilise.support import services_priorities
from mobilise.support.models import Introduction

from ..factories import (
    EventThemeFactory,
    PersonFactory,
    PriorityFactory,
    ProjectFactory,
    StakeholderFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    priority = PriorityFactory(title="Fewer emergency admissions for children with asthma", description="")
    project = ProjectFactory(title="School asthma plans", short_title="Asthma plans")
    partner = PersonFactory(full_name="Ann Commissioner", job_title="Asthma commissioning lead")
    return {"priority": priority, "project": project, "partner": partner}


def introduce(client, world, **changes):
    today = timezone.localdate()
    data = {
        "project": world["project"].pk,
        "person": world["partner"].pk,
        "date[day]": today.day,
        "date[month]": today.month,
        "date[year]": today.year,
        "why": "The ICB is redesigning asthma care for children.",
        **changes,
    }
    return client.post(reverse("support:priority-could-meet", args=[world["priority"].pk]), data)


def test_an_introduction_is_recorded_once_and_shows_on_every_side(as_user, adviser, world):
    client = as_user(adviser)
    page = client.get(reverse("support:priority-could-meet", args=[world["priority"].pk])).content.decode()
    assert "Record an introduction you brokered" in page
    response = introduce(client, world)
    assert response.url == reverse("support:priority", args=[world["priority"].pk])
    introduction = Introduction.objects.get()
    # The project's side: an interaction of its own kind, with the partner put on the map.
    interaction = introduction.interaction
    assert interaction.project == world["project"] and interaction.kind == Kind.INTRODUCTION
    assert [s.person for s in interaction.stakeholders.all()] == [world["partner"]]
    assert "introduced the team to Ann Commissioner for the system priority" in interaction.summary
    # The priority's side and the partner's directory record.
    priority_page = client.get(response.url).content.decode()
    assert "Asthma plans</a>\n      introduced to" in priority_page and "Introduction recorded" in priority_page
    record = client.get(reverse("directory:person", args=[world["partner"].pk])).content.decode()
    assert "Introduced to the team of Asthma plans" in record and "What came of it is not recorded yet." in record


def test_what_came_of_it_goes_on_the_introduction_and_the_projects_interaction(as_user, adviser, world):
    client = as_user(adviser)
    introduce(client, world)
    introduction = Introduction.objects.get()
    url = reverse("support:priority", args=[world["priority"].pk])
    field = f"introduction-{introduction.pk}-outcome"
    response = client.post(url, {"introduction": introduction.pk, field: "A pilot in three schools."})
    assert response.status_code == 302
    introduction.refresh_from_db()
    assert introduction.outcome == "A pilot in three schools." == introduction.interaction.learned
    page = client.post(url, {"introduction": introduction.pk, field: ""})
    assert page.status_code == 400 and "Say what came of the introduction" in page.content.decode()
    introduction.refresh_from_db()
    assert introduction.outcome == "A pilot in three schools."


def test_the_same_introduction_twice_is_refused_and_the_teams_own_words_are_kept(as_user, adviser, world):
    client = as_user(adviser)
    introduce(client, world)
    again = introduce(client, world)
    assert again.status_code == 400 and "This introduction is already recorded" in again.content.decode()
    introduction = Introduction.objects.get()
    introduction.interaction.learned = "The team's own notes."
    introduction.interaction.save()
    services_priorities.record_outcome(introduction=introduction, outcome="A pilot.")
    introduction.interaction.refresh_from_db()
    assert introduction.outcome == "A pilot." and introduction.interaction.learned == "The team's own notes."


def test_someone_already_on_the_map_is_not_added_again(as_user, adviser, world):
    StakeholderFactory(project=world["project"], person=world["partner"])
    introduce(as_user(adviser), world)
    assert Stakeholder.objects.filter(project=world["project"]).count() == 1


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"project": ""}, "Choose the project whose team you introduced"),
        ({"person": ""}, "Choose who you introduced them to"),
        ({"why": ""}, "Say why you introduced them"),
        ({"date[year]": timezone.localdate().year + 1}, "must be today or in the past"),
        ({"person": "unmatched"}, "Select a valid choice"),
        ({"project": "99999999999999999999"}, "Select a valid choice"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(as_user, adviser, world, changes, message):
    if changes.get("person") == "unmatched":  # someone the matching did not find
        changes = {"person": PersonFactory(full_name="Zed Unrelated", job_title="Gardener").pk}
    maps = Stakeholder.objects.count()
    response = introduce(as_user(adviser), world, **changes)
    assert response.status_code == 400 and "There is a problem" in response.content.decode()
    assert message in response.content.decode()
    assert Introduction.objects.count() == Interaction.objects.count() == 0 and Stakeholder.objects.count() == maps


def test_nobody_marked_do_not_contact_can_be_introduced(adviser, world):
    world["partner"].do_not_contact = True
    with pytest.raises(services_priorities.IntroductionError):
        services_priorities.broker_introduction(
            project=world["project"], person=world["partner"], date=datetime.date(2026, 1, 5), why="x", by=adviser
        )


def test_the_directory_record_shows_only_introductions_to_projects_the_reader_may_see(as_user, adviser, world, lead):
    services_priorities.broker_introduction(
        project=world["project"], person=world["partner"], date=datetime.date(2026, 1, 5), why="x", by=adviser
    )
    hidden = as_user(lead).get(reverse("directory:person", args=[world["partner"].pk])).content.decode()
    assert "Asthma plans" not in hidden and "Introductions brokered" not in hidden


def test_webinar_themes_are_linked_to_a_priority(as_user, adviser, world):
    theme = EventThemeFactory(title="Children's respiratory health")
    client = as_user(adviser)
    edit = reverse("support:priority-edit", args=[world["priority"].pk])
    data = {"title": world["priority"].title, "raised": "", "status": "open", "webinar_themes": [theme.pk]}
    today = timezone.localdate()
    data.update({"raised[day]": today.day, "raised[month]": today.month, "raised[year]": today.year})
    assert client.post(edit, data).status_code == 302
    assert list(world["priority"].webinar_themes.all()) == [theme]
    page = client.get(reverse("support:priority", args=[world["priority"].pk])).content.decode()
    assert reverse("events:theme", args=[theme.slug]) in page
