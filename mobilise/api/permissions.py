from rest_framework.permissions import SAFE_METHODS, BasePermission

from .models import ApiToken


class TokenScope(BasePermission):
    """A read-only token reads; only a read and write token (or the signed-in browser) changes anything."""

    message = "This token may only read: make a read and write token to change anything."

    def has_permission(self, request, view):
        token = request.auth
        return request.method in SAFE_METHODS or not isinstance(token, ApiToken) or token.can_write
