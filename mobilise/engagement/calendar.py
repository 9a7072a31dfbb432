"""A workshop as a calendar invitation (.ics) for one invitee."""

from django.conf import settings

from mobilise.documents.calendar import invitation_ics


def workshop_ics(workshop, *, name, email, organiser, reply_url, stamp=None):
    """organiser: (name, email) of the workshop's owner, so accepting or declining in a calendar program reaches
    them. The venue and the joining link are shown only through the invitee's personal link (reply_url), which
    the calendar entry carries as its location, so a forwarded calendar entry does not give them away."""
    return invitation_ics(
        uid=f"workshop-{workshop.pk}@{settings.SITE_URL.split('//')[-1].split('/')[0] or 'mobilise'}",
        sequence=workshop.sequence,
        title=workshop.title,
        description=f"{workshop.purpose}\n\nReply, tell us about any access needs and see how to join: {reply_url}",
        starts=workshop.starts,
        ends=workshop.ends,
        location=reply_url,
        url=reply_url,
        organiser=organiser,
        attendee=(name, email),
        stamp=stamp,
    )
