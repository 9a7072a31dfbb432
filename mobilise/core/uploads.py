"""Checks on uploaded files: size, and a type read from the content, not only from the name.

`check_upload` takes the general documents and images by default; a form that wants other kinds (a recording,
captions) or fewer passes `types` (extensions from TYPES or MEDIA_TYPES), their description, and its own limit."""

import secrets
import zipfile
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

MAX_BYTES = 10 * 1024 * 1024
OOXML = {  # a part every file of the kind holds
    ".docx": "word/document.xml",
    ".xlsx": "xl/workbook.xml",
    ".pptx": "ppt/presentation.xml",
}
TYPES = {
    ".pdf": ("PDF", "application/pdf"),
    ".docx": ("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": ("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".pptx": ("PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ".png": ("PNG image", "image/png"),
    ".jpg": ("JPEG image", "image/jpeg"),
    ".jpeg": ("JPEG image", "image/jpeg"),
    ".txt": ("text", "text/plain; charset=utf-8"),
    ".csv": ("CSV", "text/csv; charset=utf-8"),
}
ALLOWED = "a PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), PNG, JPEG, text or CSV file"
# Kinds only a form that asks for them takes (never in the general list).
MEDIA_TYPES = {
    ".mp4": ("video", "video/mp4"),
    ".vtt": ("captions (WebVTT)", "text/vtt; charset=utf-8"),
}
MB = 1024 * 1024


def _is_text(upload):
    upload.seek(0)
    data = upload.read()
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


def _matches(extension, upload):
    upload.seek(0)
    head = upload.read(12)
    if extension == ".mp4":  # an ISO media file opens with its "ftyp" box
        return len(head) >= 12 and head[4:8] == b"ftyp"
    if extension == ".vtt":
        upload.seek(0)
        return upload.read(9).removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT") and _is_text(upload)
    if extension == ".pdf":
        return head.startswith(b"%PDF-")
    if extension == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in (".jpg", ".jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension in OOXML:
        if not head.startswith(b"PK\x03\x04"):
            return False
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return False
        return "[Content_Types].xml" in names and OOXML[extension] in names
    return _is_text(upload)


def check_upload(
    upload: Any, *, types: Iterable[str] | None = None, allowed: str = ALLOWED, max_bytes: int = MAX_BYTES
) -> str:
    """The content type to serve the file with; ValidationError with a plain message when it is refused.

    types: the extensions taken (default: every one in TYPES); allowed: them in words, after "must be"."""
    name = upload.name or "file"
    known = {**TYPES, **MEDIA_TYPES}
    taken = {e: known[e] for e in types} if types is not None else TYPES
    if upload.size == 0:
        raise ValidationError(f"“{name}” is empty")
    if upload.size > max_bytes:
        raise ValidationError(f"“{name}” must be smaller than {max_bytes // MB} MB")
    extension = PurePath(name).suffix.lower()
    if extension not in taken:
        raise ValidationError(f"“{name}” must be {allowed}")
    label, content_type = taken[extension]
    try:
        ok = _matches(extension, upload)
    finally:
        upload.seek(0)
    if not ok:
        raise ValidationError(f"“{name}” is not really a {label} file: its contents do not match its name")
    return content_type


def clean_name(name):
    """The file name to show and to download as: no folders, no control characters."""
    base = PurePath(name.replace("\\", "/")).name
    return "".join(c for c in base if c.isprintable() and c not in '"<>')[:200] or "file"


def stored_name(folder: str, filename: str) -> str:
    """Where a kept upload is stored: a name no one can guess, under folder, keeping only the checked extension.

    A model's `upload_to` is a function of its own module (its migrations name it) that calls this."""
    return f"{folder}/{secrets.token_urlsafe(24)}{PurePath(filename).suffix.lower()}"


def serve_private(file: FieldFile, *, name: str, content_type: str) -> FileResponse:
    """A kept upload as a download: 404 when there is none, and never run or cached by the browser.

    Call it only after the access layer found the object the file belongs to."""
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
