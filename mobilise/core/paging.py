"""The one pager: every paged list goes through paginate()."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.http import urlencode

PER_PAGE = 25


def paginate(
    request: HttpRequest, queryset: QuerySet, per_page: int = PER_PAGE, param: str = "page"
) -> tuple[Page, str]:
    """A page of the queryset, chosen by the query-string parameter `param` (several lists on one page each
    have their own), and the query string that keeps everything else on the other pages."""
    page = Paginator(queryset, per_page).get_page(request.GET.get(param))
    kept = [(k, v) for k, values in request.GET.lists() if k != param for v in values if v]
    return page, urlencode(kept)
