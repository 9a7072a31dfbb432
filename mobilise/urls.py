from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("mobilise.core.urls")),
    path("", include("mobilise.projects.urls")),
    path("projects/<int:pk>/logic-model/", include("mobilise.planning.urls")),
    path("directory/", include("mobilise.directory.urls")),
    path("admin/", admin.site.urls),
]
