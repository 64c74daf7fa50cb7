"""Write an nginx.conf for replicas of the dashboard from ``deploy/nginx.conf.template``.

Examples
--------
Two replicas on this machine, nginx on port 80 (as root, with Debian's nginx)::

    python deploy/nginx.py --listen 80 --replica 127.0.0.1:8501 --replica 127.0.0.1:8502 \\
        --run-dir /var/lib/kz-nginx > /etc/nginx/kz-regions.conf
    nginx -c /etc/nginx/kz-regions.conf

``bench/proxy.py`` renders it for 127.0.0.1 and free ports and runs it (the fail-over test).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
COOKIE = "kz_route"  # the routing cookie the template sets (sticky sessions)
DEBUG_HEADER = "X-Kz-Upstream"  # with debug=True: the replica that answered (never in production)


def streamlit_static() -> Path:
    """The installed streamlit package's frontend files (``static/static``: js, css, media)."""
    import streamlit

    return Path(streamlit.__file__).resolve().parent / "static" / "static"


def render(
    listen: str,
    replicas: list[str],
    run_dir: Path,
    *,
    app_static: Path = ROOT / "static",
    access_log: str | None = None,
    secure_cookie: bool = False,
    debug: bool = False,
    mime_types: Path = Path("/etc/nginx/mime.types"),
) -> str:
    """The nginx.conf text.

    Parameters
    ----------
    listen
        nginx's ``listen`` argument (``"127.0.0.1:8080"``, ``"80"``).
    replicas
        ``host:port`` of each ``streamlit run`` replica.
    run_dir
        Where nginx keeps its pid file, error log and temporary files (must exist and be writable).
    app_static
        The app's ``static/`` folder, served at ``/app/static/``.
    access_log
        A path, or None for ``off``.
    secure_cookie
        Mark the routing cookie ``Secure`` (behind HTTPS).
    debug
        Add an ``X-Kz-Upstream`` header naming the replica that answered (for the tests only).
    """
    if not replicas:
        raise ValueError("at least one replica")
    servers = "\n".join(f"        server {r} max_fails=1 fail_timeout=10s;" for r in replicas)
    fields = {
        "@USER@": "user root;" if hasattr(os, "geteuid") and os.geteuid() == 0 else "",
        "@RUN_DIR@": str(run_dir),
        "@MIME_TYPES@": str(mime_types),
        "@ACCESS_LOG@": access_log or "off",
        "@UPSTREAM_SERVERS@": servers,
        "@LISTEN@": listen,
        "@COOKIE_SECURE@": "; Secure" if secure_cookie else "",
        "@DEBUG_HEADER@": f"        add_header {DEBUG_HEADER} $upstream_addr always;" if debug else "",
        "@APP_STATIC@": str(Path(app_static).resolve()),
        "@STREAMLIT_STATIC@": str(streamlit_static()),
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in fields.items():
        text = text.replace(key, value)
    if "@" in "".join(line.split("#")[0] for line in text.splitlines()):
        raise ValueError("a placeholder of the template was left unfilled")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--listen", default="127.0.0.1:8080")
    parser.add_argument("--replica", action="append", required=True, help="host:port (repeat)")
    parser.add_argument("--run-dir", type=Path, required=True)
    parser.add_argument("--app-static", type=Path, default=ROOT / "static")
    parser.add_argument("--access-log", default=None)
    parser.add_argument("--secure-cookie", action="store_true")
    args = parser.parse_args(argv)
    sys.stdout.write(
        render(
            args.listen,
            args.replica,
            args.run_dir,
            app_static=args.app_static,
            access_log=args.access_log,
            secure_cookie=args.secure_cookie,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
