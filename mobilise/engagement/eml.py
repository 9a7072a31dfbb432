"""Reading an email saved as .eml into a draft interaction."""

import html
import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses

from django.utils import timezone

BODY_LIMIT = 20_000


def _text(part):
    """A text part's content, whatever its declared charset: unknown or wrong charsets fall back gracefully."""
    try:
        return part.get_content()
    except (LookupError, UnicodeDecodeError, AssertionError):
        payload = part.get_payload(decode=True) or b""
        for charset in (part.get_content_charset() or "", "utf-8", "cp1252"):
            try:
                return payload.decode(charset) if charset else payload.decode("utf-8")
            except (LookupError, UnicodeDecodeError):
                continue
        return payload.decode("latin-1")


def _windows_1252(text):
    """Senders often label Windows-1252 text as ISO-8859-1; its C1 control characters are then really
    Windows punctuation (en dashes, curly quotes, the euro sign)."""
    if any("\x80" <= c <= "\x9f" for c in text):
        try:
            return text.encode("latin-1").decode("cp1252")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return text
    return text


def _strip_html(text):
    """Plain text of an HTML body with its paragraphs (blank lines between) and line breaks kept: the source's
    own line breaks are only layout, as a browser treats them."""
    text = re.sub(r"(?is)<(script|style).*?</\1>", "", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"(?i)<br\s*/?>|</li>|</tr>", "\n", text)
    text = re.sub(r"(?i)</(p|div|h[1-6]|ul|ol|table|blockquote)>", "\n\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r" *\n *", "\n", html.unescape(text).replace("\xa0", " "))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _header(message, name):
    try:
        return str(message.get(name, "") or "")
    except (ValueError, IndexError):  # a header too broken to parse
        return ""


def parse(data):
    """{subject, date (a date or None), sender (name, email), recipients [(name, email)], body} from .eml bytes."""
    message = BytesParser(_class=EmailMessage, policy=policy.default).parsebytes(data)
    subject = _windows_1252(" ".join(_header(message, "subject").split()))
    date = None
    try:
        header = message["date"]
        if header is not None and header.datetime is not None:
            when = header.datetime
            date = (timezone.localtime(when) if when.tzinfo else when).date()
    except (ValueError, TypeError, AttributeError, IndexError, OverflowError):
        date = None  # no date, or one at the calendar's edge: the user enters it
    addresses = {}
    for name in ("from", "to", "cc"):
        for display, email in getaddresses([_header(message, name)]):
            if "@" in email:
                addresses.setdefault(name, []).append((display, email.lower()))
    sender = (addresses.get("from") or [("", "")])[0]
    recipients = addresses.get("to", []) + addresses.get("cc", [])
    body = ""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is not None:
        body = _text(part)
        if part.get_content_subtype() == "html":
            body = _strip_html(body)
    body = _windows_1252(body.replace("\r\n", "\n").replace("\r", "\n")).strip()[:BODY_LIMIT]
    return {"subject": subject[:200], "date": date, "sender": sender, "recipients": recipients, "body": body}
