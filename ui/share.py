"""The Share button: copies the current view's link (the URL mirrors the view) to the clipboard.

A Streamlit custom component (v2, no iframe, as :mod:`ui.mapview`): its script runs in the page, so
``window.location.href`` is the link the browser shows, kept current by ``ui.state.sync_url``. The
clipboard API needs a secure context (https, or http on localhost); elsewhere, and whenever copying
fails, the link is shown in a read-only field, selected, with a line asking to copy it. Served with the
app: no CDN, no request to any other host.
"""

from __future__ import annotations

import streamlit as st

from regions.base.i18n import t
from ui import scripts

# Fixed in the app's header bar (top right, left of Streamlit's own menu): on every page, and it takes no
# line of the page, so that the first screen keeps its content (issue 17's first-screen tests).
CSS = """
.kzshare { position: fixed; top: 0.6rem; right: 3.5rem; z-index: 999991; display: flex; flex-wrap: wrap;
  align-items: center; justify-content: flex-end; gap: 0.5rem; font-size: 0.875rem;
  max-width: calc(100vw - 5rem); }
.kzshare button { font: inherit; padding: 0.25rem 0.75rem; border-radius: 0.5rem; cursor: pointer;
  border: 1px solid rgba(49, 51, 63, 0.2); background: #ffffff; color: inherit; }
.kzshare button:hover { border-color: #ff4b4b; color: #ff4b4b; }
.kzshare input { width: min(60vw, 26rem); font: inherit; padding: 0.25rem 0.5rem;
  border: 1px solid rgba(49, 51, 63, 0.3); border-radius: 0.25rem; }
.kzshare [hidden] { display: none; }
.kzshare:has(input:not([hidden])) { background: #ffffff; padding: 0.35rem; border-radius: 0.5rem;
  box-shadow: 0 2px 10px rgba(0, 0, 0, 0.18); }
/* Its place in the page's column is taken out of the flow: no gap above the page's title. */
[data-testid="stElementContainer"]:has(.kzshare) { position: absolute; }
.kzshare-status:empty { display: none; }
.kzshare-status { background: #ffffff; padding: 0 0.25rem; }
"""

JS = scripts.loader("kzshare.js")  # static/kzshare.js, imported once per page (ui/scripts.py)
# The CSS in a lone <style> of st.html, the same every rerun and so sent as a reference to the browser's copy
# (.streamlit/config.toml); with the component it went whole whenever the button's texts changed.
STYLE = f"<style>{CSS}</style>"

_component = st.components.v2.component("kz_share", js=JS, isolate_styles=False)


def share_button(lang: str) -> None:
    """The one Share button of every page (drawn above the page by ``app.py``)."""
    st.html(STYLE)  # style only: adds no element to the page
    _component(
        data={
            "label": t("share", lang),
            "help": t("share_help", lang),
            "copied": t("share_copied", lang),
            "fallback": t("share_fallback", lang),
        },
        key=f"share_{lang}",
    )
