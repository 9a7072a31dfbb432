"""The demo plans: the feasibility study's NIHR plan under review and its implementation plan, TOGETHER-Screen's
KTPT plan, an adviser's template; and the plan page says what changed since a section was written."""

from io import StringIO

import pytest
from django.core.management import call_command

from mobilise.core.models import User
from mobilise.plans.models import Plan, PlanTemplate, Status


@pytest.mark.django_db
def test_the_demo_plans(client):
    call_command("demo", stdout=StringIO())
    nihr = Plan.objects.get(template_key="nihr")
    assert nihr.project.short_title == "TOGETHER-Screen EE" and nihr.status == Status.UNDER_REVIEW
    assert "Saturday schools" in Plan.objects.get(template_key="implementation").sections.get(key="adaptations").text
    assert Plan.objects.get(template_key="ktpt").project.short_title == "TOGETHER-Screen"
    assert PlanTemplate.objects.count() == 1
    assert nihr.sections.get(key="impact").text.startswith("Polish and Romanian")
    client.force_login(User.objects.get(email="lead@mobilise.test"))
    page = client.get(f"/projects/{nihr.project_id}/plans/{nihr.pk}/").content.decode()
    assert "2 stakeholders added" in page
