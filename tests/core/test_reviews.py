"""Review of any object (core/reviews.py), through its first user: tailored outputs."""

import pytest
from django.core import mail
from django.urls import reverse

from mobilise.core import reviews
from mobilise.core.models import Decision, ReviewState
from mobilise.library.services import LibraryError
from mobilise.outputs import services
from mobilise.outputs.models import Output, Status
from mobilise.outputs.reviewing import section_key

from ..factories import LibraryCaseStudyFactory, OutputFactory, SectionFactory, UserFactory


@pytest.fixture
def output(project, lead):
    made = OutputFactory(project=project, created_by=lead, title="Champions raise uptake")
    SectionFactory(output=made, heading="Key messages", body="Uptake rose.")
    SectionFactory(output=made, heading="What we found", body="Women came.")
    return made


def test_the_sender_names_reviewers_who_are_emailed_a_link(output, lead, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        review = reviews.request_review(obj=output, by=lead, reviewers=[member], message="By Friday, please")
    assert [m.to for m in mail.outbox] == [[member.email]]
    message = mail.outbox[0]
    assert "Champions raise uptake" in message.subject and message.reply_to == [lead.email]
    assert reverse("review", args=[review.pk]) in message.body and "By Friday, please" in message.body
    assert Output.objects.get(pk=output.pk).status == Status.IN_REVIEW


def test_reviewers_must_be_named_see_it_and_not_have_written_it(project, output, lead, member, outsider, adviser):
    with pytest.raises(reviews.ReviewError, match="at least one reviewer"):
        reviews.request_review(obj=output, by=member, reviewers=[])
    with pytest.raises(reviews.ReviewError, match="cannot see this output"):
        reviews.request_review(obj=output, by=lead, reviewers=[outsider])
    with pytest.raises(reviews.ReviewError, match="wrote this output, so cannot review it"):
        reviews.request_review(obj=output, by=member, reviewers=[lead])  # lead started it
    with pytest.raises(reviews.ReviewError, match="wrote this output"):
        reviews.request_review(obj=output, by=adviser, reviewers=[adviser])  # the sender is an author too
    assert set(reviews.choices_for(output, member)) == set(reviews.adapter_for(output).reviewer_choices(output)) - {
        lead,
        member,
    }
    assert not mail.outbox


@pytest.fixture
def adviser(project, adviser):
    """The project's own KMb adviser, so on its team."""
    project.advisers.add(adviser)
    return adviser


def test_an_author_never_approves_their_own_work(output, lead, member, adviser):
    review = reviews.request_review(obj=output, by=member, reviewers=[adviser])
    for author in (member, lead):  # who sent it, and who wrote it
        with pytest.raises(reviews.ReviewError, match="You are an author of this output") as refused:
            reviews.decide(review=review, obj=output, by=author, decision=Decision.APPROVED)
        assert "a reviewer it was sent to must" in str(refused.value)
    assert not reviews.is_approved(output)
    with pytest.raises(services.OutputError, match="cannot be moved"):
        services.transition(output=output, action="publish", by=lead, may_approve=True)


def test_only_a_named_reviewer_decides_and_changes_send_it_back(project, output, lead, member, viewer, adviser):
    review = reviews.request_review(obj=output, by=lead, reviewers=[member, adviser])
    with pytest.raises(reviews.ReviewError, match="Only the reviewers this output was sent to"):
        reviews.decide(review=review, obj=output, by=viewer, decision=Decision.APPROVED)
    review = reviews.decide(review=review, obj=output, by=member, decision=Decision.APPROVED)
    assert review.state == ReviewState.APPROVED and reviews.is_approved(output)
    review = reviews.decide(review=review, obj=output, by=adviser, decision=Decision.CHANGES_REQUESTED)
    assert review.state == ReviewState.CHANGES_REQUESTED and not reviews.is_approved(output)
    assert Output.objects.get(pk=output.pk).status == Status.DRAFT


def test_comments_are_tied_to_a_section_the_object_declares(output, lead, member, outsider):
    review = reviews.request_review(obj=output, by=lead, reviewers=[member])
    key = section_key(output.sections.get(heading="What we found"))
    note = reviews.comment(review=review, obj=output, by=member, text="Say how many women.", section=key)
    assert note.section == key and note.object_version == output.version
    with pytest.raises(reviews.ReviewError, match="Choose a section"):
        reviews.comment(review=review, obj=output, by=member, text="x", section="s999999")
    with pytest.raises(reviews.ReviewError, match="Only the team"):
        reviews.comment(review=review, obj=output, by=outsider, text="x")
    grouped = {
        label: [c.text for c in found] for _, label, found in reviews.comments_by_section(review, [(key, "Found")])
    }
    assert grouped == {"The whole of it": [], "Found": ["Say how many women."]}


def test_a_new_version_needs_a_new_approval(output, lead, member):
    review = reviews.request_review(obj=output, by=lead, reviewers=[member])
    reviews.decide(review=review, obj=output, by=member, decision=Decision.APPROVED)
    output.refresh_from_db()
    section = output.sections.first()
    services.save_output(
        output=output, expected_version=output.version, title="New", bodies={section.pk: ("Key", "New.")}, by=lead
    )
    assert not reviews.is_approved(output) and reviews.latest(output).state == ReviewState.WITHDRAWN


def test_review_page_comment_and_decide(client, output, lead, member):
    review = reviews.request_review(obj=output, by=lead, reviewers=[member])
    url = reverse("review", args=[review.pk])
    client.force_login(lead)
    page = client.get(url).content.decode()
    assert "You are an author of this output" in page and 'value="approved"' not in page
    refused = client.post(url, {"action": "approved"}, follow=True).content.decode()
    assert "You are an author of this output" in refused
    client.force_login(member)
    assert 'value="approved"' in client.get(url).content.decode()
    key = section_key(output.sections.get(heading="Key messages"))
    empty = client.post(url, {"action": "comment", "section": key, "text": ""})
    assert "Enter your comment" in empty.content.decode()
    client.post(url, {"action": "comment", "section": key, "text": "Lead with the number."})
    done = client.post(url, {"action": "approved"}, follow=True).content.decode()
    assert "Your decision is recorded: approved." in done
    assert "Key messages" in done and "Lead with the number." in done
    client.force_login(lead)
    detail = client.get(reverse("outputs:output", args=[output.project_id, output.pk])).content.decode()
    assert "about “Key messages”" in detail and "Lead with the number." in detail
    published = client.post(reverse("outputs:action", args=[output.project_id, output.pk]), {"action": "publish"})
    assert published.status_code == 302 and Output.objects.get(pk=output.pk).status == Status.PUBLISHED


def test_send_for_review_page_lists_the_team_less_its_authors(
    client, project, output, lead, member, viewer, django_capture_on_commit_callbacks
):
    client.force_login(lead)
    url = reverse("outputs:review", args=[project.pk, output.pk])
    page = client.get(url).content.decode()
    assert member.full_name in page and viewer.full_name in page and f">{lead.full_name}<" not in page
    assert "Select at least one reviewer" in client.post(url, {}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url, {"reviewers": [member.pk], "message": ""}, follow=True).content.decode()
    assert f"Sent for review to {member}" in sent and len(mail.outbox) == 1
    stranger = UserFactory()
    assert "Select a valid choice" in client.post(url, {"reviewers": [stranger.pk]}).content.decode()


def test_send_for_review_refuses_what_its_adapter_does_not_send_in_the_apps_own_error(output, lead, member, adviser):
    Output.objects.filter(pk=output.pk).update(status=Status.APPROVED)
    with pytest.raises(services.OutputError, match="^A approved output cannot be sent for review$"):
        reviews.send_for_review(output, error=services.OutputError, by=lead, reviewers=[member])
    case_study = LibraryCaseStudyFactory(published=True)
    with pytest.raises(LibraryError, match="^A published case study cannot be sent for review$"):
        reviews.send_for_review(case_study, error=LibraryError, by=adviser, reviewers=[UserFactory(is_adviser=True)])
    Output.objects.filter(pk=output.pk).update(status=Status.IN_REVIEW)
    with pytest.raises(services.OutputError, match="^Name at least one reviewer$"):  # core's refusal, as the app's
        reviews.send_for_review(output, error=services.OutputError, by=lead, reviewers=[])
    review = reviews.send_for_review(output, error=services.OutputError, by=lead, reviewers=[member])
    assert review.state == ReviewState.REQUESTED and [r.user for r in review.reviewers.all()] == [member]
