"""The public library, open without signing in: search and filter the published case studies, read one (also as
a printable page and a tagged PDF), and follow new ones in an Atom feed. None of it needs JavaScript."""

from datetime import datetime

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import slugify

from mobilise.core.links import absolute_url
from mobilise.core.models import SiteSettings
from mobilise.core.paging import paginate
from mobilise.documents import output_doc

from .. import access, presenting, search
from ..forms import LibraryFilterForm
from ..models import CaseStudy, Region, Status, Support

PER_PAGE = 10


def library(request):
    themes, years = access.choices()
    filters = LibraryFilterForm(request.GET, themes=themes, years=years)
    ignored = filters.ignored()
    if ignored:
        messages.info(request, f"We could not use the {' and '.join(ignored)} you chose, so we left it out.")
    queryset = search.search(filters.filter_qs(access.published()), filters.values["q"] or "")
    page, querystring = paginate(request, queryset, PER_PAGE, "page")
    context = {
        "site": SiteSettings.load(),
        "page": page,
        "querystring": querystring,
        "filters": filters,
        "values": filters.values,
        "regions": Region.choices,
        "supports": Support.choices,
        "filtered": any(v for v in filters.values.values()),
        "nav": None,
    }
    return render(request, "library/library.html", context)


def case_study(request, slug):
    entry = access.get_public(slug)
    context = {
        "site": SiteSettings.load(),
        "case_study": entry,
        "testimonial": presenting.testimonial(entry),
        "facets": presenting.facets(entry),
        "claims": presenting.claims(entry),
        "json_ld": presenting.json_ld(entry),
        "open_graph": presenting.open_graph(entry),
        "canonical": absolute_url(presenting.public_url(entry)),
        "about": presenting.ABOUT,
        "nav": None,
    }
    return render(request, "library/case_study.html", context)


def pdf(request, slug):
    entry = access.get_public(slug)
    response = HttpResponse(output_doc.output_pdf(presenting.document(entry)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{slugify(entry.title)[:60] or "case-study"}.pdf"'
    return response


class LibraryFeed(Feed):
    """The newest published case studies, as Atom."""

    feed_type = Atom1Feed
    title = "Case studies"
    subtitle = "What research teams achieved with our knowledge mobilisation support."
    link = "/case-studies/"

    def items(self):
        return access.published().filter(status=Status.PUBLISHED)[:20]

    def item_title(self, item: CaseStudy) -> str:
        return item.title

    def item_description(self, item: CaseStudy) -> str:
        return item.summary

    def item_link(self, item: CaseStudy) -> str:
        return presenting.public_url(item)

    def item_pubdate(self, item: CaseStudy) -> datetime | None:
        return item.first_published

    def item_updateddate(self, item: CaseStudy) -> datetime:
        return item.updated

    def item_categories(self, item: CaseStudy) -> list[str]:
        return [t.name for t in item.themes.all()]


feed = LibraryFeed()
