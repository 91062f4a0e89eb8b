"""``python -m bench.perf``: what ``bench/run`` runs."""

from bench.perf.main import main

main()
