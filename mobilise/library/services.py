"""Writes to the library. Each function is one transaction; errors are LibraryError with a message fit to show."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from mobilise.core import mail, reviews
from mobilise.core.links import absolute_url
from mobilise.core.versioning import check_version
from mobilise.evaluation.models import ImpactClaim
from mobilise.outputs.models import Kind, Output
from mobilise.outputs.services import CONSENT_MISSING, quote_lacks_consent
from mobilise.projects.models import Theme

from .access import due_for_review
from .models import EDITED_FIELDS, CaseStudy, ChangeNote, Status, SupportGiven

# The saved fields a change to which is a new version (a review was of other words): the themes are compared as a
# set, and who looks after an entry is not part of what readers see.
CONTENT = [name for name in EDITED_FIELDS if name not in ("themes", "owner")]
REMIND_AGAIN_DAYS = 30


class LibraryError(Exception):
    pass


def lacks_consent(case_study: CaseStudy) -> bool:
    """Outputs' rule for quotes: consent is recorded when we know when and how it was given."""
    return quote_lacks_consent(
        quote=case_study.testimonial,
        consented=bool(case_study.testimonial_consent_how.strip()),
        consent_date=case_study.testimonial_consent_date,
    )


def _unique_slug(title: str, pk: int | None = None) -> str:
    base = slugify(title)[:200].strip("-") or "case-study"
    slug, n = base, 2
    while CaseStudy.objects.filter(slug=slug).exclude(pk=pk or 0).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _note(case_study: CaseStudy, note: str) -> None:
    ChangeNote.objects.create(case_study=case_study, date=timezone.now(), note=note)


def _check_claims(project: Any, claims: Iterable[ImpactClaim]) -> list[ImpactClaim]:
    claims = list(claims)
    if any(project is None or claim.project_id != project.pk for claim in claims):
        raise LibraryError("Link only claims of impact from this case study's project")
    return claims


def supports_of(case_study: CaseStudy) -> set[str]:
    return set(case_study.supports.values_list("support", flat=True))


def _set_supports(case_study: CaseStudy, codes: Iterable[str]) -> None:
    """The entry's support given becomes `codes` (each once): rows gone are deleted, new ones added."""
    wanted, have = set(codes), supports_of(case_study)
    case_study.supports.exclude(support__in=wanted).delete()
    SupportGiven.objects.bulk_create(SupportGiven(case_study=case_study, support=c) for c in sorted(wanted - have))


@transaction.atomic
def create_case_study(
    *, by: Any, fields: dict[str, Any], themes: Iterable[Theme] = (), claims: Iterable[ImpactClaim] = ()
) -> CaseStudy:
    """`fields` are the entry's own, and `support_given`: the codes of the support given (Support)."""
    fields = {"owner": by, **fields}
    supports = fields.pop("support_given", ())
    claims = _check_claims(fields.get("project"), claims)
    case_study = CaseStudy.objects.create(created_by=by, slug=_unique_slug(fields["title"]), **fields)
    _set_supports(case_study, supports)
    case_study.themes.set(themes)
    case_study.claims.set(claims)
    return case_study


def _paragraphs(sections: list[tuple[str, str]]) -> str:
    return "\n\n".join(f"{heading}\n\n{body}".strip() if heading else body for heading, body in sections if body)


@transaction.atomic
def create_from_output(*, output: Output, by: Any) -> CaseStudy:
    """A library entry that starts from a project's case-study output: its text copied (the entry is its own
    record from then on), the testimonial with it, and a link back to the output."""
    if output.kind != Kind.CASE_STUDY:
        raise LibraryError("Choose one of the project's case studies")
    sections = [(s.heading, s.body) for s in output.sections.all()]
    by_heading = {heading.strip().lower(): body for heading, body in sections}
    known = {"summary", "what we did", "outcome and impact", "what happens next"}
    outcome = [
        ("", by_heading.get("outcome and impact", "")),
        ("What happens next", by_heading.get("what happens next", "")),
    ]
    fields = {
        "title": output.title,
        "summary": by_heading.get("summary", ""),
        "what_we_did": _paragraphs(
            [("", by_heading.get("what we did", ""))] + [s for s in sections if s[0].strip().lower() not in known]
        ),
        "outcome": _paragraphs(outcome),
        "testimonial": output.testimonial,
        "testimonial_name": output.testimonial_by,
        "testimonial_consent_date": output.testimonial_consent_date if output.testimonial_consent else None,
        "testimonial_consent_how": "Recorded with the project's case-study output"
        if output.testimonial_consent
        else "",
        "project": output.project,
    }
    case_study = create_case_study(by=by, fields=fields, themes=output.project.themes.all())
    case_study.source_output = output
    case_study.save(update_fields=["source_output"])
    return case_study


@transaction.atomic
def save_case_study(
    *,
    case_study: CaseStudy,
    expected_version: int,
    by: Any,
    fields: dict[str, Any],
    themes: Iterable[Theme],
    claims: Iterable[ImpactClaim],
    change_note: str = "",
) -> CaseStudy:
    """Save the editor's text. A draft or one in review that changes goes back to draft (the review was of other
    words); a published one that changes says what changed in its public change history."""
    current = CaseStudy.objects.select_for_update().get(pk=case_study.pk)
    fields = dict(fields)
    had = supports_of(current)
    supports = set(fields.pop("support_given", had))
    check_version(current, expected_version, fields)
    themes, claims = list(themes), _check_claims(fields.get("project", current.project), claims)
    before = [getattr(current, name) for name in CONTENT], set(current.themes.all()), set(current.claims.all()), had
    owner = current.owner_id
    for name, value in fields.items():
        setattr(current, name, value)
    changed = before != ([getattr(current, name) for name in CONTENT], set(themes), set(claims), supports)
    if not changed:
        if current.owner_id != owner:  # who looks after it is not part of what readers see
            current.save(update_fields=["owner", "updated"])
        return current
    if current.status in (Status.PUBLISHED, Status.ARCHIVED):
        if not change_note.strip():
            raise LibraryError("Say what changed: the note shows in the public change history")
        if lacks_consent(current):
            raise LibraryError(CONSENT_MISSING)
        _note(current, change_note.strip())
    elif current.status == Status.IN_REVIEW:
        current.status = Status.DRAFT
        reviews.withdraw(obj=current, by=by)
    current.version += 1
    current.save()
    current.themes.set(themes)
    current.claims.set(claims)
    _set_supports(current, supports)
    return current


@transaction.atomic
def send_for_review(*, case_study: CaseStudy, by: Any, reviewers: Iterable[Any], message: str = "") -> reviews.Review:
    return reviews.send_for_review(case_study, error=LibraryError, by=by, reviewers=reviewers, message=message)


def _locked(case_study: CaseStudy, *statuses: str) -> CaseStudy:
    current = CaseStudy.objects.select_for_update().get(pk=case_study.pk)
    if current.status not in statuses:
        raise LibraryError(f"A {current.get_status_display().lower()} case study cannot be moved that way")
    return current


@transaction.atomic
def publish(*, case_study: CaseStudy, by: Any) -> CaseStudy:
    """Publish after a second adviser approved this version; the quote only with its consent recorded."""
    current = _locked(case_study, Status.DRAFT, Status.IN_REVIEW)
    if not reviews.is_approved(current):
        raise LibraryError("Publishing needs a second adviser's approval of this version: send it for review")
    if lacks_consent(current):
        raise LibraryError(CONSENT_MISSING)
    now = timezone.now()
    _note(current, "First published." if current.first_published is None else "Published again.")
    current.first_published = current.first_published or now
    current.last_reviewed = current.last_reviewed or timezone.localdate()
    current.status = Status.PUBLISHED
    current.save()
    return current


@transaction.atomic
def unpublish(*, case_study: CaseStudy, by: Any) -> CaseStudy:
    """Back to draft: the public page goes (to archive it with a notice instead, see archive)."""
    current = _locked(case_study, Status.PUBLISHED, Status.ARCHIVED)
    reviews.withdraw(obj=current, by=by)
    current.status = Status.DRAFT
    current.save()
    return current


@transaction.atomic
def archive(*, case_study: CaseStudy, by: Any, notice: str) -> CaseStudy:
    """Archive a published entry: its page stays, with the notice saying why, but it leaves the list and feed."""
    current = _locked(case_study, Status.PUBLISHED)
    if not notice.strip():
        raise LibraryError("Say why it is archived: the notice shows on its page")
    current.status, current.archive_notice = Status.ARCHIVED, notice.strip()
    current.save()
    _note(current, f"Archived: {notice.strip()}")
    return current


@transaction.atomic
def mark_reviewed(*, case_study: CaseStudy, by: Any) -> CaseStudy:
    """Someone checked it is still right: the "last reviewed" date is today, and its reminder clock starts again."""
    current = _locked(case_study, Status.PUBLISHED, Status.ARCHIVED)
    current.last_reviewed, current.review_reminded_on = timezone.localdate(), None
    current.save(update_fields=["last_reviewed", "review_reminded_on", "updated"])
    return current


def _reminder(case_study: CaseStudy) -> str:
    owner = case_study.owner
    assert owner is not None
    since = case_study.last_reviewed or timezone.localdate(case_study.first_published)
    return "\n".join(
        [
            f"Dear {owner.full_name or owner.email},",
            "",
            f"The case study “{case_study.title}” in the {settings.SITE_NAME} library was last reviewed on "
            f"{since.day} {since:%B %Y}, more than 12 months ago.",
            "",
            "Please check it is still right: update it (with a note of what changed), archive it with a notice, or "
            "mark it as reviewed:",
            absolute_url(reverse("library:manage", args=[case_study.pk])),
            "",
            "You get this email because you own this case study.",
        ]
    )


@transaction.atomic
def send_review_reminders(*, today: date) -> int:
    """Email each owner of a case study not reviewed for 12 months (again after REMIND_AGAIN_DAYS if still not)."""
    count = 0
    for case_study in due_for_review(today).select_for_update(of=("self",)):
        reminded = case_study.review_reminded_on
        if case_study.owner is None or not case_study.owner.is_active:
            continue
        if reminded is not None and (today - reminded).days < REMIND_AGAIN_DAYS:
            continue
        mail.send_mail(
            subject=f"Please review the case study “{case_study.title}”",
            body=_reminder(case_study),
            to=[case_study.owner.email],
        )
        case_study.review_reminded_on = today
        case_study.save(update_fields=["review_reminded_on"])
        count += 1
    return count
