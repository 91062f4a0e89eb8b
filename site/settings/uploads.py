"""Upload limits and checks (see docs/security.md)."""
