"""The first draft of an output, assembled from the project's findings for one audience.

Each kind of output has the sections the support organisations publish; every section stays editable.
"""

from mobilise.documents.text import lower_first

from .models import AudienceKind, Kind

CERTAINTY_WORDS = {
    "high": "We are confident in this finding.",
    "moderate": "We are fairly confident in this finding.",
    "low": "Our confidence in this finding is limited.",
    "very_low": "This finding is uncertain.",
}


def _implication(finding, audience_kind):
    """What a finding means for this kind of audience."""
    if audience_kind == AudienceKind.COMMISSIONERS:
        return finding.for_commissioning or finding.for_practice
    if audience_kind == AudienceKind.POLICYMAKERS:
        return finding.for_policy or finding.for_commissioning
    if audience_kind in (AudienceKind.PUBLIC, AudienceKind.COMMUNITY):
        return finding.for_practice
    return finding.for_practice or finding.for_policy


def _plain(finding, audience_kind):
    lay = audience_kind in (AudienceKind.PUBLIC, AudienceKind.COMMUNITY)
    return (finding.plain_statement or finding.statement) if lay else finding.statement


def _bullets(lines):
    return "\n".join(f"- {line.strip()}" for line in lines if line and line.strip())


def _about(project, lead):
    lines = [project.title + "."]
    if project.funder:
        lines.append(
            f"Funded by {project.funder}" + (f" ({project.award_reference})." if project.award_reference else ".")
        )
    if project.start_date and project.end_date:
        lines.append(f"The project runs from {project.start_date:%B %Y} to {project.end_date:%B %Y}.")
    contact = f"Contact: {lead.full_name}, {lead.email}" if lead else "Contact: the project team"
    return " ".join(lines) + "\n\n" + contact


def sections_for(kind, *, project, audience, findings, lead):
    """[(heading, body)] for a new output of this kind."""
    k = audience.kind
    messages = _bullets(_plain(f, k) for f in findings)
    found = "\n\n".join(f"{_plain(f, k)} {CERTAINTY_WORDS[f.certainty]}" for f in findings)
    implications = _bullets(_implication(f, k) for f in findings)
    background = project.summary or "Describe the problem this work addresses and why it matters now."
    about = _about(project, lead)
    sources = _bullets(ref["text"] for f in findings for ref in f.references)
    needs = audience.needs or "the decisions they face"
    if kind == Kind.POLICY_BRIEF:
        return [
            ("Key messages", messages),
            ("The issue", background),
            ("What we found", found),
            (f"What this means for {lower_first(audience.get_kind_display())}", implications),
            ("Recommendations", implications or f"Write what {audience.name} should do about {needs}."),
            ("Sources", sources or "List the studies, reports and data this brief draws on, one a line."),
            ("About this research", about),
        ]
    if kind == Kind.EXECUTIVE_SUMMARY:
        return [
            ("Background", background),
            ("What we found", found),
            ("Implications", implications),
            ("Next steps", f"Set out what happens next and what {audience.name} is asked to decide."),
            ("About this research", about),
        ]
    if kind == Kind.CASE_STUDY:
        return [
            ("Summary", messages),
            ("What we did", background),
            ("Outcome and impact", found),
            ("What happens next", implications),
            ("About this research", about),
        ]
    if kind == Kind.PLAIN_SUMMARY:
        return [
            ("Why we did this research", background),
            ("What we found", messages),
            ("What this means", implications),
            ("Find out more", about),
        ]
    if kind == Kind.KEY_MESSAGES:
        return [("Key messages", messages), ("What to do", implications)]
    return [
        ("Headline", messages.split("\n")[0][2:] if messages else project.title),
        ("The story", found),
        ("Find out more", about),
    ]
