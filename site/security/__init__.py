"""Keeping intruders out: response headers, admin access rules, sign-in
throttling, two-factor sign-in and upload checks (see docs/security.md)."""
