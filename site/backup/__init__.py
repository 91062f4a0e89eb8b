"""Backup and restore of the whole site: the database and the media files in
one tar archive, with a manifest that carries a checksum of every member.

`manage.py backup_site` writes an archive, `manage.py restore_site` checks it
and puts it back (see docs/backup.md). The modules here do the work; the
commands only parse options and print.
"""
