import datetime
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from mobilise.core.models import RateEvent
from mobilise.evaluation import services
from mobilise.evaluation.models import Actual, FeedbackResponse, Indicator, Question, QuestionKind

from ..permissions import EDIT, READ
from ..queries import assert_max_queries


@pytest.fixture
def feedback(project):
    form = services.save_feedback_form(
        project=project, title="Commissioning workshop feedback", intro="Tell us.", is_open=True, one_per_browser=True
    )
    services.save_feedback_question(form=form, kind=QuestionKind.RATING, text="How useful was it?", required=True)
    services.save_feedback_question(form=form, kind=QuestionKind.LIKERT, text="I will use what I learned")
    services.save_feedback_question(
        form=form, kind=QuestionKind.SINGLE, text="Your role", choices="Commissioner\nClinician\nOther"
    )
    services.save_feedback_question(form=form, kind=QuestionKind.MULTIPLE, text="Useful parts", choices="Talks\nGroups")
    services.save_feedback_question(form=form, kind=QuestionKind.TEXT, text="What would you change?")
    return form


@pytest.fixture
def question(project):
    return services.save_question(
        project=project,
        focus="whom",
        text="For which women did champions work best?",
        methods="Interviews",
        data_sources="Session logs",
        timing="Month 18",
    )


def urls(project, indicator, feedback, question):
    period = indicator.periods.first()
    read = [
        reverse("evaluation:home", args=[project.pk]),
        reverse("evaluation:indicator", args=[project.pk, indicator.pk]),
        reverse("evaluation:form", args=[project.pk, feedback.pk]),
        reverse("evaluation:responses-csv", args=[project.pk, feedback.pk]),
    ]
    edit = [
        reverse("evaluation:question-new", args=[project.pk]),
        reverse("evaluation:question", args=[project.pk, question.pk]),
        reverse("evaluation:indicator-new", args=[project.pk]),
        reverse("evaluation:indicator-edit", args=[project.pk, indicator.pk]),
        reverse("evaluation:period-new", args=[project.pk, indicator.pk]),
        reverse("evaluation:period", args=[project.pk, indicator.pk, period.pk]),
        reverse("evaluation:actuals", args=[project.pk, indicator.pk]),
        reverse("evaluation:form-new", args=[project.pk]),
        reverse("evaluation:form-edit", args=[project.pk, feedback.pk]),
    ]
    return read, edit


@pytest.mark.parametrize("persona", list(READ))
def test_pages_by_persona(request, as_user, project, indicator, feedback, question, persona):
    client = as_user(request.getfixturevalue(persona))
    read, edit = urls(project, indicator, feedback, question)
    for url in read:
        response = client.get(url)
        assert response.status_code == READ[persona], url
        if READ[persona] == 404:
            assert b"Screening uptake" not in response.content
    for url in edit:
        assert client.get(url).status_code == EDIT[persona], url


def test_anonymous_is_sent_to_sign_in(as_user, project, indicator, feedback, question):
    client = as_user(None)
    read, edit = urls(project, indicator, feedback, question)
    for url in read + edit:
        assert client.get(url).status_code == 302, url


@pytest.mark.parametrize("persona", ["viewer", "outsider"])
def test_writes_refused(request, as_user, project, indicator, feedback, question, persona):
    client = as_user(request.getfixturevalue(persona))
    period = indicator.periods.first()
    for url, data in [
        (reverse("evaluation:question", args=[project.pk, question.pk]), {"action": "delete"}),
        (reverse("evaluation:indicator-edit", args=[project.pk, indicator.pk]), {"action": "delete"}),
        (reverse("evaluation:actuals", args=[project.pk, indicator.pk]), {"period": period.pk, "total": "70"}),
        (reverse("evaluation:import", args=[project.pk, indicator.pk]), {}),
        (reverse("evaluation:form", args=[project.pk, feedback.pk]), {"q-kind": "text", "q-text": "Hijack"}),
    ]:
        assert client.post(url, data).status_code == 404, url
    assert Question.objects.exists() and Indicator.objects.exists() and not Actual.objects.exists()
    assert feedback.questions.count() == 5


def test_define_an_indicator_and_enter_actuals(as_user, project, member, outcome):
    client = as_user(member)
    form_page = client.get(reverse("evaluation:indicator-new", args=[project.pk]) + f"?element={outcome.pk}")
    assert f'value="{outcome.pk}" selected' in form_page.content.decode()
    bad = client.post(
        reverse("evaluation:indicator-new", args=[project.pk]),
        {"name": "", "unit": "", "direction": "up", "baseline_value": "lots", "breakdowns_text": "Ethnicity"},
    )
    page = bad.content.decode()
    assert "There is a problem" in page and "Enter the indicator" in page
    assert "Enter the baseline as a number" in page and "Line 1: write a breakdown" in page
    r = client.post(
        reverse("evaluation:indicator-new", args=[project.pk]),
        {
            "name": "Uptake",
            "element": outcome.pk,
            "unit": "%",
            "direction": "up",
            "baseline_value": "58",
            "baseline_date[day]": "31",
            "baseline_date[month]": "3",
            "baseline_date[year]": "2023",
            "breakdowns_text": "Deprivation quintile: 1, 2, 3, 4, 5",
        },
    )
    indicator = Indicator.objects.get()
    assert r["Location"] == reverse("evaluation:indicator", args=[project.pk, indicator.pk])
    assert indicator.breakdowns == {"Deprivation quintile": ["1", "2", "3", "4", "5"]}
    url = reverse("evaluation:period-new", args=[project.pk, indicator.pk])
    client.post(url, {"label": "2024-25", "ends[day]": "31", "ends[month]": "3", "ends[year]": "2025", "target": "62"})
    clash = client.post(url, {"label": "2024-25", "ends[day]": "31", "ends[month]": "3", "ends[year]": "2025"})
    assert "already a period" in clash.content.decode()
    bad_target = client.post(
        url, {"label": "2025-26", "ends[day]": "31", "ends[month]": "3", "ends[year]": "2026", "target": "250"}
    )
    assert "0 to 100" in bad_target.content.decode()
    period = indicator.periods.get()
    values = reverse("evaluation:actuals", args=[project.pk, indicator.pk])
    bad = client.post(values, {"period": "999", "total": "x", "b0_0": "120"}).content.decode()
    assert "Select one of the periods" in bad and "is not a number" in bad and "0 to 100" in bad
    r = client.post(values, {"period": period.pk, "total": "63", "b0_0": "51.5", "b0_4": "70"})
    assert r.status_code == 302 and Actual.objects.count() == 3
    page = client.get(reverse("evaluation:indicator", args=[project.pk, indicator.pk])).content.decode()
    assert "<svg" in page and 'id="progress-table"' in page
    assert "Target met" in page and "51.5" in page
    assert "By deprivation quintile" in page


def test_import_page_reports_rows_and_saves_nothing(as_user, project, member, indicator):
    client = as_user(member)
    url = reverse("evaluation:import", args=[project.pk, indicator.pk])
    bad = io.BytesIO(b"Period,Breakdown,Category,Value\n2023-24,,,61\n2099,,,3\n")
    bad.name = "values.csv"
    page = client.post(url, {"file": bad}).content.decode()
    assert "Row 3:" in page and "nothing was imported" in page and not Actual.objects.exists()
    good = io.BytesIO(b"Period,Breakdown,Category,Value\n2023-24,,,61\n2023-24,Ethnicity,White,63\n")
    good.name = "values.csv"
    assert client.post(url, {"file": good}).status_code == 302
    assert Actual.objects.count() == 2
    wrong = io.BytesIO(b"x")
    wrong.name = "values.pdf"
    assert "must be a CSV file" in client.post(url, {"file": wrong}).content.decode()


def test_logic_model_review_reports_outcomes_without_indicator(as_user, project, member, model, outcome):
    from mobilise.planning.models import Column, Element

    other = Element.objects.create(model=model, column=Column.MEDIUM, text="Commissioners fund sessions")
    client = as_user(member)
    page = client.get(reverse("planning:model", args=[project.pk])).content.decode()
    assert "The outcome “More women screened” has no indicator" in page
    assert f"?element={outcome.pk}" in page
    services.save_indicator(project=project, element=outcome, name="Uptake", unit="%", direction="up")
    page = client.get(reverse("planning:model", args=[project.pk])).content.decode()
    assert "“More women screened” has no indicator" not in page
    assert f"The outcome “{other.text}” has no indicator" in page


def test_indicator_page_query_count_stays_constant(as_user, project, member, indicator):
    client = as_user(member)
    url = reverse("evaluation:indicator", args=[project.pk, indicator.pk])
    home = reverse("evaluation:home", args=[project.pk])
    counts = []
    for extra in range(2):
        for year in range(3):
            period = services.save_period(
                indicator=indicator,
                label=f"Y{extra}-{year}",
                ends=datetime.date(2030 + extra * 5 + year, 3, 31),
                target=Decimal(60),
            )
            services.set_actuals(period=period, values={("", ""): Decimal(61), ("Ethnicity", "White"): Decimal(62)})
        services.save_indicator(project=project, name=f"Another {extra}", unit="n", direction="down")
        services.save_question(project=project, focus="what", text=f"Q{extra}")
        with assert_max_queries(6) as page_queries:
            assert client.get(url).status_code == 200
        with assert_max_queries(10) as home_queries:
            assert client.get(home).status_code == 200
        counts.append((len(page_queries), len(home_queries)))
    assert counts[0] == counts[1]


def test_public_form_answered_without_sign_in(client, project, feedback, lead, as_user):
    url = reverse("feedback", args=[feedback.token])
    page = client.get(url)
    assert page.status_code == 200 and "How useful was it?" in page.content.decode()
    assert "CASCADE" not in page.content.decode()  # only the form, nothing about the project
    questions = list(feedback.questions.all())
    bad = client.post(url, {f"q{questions[2].pk}": "Astronaut"})
    text = bad.content.decode()
    assert bad.status_code == 400 and "There is a problem" in text and "Answer “How useful was it?”" in text
    assert "Choose an answer to “Your role”" in text
    r = client.post(
        url,
        {
            f"q{questions[0].pk}": "4",
            f"q{questions[1].pk}": "Agree",
            f"q{questions[3].pk}": ["Talks", "Groups"],
            f"q{questions[4].pk}": "More time",
        },
    )
    assert r.status_code == 200 and "Thank you" in r.content.decode()
    response = FeedbackResponse.objects.get()
    assert response.answers[str(questions[3].pk)] == ["Talks", "Groups"]
    again = client.get(url)
    assert "already answered" in again.content.decode()
    client.post(url, {f"q{questions[0].pk}": "1"})
    assert FeedbackResponse.objects.count() == 1
    summary = as_user(lead).get(reverse("evaluation:form", args=[project.pk, feedback.pk])).content.decode()
    assert "1 of 1 answered" in summary and "More time" in summary and "<svg" in summary
    csv = as_user(lead).get(reverse("evaluation:responses-csv", args=[project.pk, feedback.pk]))
    assert "More time" in csv.content.decode() and "Talks; Groups" in csv.content.decode()


def test_public_form_resists_stuffing(client, project, feedback, settings):
    feedback.one_per_browser = False
    feedback.save()
    first = feedback.questions.first()
    url = reverse("feedback", args=[feedback.token])
    trap = client.post(url, {f"q{first.pk}": "5", "website": "http://spam.example"})
    assert "Thank you" in trap.content.decode() and not FeedbackResponse.objects.exists()
    for _ in range(10):
        assert client.post(url, {f"q{first.pk}": "5"}).status_code == 200
    blocked = client.post(url, {f"q{first.pk}": "5"})
    assert blocked.status_code == 429 and "Too many responses" in blocked.content.decode()
    assert FeedbackResponse.objects.count() == 10
    RateEvent.objects.all().delete()
    assert client.post(url, {f"q{first.pk}": "5"}).status_code == 200


def test_bad_tokens_and_closed_forms(client, feedback):
    assert client.get(reverse("feedback", args=["not-a-token"])).status_code == 404
    assert client.get("/feedback/" + "a" * 80 + "/").status_code == 404
    feedback.is_open = False
    feedback.save()
    closed = client.get(reverse("feedback", args=[feedback.token]))
    assert closed.status_code == 410 and "closed" in closed.content.decode()
    assert client.post(reverse("feedback", args=[feedback.token]), {}).status_code == 410


def test_build_a_feedback_form(as_user, project, member):
    client = as_user(member)
    r = client.post(
        reverse("evaluation:form-new", args=[project.pk]),
        {"title": "After the webinar", "is_open": "on", "one_per_browser": "on"},
    )
    form = project.feedback_forms.get()
    assert r["Location"] == reverse("evaluation:form", args=[project.pk, form.pk])
    url = r["Location"]
    bad = client.post(url, {"q-kind": "single", "q-text": "Pick one", "q-choices": "Only"}).content.decode()
    assert "There is a problem" in bad and "at least two choices" in bad
    client.post(url, {"q-kind": "single", "q-text": "Pick one", "q-choices": "A\nB", "q-required": "on"})
    question = form.questions.get()
    assert question.options == ["A", "B"] and question.required
    client.post(url, {"delete": question.pk})
    assert not form.questions.exists()


def test_a_room_on_one_network_can_all_answer(project, feedback):
    """Forty people on a workshop's Wi-Fi share one address; each browser answers once and all are counted."""
    feedback.one_per_browser = False
    feedback.save()
    first = feedback.questions.first()
    url = reverse("feedback", args=[feedback.token])
    for _ in range(40):
        browser = Client()
        browser.get(url)  # the form page gives the browser its token
        assert browser.post(url, {f"q{first.pk}": "4"}).status_code == 200
    assert FeedbackResponse.objects.count() == 40


def test_responses_csv_header_cannot_start_a_formula(as_user, project, lead):
    form = services.save_feedback_form(project=project, title="F", intro="", is_open=True, one_per_browser=False)
    services.save_feedback_question(form=form, kind=QuestionKind.TEXT, text='=HYPERLINK("http://x.example","y")')
    csv = as_user(lead).get(reverse("evaluation:responses-csv", args=[project.pk, form.pk])).content.decode()
    header = csv.lstrip("\ufeff").splitlines()[0]
    assert ",'=HYPERLINK" in header or ",\"'=HYPERLINK" in header
