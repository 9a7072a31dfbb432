"""Workshop pack (before) and report (after) as PDF (typst) and DOCX (python-docx), from plain data.

``data`` is a dict of strings and lists: title, project, footer, facts [(label, value)], purpose,
agenda [{time, title, owner, notes}], participants [{name, organisation, reply, attended}],
summary, decisions [str], actions [{description, owner, due, status}], materials [str], and optionally
feedback [{title, address}]: feedback forms for the room, printed with the QR code of their address.
"""

from __future__ import annotations

import io

from .docx_export import a4_document, headed_table
from .qr import qr_svg
from .text import clean_data
from .typst_render import compile_document, template


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").split("\n\n") if p.strip()]


def _shape(data: dict, report: bool) -> dict:
    participants = data["participants"]
    if report:
        participants = [p for p in participants if p.get("attended")] or participants
    return {
        "heading": "Workshop report" if report else "Workshop pack",
        "title": data["title"],
        "project": data["project"],
        "footer": data["footer"],
        "facts": [list(f) for f in data["facts"]],
        "purpose": _paragraphs(data["purpose"]),
        "agenda": [{k: item.get(k, "") or "" for k in ("time", "title", "owner", "notes")} for item in data["agenda"]],
        "with_notes": report,
        "participants_heading": "Who took part" if report else "Participants",
        "participant_status": "Attended" if report else "Reply",
        "participants": [
            {
                "name": p["name"],
                "organisation": p.get("organisation", ""),
                "status": ("Yes" if p.get("attended") else "No") if report else p.get("reply", ""),
            }
            for p in participants
        ],
        "report": report,
        "summary": _paragraphs(data.get("summary", "")),
        "decisions": list(data.get("decisions", [])),
        "actions": [
            {k: a.get(k, "") or "" for k in ("description", "owner", "due", "status")} for a in data.get("actions", [])
        ],
        "materials": list(data.get("materials", [])),
        "feedback": [
            {"title": f["title"], "address": f["address"], "qr": f"feedback-{i}.svg"}
            for i, f in enumerate(data.get("feedback", []))
        ],
    }


def pdf(data: dict, *, report: bool) -> bytes:
    data = clean_data(data)  # what was stored before text was cleaned at the boundary
    shaped = _shape(data, report)
    files: dict[str, str | bytes] = {f["qr"]: qr_svg(f["address"]) for f in shaped["feedback"]}
    return compile_document(template("workshop.typ"), data=shaped, files=files, pdf_standards=["ua-1"])


def docx(data: dict, *, report: bool) -> bytes:
    data = clean_data(data)  # what was stored before text was cleaned at the boundary
    shaped = _shape(data, report)
    document = a4_document()
    document.core_properties.title = f"{shaped['heading']}: {shaped['title']}"
    document.add_paragraph(f"{shaped['heading']} · {shaped['project']}")
    document.add_heading(shaped["title"], level=1)
    for label, value in shaped["facts"]:
        p = document.add_paragraph()
        p.add_run(f"{label}: ").bold = True
        p.add_run(value)
    document.add_heading("Purpose", level=2)
    for p in shaped["purpose"]:
        document.add_paragraph(p)
    headings = ["Time", "Item", "Led by"] + (["Notes"] if report else [])
    widths = [20, 70, 40, 40] if report else [25, 100, 45]
    rows = [[i["time"], i["title"], i["owner"]] + ([i["notes"]] if report else []) for i in shaped["agenda"]]
    headed_table(document, "Agenda", "Agenda", headings, rows, widths, empty="No agenda items yet.", level=2)
    headed_table(
        document,
        shaped["participants_heading"],
        shaped["participants_heading"],
        ["Name", "Organisation", shaped["participant_status"]],
        [[p["name"], p["organisation"], p["status"]] for p in shaped["participants"]],
        [60, 75, 35],
        empty="No one invited yet.",
        level=2,
    )
    if report:
        document.add_heading("Notes", level=2)
        for p in shaped["summary"] or ["No overall notes recorded."]:
            document.add_paragraph(p)
        document.add_heading("Decisions", level=2)
        for d in shaped["decisions"]:
            document.add_paragraph(d, style="List Bullet")
        if not shaped["decisions"]:
            document.add_paragraph("No decisions recorded.")
        headed_table(
            document,
            "Actions",
            "Actions",
            ["Action", "Who", "Due", "Status"],
            [[a["description"], a["owner"], a["due"], a["status"]] for a in shaped["actions"]],
            [80, 40, 25, 25],
            empty="No actions recorded.",
            level=2,
        )
    if shaped["materials"]:
        document.add_heading("Materials", level=2)
        for m in shaped["materials"]:
            document.add_paragraph(m, style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
