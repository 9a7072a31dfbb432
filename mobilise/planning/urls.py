from django.urls import path

from . import views

app_name = "planning"
urlpatterns = [
    path("", views.model_page, name="model"),
    path("describe/", views.header_edit, name="header"),
    path("elements/add/", views.element_add, name="element-add"),
    path("elements/<int:element_pk>/", views.element_edit, name="element"),
    path("elements/<int:element_pk>/move/", views.element_move, name="element-move"),
    path("elements/<int:element_pk>/delete/", views.element_delete, name="element-delete"),
    path("elements/<int:element_pk>/links/", views.link_add, name="link-add"),
    path("links/<int:link_pk>/", views.link_edit, name="link"),
    path("start/", views.start, name="start"),
    path("snapshots/", views.snapshots, name="snapshots"),
    path("snapshots/compare/", views.compare, name="compare"),
    path("snapshots/<int:snapshot_pk>/", views.snapshot, name="snapshot"),
    path("snapshots/<int:snapshot_pk>/restore/", views.restore, name="restore"),
    path("export.<str:fmt>", views.export, name="export"),
]
