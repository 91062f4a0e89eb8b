"""Elasticsearch 9 and OpenSearch 3 backends with Chinese-aware analysis.

Text reaches the index already segmented by jieba (search.analysis), so the
cluster's job is to keep those words whole and, for Chinese, to add a second
opinion: the ``smartcn`` or ``IK`` tokenizer when the cluster has the plugin,
else the built-in CJK bigram filter (沈阳 → 沈阳; 终身学习 → 终身 身学 学习),
which needs no plugin. English text arrives stemmed, so its analyzer only
lower-cases. The choice is made when the index is created, by asking the
cluster which analysis plugins it has; ``CHINESE_ANALYZER`` in the backend's
settings forces one ("smartcn", "ik" or "cjk").
"""

from __future__ import annotations

import logging
from copy import deepcopy
from typing import TYPE_CHECKING, Any

from modelsearch.utils import deep_update

if TYPE_CHECKING:
    # What the mixins below are combined with (search.backends.elasticsearch9
    # and .opensearch3 derive from these), so that mypy sees their attributes
    # and super() methods; at run time the mixins stay plain classes.
    from modelsearch.backends.elasticsearchbase import (
        ElasticsearchBaseIndex as _IndexBase,
    )
    from modelsearch.backends.elasticsearchbase import (
        ElasticsearchBaseMapping as _MappingBase,
    )
    from modelsearch.backends.elasticsearchbase import (
        ElasticsearchBaseSearchBackend as _BackendBase,
    )
    from modelsearch.backends.elasticsearchbase import (
        ElasticsearchBaseSearchResults as _ResultsBase,
    )
else:
    _IndexBase = _MappingBase = _BackendBase = _ResultsBase = object

logger = logging.getLogger(__name__)

CHINESE_TOKENIZERS = {
    "smartcn": {"tokenizer": "smartcn_tokenizer", "filter": ["cjk_width", "lowercase"]},
    "ik": {"tokenizer": "ik_max_word", "filter": ["cjk_width", "lowercase"]},
    "cjk": {"tokenizer": "standard", "filter": ["cjk_width", "lowercase", "cjk_bigram"]},
}
PLUGIN_FOR_ANALYZER = {"smartcn": "analysis-smartcn", "ik": "analysis-ik"}


def analysis_settings(chinese: str) -> dict[str, Any]:
    """Index settings naming the analyzers that SearchEntry's fields use."""
    zh = {"type": "custom", **CHINESE_TOKENIZERS[chinese]}
    en = {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]}
    return {
        "settings": {
            "analysis": {
                # "default" covers the catch-all fields every SearchField is copied into.
                "analyzer": {"lifelong_zh": zh, "lifelong_en": en, "default": zh},
            }
        }
    }


def choose_chinese_analyzer(client: Any, wanted: str) -> str:
    if wanted in CHINESE_TOKENIZERS:
        return wanted
    try:
        plugins = {row.get("component") for row in client.cat.plugins(format="json")}
    except Exception:
        logger.warning(
            "search: could not list the cluster's plugins; using the cjk analyzer", exc_info=True
        )
        return "cjk"
    for analyzer, plugin in PLUGIN_FOR_ANALYZER.items():
        if plugin in plugins:
            return analyzer
    return "cjk"


class ChineseAnalysisIndexMixin(_IndexBase):
    def put(self) -> None:
        backend = self.backend
        analyzer = choose_chinese_analyzer(self.es, backend.chinese_analyzer)
        logger.info("search: creating index %s with the %s Chinese analyzer", self.name, analyzer)
        backend.settings = deep_update(deepcopy(backend.settings), analysis_settings(analyzer))
        super().put()


class ChineseMappingMixin(_MappingBase):
    """Name the analyzer on the catch-all fields Wagtail searches by default
    (_all_text, _all_text_boost_N) instead of relying on the index's
    "default" analyzer, which not every OpenSearch-compatible server applies."""

    def get_mapping(self) -> dict[str, Any]:
        mapping = super().get_mapping()
        for name, field in mapping["properties"].items():
            if name.startswith("_all_text"):
                field["analyzer"] = "lifelong_zh"
        return mapping


FACET_SIZE = 200


class LargeFacetsResultsMixin(_ResultsBase):
    """A terms aggregation returns 10 buckets unless told otherwise; the year
    facet has 20 and more values and the region facet 35."""

    def _backend_do_search(self, body: dict[str, Any], **kwargs: Any) -> Any:
        for aggregation in body.get("aggregations", {}).values():
            if "terms" in aggregation:
                aggregation["terms"].setdefault("size", FACET_SIZE)
        return super()._backend_do_search(body, **kwargs)


class ChineseAnalysisBackendMixin(_BackendBase):
    def __init__(self, params: dict[str, Any]) -> None:
        params = dict(params)
        self.chinese_analyzer = params.pop("CHINESE_ANALYZER", "auto")
        super().__init__(params)
        # Until the cluster is asked, the built-in analyzer: it always exists.
        self.settings: dict[str, Any] = deep_update(self.settings, analysis_settings("cjk"))
