from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("mobilise.core.urls")),
    path("", include("mobilise.projects.urls")),
    path("directory/", include("mobilise.directory.urls")),
    path("admin/", admin.site.urls),
]
