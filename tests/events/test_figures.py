"""The figures of an event and a theme: the counts, the breakdowns, new and returning organisations, feedback,
the page (charts with their tables), the XLSX download and the query budget."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from mobilise.evaluation import services as evaluation
from mobilise.events import figures, follow_up
from mobilise.events.models import EventStatus, RegistrationStatus

from ..factories import EventFactory, OrganisationFactory, RegistrationFactory
from ..queries import assert_max_queries


def table(tables, title):
    return {row[0]: row[1:] for row in next(t for t in tables if t.title == title).rows}


@pytest.fixture
def programme(db):
    start = timezone.now() - datetime.timedelta(days=30)
    first = EventFactory(start=start, status=EventStatus.HELD)
    second = EventFactory(start=start + datetime.timedelta(days=7), status=EventStatus.HELD, theme=first.theme)
    OrganisationFactory(name="Mereshire University", sector="academia")
    RegistrationFactory(event=first, organisation="Mereshire University", attended=True)
    RegistrationFactory(event=second, organisation="mereshire  university", attended=True, sector="academia")
    RegistrationFactory(event=second, organisation="Luton Council", attended=False, sector="local_authority")
    RegistrationFactory(event=second, organisation="", sector="", attended=None)
    RegistrationFactory(event=second, status=RegistrationStatus.WAITING, waiting_position=1, organisation="X")
    RegistrationFactory(event=second, status=RegistrationStatus.CANCELLED, organisation="X")
    return first, second


def test_event_figures(programme):
    _, second = programme
    tables = figures.event_figures(second)
    summary = table(tables, "Registrations and attendance")
    assert summary["Registrations"] == [5]
    assert summary["Places taken"] == [3]
    assert summary["Waiting list"] == [1] and summary["Cancelled"] == [1]
    assert summary["Attended"] == [1] and summary["No-shows"] == [1] and summary["Attendance not recorded"] == [1]
    assert summary["Attendance rate"] == ["50%"]
    assert table(tables, "New and returning organisations") == {"New": [2], "Returning": [1]}
    types = table(tables, "By organisation type")
    assert types["Academia"] == [1, 1]  # the directory's organisation, whatever the spelling's case and spaces
    assert types[figures.NOT_IN_DIRECTORY][0] == 4


def test_theme_figures_add_a_row_per_event_and_the_feedback(programme):
    first, second = programme
    form = follow_up.feedback_form(second)
    rating = form.questions.get(position=1)
    evaluation.record_response(form=form, answers={rating.pk: "4"})
    evaluation.record_response(form=form, answers={rating.pk: "5"})
    tables = figures.theme_figures(first.theme)
    assert table(tables, "By event") == {first.title: [1, 1], second.title: [5, 1]}
    assert table(tables, "New and returning organisations") == {"New": [3], "Returning": [0]}
    feedback = table(tables, "Feedback")
    assert feedback[f"{second.title}: {rating.text}"] == [2, 4.5]


def test_the_pages_show_charts_with_tables_and_download_xlsx(as_user, adviser, programme):
    first, second = programme
    client = as_user(adviser)
    page = client.get(reverse("events:event-figures", args=[second.pk])).content.decode()
    assert "<svg" in page and "By sector" in page and "Attendance rate" in page
    assert f'href="{reverse("events:manage-event", args=[second.pk])}"' in page  # back to the event
    page = client.get(reverse("events:theme-figures", args=[first.theme.pk])).content.decode()
    assert "By event" in page and f'href="{reverse("events:manage")}" > Webinars </a>' in " ".join(page.split())
    response = client.get(reverse("events:theme-figures-export", args=[first.theme.pk]))
    book = load_workbook(io.BytesIO(response.content))
    assert "Registrations and attendance" in book.sheetnames and "By event" in book.sheetnames


def test_the_figures_page_reads_in_a_fixed_number_of_queries(as_user, adviser, programme):
    first, second = programme
    client = as_user(adviser)
    follow_up.feedback_form(second)
    url = reverse("events:event-figures", args=[second.pk])
    theme_url = reverse("events:theme-figures", args=[first.theme.pk])
    with assert_max_queries(14):
        client.get(url)
    with assert_max_queries(20):
        client.get(theme_url)
    RegistrationFactory.create_batch(10, event=second, attended=True)
    RegistrationFactory.create_batch(5, event=first, attended=False, organisation="Other")
    with assert_max_queries(14):
        client.get(url)
    with assert_max_queries(20):
        client.get(theme_url)
