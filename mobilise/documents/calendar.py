"""Calendar files (iCalendar, RFC 5545) for invitations, from plain data."""

from __future__ import annotations

import datetime

from icalendar import Calendar, Event, vCalAddress, vText


def invitation_ics(
    *,
    uid: str,
    sequence: int,
    title: str,
    description: str,
    starts: datetime.datetime,
    ends: datetime.datetime,
    location: str = "",
    url: str = "",
    organiser: tuple[str, str] | None = None,
    attendee: tuple[str, str] | None = None,
    stamp: datetime.datetime | None = None,
) -> bytes:
    """One event as a REQUEST, so calendar programs offer to accept or decline it. Times are stored in UTC."""
    utc = datetime.UTC
    calendar = Calendar()
    calendar.add("prodid", "-//Mobilise//Workshops//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", (stamp or datetime.datetime.now(utc)).astimezone(utc))
    event.add("dtstart", starts.astimezone(utc))
    event.add("dtend", ends.astimezone(utc))
    event.add("summary", title)
    event.add("description", description)
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
    if organiser:
        address = vCalAddress(f"mailto:{organiser[1]}")
        address.params["cn"] = vText(organiser[0])
        event.add("organizer", address)
    if attendee:
        address = vCalAddress(f"mailto:{attendee[1]}")
        address.params["cn"] = vText(attendee[0])
        address.params["role"] = vText("REQ-PARTICIPANT")
        address.params["partstat"] = vText("NEEDS-ACTION")
        address.params["rsvp"] = vText("TRUE")
        event.add("attendee", address)
    calendar.add_component(event)
    return calendar.to_ical()
