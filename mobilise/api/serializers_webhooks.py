"""What the API takes and returns for webhooks and their delivery log."""

from rest_framework import serializers

from mobilise.core.happenings import CATALOGUE

from .models import DeliveryAttempt, Webhook


class WebhookSerializer(serializers.ModelSerializer):
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=sorted(CATALOGUE)),
        min_length=1,
        help_text="The happenings to send. Those about support requests and registrations are for advisers only.",
    )
    url = serializers.CharField(max_length=500, help_text="An https:// address on the public internet.")
    active = serializers.BooleanField(source="is_active", read_only=True)

    class Meta:
        model = Webhook
        fields = ["id", "name", "url", "events", "active", "disabled_at", "disabled_reason", "failures", "created"]
        read_only_fields = ["disabled_at", "disabled_reason", "failures", "created"]


class NewWebhookSerializer(WebhookSerializer):
    secret = serializers.SerializerMethodField(help_text="The signing secret: shown in this answer only.")

    class Meta(WebhookSerializer.Meta):
        fields = [*WebhookSerializer.Meta.fields, "secret"]

    def get_secret(self, webhook: Webhook) -> str:
        return self.context["secret"]


class NewSecretSerializer(serializers.Serializer):
    secret = serializers.CharField(help_text="The new signing secret: shown in this answer only.")
    previous_valid_until = serializers.DateTimeField(help_text="Until when the old secret signs deliveries too.")


class TestSentSerializer(serializers.Serializer):
    delivery = serializers.UUIDField(help_text="The Mobilise-Delivery header the test event carries.")


class DeliveryAttemptSerializer(serializers.ModelSerializer):
    delivery = serializers.UUIDField(source="delivery.uuid")
    event = serializers.CharField(source="delivery.event")
    state = serializers.CharField(source="delivery.state", help_text="Of the delivery: pending, delivered, failed.")

    class Meta:
        model = DeliveryAttempt
        fields = [
            "id",
            "delivery",
            "event",
            "state",
            "number",
            "at",
            "status_code",
            "ok",
            "error",
            "response",
            "milliseconds",
        ]
