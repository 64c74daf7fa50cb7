"""Pure-Python core of the Kazakhstan regional dashboard.

Nothing in this package imports Streamlit: the app's pages call into it, and so do the
command line (``python -m regions``), the build (``python -m regions.build``) and the tests.
"""
