"""The API's errors are problem documents; a refusal keeps the message that says how to be allowed."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from mobilise.api.problems import CONTENT_TYPE, exception_handler


def test_a_refusal_keeps_its_message():
    response = exception_handler(PermissionDenied("Sign in again with your security code to add a webhook."), {})
    assert response.status_code == 403
    assert response.content_type == CONTENT_TYPE  # the header is written when the response is rendered
    assert response.data["detail"] == "Sign in again with your security code to add a webhook."


def test_a_refusal_without_a_message_says_the_default():
    assert (
        exception_handler(PermissionDenied(), {}).data["detail"] == "You do not have permission to perform this action."
    )


def test_not_found_says_nothing_of_what_was_looked_for():
    response = exception_handler(Http404("No Project matches the given query."), {})
    assert response.status_code == 404
    assert response.data["detail"] == "Not found."
