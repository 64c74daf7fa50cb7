"""Streamlit-side helpers of the app: the caching wrappers and the shared page furniture."""
