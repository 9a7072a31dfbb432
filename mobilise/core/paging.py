from django.core.paginator import Paginator
from django.utils.http import urlencode

PER_PAGE = 25


def paginate(request, queryset, per_page=PER_PAGE):
    """A page of the queryset and the query string that keeps the current filters on other pages."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    kept = [(k, v) for k, values in request.GET.lists() if k != "page" for v in values if v]
    return page, urlencode(kept)
