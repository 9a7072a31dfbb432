"""Demo findings, audiences and outputs for TOGETHER-Screen: a published brief, a plain summary and a case study."""

import datetime
from typing import NamedTuple

from mobilise.core import reviews
from mobilise.core.models import Decision
from mobilise.stakeholders import access as stakeholder_access

from . import services
from .demo_findings import MORE_FINDINGS, FindingRow
from .models import AudienceKind, Certainty, Kind, Output, Status

FINDINGS = [
    FindingRow(
        "Screening participation among South Asian women aged 50 to 70 rose by 9 percentage points in "
        "practices with community health champions, against 2 points in comparison practices.",
        "More women took part in screening where local health champions ran sessions.",
        Certainty.MODERATE,
        "10.1136/bmj.m4087\nMereshire screening hub uptake data, 2023-2025",
        "GP practices can refer women who have not responded to invitations to champion sessions.",
        "Commission champion sessions as part of the local cancer screening pathway.",
        "Count community-led engagement as part of screening programme delivery.",
    ),
    FindingRow(
        "Women valued sessions in their own language, in trusted places such as mosques and community "
        "centres, led by women from their own community.",
        "Women liked sessions in their own language, in places they trust, run by women they know.",
        Certainty.HIGH,
        "Interviews with 42 participants and 12 champions",
        "Hold information sessions in community venues and community languages.",
        "Fund sessions in community venues, not only in clinical settings.",
        "Screening invitations should be offered in community languages.",
    ),
    FindingRow(
        "The cost per additional woman screened was about £38, within the range commissioners consider good value.",
        "The sessions are good value for money.",
        Certainty.LOW,
        "Costing study, appendix C of the final report",
        "",
        "The model is affordable within existing prevention budgets.",
        "Include community engagement costs in screening programme budgets.",
    ),
]


# The demo follows its own advice: each output reads at or below its audience's target level (a test checks it).
PLAIN_SUMMARY = {
    "Why we did this research": "South Asian women in Mereshire go for cancer screening less often than other "
    "women. Local women, called health champions, gave talks about screening. They spoke in the women's own "
    "languages, in places such as mosques. We wanted to know if more women would then go for screening, and why.",
    "What we found": "- More women went for screening where champions gave talks.\n"
    "- Women liked talks in their own language, in places they trust, given by women they know.",
    "What this means": "- GP practices can send women who have not yet booked to a champion talk.\n"
    "- Talks work best in local places and in local languages.",
    "Find out more": "The study runs from April 2023 to September 2026. The NIHR pays for it.\n\n"
    "To find out more, email Dr Aisha Rahman: lead@mobilise.test",
}
CASE_STUDY = {
    "What we did": "Women from local faith and women's groups became health champions. They gave talks about "
    "bowel, breast and cervical screening, in community languages, in places women trust. We checked whether more "
    "women took part, for whom and why.",
    "About this research": "We evaluated champion talks for South Asian women in Mereshire. The NIHR Applied "
    "Research Collaboration funds the work (NIHR-ARC-2023-117). It runs from April 2023 to September 2026.\n\n"
    "Contact: Dr Aisha Rahman, lead@mobilise.test",
}


class AudienceRow(NamedTuple):
    """Who the findings are for; stakeholders names who on the map the audience takes in."""

    kind: str
    name: str
    needs: str
    target_grade: int
    preferred_format: str
    preferred_length: str
    stakeholders: tuple[str, ...]


AUDIENCES = [
    AudienceRow(
        AudienceKind.COMMISSIONERS,
        "Kingsbridge and Mereshire ICB cancer board",
        "Whether to fund champion sessions in the 2027 cancer screening pathway",
        10,
        "2-page brief",
        "800 words",
        ("Kingsbridge and Mereshire Integrated Care Board", "Raj Patel"),
    ),
    AudienceRow(
        AudienceKind.COMMUNITY,
        "Women and community groups who took part",
        "What the study found and what happens next",
        7,
        "1-page summary",
        "",
        ("Al-Noor Women's Health Circle", "Mereshire Community Faith Forum"),
    ),
    AudienceRow(
        AudienceKind.PRACTITIONERS,
        "GP practices in Mereshire",
        "How to refer women to sessions",
        11,
        "",
        "",
        ("Mereshire GP Federation", "Dr Sunita Rao"),
    ),
    AudienceRow(
        AudienceKind.POLICYMAKERS,
        "Regional screening programme board",
        "Whether to support community-led engagement across the region",
        10,
        "",
        "",
        ("NHS England regional screening team", "Eastern Cancer Screening Hub"),
    ),
]
# kind, audience, how many of the findings (first first) it draws on, title, who starts it (the lead leads each)
OUTPUTS = [
    (Kind.POLICY_BRIEF, AudienceKind.COMMISSIONERS, 3, "Community health champions raise screening uptake", "lead"),
    (Kind.PLAIN_SUMMARY, AudienceKind.COMMUNITY, 2, "What we found: screening and health champions", "lead"),
    (Kind.CASE_STUDY, AudienceKind.COMMISSIONERS, 2, "TOGETHER-Screen: champions in trusted places", "adviser"),
]


def _rewrite(output, texts, by):
    """Replace the assembled text of the sections named in texts, as a writer would in the editor."""
    bodies = {s.pk: (s.heading, texts[s.heading]) for s in output.sections.all() if s.heading in texts}
    services.save_output(output=output, expected_version=output.version, title=output.title, bodies=bodies, by=by)


def build(context):
    project, users = context["projects"]["screening"], context["users"]
    findings = [services.save_finding(project=project, **f._asdict()) for f in FINDINGS]
    # The final report's other findings: each concerns different stakeholders (who should hear which is ranked).
    for more in MORE_FINDINGS:
        services.save_finding(project=project, **more._asdict())
    on_map = {s.name: s for s in stakeholder_access.named_stakeholders(project)}
    audiences = {
        row.kind: services.save_audience(
            project=project, **{**row._asdict(), "stakeholders": [on_map[n] for n in row.stakeholders]}
        )
        for row in AUDIENCES
    }
    lead = users["lead"]
    brief, summary, case = [
        services.create_output(
            project=project,
            kind=kind,
            audience=audiences[audience],
            findings=findings[:count],
            title=title,
            by=users[author],
            lead=lead,
        )
        for kind, audience, count, title, author in OUTPUTS
    ]
    _rewrite(summary, PLAIN_SUMMARY, lead)
    _rewrite(case, CASE_STUDY, users["adviser"])
    Output.objects.filter(pk=case.pk).update(
        testimonial="I had never been screened. Hearing it from a woman I know, in my own language, changed that.",
        testimonial_by="A participant from the Al-Noor Women's Health Circle",
        testimonial_consent=True,
        testimonial_consent_date=datetime.date(2025, 10, 2),
    )
    # Each went through review: sent by whoever started it, approved by a team member who did not write it.
    for output, reviewer in ((brief, users["member"]), (summary, users["member"]), (case, users["lead"])):
        output.refresh_from_db()
        review = services.send_for_review(output=output, by=output.created_by, reviewers=[reviewer])
        reviews.comment(review=review, obj=output, by=reviewer, text="Clear and short. Approved.")
        reviews.decide(review=review, obj=output, by=reviewer, decision=Decision.APPROVED)
        services.transition(output=output, action="publish", by=users["adviser"], may_approve=True)
    services.record_sending(
        output=brief,
        stakeholders=list(audiences[AudienceKind.COMMISSIONERS].stakeholders.all()),
        sent_on=datetime.date(2026, 3, 12),
        channel="Board paper",
        note="March cancer board",
        by=lead,
    )
    Output.objects.filter(pk__in=[brief.pk, summary.pk, case.pk]).update(status=Status.PUBLISHED)
