"""The district maps (profile, uploads): server-drawn SVG of :mod:`regions.present.districtmap` in a custom
component (v2, no iframe), as the map page's map (:mod:`ui.mapview`): ``st.html`` sanitises SVG away.

The SVG travels as UTF-8 bytes and is put into the page as it is; every text in it was XML-escaped when
it was drawn, so a user's file or column name is never markup.
"""

from __future__ import annotations

import streamlit as st

JS = """
export default function ({ data, parentElement }) {
  let root = parentElement.querySelector(':scope > .kzdistricts-root');
  if (!root) {
    root = document.createElement('div');
    root.className = 'kzdistricts-root';
    parentElement.appendChild(root);
  }
  const html = data ? new TextDecoder().decode(data) : '';
  if (root.__html !== html) {
    root.__html = html;
    const tpl = document.createElement('template');
    tpl.innerHTML = html;
    root.replaceChildren(tpl.content);
  }
}
"""

CSS = ".kzdistricts-root svg{display:block;width:100%;height:auto}"

_component = st.components.v2.component("kz_district_map", css=CSS, js=JS, isolate_styles=False)


def show(svg: str, legend: str, *, key: str) -> None:
    """Draw a district map and its legend."""
    _component(data=(svg + legend).encode("utf-8"), key=key)
