"""The app's own error page: one readable message, never a traceback or a server path.

A broken data file (:class:`regions.base.store.DataError`) is named with its row and column; anything else is
logged on the server with its traceback and shown to the user as one sentence. Streamlit's control-flow
exceptions (``st.stop``, ``st.rerun``, ``st.switch_page``) derive from ``BaseException`` and pass through.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st

from regions.base.i18n import t
from regions.base.store import DataError
from regions.base.text import escape_markdown

LOG = logging.getLogger("kz_regions")

# Used only when data/i18n.json itself cannot be read: the one text that cannot come from that file.
FALLBACK = {
    "error_title": "The dashboard cannot show this page",
    "error_data": "A data file is broken: {message}",
    "error_unexpected": "Something went wrong while drawing this page. The error has been logged on the server.",
}


def _text(key: str, lang: str, **values: str) -> str:
    try:
        return t(key, lang, **values)
    except DataError:
        return FALLBACK[key].format(**values)


def guard(draw: Callable[[], None], lang: Callable[[], str]) -> None:
    """Run ``draw``; on failure show the error page instead (in ``lang()``, English if that fails too)."""
    try:
        draw()
    except DataError as exc:
        LOG.error("data error: %s", exc)
        show(_text("error_data", _lang(lang), message=str(exc)), _lang(lang))
    except Exception:
        LOG.exception("page failed")
        show(_text("error_unexpected", _lang(lang)), _lang(lang))


def _lang(lang: Callable[[], str]) -> str:
    try:
        return lang()
    except Exception:
        return "en"


def show(message: str, lang: str) -> None:
    """The error page: a heading and the message as plain text (escaped, so nothing in it is markup)."""
    st.header(_text("error_title", lang))
    st.error(escape_markdown(message))
