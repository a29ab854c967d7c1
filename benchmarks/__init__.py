"""Timing scripts, run as modules from the repository's root: ``python -m benchmarks.sweep``."""
