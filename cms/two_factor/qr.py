"""The set-up QR code as inline SVG (no image request, nothing stored)."""

import qrcode
import qrcode.image.svg

from django.utils.safestring import SafeString, mark_safe


def qr_svg(data: str) -> SafeString:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage)
    svg = image.to_string(encoding="unicode")
    # Drop any XML declaration so the SVG can sit inside the HTML page. The
    # markup is qrcode's own output for our own otpauth:// URL.
    return mark_safe(svg[svg.index("<svg") :])  # noqa: S308
