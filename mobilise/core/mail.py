"""The one way to send email: services call `send_mail`, a task delivers the message after the write commits.

    from mobilise.core import mail
    mail.send_mail(subject=..., body=..., to=[...], attachments=[mail.attachment("invite.ics", ics, "text/calendar")])

Nothing is sent for a write that is rolled back, a request never waits on the mail server, and a failed
delivery is retried (see `core/tasks.py`) and listed in the Django admin under "Task results".

Every message is checked against the suppression list (core/suppression.py) when it goes: a suppressed
recipient is left out, and a message left with nobody is not sent. `requested=True` marks the answer to what the
person asked for in this request (see suppression.py for what that lets through). `headers` are extra header
lines as text, for example a mailing list's List-Unsubscribe and List-Unsubscribe-Post (RFC 2369, RFC 8058).
"""

import base64
import contextlib
import logging
from typing import Any, TypedDict

from django.core.mail import EmailMultiAlternatives
from django_tasks import task

from . import suppression
from .tasks import enqueue_on_commit, retry_later

logger = logging.getLogger(__name__)


class Attachment(TypedDict):
    """A file for a message, in a form the task queue can store: text as it is, bytes in base64."""

    filename: str
    content: str
    mimetype: str
    base64: bool


def attachment(filename: str, content: str | bytes, mimetype: str) -> Attachment:
    """Text stays readable in the stored task (bytes of a text/* type are decoded, as Django's `attach` does)."""
    if isinstance(content, bytes) and mimetype.startswith("text/"):
        with contextlib.suppress(UnicodeDecodeError):
            content = content.decode()
    if isinstance(content, bytes):
        return Attachment(filename=filename, content=base64.b64encode(content).decode(), mimetype=mimetype, base64=True)
    return Attachment(filename=filename, content=content, mimetype=mimetype, base64=False)


def send_mail(
    *,
    subject: str,
    body: str,
    to: list[str],
    reply_to: list[str] | None = None,
    from_email: str | None = None,
    html: str | None = None,
    attachments: list[Attachment] | None = None,
    headers: dict[str, str] | None = None,
    requested: bool = False,
) -> None:
    """Queue one message (plain text `body`, optional `html` alternative) for when the current transaction commits."""
    enqueue_on_commit(
        send_message,
        subject=subject,
        body=body,
        to=list(to),
        reply_to=list(reply_to or []),
        from_email=from_email,
        html=html,
        attachments=list(attachments or []),
        headers={str(k): str(v) for k, v in (headers or {}).items()},
        requested=requested,
    )


def build_message(
    *,
    subject: str,
    body: str,
    to: list[str],
    reply_to: list[str],
    from_email: str | None,
    html: str | None,
    attachments: list[Attachment],
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=from_email, to=to, reply_to=reply_to or None, headers=headers or None
    )
    if html:
        message.attach_alternative(html, "text/html")
    for a in attachments:
        content = base64.b64decode(a["content"]) if a["base64"] else a["content"]
        message.attach(a["filename"], content, a["mimetype"])
    return message


@task()
def send_message(*, attempt: int = 1, requested: bool = False, **fields: Any) -> None:
    """Send one message built from `send_mail`'s fields to the recipients not suppressed; on failure queue a later
    attempt, then fail this one."""
    blocked = suppression.blocked(fields["to"], requested=requested)
    if blocked:
        logger.info("Left out %d suppressed recipient(s) of %r", len(blocked), fields["subject"])
        fields = {**fields, "to": [a for a in fields["to"] if a not in blocked]}
        if not fields["to"]:
            return
    try:
        build_message(**fields).send()
    except Exception:
        retry_later(send_message, attempt=attempt, requested=requested, **fields)
        raise
