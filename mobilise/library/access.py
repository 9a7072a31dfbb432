"""Who sees which case studies, and the reads every library page goes through.

Drafts and the staff pages are the support organisation's business: advisers and administrators only (the same
rule as support requests, `support.triage`); everyone else gets 404. Published and archived entries are public."""

from datetime import date, datetime
from typing import Any

import rules
from django.core.cache import cache
from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from mobilise.core.periods import within
from mobilise.evaluation.models import Evidence, ImpactClaim
from mobilise.projects.models import Theme
from mobilise.projects.rules import is_organisation_staff, require

from .models import PUBLIC_STATUSES, CaseStudy, ChangeNote, Status

MANAGE = "library.manage"


rules.add_perm(MANAGE, is_organisation_staff)


def require_staff(user: Any) -> None:
    require(user, MANAGE)


def _with_claims(queryset: QuerySet[CaseStudy]) -> QuerySet[CaseStudy]:
    claims = ImpactClaim.objects.prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.only("pk", "kind", "claim"))
    )
    return queryset.prefetch_related(Prefetch("claims", queryset=claims))


def staff_case_studies(user: Any) -> QuerySet[CaseStudy]:
    require_staff(user)
    return CaseStudy.objects.select_related("owner", "project").order_by("-updated", "-pk")


def get_staff_case_study(user: Any, pk: int) -> CaseStudy:
    queryset = _with_claims(staff_case_studies(user).select_related("source_output")).prefetch_related(
        "themes", "changes", "supports"
    )
    return get_object_or_404(queryset, pk=pk)


# What a card, the feed and the home page never show. Left out of the list's rows: a search sorts every match, and
# rows without their long texts sort several times faster.
LONG_TEXT = ["what_we_did", "outcome", "testimonial", "testimonial_consent_how", "archive_notice"]


def published() -> QuerySet[CaseStudy]:
    """The library's list, search and feed: published entries, newest first, with what a card shows."""
    return (
        CaseStudy.objects.filter(status=Status.PUBLISHED)
        .defer(*LONG_TEXT)
        .prefetch_related("themes")
        .order_by("-first_published", "-pk")
    )


def get_public(slug: str) -> CaseStudy:
    """A published or archived entry (archived pages stay, with their notice); 404 for drafts and unknowns."""
    queryset = _with_claims(CaseStudy.objects.filter(status__in=PUBLIC_STATUSES).select_related("project"))
    changes = Prefetch("changes", queryset=ChangeNote.objects.order_by("-date"))
    queryset = queryset.prefetch_related("themes", changes, "supports")
    return get_object_or_404(queryset, slug=slug)


def themes_in_use() -> QuerySet[Theme]:
    """The themes of at least one published entry: one query, each theme's first published entry found through
    the themes table's index rather than every entry joined and made distinct."""
    entries = CaseStudy.themes.through.objects.filter(theme=OuterRef("pk"), casestudy__status=Status.PUBLISHED)
    return Theme.objects.filter(Exists(entries)).order_by("name")


def choices() -> tuple[list[tuple[int, str]], list[int]]:
    """What the library's filters offer, (theme, name) pairs and years, as worked out at most a minute ago: they
    change when an entry is published, while every search reads them; the results themselves are always live."""
    return cache.get_or_set(  # type: ignore[return-value]
        "library-choices", lambda: (list(themes_in_use().values_list("pk", "name")), years_published()), 60
    )


def years_published() -> list[int]:
    """The years with a published entry, newest first. Two queries through the status index: the first and last
    dates, then whether each year between them has an entry (a date range each, stopping at the first entry found),
    never a date function run on every row (SQLite's are Python calls)."""
    entries = CaseStudy.objects.filter(status=Status.PUBLISHED, first_published__isnull=False)
    span = entries.aggregate(first=Min("first_published"), last=Max("first_published"))
    if span["first"] is None:
        return []
    first, last = (timezone.localtime(span[end]).year for end in ("first", "last"))
    years = range(last, first - 1, -1)
    found = entries.annotate(**{f"y{y}": Exists(entries.filter(first_published__year=y)) for y in years})
    row = found.values(*(f"y{y}" for y in years)).order_by()[:1].get()
    return [y for y in years if row[f"y{y}"]]


def year_before(today: date) -> date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return today.replace(year=today.year - 1, day=28)


def due_for_review(today: date) -> QuerySet[CaseStudy]:
    """Published entries not reviewed for 12 months (counting from first publication if never reviewed), with their
    owner."""
    cutoff = year_before(today)
    never = Q(last_reviewed__isnull=True, first_published__date__lte=cutoff)
    return (
        CaseStudy.objects.filter(status=Status.PUBLISHED)
        .filter(Q(last_reviewed__lte=cutoff) | never)
        .select_related("owner")
        .order_by("pk")
    )


def published_between(start: date, end: date) -> tuple[list[tuple[str, str, datetime | None]], list[tuple[str, int]]]:
    """(each entry first published in the period, archived since or not, as (title, project short title or "",
    first published), oldest first; the themes of those entries with how many each, most first): the programme
    report, as plain rows in two queries."""
    entries = CaseStudy.objects.filter(within("first_published", start, end), status__in=PUBLIC_STATUSES)
    rows = entries.order_by("first_published", "pk").values_list("title", "project__short_title", "first_published")
    themes = (
        Theme.objects.filter(library_entries__in=entries)
        .values_list("name")
        .annotate(n=Count("library_entries"))
        .order_by("-n", "name")
    )
    return [(title, project or "", first) for title, project, first in rows], list(themes)
