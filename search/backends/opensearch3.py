"""OpenSearch 3 with Chinese-aware analysis (see search.backends).
Needs the ``opensearch-py`` client: ``pip install ".[opensearch]"``."""

from wagtail.search.backends.opensearch3 import OpenSearch3Index, OpenSearch3SearchBackend

from . import ChineseAnalysisBackendMixin, ChineseAnalysisIndexMixin


class ChineseOpenSearch3Index(ChineseAnalysisIndexMixin, OpenSearch3Index):
    pass


class ChineseOpenSearch3SearchBackend(ChineseAnalysisBackendMixin, OpenSearch3SearchBackend):
    index_class = ChineseOpenSearch3Index


SearchBackend = ChineseOpenSearch3SearchBackend
