from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "mobilise.library"
    label = "library"
    verbose_name = "Case-study library"

    def ready(self):
        from mobilise.core import reviews

        from .models import CaseStudy
        from .reviewing import CaseStudyReview

        reviews.register(CaseStudy, CaseStudyReview())
