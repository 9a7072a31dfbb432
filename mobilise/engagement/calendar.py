"""A workshop as a calendar invitation (.ics) for one invitee."""

from email.utils import parseaddr

from django.conf import settings

from mobilise.documents.calendar import invitation_ics


def workshop_ics(workshop, *, name, email, stamp=None):
    where = ", ".join(x for x in (workshop.place, workshop.online_link) if x)
    return invitation_ics(
        uid=f"workshop-{workshop.pk}@{settings.SITE_URL.split('//')[-1].split('/')[0] or 'mobilise'}",
        sequence=workshop.sequence,
        title=workshop.title,
        description=workshop.purpose,
        starts=workshop.starts,
        ends=workshop.ends,
        location=where,
        url=workshop.online_link,
        organiser=(settings.SITE_NAME, _address(settings.DEFAULT_FROM_EMAIL)),
        attendee=(name, email),
        stamp=stamp,
    )


def _address(value):
    return parseaddr(value)[1] or "noreply@localhost"
