"""The demo content: `manage.py load_demo` fills an empty site with both
languages' home pages, the archive of weeks, news and notices, imported
articles, search data, the editorial and translation examples and the
security examples, so that `make run` shows every feature.

This app sits at the top of the dependency graph: it may import every app of
the project, and no product code imports it. The development and test
settings install it; production does not.
"""
