"""Entry point: ``streamlit run app.py``.

Each run: establish the view from the URL or the session (``ui/state.py``), draw the shared sidebar, run
the chosen page, then draw the page links with the final view and write the view back into the URL. Any
failure, a broken data file included, shows the app's own error page (``ui/errors.py``), never a traceback.
"""

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from regions.base.i18n import t  # noqa: E402
from ui import common, errors, share  # noqa: E402
from ui import state as view_state  # noqa: E402

PAGES = ROOT / "app_pages"
PHONE_CSS = "<style>" + (ROOT / "static" / "phone.css").read_text(encoding="utf-8") + "</style>"
PAGE_FILES = (
    ("map", "page_map"),
    ("region", "page_region"),
    ("compare", "page_compare"),
    ("ranking", "page_ranking"),
    ("delivery", "page_delivery"),
    ("tables", "page_tables"),
    ("address", "page_address"),
    ("sources", "page_sources"),
)


def main() -> None:
    view = view_state.load()
    st.set_page_config(page_title=t("app_title", view.lang), layout="wide")
    pages = [
        st.Page(PAGES / f"{name}.py", title=t(label, view.lang), url_path=name, default=name == "map")
        for name, label in PAGE_FILES
    ]
    unknown = common.unknown_page_name({name for name, _ in PAGE_FILES})
    if unknown is not None:
        # An unknown path gets a page of its own ("not found", with a link to the map) instead of
        # Streamlit's dialog over the map; it is not listed among the page links.
        pages.append(
            st.Page(common.not_found_page(unknown), title=t("not_found_title", view.lang), url_path=unknown)
        )
    page = st.navigation(pages, position="hidden")
    # Style only (no markup from users): st.html with a lone <style> adds no element to the page.
    st.html(PHONE_CSS)
    nav = st.sidebar.container()
    common.sidebar()
    common.show_notices()
    share.share_button(view.lang)
    try:
        page.run()
    finally:
        # Drawn after the page, so that the links carry whatever the page changed in the view; and even
        # when the page failed, so that the link and the way to other pages stay.
        common.page_links(nav, pages[: len(PAGE_FILES)])
        view_state.sync_url()


errors.guard(main, lang=lambda: view_state.current().lang)
