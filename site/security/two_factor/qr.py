"""The enrolment QR code (lifelong_site.qr)."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe

from lifelong_site.qr import qr_svg as draw_qr_svg


def qr_svg(config_url: str, title: str) -> SafeString:
    # Not cached, unlike the share QR codes: the URL carries the user's secret,
    # which must not outlive the response in a process-wide cache.
    return mark_safe(draw_qr_svg(config_url, title, css_class="two-factor-qr", scale=5))
