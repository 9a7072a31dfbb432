from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import SiteSettings, Suppression, User
from .services import confirmed_device, must_keep_two_factor


def require_verified_staff(request):
    """Admin access for active staff whose session passed two-factor sign-in (required unless relaxed for
    development, and then still required once they have turned it on)."""
    user = request.user
    if not (user.is_active and user.is_staff):
        return False
    return user.is_verified() or (not must_keep_two_factor(user) and confirmed_device(user) is None)


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    ordering = ["full_name"]
    list_display = ["email", "full_name", "is_adviser", "is_staff", "is_active"]
    list_filter = ["is_adviser", "is_staff", "is_active"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["full_name"]}),
        ("Roles", {"fields": ["is_active", "is_adviser", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})]


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Suppression)
class SuppressionAdmin(admin.ModelAdmin):
    """Addresses sent nothing (core/suppression.py): add one after a bounce or a complaint, remove one when the
    person asks to hear from us again."""

    list_display = ["email", "reason", "created", "created_by"]
    list_filter = ["reason"]
    search_fields = ["email", "note"]
    fields = ["email", "reason", "note"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
