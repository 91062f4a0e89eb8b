"""Elasticsearch 9 with Chinese-aware analysis (see search.backends)."""

from wagtail.search.backends.elasticsearch9 import (
    Elasticsearch9Index,
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchResults,
)

from . import (
    ChineseAnalysisBackendMixin,
    ChineseAnalysisIndexMixin,
    ChineseMappingMixin,
    LargeFacetsResultsMixin,
)


class ChineseElasticsearch9Index(ChineseAnalysisIndexMixin, Elasticsearch9Index):
    pass


class ChineseElasticsearch9Mapping(ChineseMappingMixin, Elasticsearch9Mapping):
    pass


class ChineseElasticsearch9SearchResults(LargeFacetsResultsMixin, Elasticsearch9SearchResults):
    pass


class ChineseElasticsearch9SearchBackend(ChineseAnalysisBackendMixin, Elasticsearch9SearchBackend):
    index_class = ChineseElasticsearch9Index
    mapping_class = ChineseElasticsearch9Mapping
    results_class = ChineseElasticsearch9SearchResults


SearchBackend = ChineseElasticsearch9SearchBackend
