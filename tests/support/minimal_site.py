"""Build a minimal site in the database DATABASE_URL names, for tests that run
the site in a server process of its own (gunicorn) rather than in pytest.

    DJANGO_SETTINGS_MODULE=... DATABASE_URL=... python tests/support/minimal_site.py [--migrated]

Migrates, unless --migrated says the database is a copy of a migrated one
(content types that a flush removed come back by themselves when pages are
saved; a migrate with nothing to apply would still cost seconds). Builds the two-locale tree of
tests/conftest.py, the site identity and one press release under a news
listing, and prints the public paths as JSON: {"home_zh", "home_en", "release"}.
Loading the demo content would take minutes; this takes seconds.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    if "--migrated" not in sys.argv[1:]:
        call_command("migrate", interactive=False, verbosity=0)

    from tests.conftest import build_site_tree
    from tests.factories.news import NewsIndexPageFactory, PressReleasePageFactory
    from tests.factories.site import SiteIdentityFactory

    tree = build_site_tree(hostname="127.0.0.1")
    SiteIdentityFactory(site=tree.site)
    news = NewsIndexPageFactory(parent=tree.home_zh)
    news.save_revision().publish()
    release = PressReleasePageFactory(parent=news, title="全民终身学习活动周开幕", slug="opening")
    release.save_revision().publish()
    paths = {
        "home_zh": tree.home_zh.url,
        "home_en": tree.home_en.url,
        "release": release.specific.url,
    }
    print(json.dumps(paths))


if __name__ == "__main__":
    main()
