"""The map page's map: the server-drawn SVG of :mod:`regions.present.svgmap` in a Streamlit custom component (v2).

Why a component (``st.components.v2.component``, no iframe) and not ``st.plotly_chart``: the first view
then needs no plotly.js (a 4.7 MB chunk and about a second of main-thread work before any map is
drawn), only the SVG, which the browser paints as part of the page. The component's script, a few
lines, sends a click (or Enter / Space on a focused region) back to Python as a trigger value, which
reruns the script in the same session, so that the user's uploads survive opening a profile (a link
would start a new session).

``st.html`` would draw the same SVG but cannot run the script (it is sanitised), so a click could only
be a link, which reloads the app; ``st.markdown(unsafe_allow_html=True)`` has the same limit.

The geometry (the same for every view of a layout) is a static file, ``static/svgmap_<layout>.json``,
that the script fetches once per page; each view sends only colours, texts and the legend. The SVG
travels as UTF-8 bytes (``data=bytes``): as JSON, Streamlit would escape every Cyrillic letter
as ``\\uXXXX`` (six bytes instead of two).
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from regions.base.i18n import t
from regions.present import svgexport, svgmap

JS = """
const cache = window.__kzmapGeometry || (window.__kzmapGeometry = {});

export default function ({ data, setTriggerValue, parentElement }) {
  let root = parentElement.querySelector(':scope > .kzmap-root');
  if (!root) {
    root = document.createElement('div');
    root.className = 'kzmap-root';
    parentElement.appendChild(root);
  }
  const html = data ? new TextDecoder().decode(data) : '';
  if (root.__html !== html) {
    root.__html = html;
    const tpl = document.createElement('template');
    tpl.innerHTML = html;
    const svg = tpl.content.querySelector('[data-geometry]');
    const url = svg && svg.getAttribute('data-geometry');
    // Paths are filled in from the layout's geometry file before anything is drawn: fetched once per
    // page, then taken from the cache for every later view.
    const put = (geom) => {
      if (root.__html !== html) return;  // a newer view came meanwhile
      if (geom) tpl.content.querySelectorAll('path[data-g], path[data-iso]').forEach(
        (p) => p.setAttribute('d', geom[p.getAttribute('data-g') || p.getAttribute('data-iso')] || ''));
      root.replaceChildren(tpl.content);
    };
    if (!url) put(null);
    else {
      const got = cache[url] || (cache[url] = fetch(url).then((r) => {
        if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
        return r.json();
      }));
      got.then(put, (err) => { delete cache[url]; console.error(err); put(null); });
    }
  }
  const target = (e) => e.target.closest && e.target.closest('[data-iso],[data-city]');
  const open = (el) => setTriggerValue('region', el.getAttribute('data-iso') || el.getAttribute('data-city'));
  // On a touch screen a tap shows a small card (the region's hover text and a button that opens its
  // profile) instead of leaving the map at once: there is no hover to read the figures first.
  const touch = (e) => e.pointerType === 'touch' || (window.matchMedia && matchMedia('(hover: none)').matches);
  const card = (el) => {
    const svg = root.querySelector('svg.kzmap');
    let box = root.querySelector('.kzmap-card');
    if (!box) { box = document.createElement('div'); box.className = 'kzmap-card'; box.setAttribute('role', 'dialog'); }
    const title = el.querySelector('title') || (el.parentNode && el.parentNode.querySelector('title'));
    const lines = (title ? title.textContent : '').split('\\n').filter((l) => l.trim());
    box.replaceChildren();
    lines.forEach((line, i) => {
      const row = document.createElement(i ? 'div' : 'b');
      row.textContent = line;
      box.appendChild(row);
    });
    const go = document.createElement('button');
    go.type = 'button';
    go.textContent = (svg && svg.getAttribute('data-open')) || '→';
    go.onclick = (ev) => { ev.stopPropagation(); open(el); };
    box.appendChild(go);
    if (svg) svg.after(box); else root.appendChild(box);
  };
  root.onclick = (e) => {
    const el = target(e);
    if (el && touch(e)) card(el);
    else if (el) open(el);
    else if (!(e.target.closest && e.target.closest('.kzmap-card'))) root.querySelector('.kzmap-card')?.remove();
  };
  root.onkeydown = (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const el = target(e);
    if (el) { e.preventDefault(); open(el); }
  };
}
"""

_component = st.components.v2.component("kz_svg_map", css=svgmap.CSS, js=JS, isolate_styles=False)


def svg_map(html: str, *, key: str) -> str | None:
    """Draw the map's HTML (:func:`regions.present.svgmap.map_html`); the ISO code of a clicked region, or ``None``.

    The code is returned once, on the rerun the click triggers.
    """
    result = _component(data=html.encode("utf-8"), key=key, on_region_change=lambda: None)
    return getattr(result, "region", None)


def show(
    model,
    layout: str,
    lang: str,
    highlight,
    *,
    indicator: str,
    year: int | None,
    filter_note: str | None = None,
) -> str | None:
    """The map page's map with its SVG and PNG downloads; the ISO code of a clicked region, or ``None``.

    ``highlight``: the codes in focus (``None``: all). The downloads are made only when asked for
    (deferred ``data``), so a rerun does not draw a PNG.
    """


    view = svgmap.view_of(model, layout, lang, highlight)
    clicked = svg_map(svgmap.map_html(view, svgmap.geometry_url(layout)), key="svg_map")
    cap = svgexport.caption(model, layout, lang, dt.date.today().isoformat(), filter_note)
    c1, c2 = st.columns(2)
    with c1:
        st.download_button(
            t("map_download_svg", lang),
            data=lambda: svgexport.export_svg(view, cap).encode("utf-8"),
            file_name=svgexport.file_name(layout, indicator, year, "svg"),
            mime="image/svg+xml",
            on_click="ignore",
            key=f"dl_svg_{lang}",
        )
    with c2:
        st.download_button(
            t("map_download_png", lang),
            data=lambda: svgexport.export_png(view, cap),
            file_name=svgexport.file_name(layout, indicator, year, "png"),
            mime="image/png",
            on_click="ignore",
            key=f"dl_png_{lang}",
        )
    return clicked
