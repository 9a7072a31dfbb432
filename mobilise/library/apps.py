from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "mobilise.library"
    label = "library"
    verbose_name = "Case-study library"

    def ready(self):
        from mobilise.core import reviews
        from mobilise.events.examples import CASE_STUDIES

        from . import providers
        from .models import CaseStudy
        from .reviewing import CaseStudyReview

        reviews.register(CaseStudy, CaseStudyReview())
        # An event's project examples show the published case studies about each project.
        CASE_STUDIES.register(providers.case_studies_for_projects)
