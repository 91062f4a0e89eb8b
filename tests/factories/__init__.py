"""Factories per app: ``tests.factories.site`` and, as the apps grow, one
module per app beside it."""
