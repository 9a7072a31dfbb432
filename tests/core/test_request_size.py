"""A body too large to be an honest upload is refused before it is read."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_oversized_body_is_refused_before_it_is_read(client, settings):
    settings.MAX_REQUEST_BYTES = 1024 * 1024
    response = client.post(
        reverse("login"), data=b"x" * 10, content_type="application/octet-stream", CONTENT_LENGTH=str(120 * 1024**2)
    )
    assert response.status_code == 413
    assert "The file is too large" in response.content.decode() and "1 MB" in response.content.decode()


def test_a_body_within_the_limit_is_read(client, settings):
    settings.MAX_REQUEST_BYTES = 1024 * 1024
    response = client.post(reverse("login"), {"username": "a@example.org", "password": "x" * 1000})
    assert response.status_code == 200
