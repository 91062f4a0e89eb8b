"""Settings of the benchmarks' site builds (migrate, load_demo,
generate_archive, the relevance benchmark's worker): the development
settings, which install the demo app, plus this app for generate_archive.
The benchmarks serve the built site with the production settings, which
need neither."""

from lifelong_site.settings.dev import *  # noqa: F403
from lifelong_site.settings.dev import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
