"""The staff journey through the pages (write, send for review, approve, publish, archive), the home page's link to
the library, the provider other apps' pages use, and the three kinds of case study each saying what it is."""

import pytest
from django.urls import reverse

from mobilise.core import reviews
from mobilise.core.models import Decision, Review
from mobilise.library.models import CaseStudy, Status
from mobilise.library.providers import case_studies_for_projects

from ..factories import LibraryCaseStudyFactory, OutputFactory, ProjectFactory, UserFactory
from ..queries import assert_max_queries

FORM = {
    "title": "Screening talks in the mosque",
    "summary": "Women booked appointments.",
    "what_we_did": "A logic model.",
    "outcome": "Funding for a feasibility study.",
    "support_given": ["logic_model"],
    "region": "east",
}


def test_an_adviser_writes_has_it_reviewed_and_publishes(
    client, adviser, mailoutbox, django_capture_on_commit_callbacks
):
    second = UserFactory(full_name="Tom Second", is_adviser=True)
    client.force_login(adviser)
    response = client.post(reverse("library:create"), {**FORM, "owner": adviser.pk})
    entry = CaseStudy.objects.get()
    assert response.url == reverse("library:manage", args=[entry.pk])
    assert client.get(f"/case-studies/{entry.slug}/").status_code == 404  # a draft is not public
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("library:send-review", args=[entry.pk]), {"reviewers": [second.pk]})
    assert [m.to for m in mailoutbox] == [[second.email]]
    client.post(reverse("library:publish", args=[entry.pk]))
    assert CaseStudy.objects.get().status == Status.IN_REVIEW  # not approved yet
    review = Review.objects.get()
    reviews.decide(review=review, obj=entry, by=second, decision=Decision.APPROVED)
    page = client.get(reverse("library:manage", args=[entry.pk])).content.decode()
    assert "Approved" in page and f'action="{reverse("library:publish", args=[entry.pk])}"' in page
    client.post(reverse("library:publish", args=[entry.pk]))
    assert CaseStudy.objects.get().status == Status.PUBLISHED
    assert client.get(f"/case-studies/{entry.slug}/").status_code == 200
    client.post(reverse("library:archive", args=[entry.pk]), {"notice": "The service closed."})
    assert "The service closed." in client.get(f"/case-studies/{entry.slug}/").content.decode()


def test_a_stale_edit_is_refused(client, adviser):
    entry = LibraryCaseStudyFactory(owner=adviser)
    client.force_login(adviser)
    data = {**FORM, "owner": adviser.pk, "version": 1}
    assert client.post(reverse("library:edit", args=[entry.pk]), data).status_code == 302
    response = client.post(reverse("library:edit", args=[entry.pk]), {**data, "title": "Another title"})
    assert response.status_code == 400 and "Someone else saved" in response.content.decode()


def test_consent_needs_both_its_date_and_how(client, adviser):
    client.force_login(adviser)
    response = client.post(reverse("library:create"), {**FORM, "testimonial_consent_how": "Email"})
    assert response.status_code == 400 and "Enter the date they consented" in response.content.decode()


def test_the_staff_list_query_budget_does_not_grow(client, adviser):
    client.force_login(adviser)
    LibraryCaseStudyFactory(project=ProjectFactory())
    with assert_max_queries(8):
        client.get(reverse("library:staff"))
    for _ in range(5):
        LibraryCaseStudyFactory(project=ProjectFactory(), published=True)
    with assert_max_queries(8):
        client.get(reverse("library:staff"))


def test_the_home_page_leads_to_the_library(client, db):
    entry = LibraryCaseStudyFactory(published=True)
    page = client.get("/").content.decode()
    assert reverse("library:library") in page and entry.title in page


def test_case_studies_for_projects(db, django_assert_num_queries):
    first, second, without = ProjectFactory(), ProjectFactory(), ProjectFactory()
    a = LibraryCaseStudyFactory(project=first, published=True)
    b = LibraryCaseStudyFactory(project=second, published=True)
    LibraryCaseStudyFactory(project=first)  # a draft: not given
    with django_assert_num_queries(1):
        found = case_studies_for_projects([first.pk, second.pk, without.pk])
    assert found == {
        first.pk: [(a.title, f"/case-studies/{a.slug}/")],
        second.pk: [(b.title, f"/case-studies/{b.slug}/")],
    }


@pytest.mark.parametrize(
    "kind, sentence",
    [
        ("library", "research-assessment (REF) impact case study of their evaluation"),
        ("output", "it is not the support\n    organisation's public library case study"),
        ("evaluation", "This is the research-assessment (REF) impact case study"),
    ],
)
def test_each_kind_of_case_study_says_what_it_is(client, adviser, project, kind, sentence):
    client.force_login(adviser)
    if kind == "library":
        url = f"/case-studies/{LibraryCaseStudyFactory(published=True).slug}/"
    elif kind == "output":
        output = OutputFactory(project=project, kind="case_study")
        url = reverse("outputs:output", args=[project.pk, output.pk])
    else:
        url = reverse("evaluation:case-study", args=[project.pk])
    assert sentence in client.get(url).content.decode()
