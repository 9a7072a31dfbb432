"""A realistic logic model (fictional) for the document tests, in the JSON export shape."""

COLUMNS = [
    {"key": "inputs", "label": "Inputs"},
    {"key": "activities", "label": "Activities"},
    {"key": "outputs", "label": "Outputs"},
    {"key": "short", "label": "Short-term outcomes"},
    {"key": "medium", "label": "Medium-term outcomes"},
    {"key": "long", "label": "Long-term outcomes"},
    {"key": "impact", "label": "Impact"},
]

_ELEMENTS = [
    ("in-funding", "inputs", "NIHR programme grant (£1.2m over 4 years)", "Funds staff, training and evaluation."),
    ("in-team", "inputs", "Research team and patient partners", "Two PPIE co-applicants from the target communities."),
    ("in-pcn", "inputs", "Partnerships with 6 primary care networks", ""),
    ("in-data", "inputs", "Screening uptake data from the cancer alliance", "Quarterly, by practice and deprivation."),
    ("act-train", "activities", "Train 20 community health champions", "Two-day course plus monthly supervision."),
    ("act-outreach", "activities", "Run outreach sessions in mosques, temples and community centres", ""),
    ("act-materials", "activities", "Co-produce screening information in 8 languages", "With patient partners."),
    ("act-gp", "activities", "Send GP-endorsed reminder letters and texts", ""),
    ("out-sessions", "outputs", "120 outreach sessions delivered", ""),
    ("out-materials", "outputs", "Translated leaflets, videos and a web page", ""),
    ("out-reminders", "outputs", "15,000 reminders sent to people overdue for screening", ""),
    ("out-champions", "outputs", "20 trained champions active in their communities", ""),
    ("short-knowledge", "short", "Better knowledge of bowel and cervical screening", ""),
    ("short-trust", "short", "More trust in primary care among under-served groups", ""),
    ("short-intent", "short", "More people intend to take part in screening", ""),
    ("med-uptake", "medium", "Screening uptake rises by 5 percentage points in target practices", ""),
    ("med-gap", "medium", "Smaller gap in uptake between most and least deprived areas", ""),
    ("med-practice", "medium", "Practices adopt the champion model in routine care", ""),
    ("long-early", "long", "More cancers diagnosed at stage 1 or 2", ""),
    ("long-commission", "long", "Commissioners fund champions across the integrated care system", ""),
    ("long-equity", "long", "Equitable access to screening becomes a system priority", ""),
    ("imp-mortality", "impact", "Fewer avoidable deaths from cancer", ""),
    ("imp-inequality", "impact", "Narrower health inequalities in cancer outcomes", ""),
    ("act-evaluate", "activities", "Evaluate uptake with the cancer alliance", ""),
    ("out-report", "outputs", "Evaluation report and policy brief for commissioners", ""),
]

_LINKS = [
    ("in-funding", "act-train", ""),
    ("in-funding", "act-outreach", ""),
    ("in-team", "act-materials", "Partners know what the communities need to hear."),
    ("in-pcn", "act-gp", ""),
    ("in-pcn", "act-outreach", ""),
    ("in-data", "act-evaluate", ""),
    ("act-train", "out-champions", ""),
    ("act-outreach", "out-sessions", ""),
    ("act-materials", "out-materials", ""),
    ("act-gp", "out-reminders", ""),
    ("act-evaluate", "out-report", ""),
    ("out-champions", "short-trust", "Trusted messengers from the same community."),
    ("out-sessions", "short-knowledge", ""),
    ("out-materials", "short-knowledge", "Information in people's own language."),
    ("out-reminders", "short-intent", "A prompt at the right time turns intention into action."),
    ("short-knowledge", "short-intent", ""),
    ("short-trust", "short-intent", ""),
    ("short-intent", "med-uptake", ""),
    ("med-uptake", "med-gap", ""),
    ("out-report", "med-practice", ""),
    ("med-practice", "long-commission", ""),
    ("med-uptake", "long-early", "Screening finds cancers earlier."),
    ("med-gap", "long-equity", ""),
    ("long-commission", "long-equity", ""),
    ("long-early", "imp-mortality", ""),
    ("long-equity", "imp-inequality", ""),
    ("long-early", "imp-inequality", ""),
]


def sample_model() -> dict:
    positions: dict[str, int] = {}
    elements = []
    for key, column, text, description in _ELEMENTS:
        positions[column] = positions.get(column, -1) + 1
        elements.append(
            {"key": key, "column": column, "text": text, "description": description, "position": positions[column]}
        )
    return {
        "title": "TOGETHER-Screen logic model",
        "problem": (
            "Uptake of bowel and cervical cancer screening is lowest among South Asian and Black communities "
            "in the most deprived neighbourhoods of the city.\n\nLate diagnosis follows."
        ),
        "context": "Six primary care networks in an urban integrated care system; a cancer alliance keen to act.",
        "population": "Adults eligible for screening, registered with the participating practices.",
        "columns": COLUMNS,
        "elements": elements,
        "notes": [
            {
                "kind": "Assumption",
                "text": "Champions are seen as trustworthy by their communities.",
                "about": "Train 20 community health champions",
            },
            {"kind": "Assumption", "text": "Practices can act on overdue lists within a month.", "about": ""},
            {
                "kind": "External factor",
                "text": "National changes to the screening age range.",
                "about": "Screening uptake rises by 5 percentage points in target practices",
            },
        ],
        "links": [{"source": s, "target": t, "rationale": r} for s, t, r in _LINKS],
    }
