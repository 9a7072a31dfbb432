"""An event as a calendar file (iCalendar, RFC 5545, through the `icalendar` package that documents/calendar.py
uses too): the public "add to calendar" download, and the invitation each registrant is emailed.

The invitation is an iTIP REQUEST (RFC 5546) with the event's stable UID and its SEQUENCE, raised every time
registrants are sent a change, so calendar programs replace the entry rather than add a second; a cancelled
event or registration goes out as METHOD:CANCEL. Times are local to Europe/London, with its VTIMEZONE written
out as rules (valid for every year, where generating it from the zone database stops at 2038)."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress, vRecur, vText
from icalendar import Event as VEvent

from mobilise.core.models import SiteSettings

from .models import Event, Registration

LONDON = ZoneInfo("Europe/London")
PRODID = "-//Mobilise//Webinar programme//EN"


def _london() -> Timezone:
    zone = Timezone()
    zone.add("tzid", "Europe/London")
    summer = TimezoneDaylight()
    summer.add("tzname", "BST")
    summer.add("dtstart", datetime.datetime(1970, 3, 29, 1, 0))  # noqa: DTZ001 - local time, as RFC 5545 wants
    summer.add("tzoffsetfrom", datetime.timedelta(0))
    summer.add("tzoffsetto", datetime.timedelta(hours=1))
    summer.add("rrule", vRecur(freq="YEARLY", bymonth=3, byday="-1SU"))
    winter = TimezoneStandard()
    winter.add("tzname", "GMT")
    winter.add("dtstart", datetime.datetime(1970, 10, 25, 2, 0))  # noqa: DTZ001 - local time, as RFC 5545 wants
    winter.add("tzoffsetfrom", datetime.timedelta(hours=1))
    winter.add("tzoffsetto", datetime.timedelta(0))
    winter.add("rrule", vRecur(freq="YEARLY", bymonth=10, byday="-1SU"))
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def organiser() -> tuple[str, str]:
    """The programme's name and real address: replies and calendar answers reach a person."""
    site = SiteSettings.load()
    address = site.contact_email or settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">").strip()
    return site.name, address


def uid(event: Event) -> str:
    return f"event-{event.uid}@mobilise"


def event_ics(
    event: Event,
    *,
    method: str | None = None,
    registration: Registration | None = None,
    url: str = "",
    location: str = "",
    note: str = "",
) -> bytes:
    """The calendar file for event: `method` REQUEST or CANCEL for a registrant's invitation (with `registration`
    as the attendee), None for the public download. `location` is what the entry says where to go (the joining
    link only once registrants are sent it); `note` ends the description."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    calendar.add_component(_london())
    entry = VEvent()
    entry.add("uid", uid(event))
    entry.add("sequence", event.sequence)
    entry.add("dtstamp", datetime.datetime.now(datetime.UTC))
    entry.add("dtstart", event.start.astimezone(LONDON))
    entry.add("dtend", event.end.astimezone(LONDON))
    entry.add("summary", event.title)
    entry.add("description", "\n\n".join(part for part in (event.description, note) if part))
    cancelled = method == "CANCEL" or event.status == "cancelled"
    entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if location:
        entry.add("location", location)
    if url:
        entry.add("url", url)
    name, address = organiser()
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = vText(name)
    entry.add("organizer", organizer)
    if registration is not None:
        attendee = vCalAddress(f"mailto:{registration.email}")
        attendee.params["cn"] = vText(registration.name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("DECLINED" if method == "CANCEL" else "ACCEPTED")
        attendee.params["rsvp"] = vText("FALSE")
        entry.add("attendee", attendee)
    calendar.add_component(entry)
    return calendar.to_ical()
