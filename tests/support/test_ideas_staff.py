"""Advisers assess and answer ideas: the queue and its filters, several assessors on the ideas rubric, each status
change answered by email with its reason, and an accepted idea turned into a case, an idea-stage project or an
evidence gap on a project the adviser chooses, carrying its text and its sender."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from mobilise.engagement.models import Insight
from mobilise.projects.models import Invitation, Project, Stage
from mobilise.support import services, services_ideas
from mobilise.support.models import Assessment, Case, IdeaEventKind, IdeaStage, IdeaStatus
from mobilise.support.rubric import IDEA_CRITERIA

from ..factories import IdeaFactory, ProjectFactory, UserFactory
from ..queries import assert_max_queries

QUEUE = reverse("support:ideas")


@pytest.fixture
def staff(adviser):
    client = Client()
    client.force_login(adviser)
    return client


@pytest.fixture
def move(staff, django_capture_on_commit_callbacks):
    def moving(idea, status, **data):
        with django_capture_on_commit_callbacks(execute=True):
            return staff.post(reverse("support:idea-status-change", args=[idea.pk, status]), data)

    return moving


def test_each_change_answers_the_sender_with_the_reason(staff, move, adviser):
    idea = IdeaFactory(email="sam@example.org", title="Walk and talk")
    url = reverse("support:idea-status-change", args=[idea.pk, IdeaStatus.REVIEWING])
    draft = staff.get(url).content.decode()
    assert "Thank you for sharing your idea “Walk and talk”" in draft and "[the reason]" in draft

    unfinished = move(idea, IdeaStatus.REVIEWING, subject="s", message="Why: [the reason]")
    page = unfinished.content.decode()
    assert unfinished.status_code == 400 and "Enter the reason" in page and "Replace [the reason]" in page
    assert not mail.outbox

    move(idea, IdeaStatus.REVIEWING, reason="It fits our mental health theme.", subject="We are looking", message="Hi")
    idea.refresh_from_db()
    first = idea.first_response_at
    assert idea.status == IdeaStatus.REVIEWING and first is not None and idea.decided_at is None
    move(
        idea, IdeaStatus.ACCEPTED, reason="Strong need, clear evidence.", subject="Good news", message="Dear Sam, yes."
    )
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.ACCEPTED and idea.first_response_at == first and idea.decided_at is not None
    assert idea.closed_at is None  # an accepted idea closes when it becomes its outcome
    answer = mail.outbox[-1]
    assert answer.to == ["sam@example.org"] and answer.subject == "Good news"
    assert "Dear Sam, yes." in answer.body and "/support/your-idea/" in answer.body
    assert idea.events.filter(kind=IdeaEventKind.STATUS, by=adviser, text="Strong need, clear evidence.").exists()

    link = next(w for w in answer.body.split() if "/support/your-idea/" in w).removeprefix(
        settings.SITE_URL.rstrip("/")
    )
    seen = Client().get(link).content.decode()
    assert "Accepted" in seen and "Strong need, clear evidence." in seen


def test_not_taking_an_idea_forward_closes_it(staff, move):
    idea = IdeaFactory()
    move(idea, IdeaStatus.NOT_TAKEN, reason="Outside our region.", subject="About your idea", message="Sorry.")
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.NOT_TAKEN and idea.closed_at and idea.decided_at
    assert move(idea, IdeaStatus.ACCEPTED, reason="r", subject="s", message="m").status_code == 302
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.NOT_TAKEN and len(mail.outbox) == 1


def test_an_unknown_status_is_not_found(staff):
    idea = IdeaFactory()
    for status in ("nonsense", "received", "withdrawn", "declined"):
        assert staff.get(reverse("support:idea-status-change", args=[idea.pk, status])).status_code == 404


def test_several_advisers_assess_an_idea_on_the_ideas_rubric(staff, adviser):
    idea = IdeaFactory()
    url = reverse("support:idea-assess", args=[idea.pk])
    form = staff.get(url).content.decode()
    assert all(question in form for _, question, _ in IDEA_CRITERIA) and "Stakeholders identified" not in form
    incomplete = staff.post(url, {"need_rating": "yes"})
    assert incomplete.status_code == 400 and "Rate “Feasibility”" in incomplete.content.decode()
    answers = {f"{key}_rating": "partly" for key, _, _ in IDEA_CRITERIA}
    assert (
        staff.post(url, answers | {"equity_rating": "no", "equity_comment": "Only for English speakers"}).status_code
        == 302
    )
    colleague = Client()
    colleague.force_login(UserFactory(is_adviser=True, full_name="Tom Hughes"))
    colleague.post(url, {f"{key}_rating": "yes" for key, _, _ in IDEA_CRITERIA} | {"need_comment": "Big need"})
    staff.post(url, answers | {"need_rating": "yes"})  # changing one's own assessment replaces it

    assessments = Assessment.objects.order_by("pk")
    assert assessments.count() == 2 and set(assessments[0].answers) == {key for key, _, _ in IDEA_CRITERIA}
    page = staff.get(reverse("support:idea", args=[idea.pk])).content.decode()
    assert "Tom Hughes" in page and adviser.full_name in page and "Big need" in page
    feasibility = page[page.index('class="nhsuk-table__header">Feasibility') :].split("</tr>")[0]
    assert "<strong>Partly</strong>" in feasibility and "<strong>Yes</strong>" in feasibility


def test_filters_narrow_the_queue(staff, adviser):
    IdeaFactory(title="Mine", assignee=adviser, stage=IdeaStage.IN_USE)
    IdeaFactory(title="Theirs")
    IdeaFactory(title="Closed one", status=IdeaStatus.NOT_TAKEN)

    def titles(**query):
        page = staff.get(QUEUE, query).content.decode()
        return {t for t in ("Mine", "Theirs", "Closed one") if f">{t}<" in page}

    assert titles() == {"Mine", "Theirs"}
    assert titles(status="all") == {"Mine", "Theirs", "Closed one"}
    assert titles(status=IdeaStatus.NOT_TAKEN) == {"Closed one"}
    assert titles(stage=IdeaStage.IN_USE) == {"Mine"}
    assert titles(assignee=adviser.pk) == {"Mine"}
    assert titles(stage="nonsense", assignee="x") == {"Mine", "Theirs"}


def test_the_queue_pages(staff):
    for n in range(27):
        IdeaFactory(title=f"Paged {n}")
    assert "Paged 0<" not in staff.get(QUEUE).content.decode()
    assert "Paged 0<" in staff.get(QUEUE, {"page": 2}).content.decode()


def test_the_queue_and_an_idea_take_the_same_queries_however_many_ideas(staff, adviser):
    idea = IdeaFactory()
    with assert_max_queries(8):
        staff.get(QUEUE)
    with assert_max_queries(12):
        staff.get(reverse("support:idea", args=[idea.pk]))
    for n in range(15):
        other = IdeaFactory(assignee=adviser)
        other.events.create(kind=IdeaEventKind.INFORMATION, text=f"More {n}")
        idea.events.create(kind=IdeaEventKind.INFORMATION, text=f"More {n}", by=adviser)
    for _ in range(3):
        _assess(idea, UserFactory(is_adviser=True))
    with assert_max_queries(8):
        staff.get(QUEUE)
    with assert_max_queries(12):
        staff.get(reverse("support:idea", args=[idea.pk]))


def _assess(idea, assessor):
    services.save_assessment(
        subject=idea, assessor=assessor, answers={k: {"rating": "yes", "comment": ""} for k, _, _ in IDEA_CRITERIA}
    )


def accepted(**fields):
    return IdeaFactory(status=IdeaStatus.ACCEPTED, email="sam@example.org", title="Walk and talk", **fields)


def test_an_accepted_idea_becomes_a_support_case(staff, adviser):
    idea = accepted()
    response = staff.post(reverse("support:idea-outcome", args=[idea.pk]), {"action": "case"})
    case = Case.objects.get(idea=idea)
    assert response["Location"] == reverse("support:case", args=[case.pk])
    assert case.request is None and case.lead == adviser and case.source == idea
    page = staff.get(reverse("support:case", args=[case.pk])).content.decode()
    assert "Walk and talk" in page and idea.reference in page and idea.name in page
    assert "Walk and talk" in staff.get(reverse("support:cases")).content.decode()
    assert idea.events.filter(kind=IdeaEventKind.OUTCOME).exists()
    # The case can start a project from the idea, with its sender invited to lead it.
    staff.post(reverse("support:case-project", args=[case.pk]), {"action": "start", "short_title": "WALK"})
    project = Project.objects.get(short_title="WALK")
    assert project.title == "Walk and talk" and project.stage == Stage.IDEA and idea.idea in project.summary
    assert Invitation.objects.filter(project=project, email="sam@example.org").exists()
    # A second outcome is refused.
    staff.post(reverse("support:idea-outcome", args=[idea.pk]), {"action": "case"})
    assert Case.objects.filter(idea=idea).count() == 1


def test_an_accepted_idea_becomes_an_idea_stage_project_with_its_sender_invited(
    staff, django_capture_on_commit_callbacks
):
    idea = accepted(evidence="Twelve men came.")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            reverse("support:idea-outcome", args=[idea.pk]), {"action": "project", "short_title": "WALK"}
        )
    project = Project.objects.get(short_title="WALK")
    assert response["Location"] == reverse("project", args=[project.pk])
    assert project.stage == Stage.IDEA and project.title == "Walk and talk"
    assert idea.problem in project.summary and "Twelve men came." in project.summary
    assert Invitation.objects.filter(project=project, email="sam@example.org").exists()
    assert any(m.to == ["sam@example.org"] for m in mail.outbox)
    idea.refresh_from_db()
    assert idea.project == project and idea.closed_at is not None


def test_an_accepted_idea_becomes_an_evidence_gap_on_a_chosen_project(staff, adviser):
    project = ProjectFactory()
    idea = accepted()
    missing = staff.post(reverse("support:idea-outcome", args=[idea.pk]), {"action": "gap"})
    assert missing.status_code == 400 and "nhsuk-error-summary" in missing.content.decode()
    staff.post(reverse("support:idea-outcome", args=[idea.pk]), {"action": "gap", "project": project.pk})
    gap = Insight.objects.get(project=project)
    assert gap.question == idea.problem and idea.idea in gap.why_it_matters
    assert idea.name in gap.why_it_matters and idea.reference in gap.why_it_matters
    idea.refresh_from_db()
    assert idea.evidence_gap == gap and idea.closed_at is not None


def test_an_administrator_cannot_put_a_gap_on_a_project_they_cannot_edit(db):
    administrator = Client()
    administrator.force_login(UserFactory(is_staff=True))
    idea, elsewhere = accepted(), ProjectFactory()
    url = reverse("support:idea-outcome", args=[idea.pk])
    response = administrator.post(url, {"action": "gap", "project": elsewhere.pk})
    assert response.status_code == 400 and not Insight.objects.exists()


def test_only_an_accepted_idea_is_taken_forward(staff):
    idea = IdeaFactory(status=IdeaStatus.REVIEWING)
    staff.post(reverse("support:idea-outcome", args=[idea.pk]), {"action": "case"})
    assert not Case.objects.exists()
    assert staff.post(reverse("support:idea-outcome", args=[idea.pk]), {"action": "nonsense"}).status_code == 302


def test_making_a_case_directly_keeps_the_constraint(db, adviser):
    idea = accepted()
    case = services_ideas.make_case(idea=idea, by=adviser)
    assert case.idea == idea and case.request_id is None
    with pytest.raises(services_ideas.NotAccepted):
        services_ideas.make_case(idea=idea, by=adviser)
