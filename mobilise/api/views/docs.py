"""The schema and its documentation page (Swagger UI, served from our own static files)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny


class Schema(SpectacularAPIView):
    """The OpenAPI 3 schema; public, like the documentation: it describes the API and holds no data."""

    permission_classes = [AllowAny]
    authentication_classes = []


@require_GET
def docs(request):
    return render(request, "api/docs.html")
