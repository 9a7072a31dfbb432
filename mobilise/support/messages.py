"""The email a person gets when their request or idea changes status: one mechanism, a starting text for each
kind ("request", "idea") and status, which the adviser edits before it goes."""

from .models import IdeaStatus, Status

# kind -> status -> (subject, body). Bodies may use {name}, {title} and {reason}; subjects {reference}.
DRAFTS: dict[str, dict[str, tuple[str, str]]] = {
    "request": {
        Status.ASSESSING: (
            "We are looking at your request ({reference})",
            "Dear {name},\n\nThank you for your request about “{title}”. An adviser is now looking at it, and we "
            "will be in touch soon about how we can help.",
        ),
        Status.WAITING: (
            "We need a little more information ({reference})",
            "Dear {name},\n\nThank you for your request about “{title}”. To decide how we can help, we need to "
            "know:\n\n- \n\nYou can answer through your private link, or reply to this email.",
        ),
        Status.ACCEPTED: (
            "We can support you ({reference})",
            "Dear {name},\n\nWe are glad to tell you that we can support “{title}”. Your adviser will contact you "
            "to arrange a first meeting.",
        ),
        Status.REDIRECTED: (
            "Another organisation can help you better ({reference})",
            "Dear {name},\n\nThank you for your request about “{title}”. We think another organisation can help "
            "you better:\n\n{reason}\n\nWe are happy to introduce you if that would help.",
        ),
        Status.DECLINED: (
            "About your request for support ({reference})",
            "Dear {name},\n\nThank you for your request about “{title}”. We are sorry that we cannot support it, "
            "because:\n\n{reason}\n\nYou are welcome to ask us again if things change.",
        ),
    },
    "idea": {
        IdeaStatus.REVIEWING: (
            "We are looking at your idea ({reference})",
            "Dear {name},\n\nThank you for sharing your idea “{title}”. Our advisers are now looking at it, and we "
            "will tell you what we decide.\n\nWhy: {reason}",
        ),
        IdeaStatus.WAITING: (
            "We would like to know more about your idea ({reference})",
            "Dear {name},\n\nThank you for sharing your idea “{title}”. Before we decide, we would like to "
            "know:\n\n{reason}\n\nYou can answer through your private link, or reply to this email.",
        ),
        IdeaStatus.ACCEPTED: (
            "We would like to take your idea forward ({reference})",
            "Dear {name},\n\nWe are glad to tell you that we would like to take your idea “{title}” forward, "
            "because:\n\n{reason}\n\nAn adviser will contact you about the next steps.",
        ),
        IdeaStatus.NOT_TAKEN: (
            "About your idea ({reference})",
            "Dear {name},\n\nThank you for sharing your idea “{title}”. We are sorry that we cannot take it "
            "forward, because:\n\n{reason}\n\nYou are welcome to send us another idea, or this one again if "
            "things change.",
        ),
    },
}

# The changes that must say why, to the person and in the record. Every change of an idea does (issue 17).
NEEDS_REASON: dict[str, tuple[str, ...]] = {
    "request": (Status.REDIRECTED, Status.DECLINED),
    "idea": tuple(DRAFTS["idea"]),
}
PLACEHOLDER = "[the reason]"


def draft(kind: str, status: str, *, name: str, title: str, reference: str, reason: str = "") -> tuple[str, str]:
    """The subject and starting text of the email for a change of a `kind` to `status`."""
    subject, body = DRAFTS[kind][status]
    return subject.format(reference=reference), body.format(name=name, title=title, reason=reason or PLACEHOLDER)
