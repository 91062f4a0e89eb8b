"""OpenSearch 3 with Chinese-aware analysis (see search.backends).
Needs the ``opensearch-py`` client: ``pip install ".[opensearch]"``."""

from wagtail.search.backends.opensearch3 import (
    OpenSearch3Index,
    OpenSearch3Mapping,
    OpenSearch3SearchBackend,
    OpenSearch3SearchResults,
)

from . import (
    ChineseAnalysisBackendMixin,
    ChineseAnalysisIndexMixin,
    ChineseMappingMixin,
    LargeFacetsResultsMixin,
)


class ChineseOpenSearch3Index(ChineseAnalysisIndexMixin, OpenSearch3Index):
    pass


class ChineseOpenSearch3Mapping(ChineseMappingMixin, OpenSearch3Mapping):
    pass


class ChineseOpenSearch3SearchResults(LargeFacetsResultsMixin, OpenSearch3SearchResults):
    pass


class ChineseOpenSearch3SearchBackend(ChineseAnalysisBackendMixin, OpenSearch3SearchBackend):
    index_class = ChineseOpenSearch3Index
    mapping_class = ChineseOpenSearch3Mapping
    results_class = ChineseOpenSearch3SearchResults


SearchBackend = ChineseOpenSearch3SearchBackend
