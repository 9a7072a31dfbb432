"""Writing, reviewing, publishing, archiving and keeping a library case study current."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from mobilise.core import reviews
from mobilise.core.models import Decision
from mobilise.library import services
from mobilise.library.models import CaseStudy, Status
from mobilise.outputs.models import Kind

from ..factories import (
    EvidenceFactory,
    ImpactClaimFactory,
    LibraryCaseStudyFactory,
    OutputFactory,
    SectionFactory,
    UserFactory,
)

FIELDS = {
    "title": "Screening talks in the mosque",
    "summary": "Women who had never been screened booked appointments.",
    "what_we_did": "A logic model.",
    "outcome": "Funding for a feasibility study.",
}


@pytest.fixture
def second_adviser(db):
    return UserFactory(full_name="Tom Second", is_adviser=True)


def approve(case_study, by, reviewer):
    review = services.send_for_review(case_study=case_study, by=by, reviewers=[reviewer])
    reviews.decide(review=review, obj=case_study, by=reviewer, decision=Decision.APPROVED)


def test_publishing_needs_a_second_advisers_approval(adviser, second_adviser):
    case_study = services.create_case_study(by=adviser, fields=FIELDS)
    with pytest.raises(services.LibraryError, match="approval"):
        services.publish(case_study=case_study, by=adviser)
    with pytest.raises(services.LibraryError, match="cannot review"):
        services.send_for_review(case_study=case_study, by=second_adviser, reviewers=[adviser])
    approve(case_study, adviser, second_adviser)
    case_study.refresh_from_db()
    assert case_study.status == Status.IN_REVIEW
    published = services.publish(case_study=case_study, by=adviser)
    assert published.status == Status.PUBLISHED
    assert published.first_published is not None
    assert published.last_reviewed == timezone.localdate()
    assert [c.note for c in published.changes.all()] == ["First published."]


def test_a_change_after_approval_needs_a_new_review(adviser, second_adviser):
    case_study = services.create_case_study(by=adviser, fields=FIELDS)
    approve(case_study, adviser, second_adviser)
    case_study.refresh_from_db()
    services.save_case_study(
        case_study=case_study,
        expected_version=case_study.version,
        by=adviser,
        fields={**FIELDS, "outcome": "Something else."},
        themes=[],
        claims=[],
    )
    case_study.refresh_from_db()
    assert case_study.status == Status.DRAFT
    with pytest.raises(services.LibraryError):
        services.publish(case_study=case_study, by=adviser)


def test_a_quote_is_published_only_with_consent_recorded(adviser, second_adviser):
    case_study = services.create_case_study(by=adviser, fields={**FIELDS, "testimonial": "It changed everything."})
    approve(case_study, adviser, second_adviser)
    with pytest.raises(services.LibraryError, match="consent"):
        services.publish(case_study=case_study, by=adviser)


def test_a_published_change_says_what_changed(adviser):
    case_study = LibraryCaseStudyFactory(published=True, owner=adviser)
    edit = {"case_study": case_study, "expected_version": 1, "by": adviser, "themes": [], "claims": []}
    fields = {**FIELDS, "project": None, "region": "east", "organisation_types": [], "support_given": []}
    with pytest.raises(services.LibraryError, match="Say what changed"):
        services.save_case_study(fields=fields, **edit)
    services.save_case_study(fields=fields, change_note="Outcome updated.", **edit)
    assert [c.note for c in case_study.changes.all()] == ["Outcome updated."]
    assert CaseStudy.objects.get().status == Status.PUBLISHED


def test_the_support_given_alone_changing_is_a_change_and_is_saved_as_rows(adviser):
    case_study = LibraryCaseStudyFactory(published=True, owner=adviser, support_given=["logic_model"])
    edit = {"case_study": case_study, "by": adviser, "themes": [], "claims": []}
    same = {f: getattr(case_study, f) for f in ("title", "summary", "what_we_did", "outcome", "region")}
    with pytest.raises(services.LibraryError, match="Say what changed"):
        services.save_case_study(fields={**same, "support_given": ["grant_support"]}, expected_version=1, **edit)
    services.save_case_study(
        fields={**same, "support_given": ["grant_support", "evaluation"]},
        expected_version=1,
        change_note="Added the grant support.",
        **edit,
    )
    assert services.supports_of(case_study) == {"grant_support", "evaluation"}
    # The same again changes nothing: no new version, no note.
    services.save_case_study(
        fields={**same, "support_given": ["evaluation", "grant_support"]}, expected_version=2, **edit
    )
    assert CaseStudy.objects.get().version == 2 and case_study.changes.count() == 1


def test_archiving_keeps_the_page_with_a_notice(adviser):
    case_study = LibraryCaseStudyFactory(published=True)
    with pytest.raises(services.LibraryError):
        services.archive(case_study=case_study, by=adviser, notice=" ")
    services.archive(case_study=case_study, by=adviser, notice="The service closed.")
    case_study.refresh_from_db()
    assert (case_study.status, case_study.archive_notice) == (Status.ARCHIVED, "The service closed.")
    services.unpublish(case_study=case_study, by=adviser)
    assert CaseStudy.objects.get().status == Status.DRAFT


def test_claims_come_from_the_case_studys_project(adviser, project):
    other = ImpactClaimFactory()
    with pytest.raises(services.LibraryError, match="project"):
        services.create_case_study(by=adviser, fields={**FIELDS, "project": project}, claims=[other])


def test_starting_from_an_output_copies_its_text_and_links_back(adviser):
    output = OutputFactory(
        kind=Kind.CASE_STUDY,
        title="TOGETHER-Screen",
        testimonial="It worked.",
        testimonial_by="Dr Aisha Rahman",
        testimonial_consent=True,
        testimonial_consent_date=datetime.date(2025, 10, 2),
    )
    SectionFactory(output=output, heading="Summary", body="Short.", position=0)
    SectionFactory(output=output, heading="What we did", body="Workshops.", position=1)
    SectionFactory(output=output, heading="Outcome and impact", body="Funding.", position=2)
    case_study = services.create_from_output(output=output, by=adviser)
    assert (case_study.summary, case_study.what_we_did, case_study.outcome) == ("Short.", "Workshops.", "Funding.")
    assert case_study.source_output == output
    assert case_study.project == output.project
    assert not services.lacks_consent(case_study)
    # Its own record: a later change to the output leaves it alone.
    output.sections.filter(heading="Summary").update(body="Changed.")
    case_study.refresh_from_db()
    assert case_study.summary == "Short."


def test_owners_are_reminded_a_year_after_the_last_review(db, mailoutbox, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    due = LibraryCaseStudyFactory(published=True, last_reviewed=today - datetime.timedelta(days=400))
    LibraryCaseStudyFactory(published=True, last_reviewed=today - datetime.timedelta(days=200))
    LibraryCaseStudyFactory(last_reviewed=today - datetime.timedelta(days=400))  # a draft: not public, no reminder
    with django_capture_on_commit_callbacks(execute=True):  # queued when the command's write commits
        call_command("send_library_reminders", stdout=StringIO())
    assert [m.to for m in mailoutbox] == [[due.owner.email]]
    assert due.title in mailoutbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_library_reminders", stdout=StringIO())
    assert len(mailoutbox) == 1  # not again the next day
    services.mark_reviewed(case_study=due, by=due.owner)
    due.refresh_from_db()
    assert due.last_reviewed == today and due.review_reminded_on is None


def test_level_of_evidence(db):
    from mobilise.library.presenting import DOCUMENTED, REPORTED, TESTIMONY, level_of_evidence

    claim = ImpactClaimFactory()
    assert level_of_evidence(claim) == REPORTED
    EvidenceFactory(claim=claim, kind="testimonial")
    assert level_of_evidence(claim) == TESTIMONY
    EvidenceFactory(claim=claim, kind="link", url="https://example.org/")
    assert level_of_evidence(claim) == DOCUMENTED
    assert mail.outbox == []
