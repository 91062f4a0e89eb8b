"""Leaner PostgreSQL ranking; very broad results ranked by title only.

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
from modelsearch.backends.database.postgres.postgres import (
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.query import Fuzzy, MatchAll, Not


class LeanQueryCompiler(PostgresSearchQueryCompiler):
    """Wagtail's compiler with one change: the combined ``title || body``
    vector is an alias for the match, not a selected column. Selected, it
    was built (body detoasted) for every matching row before the sort, even
    though only the ids of the top rows are read."""

    def search(self, config, start, stop, score_field=None, backend=None):
        if isinstance(self.query, (MatchAll, Not, Fuzzy)):
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        search_query = self.build_tsquery(self.query, config=config)
        vectors = self.get_search_vectors(search_query)
        rank_expression = self._build_rank_expression(vectors, config)
        combined_vector = vectors[0][0]
        for vector, _boost in vectors[1:]:
            combined_vector = combined_vector._combine(vector, "||", False)
        queryset = self.queryset.alias(_vector_=combined_vector).filter(_vector_=search_query)
        return self._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)


class TitleRankedQueryCompiler(LeanQueryCompiler):
    def _build_rank_expression(self, vectors, config):
        # vectors is [(title, title_norm), (body, 1.0)]: keep the title only.
        return super()._build_rank_expression(vectors[:1], config)


class TitleMatchQueryCompiler(TitleRankedQueryCompiler):
    """Only pages whose title holds the words, ranked by title, through the
    title vector's own GIN index. With title-only ranking every page whose
    title lacks the words ranks 0, below every page whose title has them;
    so when enough titles match, the top of a very broad search is found
    among the titles alone, without reading the bodies of 73,000 matches
    (search.service: used only then)."""

    def search(self, config, start, stop, score_field=None, backend=None):
        if isinstance(self.query, (MatchAll, Not, Fuzzy)):
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        search_query = self.build_tsquery(self.query, config=config)
        title = self.get_search_vectors(search_query)[:1]
        rank_expression = self._build_rank_expression(title, config)
        queryset = self.queryset.alias(_vector_=title[0][0]).filter(_vector_=search_query)
        return self._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)


def ranking_backend(
    backend: BaseSearchBackend, *, title_only: bool, titles_matching: bool = False
) -> BaseSearchBackend:
    """The same backend (same index, same connection settings) with the lean
    compiler, ranking by title alone when ``title_only``, and looking in the
    titles alone when ``titles_matching``; any backend other than
    PostgreSQL's database backend is returned unchanged."""
    if not isinstance(backend, PostgresSearchBackend):
        return backend
    ranked = copy.copy(backend)
    ranked.query_compiler_class = (
        TitleMatchQueryCompiler
        if titles_matching
        else TitleRankedQueryCompiler
        if title_only
        else LeanQueryCompiler
    )
    return ranked
