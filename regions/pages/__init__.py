"""Page models: what each page shows, as plain data computed without Streamlit (the pages lay it out)."""
