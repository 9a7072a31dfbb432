"""The programme as an Atom feed (RFC 4287): each published event, newest first. User text is escaped as XML."""

from xml.sax.saxutils import escape

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from mobilise.core.models import SiteSettings

from .mails import when
from .models import Event


def _text(value: str) -> str:
    return escape("".join(ch for ch in value if ch in "\t\n\r" or ch >= " "))


def atom(request: HttpRequest, events: list[Event], site: SiteSettings) -> bytes:
    home = request.build_absolute_uri(reverse("events:programme"))
    updated = max((e.updated for e in events), default=timezone.now())
    entries = []
    for event in events:
        url = request.build_absolute_uri(reverse("events:event", args=[event.slug]))
        entries.append(
            "<entry>"
            f"<title>{_text(event.title)}</title>"
            f'<link rel="alternate" type="text/html" href="{escape(url)}"/>'
            f"<id>urn:uuid:{event.uid}</id>"
            f"<published>{event.created.isoformat()}</published>"
            f"<updated>{event.updated.isoformat()}</updated>"
            f"<summary>{_text(when(event))}. {_text(event.description)}</summary>"
            "</entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{_text(site.name)}: webinars</title>"
        f'<link rel="self" href="{escape(request.build_absolute_uri())}"/>'
        f'<link rel="alternate" type="text/html" href="{escape(home)}"/>'
        f"<id>{escape(home)}</id><updated>{updated.isoformat()}</updated>"
        f"<author><name>{_text(site.name)}</name></author>" + "".join(entries) + "</feed>"
    ).encode()
