"""Webhooks: registration refuses addresses off the public internet, deliveries reach a local receiver (loopback
allowed for the test only) signed so that a receiver can check them, failures are retried and then turn the
webhook off with an email to its owner, and the test button sends a test event."""

import datetime
import hashlib
import hmac
import io
import json
import time

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mobilise.api import safeurl, services_webhooks, signing
from mobilise.api.models import Delivery, DeliveryAttempt, DeliveryState, Webhook
from mobilise.api.tasks import deliver
from mobilise.core import happenings
from mobilise.core.tasks import MAX_ATTEMPTS
from mobilise.evaluation import services as evaluation

from ..factories import DeliveryAttemptFactory, DeliveryFactory, WebhookFactory
from ..queries import assert_max_queries


def receiver_accepts(secret: str, body: bytes, header: str, now: float) -> bool:
    """A receiver's check written from the documentation alone (not signing.verify): split the header, recompute
    the HMAC over "<t>." + body, compare in constant time, refuse an old timestamp."""
    fields = dict(item.split("=", 1) for item in header.split(","))
    timestamp = int(fields["t"])
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return abs(now - timestamp) <= 300 and hmac.compare_digest(expected, fields["v1"])


@pytest.fixture
def hook(receiver, lead):
    return WebhookFactory(owner=lead, url=receiver.url())


def publish_claim(project, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return evaluation.save_claim(project=project, kind="commissioning", title="Funded", date="2025-01-01")


# -- Signing and delivery --------------------------------------------------------------------------------------


def test_a_delivery_is_signed_so_the_receiver_can_check_it(hook, receiver, project, django_capture_on_commit_callbacks):
    claim = publish_claim(project, django_capture_on_commit_callbacks)
    [got] = receiver.received
    assert got.path == "/hook"
    assert got.headers["Content-Type"] == "application/json"
    assert got.headers["Mobilise-Event"] == "impact_claim.created"
    assert receiver_accepts(hook.secret, got.body, got.headers["Mobilise-Signature"], time.time())
    assert signing.verify(hook.secret, got.body, got.headers["Mobilise-Signature"])
    assert not receiver_accepts("whsec_another", got.body, got.headers["Mobilise-Signature"], time.time())
    assert not receiver_accepts(hook.secret, got.body + b" ", got.headers["Mobilise-Signature"], time.time())
    assert not receiver_accepts(hook.secret, got.body, got.headers["Mobilise-Signature"], time.time() + 600)
    payload = json.loads(got.body)
    assert payload["type"] == "impact_claim.created"
    assert payload["data"] == {"object": "impactclaim", "id": claim.pk, "project": project.pk}
    delivery = Delivery.objects.get()
    assert got.headers["Mobilise-Delivery"] == str(delivery.uuid)
    assert delivery.state == DeliveryState.DELIVERED
    attempt = delivery.tries.get()
    assert (attempt.number, attempt.status_code, attempt.ok, attempt.response) == (1, 200, True, "thanks")


def test_verify_refuses_a_malformed_or_stale_header():
    body = b'{"a":1}'
    header = signing.sign(["whsec_x"], body, timestamp=1_000_000)
    assert signing.verify("whsec_x", body, header, now=1_000_100)
    assert signing.verify("whsec_x", body, "v1=0," + header, now=1_000_100)  # any matching v1 will do
    assert not signing.verify("whsec_x", body, header, now=1_000_400)
    assert not signing.verify("whsec_x", body, "t=abc,v1=00", now=1_000_100)
    assert not signing.verify("whsec_x", body, "t=²,v1=00", now=1_000_100)  # a digit to Python, not to int()
    assert not signing.verify("whsec_x", body, "", now=1_000_100)


def test_a_rolled_back_change_sends_nothing(hook, receiver, project, django_capture_on_commit_callbacks):
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
        from django.db import transaction

        with transaction.atomic():
            evaluation.save_claim(project=project, kind="commissioning", title="Funded", date="2025-01-01")
            raise RuntimeError
    assert receiver.received == [] and not Delivery.objects.exists()


def test_only_owners_who_may_see_the_project_hear_of_it(
    receiver, lead, outsider, adviser, project, django_capture_on_commit_callbacks
):
    mine = WebhookFactory(owner=lead, url=receiver.url("/lead"))
    WebhookFactory(owner=outsider, url=receiver.url("/outsider"))
    WebhookFactory(owner=adviser, url=receiver.url("/adviser"), events=["support_request.created"])
    publish_claim(project, django_capture_on_commit_callbacks)
    assert [r.path for r in receiver.received] == ["/lead"]
    assert Delivery.objects.get().webhook == mine


def test_support_happenings_reach_advisers_only(adviser, lead):
    with pytest.raises(services_webhooks.WebhookError):
        services_webhooks.create_webhook(
            owner=lead, name="x", url="https://93.184.215.14/", events=["support_request.created"]
        )
    WebhookFactory(owner=lead, events=["support_request.created"])  # made before a rule change, say
    theirs = WebhookFactory(owner=adviser, events=["support_request.created", "registration.created"])
    assert services_webhooks.subscribers("support_request.created", None) == [theirs]
    assert services_webhooks.subscribers("registration.cancelled", None) == []


def test_each_service_announces_in_its_transaction(project):
    heard = []
    with happenings.HAPPENED.temporarily(lambda name, obj, project: heard.append((name, obj.pk, project))):
        claim = evaluation.save_claim(project=project, kind="commissioning", title="Funded", date="2025-01-01")
        evaluation.save_claim(project=project, claim=claim, title="Funded twice")
    assert heard == [("impact_claim.created", claim.pk, project)]
    with pytest.raises(ValueError):
        happenings.announce("nonsense.happened", claim)


def test_the_connection_goes_to_the_checked_address_with_the_name_as_host(
    receiver, dns, lead, project, django_capture_on_commit_callbacks
):
    dns["hooks.example.org"] = ["127.0.0.1"]  # a name the machine itself cannot resolve
    WebhookFactory(owner=lead, url=receiver.url(host="hooks.example.org"))
    publish_claim(project, django_capture_on_commit_callbacks)
    [got] = receiver.received
    assert got.headers["Host"] == f"hooks.example.org:{receiver.port}"


def test_a_name_that_points_inside_by_delivery_time_is_refused_then(
    receiver, dns, settings, lead, project, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_ALLOW_LOOPBACK = False
    dns["hooks.example.org"] = ["93.184.215.14"]
    webhook, _ = services_webhooks.create_webhook(
        owner=lead, name="CRM", url="https://hooks.example.org/in", events=["impact_claim.created"]
    )
    dns["hooks.example.org"] = ["127.0.0.1"]  # DNS rebinding
    publish_claim(project, django_capture_on_commit_callbacks)
    assert receiver.received == []
    attempts = DeliveryAttempt.objects.filter(delivery__webhook=webhook)
    assert attempts.count() == MAX_ATTEMPTS
    assert all(
        a.status_code is None and a.error.startswith("Refused: Enter a web address on the public") for a in attempts
    )


def test_redirects_are_not_followed(hook, receiver, project, django_capture_on_commit_callbacks):
    receiver.status, receiver.headers = 302, {"Location": receiver.url("/elsewhere")}
    publish_claim(project, django_capture_on_commit_callbacks)
    assert {r.path for r in receiver.received} == {"/hook"}
    assert set(DeliveryAttempt.objects.values_list("status_code", "ok")) == {(302, False)}


def test_only_the_start_of_a_long_answer_is_read_and_kept(hook, receiver, project, django_capture_on_commit_callbacks):
    receiver.body = b"x" * (safeurl.MAX_RESPONSE_BYTES * 4)
    publish_claim(project, django_capture_on_commit_callbacks)
    assert DeliveryAttempt.objects.get().response == "x" * safeurl.KEPT_RESPONSE_CHARS


def test_a_slow_receiver_times_out(hook, receiver, project, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(safeurl, "READ_SECONDS", 0.2)
    monkeypatch.setattr(services_webhooks, "DISABLE_AFTER", 99)
    receiver.delay = 1.0
    publish_claim(project, django_capture_on_commit_callbacks)
    attempt = DeliveryAttempt.objects.order_by("pk").first()
    assert (attempt.status_code, attempt.error) == (None, "No answer in time")
    assert attempt.milliseconds < 1000


# -- Retries and turning off -----------------------------------------------------------------------------------


def test_failures_are_retried_then_the_webhook_is_turned_off_and_its_owner_told(
    hook, receiver, project, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(services_webhooks, "DISABLE_AFTER", 2)
    receiver.status = 500
    publish_claim(project, django_capture_on_commit_callbacks)
    first = Delivery.objects.get()
    assert (first.state, first.attempts) == (DeliveryState.FAILED, MAX_ATTEMPTS)
    assert len(receiver.received) == MAX_ATTEMPTS
    assert len({r.headers["Mobilise-Delivery"] for r in receiver.received}) == 1  # the same delivery, retried
    assert sorted(first.tries.values_list("number", flat=True)) == list(range(1, MAX_ATTEMPTS + 1))
    hook.refresh_from_db()
    assert (hook.failures, hook.is_active) == (1, True) and mailoutbox == []

    publish_claim(project, django_capture_on_commit_callbacks)
    hook.refresh_from_db()
    assert not hook.is_active and hook.disabled_reason == "2 deliveries in a row failed"
    [mail] = mailoutbox
    assert mail.to == [hook.owner.email] and hook.name in mail.subject
    assert reverse("api:webhook", args=[hook.pk]) in mail.body

    receiver.received.clear()
    publish_claim(project, django_capture_on_commit_callbacks)
    assert receiver.received == [] and Delivery.objects.count() == 2


def test_a_delivery_queued_before_the_webhook_was_turned_off_is_not_sent(hook, receiver):
    delivery = DeliveryFactory(webhook=hook)
    Webhook.objects.filter(pk=hook.pk).update(disabled_at=hook.created)
    deliver.call(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.SKIPPED and receiver.received == []


def test_a_success_clears_the_count_of_failures(hook, receiver, project, django_capture_on_commit_callbacks):
    Webhook.objects.filter(pk=hook.pk).update(failures=3)
    publish_claim(project, django_capture_on_commit_callbacks)
    hook.refresh_from_db()
    assert hook.failures == 0


def test_turning_it_on_again(hook, as_user, lead):
    Webhook.objects.filter(pk=hook.pk).update(failures=5, disabled_reason="5 deliveries in a row failed")
    Webhook.objects.filter(pk=hook.pk).update(disabled_at=hook.created)
    response = as_user(lead).post(reverse("api:webhook-enable", args=[hook.pk]))
    assert response.status_code == 302
    hook.refresh_from_db()
    assert hook.is_active and hook.failures == 0


# -- The test button -------------------------------------------------------------------------------------------


def test_the_test_button_sends_a_test_event(hook, receiver, as_user, lead, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(lead).post(reverse("api:webhook-test", args=[hook.pk]))
    assert response.status_code == 302
    [got] = receiver.received
    assert got.headers["Mobilise-Event"] == "webhook.test"
    assert signing.verify(hook.secret, got.body, got.headers["Mobilise-Signature"])
    page = as_user(lead).get(reverse("api:webhook", args=[hook.pk])).content.decode()
    assert "webhook.test" in page and "200" in page


def test_a_failed_test_is_tried_once_and_not_counted(hook, receiver, django_capture_on_commit_callbacks):
    receiver.status = 500
    with django_capture_on_commit_callbacks(execute=True):
        delivery = services_webhooks.send_test(webhook=hook)
    delivery.refresh_from_db()
    hook.refresh_from_db()
    assert (delivery.state, delivery.attempts, hook.failures) == (DeliveryState.FAILED, 1, 0)


def test_test_events_are_limited_to_a_few_a_minute(hook, as_user, lead):
    client = as_user(lead)
    for _ in range(services_webhooks.TESTS_PER_MINUTE):
        client.post(reverse("api:webhook-test", args=[hook.pk]))
    response = client.post(reverse("api:webhook-test", args=[hook.pk]), follow=True)
    assert "Wait a minute and try again" in response.content.decode()
    assert Delivery.objects.count() == services_webhooks.TESTS_PER_MINUTE


# -- Refused addresses -----------------------------------------------------------------------------------------

REFUSED = [
    "https://10.0.0.5/hook",
    "https://172.16.4.4/hook",
    "https://192.168.1.1/hook",
    "https://127.0.0.1/hook",
    "https://127.8.9.10:8443/hook",
    "https://[::1]/hook",
    "https://[::ffff:127.0.0.1]/hook",
    "https://[::ffff:10.0.0.1]/hook",
    "https://169.254.169.254/latest/meta-data/",
    "https://[fe80::1]/hook",
    "https://[fd00::1]/hook",
    "https://224.0.0.1/hook",
    "https://[ff02::1]/hook",
    "https://0.0.0.0/hook",
    "https://[::]/hook",
    "https://100.64.0.1/hook",
    "https://240.0.0.1/hook",
    "https://[2002:7f00:1::]/hook",  # 6to4 of 127.0.0.1
    "https://[64:ff9b::a00:1]/hook",  # NAT64 of 10.0.0.1
]


@pytest.mark.parametrize("url", REFUSED)
def test_addresses_off_the_public_internet_are_refused(url, dns):
    with pytest.raises(safeurl.UnsafeURL, match="public internet"):
        safeurl.check(url)


@pytest.mark.parametrize("url", ["https://2130706433/hook", "https://0x7f.1/hook", "https://localhost/hook"])
def test_loopback_in_other_spellings_is_refused_after_resolving(url):
    """The machine's own resolver reads these (no network needed) as 127.0.0.1 or ::1."""
    with pytest.raises(safeurl.UnsafeURL, match="public internet"):
        safeurl.check(url)


@pytest.mark.parametrize(
    "addresses", [["10.1.2.3"], ["93.184.215.14", "192.168.0.4"], ["::ffff:169.254.169.254"], ["fe80::1%eth0"]]
)
def test_a_name_resolving_to_any_inside_address_is_refused(addresses, dns):
    dns["intranet.example.org"] = addresses
    with pytest.raises(safeurl.UnsafeURL, match="public internet"):
        safeurl.check("https://intranet.example.org/hook")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://93.184.215.14/hook", "starts with https://"),
        ("ftp://93.184.215.14/hook", "starts with https://"),
        ("https://user:secret@93.184.215.14/hook", "without a user name"),
        ("https://93.184.215.14:99999/hook", "right format"),
        ("https:///hook", "starts with https://"),
        ("https://nowhere.example.org/hook", "could not find"),
    ],
)
def test_other_unusable_addresses_are_refused(url, message, dns):
    with pytest.raises(safeurl.UnsafeURL, match=message):
        safeurl.check(url)


def test_a_public_address_passes(dns):
    dns["hooks.example.org"] = ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"]
    checked = safeurl.check("https://hooks.example.org:8443/in?x=1")
    assert (str(checked.address), checked.target.port, checked.target.path) == ("93.184.215.14", 8443, "/in?x=1")


def test_loopback_needs_the_setting_and_never_opens_private_networks(dns, settings):
    with pytest.raises(safeurl.UnsafeURL):
        safeurl.check("http://127.0.0.1:8000/hook")
    settings.WEBHOOK_ALLOW_LOOPBACK = True
    assert str(safeurl.check("http://127.0.0.1:8000/hook").address) == "127.0.0.1"
    assert str(safeurl.check("http://[::1]:8000/hook").address) == "::1"
    for url in ("http://10.0.0.1/hook", "https://169.254.169.254/", "http://93.184.215.14/hook"):
        with pytest.raises(safeurl.UnsafeURL):
            safeurl.check(url)


# -- Pages -----------------------------------------------------------------------------------------------------


def test_registering_shows_the_secret_once(as_user, lead, dns):
    dns["hooks.example.org"] = ["93.184.215.14"]
    data = {"name": "CRM", "url": "https://hooks.example.org/in", "events": ["output.published"]}
    response = as_user(lead).post(reverse("api:webhook-new"), data)
    webhook = Webhook.objects.get(owner=lead)
    assert webhook.secret.startswith("whsec_") and webhook.secret in response.content.decode()
    page = as_user(lead).get(reverse("api:webhook", args=[webhook.pk])).content.decode()
    assert webhook.secret not in page and "hooks.example.org" in page
    assert "CRM" in as_user(lead).get(reverse("account")).content.decode()


def test_an_inside_address_is_refused_on_the_form_in_the_error_summary(as_user, lead, dns):
    data = {"name": "CRM", "url": "https://169.254.169.254/latest", "events": ["output.published"]}
    response = as_user(lead).post(reverse("api:webhook-new"), data)
    content = response.content.decode()
    assert response.status_code == 200 and not Webhook.objects.exists()
    assert "nhsuk-error-summary" in content and "Enter a web address on the public internet" in content


def test_a_researcher_is_not_offered_the_support_events(as_user, lead, adviser):
    assert "support request" not in as_user(lead).get(reverse("api:webhook-new")).content.decode()
    assert "A support request is received" in as_user(adviser).get(reverse("api:webhook-new")).content.decode()
    data = {"name": "x", "url": "https://93.184.215.14/", "events": ["support_request.created"]}
    assert as_user(lead).post(reverse("api:webhook-new"), data).status_code == 200
    assert not Webhook.objects.exists()


def test_removing_a_webhook(as_user, lead):
    hook = WebhookFactory(owner=lead)
    assert as_user(lead).post(reverse("api:webhook-delete", args=[hook.pk])).status_code == 302
    assert not Webhook.objects.exists()


def test_the_webhook_page_has_a_query_budget(as_user, lead):
    hook = WebhookFactory(owner=lead)
    client = as_user(lead)
    url = reverse("api:webhook", args=[hook.pk])
    DeliveryAttemptFactory(delivery__webhook=hook)
    with assert_max_queries(8):
        client.get(url)
    DeliveryAttemptFactory.create_batch(5, delivery__webhook=hook, ok=False, status_code=None, error="No answer")
    with assert_max_queries(8):
        assert client.get(url).status_code == 200


# -- The API ---------------------------------------------------------------------------------------------------


def test_the_api_registers_lists_tests_and_removes_webhooks(
    lead_token, dns, receiver, django_capture_on_commit_callbacks
):
    from .conftest import bearer

    client = bearer(lead_token)
    body = {"name": "CRM", "url": receiver.url(), "events": ["output.published"]}
    made = client.post(reverse("api:webhooks"), body, content_type="application/json")
    assert made.status_code == 201, made.content
    assert made.json()["secret"].startswith("whsec_")
    pk = made.json()["id"]
    listed = client.get(reverse("api:webhooks")).json()["results"]
    assert [w["id"] for w in listed] == [pk] and "secret" not in listed[0]
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(reverse("api:webhook-send-test", args=[pk]))
    assert sent.status_code == 202
    log = client.get(reverse("api:webhook-deliveries", args=[pk])).json()["results"]
    assert [(entry["event"], entry["status_code"]) for entry in log] == [("webhook.test", 200)]
    changed = client.patch(
        reverse("api:webhook-detail", args=[pk]), {"name": "CRM sync"}, content_type="application/json"
    )
    assert changed.status_code == 200 and changed.json()["name"] == "CRM sync"
    assert changed.json()["events"] == ["output.published"]
    replaced = client.post(reverse("api:webhook-api-secret", args=[pk]))
    assert replaced.status_code == 201 and replaced.json()["secret"] != made.json()["secret"]
    assert Webhook.objects.get(pk=pk).previous_secret == made.json()["secret"]
    assert client.delete(reverse("api:webhook-detail", args=[pk])).status_code == 204


def test_the_api_refuses_an_inside_address_as_a_problem(lead_token, dns):
    from .conftest import bearer

    body = {"name": "CRM", "url": "https://[::ffff:127.0.0.1]/", "events": ["output.published"]}
    response = bearer(lead_token).post(reverse("api:webhooks"), body, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["pointer"] == "/url"


def test_changing_a_webhook_keeps_its_secret_and_refuses_an_inside_address(as_user, lead, dns):
    hook = WebhookFactory(owner=lead, name="CRM", events=["output.published"])
    secret, url = hook.secret, reverse("api:webhook-change", args=[hook.pk])
    assert 'value="CRM"' in as_user(lead).get(url).content.decode()
    inside = {"name": "CRM", "url": "https://169.254.169.254/latest", "events": ["output.published"]}
    content = as_user(lead).post(url, inside).content.decode()
    assert "nhsuk-error-summary" in content and "Enter a web address on the public internet" in content
    hook.refresh_from_db()
    assert hook.url != inside["url"]
    dns["crm.example.org"] = ["93.184.215.14"]
    data = {"name": "New CRM", "url": "https://crm.example.org/in", "events": ["impact_claim.created"]}
    assert as_user(lead).post(url, data).status_code == 302
    hook.refresh_from_db()
    assert (hook.name, hook.url, hook.events, hook.secret) == ("New CRM", data["url"], data["events"], secret)


def test_a_replaced_secret_signs_beside_the_new_one_for_a_day(
    hook, receiver, as_user, lead, project, django_capture_on_commit_callbacks
):
    old = hook.secret
    response = as_user(lead).post(reverse("api:webhook-secret", args=[hook.pk]))
    hook.refresh_from_db()
    page = response.content.decode()
    assert hook.secret != old and hook.secret in page and "the secret your program has now too" in page
    publish_claim(project, django_capture_on_commit_callbacks)
    header = receiver.received[-1].headers["Mobilise-Signature"]
    assert header.count("v1=") == 2
    assert signing.verify(hook.secret, receiver.received[-1].body, header)
    assert signing.verify(old, receiver.received[-1].body, header)
    Webhook.objects.filter(pk=hook.pk).update(previous_until=timezone.now() - datetime.timedelta(seconds=1))
    publish_claim(project, django_capture_on_commit_callbacks)
    header = receiver.received[-1].headers["Mobilise-Signature"]
    assert header.count("v1=") == 1 and not signing.verify(old, receiver.received[-1].body, header)
    assert receiver_accepts(hook.secret, receiver.received[-1].body, header, time.time())


def test_someone_elses_webhook_cannot_be_changed(as_user, lead, adviser):
    hook = WebhookFactory(owner=adviser)
    client = as_user(lead)
    assert client.get(reverse("api:webhook-change", args=[hook.pk])).status_code == 404
    assert client.post(reverse("api:webhook-secret", args=[hook.pk])).status_code == 404
    assert Webhook.objects.get(pk=hook.pk).secret == hook.secret


def test_the_log_keeps_ninety_days_of_every_webhook(hook):
    def ago(days):
        return timezone.now() - datetime.timedelta(days=days)

    old = DeliveryAttemptFactory(delivery__webhook=hook, delivery__created=ago(services_webhooks.LOG_DAYS + 1))
    kept = DeliveryFactory(webhook=hook, created=ago(services_webhooks.LOG_DAYS - 1))
    quiet = WebhookFactory(disabled_at=ago(200))
    DeliveryAttemptFactory.create_batch(2, delivery__webhook=quiet, delivery__created=ago(120))
    out = io.StringIO()
    call_command("prune_webhook_log", stdout=out)
    assert "Removed 3 webhook deliveries" in out.getvalue()
    assert list(Delivery.objects.all()) == [kept] and not DeliveryAttempt.objects.filter(pk=old.pk).exists()
    call_command("prune_webhook_log", stdout=io.StringIO())
    assert Delivery.objects.count() == 1


def test_a_secret_replaced_twice_within_the_day_keeps_the_receivers_one(hook, as_user, lead):
    receivers, client, url = hook.secret, as_user(lead), reverse("api:webhook-secret", args=[hook.pk])
    client.post(url)
    first = Webhook.objects.get(pk=hook.pk)
    client.post(url)  # the page sent again, or a second click
    second = Webhook.objects.get(pk=hook.pk)
    assert second.secret not in (receivers, first.secret)
    assert services_webhooks.signing_secrets(second) == [second.secret, receivers]
    assert second.previous_until == first.previous_until
