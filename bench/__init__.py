"""Benchmark of the build on a synthetic national campaign: ``make bench``."""
