"""The webhook pages of the account: register one (its secret shown once), change it, its page with the delivery
log, and the buttons to replace its secret (the new one shown once), send a test event, turn it back on and remove
it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobilise.core.paging import paginate

from .. import access, services_webhooks
from ..forms import WebhookForm
from ..signing import TOLERANCE_SECONDS


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def new_webhook(request):
    access.require_verified(request.user, "add a webhook")
    form = WebhookForm(request.POST or None, events=services_webhooks.events_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            webhook, secret = services_webhooks.create_webhook(owner=request.user, **form.cleaned_data)
        except services_webhooks.WebhookError as error:
            form.add_error(error.field, str(error))
        else:
            # Shown in this response only, like a token: the page of the webhook never shows it again.
            return render(request, "api/webhook_made.html", {"webhook": webhook, "secret": secret})
    return render(request, "api/webhook_form.html", {"form": form})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def change(request, pk):
    hook = access.get_webhook(request.user, pk)
    access.require_verified(request.user, "change a webhook")
    initial = {"name": hook.name, "url": hook.url, "events": hook.events}
    form = WebhookForm(request.POST or None, initial=initial, events=services_webhooks.events_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services_webhooks.update_webhook(webhook=hook, **form.cleaned_data)
        except services_webhooks.WebhookError as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(request, f"The webhook “{hook.name}” is changed.")
            return redirect("api:webhook", pk=hook.pk)
    return render(request, "api/webhook_form.html", {"form": form, "webhook": hook})


@never_cache
@login_required
@require_POST
def replace_secret(request, pk):
    hook = access.get_webhook(request.user, pk)
    access.require_verified(request.user, "replace a webhook's secret")
    secret = services_webhooks.replace_secret(webhook=hook)
    hook.refresh_from_db()
    context = {"webhook": hook, "secret": secret}
    return render(request, "api/webhook_made.html", context)


@login_required
@require_GET
def webhook(request, pk):
    hook = access.get_webhook(request.user, pk)
    page, querystring = paginate(request, access.attempts_of(hook))
    context = {
        "webhook": hook,
        "events": services_webhooks.described(hook.events),
        "page": page,
        "querystring": querystring,
        "tolerance_minutes": TOLERANCE_SECONDS // 60,
        "log_days": services_webhooks.LOG_DAYS,
    }
    return render(request, "api/webhook.html", context)


@login_required
@require_POST
def send_test(request, pk):
    hook = access.get_webhook(request.user, pk)
    try:
        services_webhooks.send_test(webhook=hook)
    except services_webhooks.WebhookError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "A test event is on its way. Its delivery appears in the log below.")
    return redirect("api:webhook", pk=hook.pk)


@login_required
@require_POST
def enable(request, pk):
    hook = access.get_webhook(request.user, pk)
    services_webhooks.enable_webhook(webhook=hook)
    messages.success(request, f"The webhook “{hook.name}” is on again: new events will be sent to it.")
    return redirect("api:webhook", pk=hook.pk)


@login_required
@require_POST
def delete(request, pk):
    hook = access.get_webhook(request.user, pk)
    services_webhooks.delete_webhook(webhook=hook)
    messages.success(request, f"The webhook “{hook.name}” is removed. Nothing more will be sent to it.")
    return redirect("account")
