"""The scripts of the app's custom components, served as static files and imported once per page.

A component's inline script (``js=``) travels with its element on every rerun whose element changed; a
file under ``static/`` is fetched once per page and then cached by the browser. So each component's inline
script is the few lines of :func:`loader`, which import the file (its hash in the URL, so a changed file
is never taken from a cache) and hand it the component's arguments (issue 19: an interaction sends the
view, not the code).
"""

from __future__ import annotations

import hashlib
import json

from regions.base.paths import STATIC
from regions.geo import webfiles

LOADER = """
const url = new URL(@URL@, window.location.origin).href;
const mods = window.__kzModules || (window.__kzModules = {});

export default function (args) {
  const got = mods[url] || (mods[url] = import(url));
  got.then((m) => m.default(args), (err) => { delete mods[url]; console.error(err); });
}
"""


def url(name: str) -> str:
    """``/app/static/<name>?v=<hash of the file>``."""
    digest = hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:12]
    return f"{webfiles.STATIC_URL}{name}?v={digest}"


def loader(name: str) -> str:
    """The inline script of a component whose script is ``static/<name>`` (an ES module whose default export
    takes the component's arguments)."""
    return LOADER.replace("@URL@", json.dumps(url(name)))
