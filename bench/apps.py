from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Benchmark tooling: management commands only (no models)."""

    name = "bench"
    verbose_name = "Benchmarks"
