from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from mobilise.api import problems as api_problems
from mobilise.core.admin import require_verified_staff
from mobilise.evaluation.views import public as evaluation_public
from mobilise.outputs import views as outputs_views
from mobilise.support.views import public as support_public

# Administrators sign in through the site's own throttled, two-factor sign-in, never the admin's form.
admin.site.has_permission = require_verified_staff

urlpatterns = [
    path("", include("mobilise.core.urls")),
    path("", include("mobilise.site.urls")),
    path("", include("mobilise.projects.urls")),
    path("projects/<int:pk>/logic-model/", include("mobilise.planning.urls")),
    path("projects/<int:pk>/stakeholders/", include("mobilise.stakeholders.urls")),
    path("projects/<int:pk>/outputs/", include("mobilise.outputs.urls")),
    path("glossary/", outputs_views.glossary, name="glossary"),
    path("projects/<int:pk>/engagement/", include("mobilise.engagement.urls")),
    path("engagement/", include("mobilise.engagement.urls_all")),
    path("workshops/", include("mobilise.engagement.urls_public")),
    path("projects/<int:pk>/evaluation/", include("mobilise.evaluation.urls")),
    path("feedback/<str:token>/", evaluation_public.feedback, name="feedback"),
    path("projects/<int:pk>/plans/", include("mobilise.plans.urls")),
    path("plan-templates/", include("mobilise.plans.urls_templates")),
    path("directory/", include("mobilise.directory.urls")),
    path("support/", include("mobilise.support.urls")),
    path("get-involved/", support_public.get_involved, name="get-involved"),
    path("events/", include("mobilise.events.urls")),
    path("", include("mobilise.library.urls")),
    path("portfolio/", include("mobilise.portfolio.urls")),
    path("api/", include("mobilise.api.urls")),
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    # nhsuk-frontend's stylesheet names some icons under /assets/; they live with the other NHS static files.
    path("assets/<path:path>", RedirectView.as_view(url="/static/nhsuk/assets/%(path)s", permanent=True)),
    path("admin/", admin.site.urls),
]

# An address under /api/ that matches nothing is answered as the API answers: a problem document, not a page.
handler404 = api_problems.not_found
