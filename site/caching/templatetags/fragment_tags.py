"""``{% shared_fragment "name" vary… %}…{% endshared_fragment %}``: a piece of
the page chrome rendered once per generation of the page cache and reused
by every page (lifelong_site.memo). The name and the ``vary``
values, with the host and the language, make the key; a fragment that
depends on the page it is on must say so in ``vary``.

``{% page_fragment "name" page %}…{% endpage_fragment %}``: a piece of one
page rendered once per generation (an article's neighbours and related
items, its language alternates): the queries behind it run once after each
publication instead of on every uncached view. Never shared for a preview
or a draft shown through a share link (the draft's related links are not
the public's), which render it afresh each time."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from lifelong_site.memo import shared

register = template.Library()


class SharedFragmentNode(template.Node):
    # What the tag takes after its name, for the syntax check.
    arguments: tuple[str, ...] = ("name",)

    def __init__(
        self,
        name: template.base.FilterExpression,
        vary: list[template.base.FilterExpression],
        nodelist: template.NodeList,
    ) -> None:
        self.name, self.vary, self.nodelist = name, vary, nodelist

    def shareable(self, context: template.Context) -> bool:
        return context.get("request") is not None

    def key_parts(self, context: template.Context) -> list[str]:
        return [
            str(self.name.resolve(context)),
            *(str(value.resolve(context)) for value in self.vary),
        ]

    def render(self, context: template.Context) -> str:
        request = context.get("request")
        if not self.shareable(context):
            return self.nodelist.render(context)
        html = shared(
            request,
            "fragment:" + ":".join(self.key_parts(context)),
            lambda: str(self.nodelist.render(context)),
            per_language=True,
        )
        return mark_safe(html)


class PageFragmentNode(SharedFragmentNode):
    """Varies by the page (``vary[0]``); shared only for the live page."""

    arguments = ("name", "page")

    def shareable(self, context: template.Context) -> bool:
        request = context.get("request")
        page = self.vary[0].resolve(context)
        return (
            request is not None
            and not getattr(request, "is_preview", False)
            and getattr(page, "pk", None) is not None
            and getattr(page, "live", False)
        )

    def key_parts(self, context: template.Context) -> list[str]:
        page = self.vary[0].resolve(context)
        return [
            "page",
            str(self.name.resolve(context)),
            str(page.pk),
            *(str(value.resolve(context)) for value in self.vary[1:]),
        ]


def _parse(
    parser: template.base.Parser, token: template.base.Token, node: type[SharedFragmentNode]
) -> SharedFragmentNode:
    tag, *bits = token.split_contents()
    if len(bits) < len(node.arguments):
        raise template.TemplateSyntaxError(f"{tag} needs {' and '.join(node.arguments)}")
    nodelist = parser.parse((f"end{tag}",))
    parser.delete_first_token()
    return node(
        parser.compile_filter(bits[0]), [parser.compile_filter(bit) for bit in bits[1:]], nodelist
    )


@register.tag
def shared_fragment(parser: template.base.Parser, token: template.base.Token) -> SharedFragmentNode:
    return _parse(parser, token, SharedFragmentNode)


@register.tag
def page_fragment(parser: template.base.Parser, token: template.base.Token) -> SharedFragmentNode:
    return _parse(parser, token, PageFragmentNode)
