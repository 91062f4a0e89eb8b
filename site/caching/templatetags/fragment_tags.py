"""``{% shared_fragment "name" vary… %}…{% endshared_fragment %}``: a piece of
the page chrome rendered once per generation of the page cache and reused
by every page (lifelong_site.memo). The name and the ``vary``
values, with the host and the language, make the key; a fragment that
depends on the page it is on must say so in ``vary``."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from lifelong_site.memo import shared

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(
        self,
        name: template.base.FilterExpression,
        vary: list[template.base.FilterExpression],
        nodelist: template.NodeList,
    ) -> None:
        self.name, self.vary, self.nodelist = name, vary, nodelist

    def render(self, context: template.Context) -> str:
        request = context.get("request")
        if request is None:
            return self.nodelist.render(context)
        parts = [
            str(self.name.resolve(context)),
            *(str(value.resolve(context)) for value in self.vary),
        ]
        html = shared(
            request,
            "fragment:" + ":".join(parts),
            lambda: str(self.nodelist.render(context)),
            per_language=True,
        )
        return mark_safe(html)


@register.tag
def shared_fragment(parser: template.base.Parser, token: template.base.Token) -> SharedFragmentNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            'shared_fragment needs a name: {% shared_fragment "footer" %}'
        )
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(
        parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]], nodelist
    )
