"""Security settings shared by every environment (see docs/security.md).

Production adds HTTPS-only cookies and HSTS on top (production.py)."""

from __future__ import annotations

from datetime import timedelta

from .env import env_bool, env_int, env_list, env_str

# Sign-in throttling (django-axes): five failures lock the account name and,
# separately, the client address for 15 minutes. Both, because credential
# stuffing tries one password on many accounts from many addresses, and
# guessing tries many passwords on one account. `manage.py axes_reset` unlocks.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "lifelong_site.security.client_ip.client_ip"
# No start-up banner, and log lines name only the lock-out parameters (user
# agents stay out of the log); django-axes still logs each failure and lock-out.
AXES_VERBOSE = False
# Behind the reverse proxy every request comes from 127.0.0.1; the proxy puts
# the real client address in this header (deploy/nginx). Empty: trust no header.
CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER")

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses locked-out sign-ins first
    "django.contrib.auth.backends.ModelBackend",
]

# Sessions: an editor signs in again after a working day, or when the
# browser closes; the cookie is never readable by scripts.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 10)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Response headers (lifelong_site.security.headers adds CSP and Permissions-Policy).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Extra sources for the public Content-Security-Policy, e.g. a statistics
# service: CSP_EXTRA_SCRIPT_SRC=https://stats.example.gov.cn
CSP_EXTRA_SCRIPT_SRC = env_list("CSP_EXTRA_SCRIPT_SRC")
CSP_EXTRA_IMG_SRC = env_list("CSP_EXTRA_IMG_SRC")
CSP_EXTRA_FRAME_SRC = env_list("CSP_EXTRA_FRAME_SRC")
# Where browsers send CSP violation reports (optional).
CSP_REPORT_URI = env_str("CSP_REPORT_URI")

# The admin on its own host name and/or only from listed networks. Empty
# lists allow every host / address (development). Requests that fail get the
# site's plain 404, so the admin's existence is not advertised.
ADMIN_HOSTS = env_list("ADMIN_HOSTS")
ADMIN_ALLOWED_NETWORKS = env_list("ADMIN_ALLOWED_NETWORKS")
# Two-factor sign-in (django-otp, TOTP): editors may enrol; members of these
# groups (and superusers when REQUIRE_2FA_FOR_SUPERUSERS) must.
REQUIRE_2FA_GROUPS = env_list("REQUIRE_2FA_GROUPS")
REQUIRE_2FA_FOR_SUPERUSERS = env_bool("REQUIRE_2FA_FOR_SUPERUSERS", False)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "全民终身学习活动周")
