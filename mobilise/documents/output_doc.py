"""Outputs (policy briefs, summaries, case studies) as PDF, DOCX and standalone accessible HTML.

Input is plain data: {"title", "kind", "audience", "project", "date", "sections": [{"heading", "body"}],
"testimonial": {"quote", "by"} or None}. User text is never markup: typst reads it from JSON, HTML escapes it,
python-docx writes it as text runs.
"""

import io
from html import escape

from docx import Document
from docx.shared import Pt, RGBColor

from .docx_export import _set_language
from .text import blocks, clean_data
from .typst_render import compile_document, template

NHS_BLUE = RGBColor(0x00, 0x30, 0x87)


def _structured(data: dict) -> dict:
    return {**data, "sections": [{"heading": s["heading"], "blocks": blocks(s["body"])} for s in data["sections"]]}


def output_pdf(data: dict) -> bytes:
    """An A4 PDF, tagged to PDF/UA-1 with its title and language set, so screen readers can follow it."""
    data = clean_data(data)  # what was stored before text was cleaned at the boundary
    return compile_document(template("output.typ"), data=_structured(data), pdf_standards=["ua-1"])


def output_docx(data: dict) -> bytes:
    data = clean_data(data)  # what was stored before text was cleaned at the boundary
    document = Document()
    _set_language(document, "en-GB")
    document.core_properties.title = data["title"]
    document.core_properties.subject = f"{data['kind']} for {data['audience']}"
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(11)
    heading = document.add_heading(data["title"], level=0)
    for run in heading.runs:
        run.font.color.rgb = NHS_BLUE
    document.add_paragraph(f"{data['kind']} for {data['audience']}. {data['project']}. {data['date']}")
    for section in _structured(data)["sections"]:
        document.add_heading(section["heading"], level=1)
        for block in section["blocks"]:
            if block["type"] == "ul":
                for item in block["items"]:
                    document.add_paragraph(item, style="List Bullet")
            else:
                document.add_paragraph(block["text"])
    if data.get("testimonial"):
        document.add_heading("In their words", level=1)
        quote = document.add_paragraph(f"“{data['testimonial']['quote']}”", style="Intense Quote")
        quote.paragraph_format.space_after = Pt(4)
        document.add_paragraph(f"{data['testimonial']['by']}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


HTML_STYLE = """
body{font-family:Arial,Helvetica,sans-serif;color:#212b32;line-height:1.5;max-width:44em;margin:2em auto;padding:0 1em}
h1{color:#003087;font-size:2em;line-height:1.2}h2{color:#003087;margin-top:1.5em}
.meta{color:#4c6272}blockquote{border-left:6px solid #005eb8;margin:1em 0;padding:.5em 1em;background:#f0f4f5}
"""


def output_html(data: dict) -> str:
    """A standalone page with landmarks, headings in order and the language set."""
    data = clean_data(data)  # what was stored before text was cleaned at the boundary
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(data['title'])}</title>",
        f"<style>{HTML_STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{escape(data['title'])}</h1>",
        f'<p class="meta">{escape(data["kind"])} for {escape(data["audience"])}. {escape(data["project"])}. '
        f"{escape(data['date'])}</p>",
    ]
    for section in _structured(data)["sections"]:
        parts.append(f"<h2>{escape(section['heading'])}</h2>")
        for block in section["blocks"]:
            if block["type"] == "ul":
                parts.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in block["items"]) + "</ul>")
            else:
                parts.append(f"<p>{escape(block['text'])}</p>")
    if data.get("testimonial"):
        parts.append("<h2>In their words</h2>")
        parts.append(
            f"<blockquote><p>“{escape(data['testimonial']['quote'])}”</p>"
            f"<footer>{escape(data['testimonial']['by'])}</footer></blockquote>"
        )
    parts += ["</main>", "</body>", "</html>"]
    return "\n".join(parts)
