import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from mobilise.core.models import User
from mobilise.directory.models import Organisation, Sector
from mobilise.projects.models import Project, Role, Stage


@pytest.mark.django_db
def test_demo_builds_a_realistic_programme_once():
    out = StringIO()
    call_command("demo", stdout=out)
    projects = Project.objects.all()
    assert projects.count() >= 6
    assert projects.values("stage").distinct().count() >= 5
    screening = Project.objects.get(short_title="TOGETHER-Screen")
    assert screening.health_inequalities_focus and "screening" in screening.title
    roles = set(screening.memberships.values_list("role", flat=True))
    assert roles == {Role.LEAD, Role.MEMBER, Role.VIEWER}
    assert Project.objects.filter(stage=Stage.IDEA, title__icontains="feasibility").exists()
    sectors = set(Organisation.objects.values_list("sector", flat=True))
    assert {Sector.NHS_PROVIDER, Sector.COMMISSIONER, Sector.PUBLIC_HEALTH, Sector.VCSE, Sector.ACADEMIA} <= sectors
    assert User.objects.filter(is_adviser=True).exists()
    assert "adviser@mobilise.test" in out.getvalue() and "mobilise-demo" in out.getvalue()
    assert User.objects.get(email="lead@mobilise.test").check_password("mobilise-demo")

    from mobilise.planning import modeldata
    from mobilise.planning.access import data

    model = screening.logic_model
    assert model.elements.count() >= 20 and model.problem and model.population
    assert modeldata.review(data(model)) == []
    grant = model.snapshots.get(name="As submitted with the grant")
    assert modeldata.diff(grant.data, data(model))["added"]

    from mobilise.stakeholders import analysis
    from mobilise.stakeholders.access import relationships, stakeholders

    people = list(stakeholders(screening))
    assert 25 <= len(people) <= 40
    assert len({s.sector for s in people}) >= 6
    links = list(relationships(screening))
    top_broker = analysis.brokers(analysis.graph(people, links))[0][0]
    assert next(s for s in people if s.pk == top_broker).name == "Mereshire Community Faith Forum"
    gaps = analysis.equity_gaps(screening, people, links)
    assert {g["stakeholder"].name for g in gaps} == {"Bangladeshi women not registered with a GP"}
    assert all(stakeholders(p).exists() for p in Project.objects.filter(logic_model__isnull=False))

    from mobilise.outputs.models import Kind, Status

    published = screening.outputs.filter(status=Status.PUBLISHED)
    assert {o.kind for o in published} == {Kind.POLICY_BRIEF, Kind.PLAIN_SUMMARY, Kind.CASE_STUDY}
    assert screening.audiences.count() == 4 and screening.findings.count() >= 3
    assert published.get(kind=Kind.CASE_STUDY).testimonial_consent
    from mobilise.core import reviews
    from mobilise.outputs import readability

    for output in screening.outputs.select_related("audience"):
        sections = [(s.pk, s.heading, s.body) for s in output.sections.all()]
        report = readability.analyse_sections(sections, target_grade=output.audience.target_grade)
        assert report["verdict"] == "meets", (output.title, report["grade"], output.audience.target_grade)
        approval = reviews.latest(output)
        approvers = {r.user_id for r in approval.reviewers.all() if r.decision == "approved"}
        assert approvers and not approvers & reviews.authors_of(output, approval)

    from mobilise.evaluation import progress
    from mobilise.evaluation.access import indicator_element_keys, indicators
    from mobilise.evaluation.models import ClaimType, EvidenceKind

    assert screening.evaluation_questions.count() >= 4
    uptake = next(i for i in indicators(screening) if i.name.startswith("Screening uptake"))
    periods = list(uptake.periods.all())
    assert len(periods) == 8 and all(p.target is not None for p in periods)
    assert uptake.baseline_value is not None and set(uptake.breakdowns) == {"Ethnicity", "Deprivation quintile"}
    assert {t["dimension"] for t in progress.breakdown_tables(uptake, periods)} == set(uptake.breakdowns)
    assert modeldata.review(data(model), indicator_keys=indicator_element_keys(model)) == []
    feedback = screening.feedback_forms.get()
    assert feedback.responses.count() >= 10 and feedback.questions.count() >= 5
    claims = screening.impact_claims.all()
    assert ClaimType.COMMISSIONING in {c.kind for c in claims} and all(c.evidence.exists() for c in claims)
    assert screening.impact_claims.filter(evidence__kind=EvidenceKind.TESTIMONIAL, evidence__consent=True).exists()
    assert screening.learning.filter(snapshot__isnull=False).exists()
    from mobilise.evaluation import casestudy

    study = screening.impact_case_study
    assert casestudy.over_limit(study) == []
    assert all(check["count"] > 0 for check in casestudy.checks(study).values())

    again = StringIO()
    call_command("demo", "--if-empty", stdout=again)
    assert "already has data" in again.getvalue()
    assert Project.objects.count() == projects.count()


@pytest.mark.django_db
def test_demo_engagement():
    import datetime

    from django.utils import timezone

    from mobilise.engagement import due
    from mobilise.engagement.models import Insight, Interaction, Workshop
    from mobilise.stakeholders.models import Stakeholder

    call_command("demo", stdout=StringIO())
    screening = Project.objects.get(short_title="TOGETHER-Screen")
    interactions = Interaction.objects.filter(project=screening)
    dates = sorted(interactions.values_list("date", flat=True))
    assert interactions.count() >= 12 and (dates[-1] - dates[0]).days >= 330
    today = timezone.localdate()
    states = {
        due.state(s.last_contact, s.cadence, today)
        for s in due.due(Stakeholder.objects.filter(project=screening), today)
    }
    assert "overdue" in states
    assert due.never_engaged(Stakeholder.objects.filter(project=screening)).exists()
    workshop = Workshop.objects.get(project=screening)
    assert workshop.agenda.count() == 5 and workshop.decision_list and workshop.actions.count() == 2
    assert workshop.invitations.filter(attended=True).count() == 6
    assert not workshop.invitations.filter(stakeholder__person__do_not_contact=True).exists()
    # Who came, and the organisations on the map they came from (attending is contact for those too).
    came = workshop.interaction.stakeholders.filter(person__isnull=False)
    assert came.count() == 6
    organisations = workshop.interaction.stakeholders.filter(person__isnull=True)
    assert {s.organisation_id for s in organisations} <= {s.person.organisation_id for s in came}
    gaps = Insight.objects.filter(project=screening)
    assert gaps.count() == 3  # two from the dialogue, one from an idea sent through "Get involved"
    assert gaps.get(new_project__isnull=False).new_project.short_title == "TOGETHER-Screen EE"
    assert screening.engagement_actions.filter(status="open", due__lt=today).exists()
    assert all(i.stakeholders.exists() for i in interactions)
    assert dates[-1] <= today and dates[0] >= today - datetime.timedelta(days=366)


@pytest.mark.django_db
def test_demo_support_case():
    """The TOGETHER-Screen follow-on case: advice over the last weeks, a project started from it whose home shows
    the support history, and the adviser's next steps (one overdue, one due soon) on their due list."""
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from mobilise.projects.support import history
    from mobilise.support.models import AdviceKind, Case, Status

    call_command("demo", stdout=StringIO())
    adviser, lead = User.objects.get(email="adviser@mobilise.test"), User.objects.get(email="lead@mobilise.test")
    case = Case.objects.get(request__project_title__startswith="TOGETHER-Screen follow-on")
    assert case.request.status == Status.ACCEPTED and case.lead == adviser and case.is_open
    advice = list(case.advice.all())
    assert 4 <= len(advice) <= 5 and AdviceKind.GRANT in {a.kind for a in advice}
    today = timezone.localdate()
    assert all(today - datetime.timedelta(days=35) <= a.date <= today and a.minutes and a.notes for a in advice)
    project = case.project
    assert project.short_title == "TOGETHER-Screen Reach"
    assert project.memberships.get(role=Role.LEAD).user == lead and adviser in project.advisers.all()
    (shown,) = history(project, lead)
    assert shown.entries == len(advice) and shown.lead == "Priya Shah" and shown.url is None
    client = Client()
    client.force_login(lead)
    assert "Support from" in client.get(reverse("project", args=[project.pk])).content.decode()
    client.force_login(adviser)
    page = client.get(reverse("engagement_all:due")).content.decode()
    steps = page[page.index('id="support-steps"') :].split("</table>")[0]
    assert "Support next steps (2)" in steps and steps.count(">Overdue<") == 1
    assert steps.index("Check the revised pathway to impact") < steps.index("Share the stakeholder map")
