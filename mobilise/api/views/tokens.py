"""Making and revoking personal access tokens: pages of the account, not of the API itself."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from .. import access, services
from ..forms import TokenForm


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def new_token(request):
    access.require_verified(request.user, "make a token")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = services.create_token(
                user=request.user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                expires=form.expires(),
            )
        except services.TokenError as error:
            form.refuse(str(error))
        else:
            # Shown in this response only: it is never stored, so it cannot be shown again.
            return render(request, "api/token_made.html", {"token": token, "raw": raw})
    return render(request, "api/token_form.html", {"form": form})


@login_required
@require_POST
def revoke_token(request, pk):
    token = access.get_token(request.user, pk)
    services.revoke_token(token=token)
    messages.success(request, f"The token “{token.name}” is revoked. Anything using it can no longer reach the API.")
    return redirect("account")
