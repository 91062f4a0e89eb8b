"""Alias package: makes the folder ``site/`` importable as ``lifelong_site``.

Python's standard library already owns the name ``site`` (it is imported before
any project code runs), so ``import site.settings`` can never work. Pointing this
module's ``__path__`` at the folder turns it into a package for manage.py,
pytest and gunicorn alike, with no install step.
"""

from pathlib import Path

__path__ = [str(Path(__file__).resolve().parent / "site")]
