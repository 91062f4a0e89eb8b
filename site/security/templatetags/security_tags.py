"""`{% inline_script "name" %}`: the inline scripts the CSP allows by hash."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from lifelong_site.security.inline_scripts import INLINE_SCRIPTS

register = template.Library()


@register.simple_tag
def inline_script(name: str) -> SafeString:
    # The source is a constant of this project, never user input; escaping it
    # would change its bytes and so its hash.
    return format_html("<script data-{}>{}</script>", name, mark_safe(INLINE_SCRIPTS[name]))
