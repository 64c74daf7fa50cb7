"""Entry point: ``streamlit run app.py``.

Builds the navigation (pages under ``app_pages/``), the shared sidebar and the view state, runs the
chosen page, then writes the view back into the URL.
"""

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from regions.i18n import t  # noqa: E402
from ui import common  # noqa: E402

st.set_page_config(page_title="Kazakhstan regions: roles and economies", layout="wide")

common.bootstrap()
common.sidebar()
lang = common.lang()

PAGES = ROOT / "app_pages"
pages = [
    st.Page(PAGES / "map.py", title=t("page_map", lang), url_path="map", default=True),
    st.Page(PAGES / "region.py", title=t("page_region", lang), url_path="region"),
    st.Page(
        PAGES / "compare.py",
        title=t("page_compare", lang),
        url_path="compare",
    ),
    st.Page(PAGES / "tables.py", title=t("page_tables", lang), url_path="tables"),
    st.Page(PAGES / "address.py", title=t("page_address", lang), url_path="address"),
    st.Page(PAGES / "sources.py", title=t("page_sources", lang), url_path="sources"),
]
page = st.navigation(pages)
common.show_notices()
page.run()
common.sync_url()
