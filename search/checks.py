"""The page types' search kinds must be kinds search knows (lifelong_site.page_declarations)."""

from __future__ import annotations

from typing import Any

from django.core import checks

from lifelong_site.page_declarations import declared_page_models

from .models import Kind


@checks.register()
def check_search_kinds(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    known = {kind.value for kind in Kind}
    return [
        checks.Error(
            f"{model._meta.label} declares search kind {model.declarations.search_kind!r}; "
            f"search knows {sorted(known)}.",
            obj=model,
            id="site_search.E001",
        )
        for model in declared_page_models()
        if model.declarations is not None and model.declarations.search_kind not in known
    ]
