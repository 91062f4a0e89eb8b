"""QR codes drawn on the server as inline SVG: no script, no third-party
service, nothing for a Content-Security-Policy to allow."""

from __future__ import annotations

import io

import segno


def qr_svg(data: str, title: str, *, css_class: str, scale: int = 4) -> str:
    """The SVG of a QR code of ``data``; ``title`` names it for screen readers
    (segno escapes it). Not cached here: callers decide, as some codes carry
    secrets that must not outlive the response."""
    code = segno.make(data, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(
        buffer,
        kind="svg",
        xmldecl=False,
        svgns=True,
        nl=False,
        scale=scale,
        border=4,
        dark="#000",
        light="#fff",
        title=title,
        svgclass=css_class,
        lineclass=None,
    )
    svg = buffer.getvalue().decode("utf-8")
    # role="img" makes the <title> its accessible name in every screen reader.
    return svg.replace("<svg ", '<svg role="img" focusable="false" ', 1)
