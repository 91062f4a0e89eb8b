"""``bench/run``: the site at archive scale, measured end to end.

Build (or restore) an archive of N pages in a private PostgreSQL cluster,
rebuild its search index, then serve it with gunicorn (page cache off and
on) and nginx (the shipped configuration, proxy cache) and measure: the
cost of each page type, throughput and latency under wrk, and peak memory.
The results go to one section per page count of bench/RESULTS.md.
"""
