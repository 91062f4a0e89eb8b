"""Fixtures of the translation tests: the newsroom (sections, roles, both
review workflows, one user per role) comes from the editorial tests."""

from tests.editorial.conftest import built_newsroom, newsroom  # noqa: F401
