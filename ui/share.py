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

JS = """
export default function ({ data, parentElement }) {
  let root = parentElement.querySelector(':scope > .kzshare');
  if (!root) {
    root = document.createElement('div');
    root.className = 'kzshare';
    root.innerHTML = '<span class="kzshare-status" role="status" aria-live="polite"></span>'
      + '<input class="kzshare-link" type="text" readonly hidden>'
      + '<button type="button" class="kzshare-button"></button>';
    parentElement.appendChild(root);
  }
  const button = root.querySelector('button');
  const status = root.querySelector('.kzshare-status');
  const field = root.querySelector('input');
  button.textContent = data.label;
  button.title = data.help;
  field.setAttribute('aria-label', data.fallback);
  button.onclick = async () => {
    const url = window.location.href;
    let copied = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(url);
        copied = true;
      }
    } catch (e) { copied = false; }
    if (copied) {
      field.hidden = true;
      status.textContent = data.copied;
      clearTimeout(root.__done);
      root.__done = setTimeout(() => { status.textContent = ''; }, 4000);
      return;
    }
    // No clipboard API here (plain http on another host) or it was refused: show the link to copy.
    field.value = url;
    field.hidden = false;
    field.focus();
    field.select();
    status.textContent = data.fallback;
  };
}
"""

_component = st.components.v2.component("kz_share", css=CSS, js=JS, isolate_styles=False)


def share_button(lang: str) -> None:
    """The one Share button of every page (drawn above the page by ``app.py``)."""
    _component(
        data={
            "label": t("share", lang),
            "help": t("share_help", lang),
            "copied": t("share_copied", lang),
            "fallback": t("share_fallback", lang),
        },
        key=f"share_{lang}",
    )
