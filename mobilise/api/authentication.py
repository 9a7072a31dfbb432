"""Personal access tokens in the Authorization header: `Authorization: Bearer mob_...`."""

from rest_framework import authentication, exceptions

from . import access, services


class TokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        words = authentication.get_authorization_header(request).split()
        if not words or words[0].lower() != b"bearer":
            return None
        if len(words) != 2:
            raise exceptions.AuthenticationFailed("Send the header as: Authorization: Bearer <token>.")
        try:
            raw = words[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("The token is not valid.") from None
        token = access.live_token(raw)
        if token is None:
            raise exceptions.AuthenticationFailed("The token is not valid: it is mistyped, expired or revoked.")
        services.touch(token)
        return token.user, token

    def authenticate_header(self, request):
        # Makes an unauthenticated request a 401 that names the scheme, rather than a 403.
        return 'Bearer realm="api"'
