from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Invitation, Membership, Programme, Project, Theme


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


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    """Read-only: invitations are made, revoked and accepted on the team page and through their link."""

    list_display = ["email", "project", "role", "invited_by", "created", "expires", "accepted_at", "revoked_at"]
    list_filter = ["role"]
    search_fields = ["email", "project__short_title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
