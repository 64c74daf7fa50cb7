// The map page's SVG map (ui/mapview.py): draws the view's HTML, which arrives gzip-compressed (a twentieth
// of the bytes: the 20 tooltips repeat their labels), fills its paths from the layout's geometry file, and
// sends a click (or Enter / Space on a focused region) back to Python. Served from /app/static/ and
// imported by the component's few inline lines, so a rerun does not resend this script either.
const cache = window.__kzmapGeometry || (window.__kzmapGeometry = {});

const bytesOf = (data) => {
  if (!data) return new Uint8Array(0);
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
};

const same = (a, b) => {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

// gzip (magic 1f 8b) is inflated by the browser's own DecompressionStream; anything else is UTF-8 text.
const textOf = (raw) => {
  if (raw.length > 1 && raw[0] === 0x1f && raw[1] === 0x8b) {
    const stream = new Blob([raw]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).text();
  }
  return Promise.resolve(new TextDecoder().decode(raw));
};

function draw(root, raw, html) {
  const tpl = document.createElement('template');
  tpl.innerHTML = html;
  const svg = tpl.content.querySelector('[data-geometry]');
  const url = svg && svg.getAttribute('data-geometry');
  // Paths are filled in from the layout's geometry file before anything is drawn: fetched once per
  // page, then taken from the cache for every later view.
  const put = (geom) => {
    if (root.__raw !== raw) return;  // a newer view came meanwhile
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

export default function ({ data, setTriggerValue, parentElement }) {
  let root = parentElement.querySelector(':scope > .kzmap-root');
  if (!root) {
    root = document.createElement('div');
    root.className = 'kzmap-root';
    parentElement.appendChild(root);
  }
  const raw = bytesOf(data).slice();  // a copy: the buffer may be Streamlit's to reuse
  if (!same(root.__raw, raw)) {
    root.__raw = raw;
    textOf(raw).then((html) => { if (root.__raw === raw) draw(root, raw, html); },
      (err) => console.error(err));
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
    const lines = (title ? title.textContent : '').split('\n').filter((l) => l.trim());
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
