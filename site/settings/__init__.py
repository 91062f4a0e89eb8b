"""Settings package: ``base`` holds what every environment shares; ``dev``,
``test`` and ``production`` adjust it. Everything that differs between
machines comes from the environment (see ``env.py``)."""
