"""The demo loaders that `manage.py load_demo` runs, in dependency order: each
module has a ``load(report)`` function, and each finds what the modules above
it made (the home pages first, then the weeks that news links to, and so on)."""

LOADERS = [
    "demo.site",  # locales, home pages, site identity, the admin account
    "demo.campaigns.weeks",  # the archive of weeks, galleries, Learning Stars, projects, provinces
    "demo.news.listings",  # the news and notice listings, the 2024 notice, press releases
    "demo.home_links",  # the home pages' quick links to the sections above
    "demo.news.imported",  # saved articles through the archive importer (demo/news/archive)
    "demo.search",  # a promoted result, popular searches, search-term counts
    "demo.translation",  # the glossary and one outdated English translation
    "demo.editorial",  # roles, review workflows, accounts, a scheduled release
    "demo.security",  # a two-factor editor and a private document
]
