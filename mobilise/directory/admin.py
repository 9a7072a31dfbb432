from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Organisation, Person


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "sector", "ror_id", "region"]
    list_filter = ["sector"]
    search_fields = ["name", "ror_id"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "job_title", "organisation", "lawful_basis", "consent_date"]
    list_filter = ["lawful_basis"]
    search_fields = ["full_name", "email", "orcid"]
    autocomplete_fields = ["organisation"]
