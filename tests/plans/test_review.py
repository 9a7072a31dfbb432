"""A plan goes to review through core/reviews.py: named reviewers from the team (never its writers) comment and
decide; the plan's status follows the review."""

import pytest
from django.urls import reverse

from mobilise.core import reviews
from mobilise.plans import services
from mobilise.plans.models import Plan, Status


@pytest.fixture
def plan(project, lead):
    return services.create_plan(project=project, by=lead, title="KT plan", template_key="ktpt")


def test_send_for_review_then_approve(as_user, plan, lead, member):
    response = as_user(lead).post(reverse("plans:review", args=[plan.project_id, plan.pk]), {"reviewers": [member.pk]})
    assert response.status_code == 302
    assert Plan.objects.get(pk=plan.pk).status == Status.UNDER_REVIEW
    review = reviews.latest(plan)
    assert [key for key, _ in reviews.adapter_for(plan).sections(plan)][:2] == ["partners", "engagement"]
    reviews.comment(review=review, obj=plan, by=member, text="Name the ICB lead", section="partners")
    reviews.decide(review=review, obj=Plan.objects.get(pk=plan.pk), by=member, decision="approved")
    assert Plan.objects.get(pk=plan.pk).status == Status.FINAL
    page = as_user(lead).get(reverse("plans:plan", args=[plan.project_id, plan.pk])).content.decode()
    assert "The latest review" in page


def test_a_writer_cannot_review(as_user, plan, lead, member):
    section = plan.sections.get(key="goals")
    services.save_section(section=section, text="Ours", expected_version=1, by=member)
    response = as_user(lead).post(reverse("plans:review", args=[plan.project_id, plan.pk]), {"reviewers": [member.pk]})
    assert response.status_code == 200 and Plan.objects.get(pk=plan.pk).status == Status.DRAFT
