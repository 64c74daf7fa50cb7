"""Benchmarks of the dashboard: ``python -m bench`` (see ``bench/__main__.py``)."""
