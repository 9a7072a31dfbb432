"""The public part of the API: the library's case studies, read-only, with no token needed (still throttled per
client address). Reads go through the library's access layer: published entries in the list; a published or
archived entry by its slug, as its public page; drafts are 404."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import AllowAny

from mobilise.library import access as library_access

from ..base import ApiView
from ..serializers_public import CaseStudyDetailSerializer, CaseStudySerializer


class PublicView(ApiView):
    permission_classes = [AllowAny]


@extend_schema(tags=["library"])
class CaseStudyList(PublicView, generics.ListAPIView):
    """The library's published case studies (no token needed)."""

    serializer_class = CaseStudySerializer

    def get_queryset(self):
        return library_access.published().prefetch_related("supports")


@extend_schema(tags=["library"])
class CaseStudyDetail(PublicView, generics.RetrieveAPIView):
    """One case study of the library, as its public page shows it (no token needed)."""

    serializer_class = CaseStudyDetailSerializer

    def get_object(self):
        return library_access.get_public(self.kwargs["slug"])
