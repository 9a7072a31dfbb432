import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile, FileField
from django.http import Http404

from mobilise.core.uploads import serve_private, stored_name
from mobilise.engagement.models import attachment_path
from mobilise.evaluation.models import evidence_path
from mobilise.events.models import material_path
from mobilise.planning.models import export_path


@pytest.fixture
def field_file(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    field = FileField(storage=storage)

    def make(name):
        return FieldFile(None, field, name)

    storage.save("kept/report.pdf", ContentFile(b"%PDF-1.4 body"))
    return make


def test_a_private_file_downloads_and_is_never_run_or_cached(field_file):
    response = serve_private(field_file("kept/report.pdf"), name="Report “final”.pdf", content_type="application/pdf")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 body"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"
    response.file_to_stream.close()  # not response.close(): that signals the end of a request


@pytest.mark.parametrize("name", ["", "kept/missing.pdf"])
def test_no_file_or_a_lost_one_is_404(field_file, name):
    with pytest.raises(Http404):
        serve_private(field_file(name), name="x.pdf", content_type="application/pdf")


def test_a_form_may_take_media_kinds_the_general_list_refuses():
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from mobilise.core.uploads import ALLOWED, check_upload

    video = SimpleUploadedFile("talk.mp4", b"\x00\x00\x00\x18ftypisom" + b"\x00" * 32)
    captions = SimpleUploadedFile("talk.vtt", "\ufeffWEBVTT\n\n00:00.000 --> 00:01.000\nHello\n".encode())
    assert check_upload(video, types=[".mp4"], allowed="an MP4 video") == "video/mp4"
    assert check_upload(captions, types=[".vtt"], allowed="a WebVTT file").startswith("text/vtt")
    with pytest.raises(ValidationError, match=re.escape(ALLOWED)):
        check_upload(video)  # not in the general list
    with pytest.raises(ValidationError, match="must be smaller than 1 MB"):
        check_upload(SimpleUploadedFile("big.mp4", b"\x00" * (1024 * 1024 + 1)), types=[".mp4"], max_bytes=1024 * 1024)


def test_a_kept_upload_is_stored_under_a_name_no_one_can_guess_keeping_only_its_extension():
    first, second = stored_name("kept", "Board Paper (draft).PDF"), stored_name("kept", "Board Paper (draft).PDF")
    assert re.fullmatch(r"kept/[\w-]{32}\.pdf", first)
    assert first != second
    assert re.fullmatch(r"kept/[\w-]{32}", stored_name("kept", "notes"))


@pytest.mark.parametrize(
    "upload_to, folder",
    [
        (attachment_path, "engagement"),
        (evidence_path, "evaluation"),
        (material_path, "events"),
        (export_path, "planning/exports"),
    ],
)
def test_every_model_that_keeps_uploads_names_them_the_one_way(upload_to, folder):
    assert re.fullmatch(rf"{folder}/[\w-]{{32}}\.docx", upload_to(None, "Interview notes.docx"))
