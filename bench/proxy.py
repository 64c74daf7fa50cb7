"""More than one server: nginx in front of two replicas of the app, and one replica stopped mid-run.

``python -m bench.proxy`` (20 sessions, 20 s, one replica killed after 8 s) or ``python -m bench.proxy
--sessions 50``. On 127.0.0.1 only, every loop bounded in count and time:

1. Starts two replicas (``streamlit run app.py``, :class:`bench.load.Server`) on free ports and nginx (Debian's
   package) on another, with the configuration rendered from ``deploy/nginx.conf.template`` by
   ``deploy/nginx.py`` (sticky sessions by a routing cookie, websocket upgrade, ``static/`` and
   Streamlit's own assets served by nginx, gzipped, with cache headers).
2. Checks what nginx serves itself: an app file and a Streamlit asset, gzipped, with their cache headers,
   byte for byte the files on disk.
3. N virtual users, as browsers do: each fetches the page through nginx (which sets its routing cookie),
   opens the websocket with that cookie, opens a random link (:func:`bench.load.random_link`) and then
   reruns it or switches page every 0-``--think`` s, listening on its socket meanwhile, as the frontend
   does. One more user opens a link naming an uploaded table that its session does not hold.
4. After ``--kill-after`` s, once every user's first page is drawn, kills the replica holding more
   sessions (SIGKILL: a crash, not a clean stop). Each user whose
   socket closes reconnects through nginx with its cookie every 0.2 s (at most ``--timeout`` s), sends its
   link again, and records how long it took until the page was drawn and whether the page shows the
   same view (the link the app writes and the text of the page, compared with before).

Errors are counted by kind: a failed HTTP request or websocket connect through nginx, a run that timed
out or showed an exception, and apart from those the runs cut by the kill (their replica died under
them). The report goes to ``bench/results/proxy_<N>.json`` and, with ``--write-md``, into the proxy
section of ``bench/load.md``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import gzip
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.load import (  # noqa: E402
    HOST,
    PAGE_PATH,
    PROXY_END,
    PROXY_START,
    Server,
    Session,
    _catalogues,
    _pct,
    cpu_seconds,
    machine,
    machine_cpu_seconds,
    random_link,
    wait_for_quiet,
    warm_up,
)
from bench.servers import free_port, stop, wait_healthy  # noqa: E402
from deploy import nginx as nginx_conf  # noqa: E402

LOAD_MD = ROOT / "bench" / "load.md"
MARK_START, MARK_END = PROXY_START, PROXY_END  # the section of bench/load.md this script writes
UPLOAD_LINK = "indicator=user:my_wages/wage"  # a link naming a table uploaded in another session
MAX_RUNS_PER_USER = 10_000


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


# --------------------------------------------------------------------------------------------------
# nginx


class Nginx:
    """nginx in the foreground in its own process group, with its files in a temporary directory."""

    def __init__(self, replicas: list[str]) -> None:
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx not found (Debian: apt-get install nginx)")
        self.binary = binary
        self.port = free_port()
        self.tmp = tempfile.TemporaryDirectory(prefix="kz-nginx-")
        self.dir = Path(self.tmp.name)
        self.conf = self.dir / "nginx.conf"
        self.conf.write_text(
            nginx_conf.render(f"{HOST}:{self.port}", replicas, self.dir, debug=True), encoding="utf-8"
        )
        self.proc: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self) -> None:
        log = (self.dir / "stdout.log").open("wb")
        self.proc = subprocess.Popen(
            [self.binary, "-p", str(self.dir), "-c", str(self.conf), "-g", "daemon off;"],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_healthy(self.proc, self.base, 30, self.log_tail, name="nginx")

    def log_tail(self) -> str:
        out = []
        for name in ("stdout.log", "error.log"):
            with contextlib.suppress(OSError):
                out.append((self.dir / name).read_text(errors="replace")[-3000:])
        return "\n".join(out)

    def error_log(self) -> str:
        try:
            return (self.dir / "error.log").read_text(errors="replace")
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc is not None:
            stop(self.proc)
        self.tmp.cleanup()


def http_get(url: str, headers: dict[str, str] | None = None, timeout: float = 30) -> tuple[int, dict, bytes]:
    """GET through no proxy but the one named: status, headers (lower-case names), raw body."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(req, timeout=timeout) as resp:
            return resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


def check_static(base: str) -> dict:
    """What nginx serves from disk: an app file and a Streamlit asset, gzipped and with cache headers."""
    js_dir = nginx_conf.streamlit_static() / "js"
    asset = max(js_dir.glob("*.js"), key=lambda p: p.stat().st_size)  # the largest chunk (plotly's)
    checks = {}
    for name, url, path in (
        ("app file", "/app/static/boundaries_2022.json", ROOT / "static" / "boundaries_2022.json"),
        ("streamlit asset", f"/static/js/{asset.name}", asset),
    ):
        status, headers, body = http_get(base + url, {"Accept-Encoding": "gzip"})
        plain = gzip.decompress(body) if headers.get("content-encoding") == "gzip" else body
        checks[name] = {
            "url": url,
            "status": status,
            "content_encoding": headers.get("content-encoding"),
            "cache_control": headers.get("cache-control"),
            "bytes_on_disk": path.stat().st_size,
            "bytes_sent": len(body),
            "same_as_file": plain == path.read_bytes(),
            "from_a_replica": nginx_conf.DEBUG_HEADER.lower() in headers,  # only proxied answers carry it
        }
    return checks


def check_sticky(base: str, tries: int = 12) -> dict:
    """The routing cookie pins a browser to one replica; browsers without it spread over the replicas."""
    header = nginx_conf.DEBUG_HEADER.lower()
    _, headers, _ = http_get(base + "/")
    cookie = _cookie(headers)
    pinned = {http_get(base + "/_stcore/health", {"Cookie": cookie})[1].get(header) for _ in range(tries)}
    fresh = [http_get(base + "/_stcore/health")[1].get(header) for _ in range(tries)]
    return {
        "cookie_set": cookie is not None,
        "replicas_with_the_cookie": sorted(r for r in pinned if r),
        "replicas_without_cookies": {r: fresh.count(r) for r in sorted(set(fresh), key=str)},
    }


# --------------------------------------------------------------------------------------------------
# Users


@dataclass
class User:
    uid: int
    page: str
    query: str
    cookie: str | None = None
    replica: str | None = None
    replica_seen: str | None = None  # the replica that answered the last websocket handshake
    view: tuple[str, str] | None = None  # (the link the app shows, a hash of the page's text)
    runs: int = 0
    run_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    cut: int = 0  # runs (or idle sockets) cut by the killed replica
    lost_at: float | None = None
    reconnect_s: float | None = None
    reconnect_connect_s: float | None = None  # of which: the websocket handshake through nginx
    attempts: int = 0
    replica_after: str | None = None
    view_back: bool | None = None
    alerts: list[str] = field(default_factory=list)


def _view(session: Session, sent: str) -> tuple[str, str]:
    link = session.written if session.written is not None else sent
    return "&".join(sorted(link.split("&"))), hashlib.sha256("\n".join(session.texts).encode()).hexdigest()[
        :16
    ]


def _cookie(headers: dict) -> str | None:
    raw = headers.get("set-cookie", "")
    for part in raw.split(";"):
        if part.strip().startswith(nginx_conf.COOKIE + "="):
            return part.strip()
    return None


async def _connect(user: User, base: str, timeout: float) -> Session:
    """As a browser: the page (once: it sets the routing cookie), then the websocket with the cookie."""
    if user.cookie is None:
        status, headers, _ = await asyncio.to_thread(
            http_get, base + "/" + PAGE_PATH[user.page], None, timeout
        )
        if status != 200:
            raise ConnectionError(f"http {status}")
        user.cookie = _cookie(headers)
    session = Session(base.replace("http://", "ws://") + "/_stcore/stream", timeout)
    await session.open({"Cookie": user.cookie} if user.cookie else None)
    user.replica_seen = session.ws.response.headers.get(nginx_conf.DEBUG_HEADER)
    if user.replica is None:
        user.replica = user.replica_seen
    return session


async def _user(user: User, base: str, args: argparse.Namespace, clock: dict, killed: asyncio.Event) -> None:
    rng = random.Random(f"{args.seed}-{user.uid}")
    session: Session | None = None
    connect_s = 0.0

    async def attempt() -> str | None:
        """Open the user's link in a new session through nginx; the error, or None."""
        nonlocal session, connect_s
        t = time.monotonic()
        try:
            session = await _connect(user, base, args.timeout)
        except Exception as exc:
            return f"connect: {type(exc).__name__}"
        connect_s = time.monotonic() - t
        seconds, error = await session.run(user.query, page_name=PAGE_PATH[user.page])
        user.runs += 1
        if error is None:
            user.run_ms.append(1000 * seconds)
            if user.view is None:  # the view as first drawn, to compare after a fail-over
                user.view = _view(session, user.query)
                user.alerts = list(session.alerts)
        return error

    def cut(error: str) -> bool:
        """A run or an idle socket ended by the kill (its replica died under it)."""
        return killed.is_set() and error.startswith("socket")

    async def recover() -> bool:
        """Reconnect through nginx with the same cookie and link, as the frontend does; True once drawn."""
        user.cut += 1
        user.lost_at = time.monotonic()
        if session is not None:
            await session.close()
        had_view = user.view
        deadline = user.lost_at + args.timeout
        while time.monotonic() < deadline:
            user.attempts += 1
            error = await attempt()
            if error is None:
                user.reconnect_s = time.monotonic() - user.lost_at
                user.reconnect_connect_s = connect_s
                user.replica_after = user.replica_seen
                user.view_back = None if had_view is None else _view(session, user.query) == had_view
                return True
            user.errors.append("reconnect: " + error)
            await asyncio.sleep(0.2)
        user.errors.append("reconnect: gave up")
        return False

    try:
        await asyncio.sleep(rng.uniform(0, min(2.0, args.think)))
        error = await attempt()
        if error is not None:
            if not cut(error):
                user.errors.append("first: " + error)
                return
            if not await recover():
                return
        for _ in range(MAX_RUNS_PER_USER):
            if time.monotonic() >= clock["end"]:
                return
            # Think, listening on the socket as the frontend does: a replica that dies is noticed at once.
            lost = False
            wake = min(time.monotonic() + rng.uniform(0, args.think), clock["end"])
            for _ in range(1000):  # messages after script_finished (page_profile, ...) do not end the pause
                left = wake - time.monotonic()
                if left <= 0:
                    break
                try:
                    await asyncio.wait_for(session.ws.recv(), left)
                except TimeoutError:
                    break
                except Exception:
                    lost = True
                    break
            if not lost:
                if time.monotonic() >= clock["end"]:
                    return
                seconds, error = await session.run(user.query, page_name=PAGE_PATH[user.page])
                user.runs += 1
                if error is None:
                    user.run_ms.append(1000 * seconds)
                    continue
                if not cut(error):
                    user.errors.append(error)
                    continue
            if not await recover():
                return
    finally:
        if session is not None:
            await session.close()


async def _drive(base: str, replicas: list[Server], args: argparse.Namespace, cat: dict) -> dict:
    rng = random.Random(args.seed)
    users = []
    for uid in range(args.sessions):
        page, query = random_link(rng, cat)
        users.append(User(uid, page, query))
    users.append(User(args.sessions, "map", UPLOAD_LINK))  # the one whose link names an upload
    killed = asyncio.Event()
    t0 = time.monotonic()
    clock = {"end": float("inf")}  # when users stop starting requests: set at the kill
    tasks = [asyncio.create_task(_user(u, base, args, clock, killed)) for u in users]
    await asyncio.sleep(args.kill_after)
    # The kill waits (at most --timeout s) until every user's first page is drawn, so that each session it
    # cuts has a view to come back to; the run then goes on for the same time after the kill as planned.
    wait_until = time.monotonic() + args.timeout
    while time.monotonic() < wait_until and any(u.view is None and not u.errors for u in users):
        await asyncio.sleep(0.1)
    clock["end"] = time.monotonic() + args.seconds - args.kill_after
    # The replica holding more sessions dies (SIGKILL to its process group: a crash).
    held = {f"{HOST}:{s.port}": sum(u.replica == f"{HOST}:{s.port}" for u in users) for s in replicas}
    victim = max(replicas, key=lambda s: held[f"{HOST}:{s.port}"])
    killed.set()
    kill_t = time.monotonic() - t0
    victim_cpu = cpu_seconds(victim.proc.pid)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(victim.proc.pid, signal.SIGKILL)
    done, pending = await asyncio.wait(tasks, timeout=args.seconds + 2 * args.timeout + 30)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    for task, user in zip(tasks, users, strict=True):
        if task.done() and not task.cancelled() and task.exception() is not None:
            user.errors.append(f"client: {task.exception()!r}")
    return {
        "users": users,
        "held_before": held,
        "victim": f"{HOST}:{victim.port}",
        "kill_at_s": round(kill_t, 1),
        "victim_cpu_s": victim_cpu,
    }


def run(args: argparse.Namespace) -> dict:
    cat = _catalogues()
    replicas = [Server() for _ in range(args.replicas)]
    proxy: Nginx | None = None
    try:
        starters = [threading.Thread(target=s.start) for s in replicas]
        for t in starters:
            t.start()
        for t in starters:
            t.join()
        for s in replicas:
            if s.proc is None or s.proc.poll() is not None:
                raise RuntimeError(f"replica on {s.port} did not start:\n{s.log_tail()}")
        warmers = [
            threading.Thread(target=lambda s=s: asyncio.run(warm_up(s, args.timeout))) for s in replicas
        ]
        for t in warmers:
            t.start()
        for t in warmers:
            t.join()
        proxy = Nginx([f"{HOST}:{s.port}" for s in replicas])
        proxy.start()
        static = check_static(proxy.base)
        sticky = check_sticky(proxy.base)
        quiet = wait_for_quiet(args.quiet_wait) if args.quiet_wait > 0 else None
        cpu0 = sum(cpu_seconds(s.proc.pid) for s in replicas)
        machine0, client0 = machine_cpu_seconds(), time.process_time()
        wall0 = time.monotonic()
        result = asyncio.run(_drive(proxy.base, replicas, args, cat))
        wall = time.monotonic() - wall0
        survivors = [s for s in replicas if f"{HOST}:{s.port}" != result["victim"]]
        cpu = sum(cpu_seconds(s.proc.pid) for s in survivors) + result["victim_cpu_s"] - cpu0
        other = machine_cpu_seconds() - machine0 - cpu - (time.process_time() - client0)
        tracebacks = sum(s.log_tracebacks() for s in survivors)
        upstream_errors = proxy.error_log().count("[error]")
        logs = {
            "nginx_error_log": proxy.error_log()[-3000:],
            **{f"replica_{s.port}": s.log_tail(30) for s in survivors},
        }
    finally:
        if proxy is not None:
            proxy.stop()
        for s in replicas:
            s.stop()
    rep = report(args, static, result, wall, cpu, tracebacks, upstream_errors)
    rep["sticky"] = sticky
    rep["quiet_wait"] = quiet
    rep["other_cpu_percent"] = round(100 * max(0.0, other) / wall, 1) if wall else None
    if rep["errors"]:
        rep["logs"] = logs  # to tell what went wrong
    return rep


def report(args, static, result, wall, cpu, tracebacks, upstream_errors) -> dict:
    users: list[User] = result["users"]
    sessions = users[:-1]
    upload_user = users[-1]
    hit = [u for u in sessions if u.cut]
    ms = [x for u in users for x in u.run_ms]
    reconnect = [u.reconnect_s for u in hit if u.reconnect_s is not None]
    kinds: dict[str, int] = {}
    for u in users:
        for e in u.errors:
            kinds[e] = kinds.get(e, 0) + 1
    notice = json.loads((ROOT / "data" / "i18n.json").read_text(encoding="utf-8"))[
        "reason_user_data_missing"
    ]["en"]
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _commit(),
        "command": "python -m bench.proxy " + " ".join(args.argv),
        "machine": machine(),
        "settings": {
            k: getattr(args, k) for k in ("sessions", "seconds", "kill_after", "think", "timeout", "replicas")
        },
        "static": static,
        "sessions_per_replica_before": result["held_before"],
        "killed": result["victim"],
        "kill_at_s": result["kill_at_s"],
        "runs": sum(u.runs for u in users),
        "errors": sum(len(u.errors) for u in users),
        "error_kinds": kinds,
        "sessions_cut": len(hit),
        "reconnected": len(reconnect),
        "reconnect_s": {
            "median": _round(_pct(reconnect, 50)),
            "max": _round(max(reconnect) if reconnect else None),
        },
        "reconnect_handshake_s_max": _round(max((u.reconnect_connect_s or 0 for u in hit), default=None)),
        "reconnect_attempts_max": max((u.attempts for u in hit), default=0),
        "view_back": sum(bool(u.view_back) for u in hit),
        # cut before their first page was drawn: nothing to compare, but drawn after the reconnect
        "first_view_cut": sum(u.view_back is None and u.reconnect_s is not None for u in hit),
        "view_not_back": [u.uid for u in hit if u.view_back is False],
        "moved_to_survivor": sum(u.replica_after not in (None, result["victim"]) for u in hit),
        "response_ms": {
            "median": _round(_pct(ms, 50)),
            "p95": _round(_pct(ms, 95)),
            "max": _round(max(ms) if ms else None),
        },
        "requests_per_second": round(len(ms) / wall, 2) if wall else None,
        "replica_cpu_percent": round(100 * cpu / wall, 1) if wall else None,
        "survivor_tracebacks": tracebacks,
        "nginx_error_lines": upstream_errors,
        # The page escapes Markdown in the reason ("in\\; upload"): compare without the backslashes.
        "upload_notice_shown": any(notice in a.replace("\\", "") for a in upload_user.alerts),
    }


def _round(x):
    return None if x is None else round(x, 2 if x < 10 else 1)


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        )
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=10,
        )
        return out.stdout.strip() + ("+local changes" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def markdown(reports: list[dict]) -> str:
    lines = [
        MARK_START,
        "## Two replicas behind nginx, one killed mid-run",
        "",
        "`python -m bench.proxy` (and `--sessions 50`): nginx (Debian's package) on 127.0.0.1 in front of two "
        "`streamlit run app.py` replicas, with the configuration rendered from `deploy/nginx.conf.template`. Each "
        "virtual user fetches the page through nginx (routing cookie), opens the websocket with it, opens a random "
        "link, then reruns it or switches page every 0-*think* s while listening on its socket. One replica is "
        "killed (SIGKILL) mid-run; the users it held reconnect through nginx every 0.2 s with their cookie and "
        "link. *Reconnect* is from the socket's close to the page drawn again; *same view* compares the link "
        "the app writes and a hash of the page's text with those before the kill (sessions cut before their "
        "first page was drawn have nothing to compare; they count as reconnected once drawn). CPU in % of one "
        "core: both replicas, and every other process of the (shared) machine. Errors: failed HTTP requests "
        "or websocket connects through nginx, timeouts, exceptions; a run cut by the kill is counted apart.",
        "",
        "| sessions | think s | commit | s (kill at) | sessions per replica | runs | errors | cut by the kill | reconnected "
        "| reconnect s median / max | same view (cut before drawn) | median / p95 ms | req/s | replicas' CPU % "
        "| other CPU % |",
        "|---:|---:|---|---|---|---:|---:|---:|---:|---|---|---|---:|---:|---:|",
    ]
    for r in reports:
        s = r["settings"]
        lines.append(
            f"| {s['sessions']} | 0-{s['think']:g} | {r['commit']} | {s['seconds']:g} ({r['kill_at_s']}) "
            f"| {' / '.join(str(v) for v in r['sessions_per_replica_before'].values())} | {r['runs']} "
            f"| {r['errors']} | {r['sessions_cut']} | {r['reconnected']} "
            f"| {r['reconnect_s']['median']} / {r['reconnect_s']['max']} "
            f"| {r['view_back']} of {r['sessions_cut'] - r['first_view_cut']} ({r['first_view_cut']}) "
            f"| {r['response_ms']['median']} / {r['response_ms']['p95']} | {r['requests_per_second']} "
            f"| {r['replica_cpu_percent']} | {r['other_cpu_percent']} |"
        )
    lines += ["", "Per run:", ""]
    for r in reports:
        st = r["static"]
        kinds = json.dumps(r["error_kinds"], ensure_ascii=False) if r["error_kinds"] else "none"
        lines.append(
            f"- {r['settings']['sessions']} sessions, {r['date']}, think 0-{r['settings']['think']:g} s: errors {kinds}; "
            f"{r['survivor_tracebacks']} traceback(s) in the surviving replica's log; the link naming an upload "
            f'{"showed" if r["upload_notice_shown"] else "did NOT show"} the "upload it again" notice. Served by '
            "nginx: "
            + "; ".join(
                f"{k} {v['url'].rsplit('/', 1)[-1]} {v['bytes_on_disk']:,} B on disk, {v['bytes_sent']:,} B sent "
                f"({v['content_encoding']}), `Cache-Control: {v['cache_control']}`"
                for k, v in st.items()
            )
            + "."
        )
    m = reports[0]["machine"] if reports else {}
    lines += [
        "",
        f"Machine: {m.get('nproc')} cores shared with other work, Python {m.get('python')}, Streamlit "
        f"{m.get('streamlit')}; nginx, both replicas and the load generator ran on the same cores.",
        MARK_END,
    ]
    return "\n".join(lines) + "\n"


def write_md(reports: list[dict], path: Path = LOAD_MD) -> None:
    """Replace (or append) the proxy section of ``bench/load.md``."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if MARK_START in text and MARK_END in text:
        head, rest = text.split(MARK_START, 1)
        tail = rest.split(MARK_END, 1)[1].lstrip("\n")
        text = head + markdown(reports) + tail
    else:
        text = text.rstrip("\n") + "\n\n" + markdown(reports)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0, help="duration of the run")
    parser.add_argument("--kill-after", type=float, default=8.0, help="kill one replica after this many s")
    parser.add_argument(
        "--think",
        type=float,
        default=20.0,
        help="maximum pause between a user's requests, s (0-20: people reading)",
    )
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=0.0,
        help="first wait up to this many s for the machine to be idle",
    )
    parser.add_argument(
        "--timeout", type=float, default=30.0, help="per-request timeout and reconnect limit, s"
    )
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--seed", default="kz-proxy")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--write-md", action="store_true", help="also write the proxy section of bench/load.md"
    )
    parser.add_argument(
        "--also", type=Path, nargs="*", default=[], help="earlier JSON reports to list with this one"
    )
    args = parser.parse_args(argv)
    args.argv = sys.argv[1:] if argv is None else list(argv)
    if (
        not 1 <= args.sessions <= 200
        or not 0 < args.kill_after < args.seconds <= 600
        or not 2 <= args.replicas <= 8
    ):
        parser.error("sessions 1..200, 0 < --kill-after < --seconds <= 600, replicas 2..8")
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    rep = run(args)
    out = args.json or ROOT / "bench" / "results" / f"proxy_{args.sessions}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(rep, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(
        json.dumps(
            {
                k: rep[k]
                for k in (
                    "errors",
                    "error_kinds",
                    "sessions_cut",
                    "reconnected",
                    "reconnect_s",
                    "view_back",
                    "response_ms",
                    "upload_notice_shown",
                )
            },
            ensure_ascii=False,
        )
    )
    if args.write_md:
        reports = [json.loads(p.read_text(encoding="utf-8")) for p in args.also] + [rep]
        write_md(sorted(reports, key=lambda r: (-r["settings"]["think"], r["settings"]["sessions"])))
        print(f"wrote {LOAD_MD}")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
