from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Membership, Programme, Project, Theme


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    search_fields = ["name"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    search_fields = ["name"]


class MembershipInline(admin.TabularInline):
    model = Membership
    autocomplete_fields = ["user"]
    extra = 0


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    list_display = ["short_title", "stage", "programme", "end_date"]
    list_filter = ["stage", "programme"]
    search_fields = ["title", "short_title", "award_reference"]
    filter_horizontal = ["themes", "advisers"]
    inlines = [MembershipInline]
