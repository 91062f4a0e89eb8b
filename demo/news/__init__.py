"""Demo content of the news app: the listings (listings.py, the loader), the
2024 notice (notice.py), press releases (releases.py), generated documents
(documents.py), and saved articles run through the archive importer
(imported.py, with its samples in archive/)."""
