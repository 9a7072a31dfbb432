"""Writes to findings, audiences and outputs. Each function is one transaction."""

import datetime

from django.db import transaction

from mobilise.core import happenings, reviews
from mobilise.core.services import save_fields
from mobilise.core.versioning import check_version
from mobilise.documents.text import clean_text

from .assembly import sections_for
from .models import Audience, Dissemination, Finding, GlossaryTerm, Kind, Output, Section, Status, Version


class OutputError(Exception):
    pass


@transaction.atomic
def save_finding(*, project, finding=None, **fields):
    if finding is None:
        finding = Finding(project=project, position=project.findings.count())
    return save_fields(finding, fields)


@transaction.atomic
def delete_finding(*, finding):
    finding.delete()


@transaction.atomic
def save_audience(*, project, audience=None, stakeholders=(), **fields):
    audience = save_fields(audience or Audience(project=project), fields)
    audience.stakeholders.set(stakeholders)
    return audience


def content(output, sections):
    """The versioned part of an output as plain data."""
    return {"title": output.title, "sections": [{"heading": s.heading, "body": s.body} for s in sections]}


@transaction.atomic
def create_output(*, project, kind, audience, findings, title, by, lead=None):
    output = Output.objects.create(project=project, kind=kind, audience=audience, title=title, created_by=by)
    output.findings.set(findings)
    sections = [
        Section(output=output, heading=heading, body=body, position=position)
        for position, (heading, body) in enumerate(
            sections_for(kind, project=project, audience=audience, findings=list(findings), lead=lead)
        )
    ]
    Section.objects.bulk_create(sections)
    Version.objects.create(output=output, number=1, data=content(output, sections), created_by=by)
    return output


@transaction.atomic
def save_output(*, output, expected_version, title, bodies, by, testimonial=None):
    """Save the editor's text. bodies maps section id to (heading, body). A change makes a new version;
    an output in review or approved that changes goes back to draft, since the review was of other words."""
    current = Output.objects.select_for_update().get(pk=output.pk)
    if current.status == Status.PUBLISHED:
        raise OutputError("A published output cannot change. Start a new draft to revise it.")
    check_version(current, expected_version)
    sections = list(current.sections.all())
    before = content(current, sections)
    current.title = title
    for section in sections:
        if section.pk in bodies:
            section.heading, section.body = bodies[section.pk]
    if testimonial is not None:
        for name, value in testimonial.items():
            setattr(current, name, value)
    after = content(current, sections)
    changed = after != before
    if changed:
        Section.objects.bulk_update(sections, ["heading", "body"])
        current.version += 1
        Version.objects.create(output=current, number=current.version, data=after, created_by=by)
        if current.status in (Status.IN_REVIEW, Status.APPROVED):
            current.status = Status.DRAFT
            reviews.withdraw(obj=current, by=by)
    current.save()
    return current, changed


CONSENT_MISSING = "Record the quoted person's consent, with its date, before publishing the case study"


def quote_lacks_consent(*, quote: str, consented: bool, consent_date: datetime.date | None) -> bool:
    """The one rule for quoting someone in a case study (an output here, a library entry too): the quote goes out
    only with their consent recorded, and the date they gave it."""
    return bool(quote) and not (consented and consent_date)


TRANSITIONS = {
    # action: (from statuses, to status, needs the right to publish). Review (in review, approved, changes
    # requested) moves through core/reviews.py: send_for_review here, decisions on the review page.
    "publish": ({Status.APPROVED}, Status.PUBLISHED, True),
    "return": ({Status.IN_REVIEW, Status.APPROVED}, Status.DRAFT, False),
    "reopen": ({Status.PUBLISHED}, Status.DRAFT, True),
}


@transaction.atomic
def send_for_review(*, output: Output, by, reviewers, message: str = "") -> reviews.Review:
    """Name the reviewers (each is emailed); the output is in review until one decides."""
    return reviews.send_for_review(output, error=OutputError, by=by, reviewers=reviewers, message=message)


@transaction.atomic
def transition(*, output, action, by, may_approve):
    if action not in TRANSITIONS:
        raise OutputError("Unknown action")
    sources, target, needs_approver = TRANSITIONS[action]
    current = Output.objects.select_for_update().get(pk=output.pk)
    if current.status not in sources:
        raise OutputError(f"A {current.get_status_display().lower()} output cannot be moved that way")
    if needs_approver and not may_approve:
        raise OutputError("Only the project lead or a KMb adviser can publish")
    if action == "publish" and not reviews.is_approved(current):
        raise OutputError("Publishing needs an approval from a reviewer it was sent to, of this version")
    if (
        action == "publish"
        and current.kind == Kind.CASE_STUDY
        and quote_lacks_consent(
            quote=current.testimonial,
            consented=current.testimonial_consent,
            consent_date=current.testimonial_consent_date,
        )
    ):
        raise OutputError(CONSENT_MISSING)
    if action == "return":
        reviews.withdraw(obj=current, by=by)
    current.status = target
    current.save()
    if action == "publish":
        happenings.announce("output.published", current, project=current.project)
    return current


@transaction.atomic
def record_sending(*, output, stakeholders, sent_on, channel, note, by):
    if not stakeholders:
        raise OutputError("Choose at least one stakeholder it was sent to")
    sending = Dissemination.objects.create(output=output, sent_on=sent_on, channel=channel, note=note, sent_by=by)
    sending.stakeholders.set(stakeholders)
    return sending


@transaction.atomic
def add_to_audience(*, audience, stakeholders):
    """Add stakeholders of the audience's project to it; those already in it stay. Returns how many were added."""
    if any(s.project_id != audience.project_id for s in stakeholders):
        raise OutputError("Choose stakeholders of this project")
    have = set(audience.stakeholders.values_list("pk", flat=True))
    added = [s for s in stakeholders if s.pk not in have]
    audience.stakeholders.add(*added)
    return len(added)


@transaction.atomic
def add_glossary_term(*, term, plain):
    # Posted straight from the page, not through a form: clean here, as a form would (PostgreSQL refuses a NUL).
    term, plain = clean_text(term).strip(), clean_text(plain).strip()
    if not (term and plain) or len(term) > 100 or len(plain) > 200:
        raise OutputError("Enter the term (up to 100 characters) and its plain alternative (up to 200)")
    if GlossaryTerm.objects.filter(term__iexact=term).exists():
        raise OutputError(f"“{term}” is already in the glossary")
    return GlossaryTerm.objects.create(term=term, plain=plain)


@transaction.atomic
def delete_glossary_term(*, pk):
    GlossaryTerm.objects.filter(pk=pk).delete()
