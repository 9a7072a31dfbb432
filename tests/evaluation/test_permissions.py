"""Every evaluation URL (questions, indicators, feedback forms, impact evidence, learning, report, case study)
and the public feedback form, for every persona."""

import pytest
from django.core.files.base import ContentFile

from mobilise.evaluation.models import EvidenceKind

from ..factories import (
    ActualFactory,
    CaseStudyFactory,
    EvidenceFactory,
    FeedbackQuestionFactory,
    FeedbackResponseFactory,
    ImpactClaimFactory,
    LearningFactory,
    PeriodFactory,
    QuestionFactory,
)
from ..permissions import EDIT, PUBLIC, READ, Url, check_every_persona, names_in, when_allowed

P = ("project",)
IND = (*P, "indicator")
F = (*P, "form")
URLS = [
    Url("evaluation:home", P, READ),
    Url("evaluation:question-new", P, EDIT),
    Url("evaluation:question", (*P, "question"), EDIT),
    Url("evaluation:indicator-new", P, EDIT),
    Url("evaluation:indicator", IND, READ),
    Url("evaluation:indicator-edit", IND, EDIT),
    Url("evaluation:period-new", IND, EDIT),
    Url("evaluation:periods-generate", P, EDIT),
    Url("evaluation:period", (*IND, "period"), EDIT),
    Url("evaluation:actuals", IND, EDIT),
    Url("evaluation:import", IND, when_allowed(EDIT, 400), "post"),  # no file: a bad request, once allowed
    Url("evaluation:form-new", P, EDIT),
    Url("evaluation:form", F, READ),
    Url("evaluation:form-edit", F, EDIT),
    Url("evaluation:form-question", (*F, "form_question"), EDIT),
    Url("evaluation:responses-csv", F, READ),
    Url("evaluation:impact", P, READ),
    Url("evaluation:chain", P, READ),
    Url("evaluation:claim-new", P, EDIT),
    Url("evaluation:claim", (*P, "claim"), READ),
    Url("evaluation:claim-edit", (*P, "claim"), EDIT),
    Url("evaluation:evidence", (*P, "evidence"), EDIT),
    Url("evaluation:evidence-file", (*P, "evidence"), READ),
    Url("evaluation:learning-new", P, EDIT),
    Url("evaluation:learning", (*P, "learning"), EDIT),
    Url("evaluation:report", (*P, "docx"), READ),
    Url("evaluation:case-study", P, READ),
    Url("evaluation:case-study-count", (*P, "summary"), EDIT, "post", {"summary": "Uptake rose."}),
    Url("evaluation:case-study-export", (*P, "docx"), READ),
    Url("feedback", ("token",), PUBLIC),
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def objects(project, lead):
    period = PeriodFactory(indicator__project=project)
    ActualFactory(period=period)
    form_question = FeedbackQuestionFactory(form__project=project)
    FeedbackResponseFactory(form=form_question.form, answers={str(form_question.pk): 4})
    claim = ImpactClaimFactory(project=project)
    evidence = EvidenceFactory(
        claim=claim,
        kind=EvidenceKind.FILE,
        file=ContentFile(b"Minutes of the board", name="minutes.txt"),
        file_name="minutes.txt",
        content_type="text/plain",
        size=20,
        added_by=lead,
    )
    CaseStudyFactory(project=project)
    return {
        "project": project,
        "question": QuestionFactory(project=project),
        "indicator": period.indicator,
        "period": period,
        "form": form_question.form,
        "form_question": form_question,
        "token": form_question.form.token,
        "claim": claim,
        "evidence": evidence,
        "learning": LearningFactory(project=project),
    }


@pytest.mark.parametrize("url", URLS, ids=str)
def test_url_by_persona(request, objects, url):
    check_every_persona(url, objects, request)


def test_the_table_has_every_url():
    assert names_in("mobilise.evaluation.urls") | {"feedback"} == {url.name for url in URLS}
