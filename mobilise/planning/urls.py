from django.urls import path

from .views import board, elements, exports, snapshots

app_name = "planning"
urlpatterns = [
    path("", board.model_page, name="model"),
    path("describe/", board.header_edit, name="header"),
    path("elements/add/", elements.element_add, name="element-add"),
    path("elements/<int:element_pk>/", elements.element_edit, name="element"),
    path("elements/<int:element_pk>/move/", elements.element_move, name="element-move"),
    path("elements/<int:element_pk>/delete/", elements.element_delete, name="element-delete"),
    path("elements/<int:element_pk>/links/", elements.link_add, name="link-add"),
    path("links/<int:link_pk>/", elements.link_edit, name="link"),
    path("start/", board.start, name="start"),
    path("snapshots/", snapshots.snapshots, name="snapshots"),
    path("snapshots/compare/", snapshots.compare, name="compare"),
    path("snapshots/<int:snapshot_pk>/", snapshots.snapshot, name="snapshot"),
    path("snapshots/<int:snapshot_pk>/restore/", snapshots.restore, name="restore"),
    path("export.<str:fmt>", exports.export, name="export"),
    path("exports/<int:export_pk>/", exports.export_job, name="export-job"),
    path("exports/<int:export_pk>/download/", exports.export_download, name="export-download"),
]
