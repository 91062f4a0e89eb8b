"""Demo content of the campaigns app: the weeks (weeks.py, the loader), their
details and galleries (details.py), Learning Stars and brand projects
(profiles.py), provincial sections (regional.py) and placeholder pictures
(images.py)."""
