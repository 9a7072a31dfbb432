"""Created and Edited (core/models.py): who added a row and when, and when it last changed, declared once for every
model that keeps them."""

import pytest
from django.db import models

from mobilise.core.models import Created, Edited
from mobilise.engagement.models import Interaction
from mobilise.library.models import CaseStudy
from mobilise.planning.models import DiagramExport, Snapshot
from mobilise.plans.models import Plan, PlanTemplate
from mobilise.support.models import Priority
from tests.factories import PlanFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Snapshot, DiagramExport, PlanTemplate, Plan, CaseStudy, Interaction, Priority])
def test_the_author_is_optional_kept_when_their_account_goes_and_gives_the_user_no_reverse_accessor(model):
    assert issubclass(model, Created)
    author = model._meta.get_field("created_by")
    assert author.null and author.blank and author.remote_field.on_delete is models.SET_NULL
    assert author.remote_field.related_name == "+"
    assert model._meta.get_field("created").auto_now_add


@pytest.mark.parametrize("model", [Plan, CaseStudy, Priority])
def test_an_edited_row_says_when_it_last_changed_and_its_history_leaves_that_out(model):
    assert issubclass(model, Edited) and model._meta.get_field("updated").auto_now
    assert "updated" not in {f.name for f in model.history.model._meta.fields}


def test_created_stays_and_updated_moves_on_each_save():
    author = UserFactory()
    plan = PlanFactory(created_by=author)
    created, updated = plan.created, plan.updated
    plan.title = "Changed"
    plan.save()
    plan.refresh_from_db()
    assert plan.created == created and plan.updated >= updated
    author.delete()
    plan.refresh_from_db()
    assert plan.created_by is None
