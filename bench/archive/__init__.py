"""A generated archive of Lifelong Learning Weeks, at any size, for the
performance and search benchmarks (``manage.py generate_archive``).

- ``vocabulary``: the Chinese and English words the texts are made of;
- ``text``: titles, paragraphs and profiles drawn from them, one random
  generator per page, so a page's content depends only on (seed, key);
- ``plan``: how many pages of each type a size asks for, their slugs and
  which of them get an English translation;
- ``tree``: the bulk writer (tree paths, page rows, revisions, child rows);
- ``structure``: the weeks, their indexes and galleries, shared images,
  documents and tags;
- ``pages``: the unsaved pages of each type, ready for the writer.
"""
