"""The email a requester gets when their request changes status: a starting text for each status, which the
adviser edits before it goes. Ideas reuse these, so they speak of "your request" and its reference only."""

from .models import Status

SUBJECTS: dict[str, str] = {
    Status.ASSESSING: "We are looking at your request ({reference})",
    Status.WAITING: "We need a little more information ({reference})",
    Status.ACCEPTED: "We can support you ({reference})",
    Status.REDIRECTED: "Another organisation can help you better ({reference})",
    Status.DECLINED: "About your request for support ({reference})",
}

BODIES: dict[str, str] = {
    Status.ASSESSING: (
        "Dear {name},\n\nThank you for your request about “{title}”. An adviser is now looking at it, and we will be "
        "in touch soon about how we can help."
    ),
    Status.WAITING: (
        "Dear {name},\n\nThank you for your request about “{title}”. To decide how we can help, we need to know:\n\n"
        "- \n\nYou can answer through your private link, or reply to this email."
    ),
    Status.ACCEPTED: (
        "Dear {name},\n\nWe are glad to tell you that we can support “{title}”. Your adviser will contact you to "
        "arrange a first meeting."
    ),
    Status.REDIRECTED: (
        "Dear {name},\n\nThank you for your request about “{title}”. We think another organisation can help you "
        "better:\n\n{reason}\n\nWe are happy to introduce you if that would help."
    ),
    Status.DECLINED: (
        "Dear {name},\n\nThank you for your request about “{title}”. We are sorry that we cannot support it, "
        "because:\n\n{reason}\n\nYou are welcome to ask us again if things change."
    ),
}

# Decisions that must say why, to the requester and in the record.
NEEDS_REASON = (Status.REDIRECTED, Status.DECLINED)


def draft(status: str, *, name: str, title: str, reference: str, reason: str = "") -> tuple[str, str]:
    """The subject and starting text of the email for a change to `status`."""
    return (
        SUBJECTS[status].format(reference=reference),
        BODIES[status].format(name=name, title=title, reason=reason or "[the reason]"),
    )
