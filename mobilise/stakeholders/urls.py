from django.urls import path

from .views import network, register, transfer

app_name = "stakeholders"
urlpatterns = [
    path("", register.register, name="register"),
    path("add/", register.add, name="add"),
    path("grid/", register.grid, name="grid"),
    path("network/", network.network, name="network"),
    path("equity/", register.equity, name="equity"),
    path("export.<str:fmt>", transfer.export, name="export"),
    path("import/", transfer.import_upload, name="import"),
    path("import/<int:batch_pk>/columns/", transfer.import_map, name="import-map"),
    path("import/<int:batch_pk>/check/", transfer.import_check, name="import-check"),
    path("import/<int:batch_pk>/confirm/", transfer.import_confirm, name="import-confirm"),
    path("import/<int:batch_pk>/cancel/", transfer.import_cancel, name="import-cancel"),
    path("import/runs/<int:run_pk>/", transfer.import_progress, name="import-progress"),
    path("<int:stakeholder_pk>/", register.detail, name="detail"),
    path("<int:stakeholder_pk>/edit/", register.edit, name="edit"),
    path("<int:stakeholder_pk>/scores/", register.rescore, name="rescore"),
    path("<int:stakeholder_pk>/remove/", register.remove, name="remove"),
    path("<int:stakeholder_pk>/relationships/", register.relationship_add, name="relationship-add"),
    path("relationships/<int:relationship_pk>/remove/", register.relationship_remove, name="relationship-remove"),
]
