"""Rank very broad PostgreSQL results by title only.

At archive scale a topic word such as 终身学习 is on most pages (73,000 of
100,000). Wagtail's PostgreSQL backend then computes ``ts_rank`` over every
matching page's body vector, and that — not the match, which the GIN index
answers — is the cost of such a search (about 230 ms of 300 ms at 20,000
pages). When nearly every page holds the word, its frequency in a body says
little; a title holding it says much, and search.service reranks the top
pages by title anyway. So above a threshold the matching stays the same
(title and body) and only the ranking reads the title vector alone.
"""

from __future__ import annotations

import copy

from modelsearch.backends.base import BaseSearchBackend
from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend, PostgresSearchQueryCompiler


class TitleRankedQueryCompiler(PostgresSearchQueryCompiler):
    def _build_rank_expression(self, vectors, config):
        # vectors is [(title, title_norm), (body, 1.0)]: keep the title only.
        return super()._build_rank_expression(vectors[:1], config)


def title_ranked(backend: BaseSearchBackend) -> BaseSearchBackend:
    """The same backend (same index, same connection settings), ranking by
    title; any other backend is returned unchanged."""
    if not isinstance(backend, PostgresSearchBackend):
        return backend
    ranked = copy.copy(backend)
    ranked.query_compiler_class = TitleRankedQueryCompiler
    return ranked
