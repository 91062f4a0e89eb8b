"""Importing saved articles from earlier sites (``manage.py import_archive``).

files     which files of a folder are read (symbolic links never followed)
reading   bytes → text (encodings) → lines (HTML or plain text), within limits
cleaning  site boilerplate: print/close links, counters, share widgets, footers
dates     publication dates in every form, relative ones marked approximate
extract   lines → an ExtractedArticle (title, date, source, type, body blocks)
places    regions named in an article
writer    ExtractedArticle → a press release or notice page (a draft unless
          published), idempotently
"""
