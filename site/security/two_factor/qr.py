"""The enrolment QR code, drawn on the server as inline SVG (no script, no
third-party service, nothing for the admin CSP to allow)."""

from __future__ import annotations

import io

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(config_url: str, title: str) -> SafeString:
    # Not cached, unlike the share QR codes: the URL carries the user's secret,
    # which must not outlive the response in a process-wide cache.
    code = segno.make(config_url, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(
        buffer,
        kind="svg",
        xmldecl=False,
        svgns=True,
        nl=False,
        scale=5,
        border=4,
        dark="#000",
        light="#fff",
        title=title,
        svgclass="two-factor-qr",
        lineclass=None,
    )
    svg = buffer.getvalue().decode("utf-8")
    # role="img" makes the <title> its accessible name in every screen reader.
    return mark_safe(svg.replace("<svg ", '<svg role="img" focusable="false" ', 1))
