"""QR codes as SVG, for a link printed or shown in a room (a workshop's feedback form)."""

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg


def qr_svg(text: str) -> bytes:
    """The QR code of text as an SVG document (vector, so it prints sharp at any size)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue()


def qr_data_uri(text: str) -> str:
    """The QR code as a data: URI for an img element (the Content-Security-Policy allows data: images)."""
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(text)).decode()
