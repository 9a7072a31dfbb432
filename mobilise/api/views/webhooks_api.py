"""Webhooks through the API: the same rules as the account pages (services_webhooks), for the user's own
webhooks only (anyone else's is 404)."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied, Throttled, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from .. import access, services_webhooks
from ..base import ApiView, Cursor
from ..models import ApiToken
from ..serializers_webhooks import (
    DeliveryAttemptSerializer,
    NewSecretSerializer,
    NewWebhookSerializer,
    TestSentSerializer,
    WebhookSerializer,
)
from ..writes import IDEMPOTENCY_KEY, creates, idempotent


class NewestFirst(Cursor):
    ordering = "-pk"


@extend_schema(tags=["webhooks"])
class WebhookList(ApiView, generics.ListAPIView):
    """Your webhooks. POST registers one; its signing secret is in that answer only. Each delivery is signed:
    `Mobilise-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>." + body, keyed with the secret>`."""

    serializer_class = WebhookSerializer

    def get_queryset(self):
        return access.webhooks_of(self.request.user).order_by("pk")

    @creates(WebhookSerializer, NewWebhookSerializer)
    def post(self, request):
        _second_factor(request, "add a webhook")
        incoming = WebhookSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data

        def register():
            try:
                webhook, secret = services_webhooks.create_webhook(
                    owner=request.user, name=data["name"], url=data["url"], events=data["events"]
                )
            except services_webhooks.WebhookError as error:
                raise ValidationError({error.field or "url": [str(error)]}) from None
            return status.HTTP_201_CREATED, NewWebhookSerializer(webhook, context={"secret": secret}).data

        return idempotent(request, register)


def _second_factor(request: Request, what: str) -> None:
    # A token was made in a session that proved its second factor; a browser session must have too.
    if not isinstance(request.auth, ApiToken) and not access.may_make_tokens(request.user):
        raise PermissionDenied(f"Sign in again with your security code to {what}.")


@extend_schema(tags=["webhooks"])
class WebhookDetail(ApiView, generics.RetrieveDestroyAPIView):
    """One of your webhooks; PATCH changes its name, address or events (its secret stays); DELETE removes it and
    its log."""

    serializer_class = WebhookSerializer

    def get_object(self):
        return access.get_webhook(self.request.user, self.kwargs["pk"])

    def patch(self, request, pk):
        _second_factor(request, "change a webhook")
        webhook = self.get_object()
        incoming = WebhookSerializer(webhook, data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        data = {"name": webhook.name, "url": webhook.url, "events": webhook.events, **incoming.validated_data}
        try:
            services_webhooks.update_webhook(webhook=webhook, name=data["name"], url=data["url"], events=data["events"])
        except services_webhooks.WebhookError as error:
            raise ValidationError({error.field or "url": [str(error)]}) from None
        return Response(WebhookSerializer(webhook).data)

    def perform_destroy(self, instance):
        services_webhooks.delete_webhook(webhook=instance)


@extend_schema(tags=["webhooks"], request=None, parameters=[IDEMPOTENCY_KEY], responses={201: NewSecretSerializer})
class WebhookSecret(ApiView):
    """Replace the webhook's signing secret: the new one is in this answer only. The old one still signs each
    delivery beside it (a second `v1=` in the header) until `previous_valid_until`, a day after the first of
    replacements made within a day."""

    serializer_class = NewSecretSerializer

    def post(self, request, pk):
        _second_factor(request, "replace a webhook's secret")
        webhook = access.get_webhook(request.user, pk)

        def replace():
            secret = services_webhooks.replace_secret(webhook=webhook)
            webhook.refresh_from_db()
            return status.HTTP_201_CREATED, {"secret": secret, "previous_valid_until": webhook.previous_until}

        return idempotent(request, replace)


@extend_schema(tags=["webhooks"], request=None, parameters=[IDEMPOTENCY_KEY], responses={202: TestSentSerializer})
class WebhookTest(ApiView):
    """Send a test event (type webhook.test) now: one try, not counted towards turning the webhook off."""

    serializer_class = TestSentSerializer

    def post(self, request, pk):
        webhook = access.get_webhook(request.user, pk)

        def send():
            try:
                delivery = services_webhooks.send_test(webhook=webhook)
            except services_webhooks.WebhookError as error:
                raise Throttled(detail=str(error)) from None
            return status.HTTP_202_ACCEPTED, {"delivery": delivery.uuid}

        return idempotent(request, send)


@extend_schema(tags=["webhooks"])
class WebhookDeliveries(ApiView, generics.ListAPIView):
    """The webhook's delivery log, newest first: every try, with the answer's status and first characters."""

    serializer_class = DeliveryAttemptSerializer
    pagination_class = NewestFirst

    def get_queryset(self):
        return access.attempts_of(access.get_webhook(self.request.user, self.kwargs["pk"]))
