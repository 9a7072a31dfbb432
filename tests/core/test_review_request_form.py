"""core.forms.ReviewRequestForm, the one form that sends an object for review (outputs, plans, the library): the
reviewers come from the choices the view gives, and each app says who they are."""

import pytest

from mobilise.core.forms import ReviewRequestForm
from mobilise.core.models import User
from mobilise.library.forms import ReviewRequestForm as LibraryReviewRequestForm
from mobilise.outputs.forms import ReviewRequestForm as OutputReviewRequestForm
from mobilise.plans.forms import ReviewRequestForm as PlanReviewRequestForm

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def test_reviewers_come_from_the_choices_given():
    allowed, other = UserFactory(), UserFactory()
    choices = User.objects.filter(pk=allowed.pk)
    assert ReviewRequestForm({"reviewers": [allowed.pk], "message": "Please"}, choices=choices).is_valid()
    form = ReviewRequestForm({"reviewers": [other.pk]}, choices=choices)
    assert not form.is_valid()
    assert "reviewers" in form.errors


def test_at_least_one_reviewer_is_asked_for():
    form = ReviewRequestForm({"message": "Please"}, choices=User.objects.all())
    assert not form.is_valid()
    assert form.errors["reviewers"] == ["Select at least one reviewer"]


def test_each_app_says_who_may_review():
    team = "People on the team who did not write it. Each gets an email with a link to the review."
    advisers = "Advisers who did not write it. Each gets an email with a link to the review."
    for form_class, help_text in [
        (OutputReviewRequestForm, team),
        (PlanReviewRequestForm, team),
        (LibraryReviewRequestForm, advisers),
    ]:
        assert form_class(choices=User.objects.none()).fields["reviewers"].help_text == help_text
