from django.urls import path

from . import views, views_transfer

app_name = "stakeholders"
urlpatterns = [
    path("", views.register, name="register"),
    path("add/", views.add, name="add"),
    path("grid/", views.grid, name="grid"),
    path("network/", views.network, name="network"),
    path("equity/", views.equity, name="equity"),
    path("export.<str:fmt>", views_transfer.export, name="export"),
    path("import/", views_transfer.import_upload, name="import"),
    path("import/<int:batch_pk>/columns/", views_transfer.import_map, name="import-map"),
    path("import/<int:batch_pk>/check/", views_transfer.import_check, name="import-check"),
    path("import/<int:batch_pk>/confirm/", views_transfer.import_confirm, name="import-confirm"),
    path("import/<int:batch_pk>/cancel/", views_transfer.import_cancel, name="import-cancel"),
    path("<int:stakeholder_pk>/", views.detail, name="detail"),
    path("<int:stakeholder_pk>/edit/", views.edit, name="edit"),
    path("<int:stakeholder_pk>/scores/", views.rescore, name="rescore"),
    path("<int:stakeholder_pk>/remove/", views.remove, name="remove"),
    path("<int:stakeholder_pk>/relationships/", views.relationship_add, name="relationship-add"),
    path("relationships/<int:relationship_pk>/remove/", views.relationship_remove, name="relationship-remove"),
]
