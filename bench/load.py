"""A bounded load test of the app, driven at the protocol level over Streamlit's websocket.

Run ``python bench/load.py`` (1, 20, 50 and 100 concurrent sessions, 60 s each, with a random think time
between requests of 0-1 s, a stress test, then of 0-20 s, nearer to people reading a page) or
``python bench/load.py --quick`` (5 sessions for 5 s, for CI). It writes JSON and Markdown reports:
``bench/load.json`` and ``bench/load.md`` for a full run, ``bench/results/load_quick.*`` (not committed)
for ``--quick``; ``--json``/``--md`` choose other paths.

What it does, for each number of sessions N (and, for steps 4-5, each think time):

1. Starts ``streamlit run app.py`` on a free port of 127.0.0.1, from a temporary working directory, in
   its own process group (killed at the end, also on an error or Ctrl-C), and waits for
   ``/_stcore/health``.
2. Warms it up: one session loads every page once. The server's resident memory (VmRSS of the server
   and its children, from ``/proc``) is then the *before* figure.
3. Idle probe: N sessions all open the same (cached) link and stay connected; the memory they add,
   divided by N, is the cost of a session itself, without cache growth. They then disconnect.
4. Starts a fresh server (so that the probe's disconnected sessions, which Streamlit keeps for
   ``server.disconnectedSessionTTL`` = 120 s, and its caches do not count), warms it up again and
   measures *before*.
5. N virtual users run for ``--seconds``: each opens a websocket to ``/_stcore/stream`` as the browser
   does, sends a ``BackMsg.rerun_script`` whose ``ClientState`` carries a random link (``query_string``
   of lang, layout, indicator, year, sector, mode, region, and the page as ``page_name``, the URL path
   the frontend sends), reads ForwardMsgs until ``script_finished`` and records that time as the
   response time. It then switches page ``--switches`` times inside the same session the way the
   sidebar navigation does (``page_script_hash`` from the ``navigation`` message), waits a random
   think time between requests, closes the socket and opens the next random link. Users start spread
   over one think time. Memory is sampled every 0.25 s for the peak; *after* is measured once every
   user has disconnected.

An error is a ForwardMsg delta with an ``exception`` element, a ``page_not_found`` message, a
compile error, a timeout (``--timeout``) or a socket that closed or failed to connect. Every loop is
bounded in count and in time, and the only traffic is to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import datetime as dt
import json
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
if str(ROOT) not in sys.path:  # run as a script (python bench/load.py): the bench package lives in ROOT
    sys.path.insert(0, str(ROOT))

from bench.servers import free_port, wait_healthy  # noqa: E402

HOST = "127.0.0.1"  # the only host this script ever talks to

PAGES = ("map", "region", "compare", "tables", "address", "sources")
# The URL path of each page (what the frontend sends as page_name); the map is the default page, at "/".
PAGE_PATH = {
    "map": "",
    "region": "region",
    "compare": "compare",
    "tables": "tables",
    "address": "address",
    "sources": "sources",
}
LANGS = ("en", "ru", "kk")
LAYOUTS = ("2022", "2020")
MODES = ("designated", "measured", "either", "both")

MAX_MSGS_PER_RUN = 5_000  # ForwardMsgs read for one script run before giving up (a run sends ~10-100)
MAX_REQUESTS_PER_USER = 100_000  # a hard cap on top of the time bound
BUSY_OTHER_CPU = 50.0  # % of a core used by other processes above which a level is marked as disturbed
SAMPLE_EVERY = 0.25  # seconds between memory samples
STARTUP_TIMEOUT = 90.0  # seconds for the server to answer /_stcore/health


# --------------------------------------------------------------------------------------------------
# The links: random combinations of the view's query parameters and a page


def _catalogues() -> dict[str, list[str]]:
    indicators = [i["id"] for i in json.loads((DATA / "indicators.json").read_text(encoding="utf-8"))]
    sectors = [s["id"] for s in json.loads((DATA / "sectors.json").read_text(encoding="utf-8"))]
    regions = [u["iso_code"] for u in json.loads((DATA / "registry.json").read_text(encoding="utf-8"))]
    with (DATA / "statistics.csv").open(encoding="utf-8", newline="") as f:
        years = sorted({row["year"] for row in csv.DictReader(f)})
    return {"indicators": [*indicators, "roles"], "sectors": sectors, "regions": regions, "years": years}


def random_link(rng: random.Random, cat: dict[str, list[str]]) -> tuple[str, str]:
    """A random (page, query string): each parameter present with probability 0.7."""
    params: dict[str, str] = {}

    def maybe(name: str, value: str) -> None:
        if rng.random() < 0.7:
            params[name] = value

    maybe("lang", rng.choice(LANGS))
    maybe("layout", rng.choice(LAYOUTS))
    indicator = rng.choice(cat["indicators"])
    maybe("indicator", indicator)
    if indicator != "roles":
        maybe("year", rng.choice(cat["years"]))
    maybe("sector", ",".join(rng.sample(cat["sectors"], rng.randint(1, 3))))
    maybe("mode", rng.choice(MODES))
    maybe("region", rng.choice(cat["regions"]))
    return rng.choice(PAGES), urlencode(params, safe=",")


# --------------------------------------------------------------------------------------------------
# The server: start, health, memory and CPU from /proc, stop


def _children(pid: int) -> list[int]:
    """``pid`` and all its descendants (from /proc/<n>/stat's ppid field)."""
    parent: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces: split after the last ")".
        fields = stat[stat.rfind(")") + 2 :].split()
        parent[int(entry)] = int(fields[1])
    tree, frontier = [pid], [pid]
    while frontier and len(tree) < 10_000:
        frontier = [c for c, p in parent.items() if p in frontier]
        tree.extend(frontier)
    return tree


def rss_mb(pid: int) -> float:
    """Resident memory (VmRSS) of ``pid`` and its descendants, in MiB."""
    total_kb = 0
    for p in _children(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
                    break
        except OSError:
            continue
    return total_kb / 1024


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` and its descendants, in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in _children(pid):
        try:
            stat = Path(f"/proc/{p}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


LIVE: set[Server] = set()  # servers started and not yet stopped


def machine_cpu_seconds() -> float:
    """CPU time spent by every process of the machine (busy = all but idle and iowait), in seconds."""
    fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def wait_for_quiet(max_wait: float, threshold: float = 25.0, window: float = 3.0) -> dict:
    """Wait (at most ``max_wait`` s) until the machine's CPU use over ``window`` s is below ``threshold``
    % of one core: on a shared machine, other work would otherwise be measured as slow responses."""
    t0 = time.monotonic()
    busy = None
    while True:
        c0 = machine_cpu_seconds()
        time.sleep(window)
        busy = 100 * (machine_cpu_seconds() - c0) / window
        if busy < threshold or time.monotonic() - t0 + window > max_wait:
            break
    return {"waited_s": round(time.monotonic() - t0, 1), "cpu_percent_at_start": round(busy, 1)}


class Server:
    """``streamlit run app.py`` on a free port of 127.0.0.1, in its own process group."""

    def __init__(self) -> None:
        self.port = free_port()
        self.tmp = tempfile.TemporaryDirectory(prefix="kz-load-")
        self.log_path = Path(self.tmp.name) / "streamlit.log"
        self.proc: subprocess.Popen | None = None

    @property
    def ws_url(self) -> str:
        return f"ws://{HOST}:{self.port}/_stcore/stream"

    def start(self) -> None:
        cmd = [
            sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
            "--server.port", str(self.port),
            "--server.address", HOST,
            "--server.headless", "true",
            "--browser.gatherUsageStats", "false",
        ]  # fmt: skip
        self._log = self.log_path.open("wb")
        LIVE.add(self)
        self.proc = subprocess.Popen(
            cmd, cwd=self.tmp.name, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )
        wait_healthy(self.proc, f"http://{HOST}:{self.port}", STARTUP_TIMEOUT, self.log_tail, interval=0.3)

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def log_tracebacks(self) -> int:
        try:
            return self.log_path.read_text(errors="replace").count("Traceback")
        except OSError:
            return 0

    def stop(self) -> None:
        """Kill the server's process group (SIGTERM, then SIGKILL after 10 s)."""
        LIVE.discard(self)
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=10)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        if getattr(self, "_log", None):
            self._log.close()
        self.tmp.cleanup()


# --------------------------------------------------------------------------------------------------
# One session over the websocket


@dataclass
class Result:
    kind: str  # "link" (a new session opening a link) or "switch" (a page change in the session)
    page: str
    seconds: float | None  # send of rerun_script -> script_finished; None on an error
    error: str | None = None


class Session:
    """One browser tab, as the frontend speaks to the server: BackMsg out, ForwardMsg in."""

    def __init__(self, url: str, timeout: float) -> None:
        self.url = url
        self.timeout = timeout
        self.ws = None
        self.pages: dict[str, str] = {}  # url path -> page_script_hash, from the navigation message
        # Of the last run: the query string the app wrote into the URL (None: it left the link as sent),
        # the text of its markdown and headings (what the page shows), and its notices (alerts).
        self.written: str | None = None
        self.texts: list[str] = []
        self.alerts: list[str] = []

    async def open(self, headers: dict[str, str] | None = None) -> None:
        """Connect (``headers``: e.g. the proxy's routing cookie, as a browser would send it)."""
        import websockets

        # The frontend passes "streamlit" as the subprotocol (and optional tokens after it). proxy=None:
        # only ever 127.0.0.1, whatever proxy the environment names.
        self.ws = await asyncio.wait_for(
            websockets.connect(
                self.url,
                subprotocols=["streamlit"],
                max_size=None,
                open_timeout=self.timeout,
                additional_headers=headers,
                proxy=None,
            ),
            self.timeout,
        )

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.ws.close(), 5)
            self.ws = None

    async def run(self, query_string: str, *, page_name: str | None = None, page_hash: str | None = None):
        """Send one rerun_script and read until script_finished. Returns (seconds, error)."""
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        msg.rerun_script.query_string = query_string
        if page_name is not None:
            msg.rerun_script.page_name = page_name
        if page_hash is not None:
            msg.rerun_script.page_script_hash = page_hash
        t0 = time.perf_counter()
        try:
            await self.ws.send(msg.SerializeToString())
            error = await asyncio.wait_for(self._until_finished(), self.timeout)
        except TimeoutError:
            return None, "timeout"
        except Exception as exc:  # a closed or broken socket
            return None, f"socket: {type(exc).__name__}"
        return (time.perf_counter() - t0 if error is None else None), error

    async def _until_finished(self) -> str | None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        error = None
        self.written, self.texts, self.alerts = None, [], []
        for _ in range(MAX_MSGS_PER_RUN):
            data = await self.ws.recv()
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            kind = fwd.WhichOneof("type")
            if kind == "delta":
                if fwd.delta.WhichOneof("type") == "new_element":
                    element = fwd.delta.new_element
                    what = element.WhichOneof("type")
                    if what == "exception":
                        error = error or "exception: " + element.exception.type
                    elif what in ("markdown", "heading"):
                        self.texts.append(getattr(element, what).body)
                    elif what == "alert":
                        self.alerts.append(element.alert.body)
            elif kind == "page_info_changed":
                self.written = fwd.page_info_changed.query_string
            elif kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in fwd.navigation.app_pages}
            elif kind == "page_not_found":
                error = error or "page_not_found"
            elif kind == "session_event" and fwd.session_event.WhichOneof("type") == (
                "script_compilation_exception"
            ):
                error = error or "compile error"
            elif kind == "script_finished":
                status = fwd.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # the app asked for a rerun: the response is the rerun's end
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    error = error or "compile error"
                return error
        return f"no script_finished in {MAX_MSGS_PER_RUN} messages"


# --------------------------------------------------------------------------------------------------
# A level: N virtual users for a bounded time


@dataclass
class Level:
    results: list[Result] = field(default_factory=list)
    links: set[tuple[str, str]] = field(default_factory=set)
    per_user: list[int] = field(default_factory=list)


async def _user(
    uid: int,
    n: int,
    think: float,
    server: Server,
    args: argparse.Namespace,
    cat: dict,
    deadline: float,
    level: Level,
) -> None:
    rng = random.Random(f"{args.seed}-{n}-{think}-{uid}")
    count = 0
    # Users arrive spread over one think time, not all in the same instant (a burst no site sees).
    await asyncio.sleep(min(rng.uniform(0, think), max(0.0, deadline - time.monotonic())))
    while time.monotonic() < deadline and count < MAX_REQUESTS_PER_USER:
        page, qs = random_link(rng, cat)
        level.links.add((page, qs))
        session = Session(server.ws_url, args.timeout)
        try:
            try:
                await session.open()
            except Exception as exc:
                level.results.append(Result("link", page, None, f"connect: {type(exc).__name__}"))
                count += 1
                await asyncio.sleep(min(1.0, max(0.0, deadline - time.monotonic())))
                continue
            seconds, error = await session.run(qs, page_name=PAGE_PATH[page])
            level.results.append(Result("link", page, seconds, error))
            count += 1
            if error and error.startswith(("socket", "timeout")):
                continue
            for _ in range(args.switches):
                if time.monotonic() >= deadline or not session.pages:
                    break
                await asyncio.sleep(rng.uniform(0, think))
                if time.monotonic() >= deadline:
                    break
                target = rng.choice([p for p in PAGES if p != page])
                page_hash = session.pages.get(PAGE_PATH[target])
                if page_hash is None:
                    level.results.append(Result("switch", target, None, "page missing from navigation"))
                    count += 1
                    break
                seconds, error = await session.run(qs, page_hash=page_hash)
                level.results.append(Result("switch", target, seconds, error))
                count += 1
                page = target
                if error and error.startswith(("socket", "timeout")):
                    break
        finally:
            await session.close()
        await asyncio.sleep(min(rng.uniform(0, think), max(0.0, deadline - time.monotonic())))
    level.per_user.append(count)


async def _sample_memory(pid: int, stop: asyncio.Event, samples: list[float]) -> None:
    while not stop.is_set():
        samples.append(rss_mb(pid))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), SAMPLE_EVERY)


async def warm_up(server: Server, timeout: float) -> None:
    """One session visits every page once (imports, caches of the default view)."""
    session = Session(server.ws_url, timeout)
    await session.open()
    try:
        _, error = await session.run("", page_name="")
        if error:
            raise RuntimeError(f"warm-up failed: {error}\n{server.log_tail()}")
        for page in PAGES[1:]:
            _, error = await session.run("", page_hash=session.pages[PAGE_PATH[page]])
            if error:
                raise RuntimeError(f"warm-up of {page} failed: {error}\n{server.log_tail()}")
    finally:
        await session.close()


async def idle_probe(server: Server, n: int, timeout: float) -> dict:
    """N sessions open the same cached link and stay connected: the memory of a session itself."""
    before = rss_mb(server.proc.pid)
    sessions = [Session(server.ws_url, timeout) for _ in range(n)]
    errors = 0
    try:
        for s in sessions:  # one after the other: the time is not the point here
            try:
                await s.open()
                _, error = await s.run("", page_name="")
            except Exception:
                error = "connect"
            errors += error is not None
        await asyncio.sleep(1.0)
        held = rss_mb(server.proc.pid)
    finally:
        await asyncio.gather(*(s.close() for s in sessions))
    return {
        "sessions": n,
        "errors": errors,
        "rss_before_mb": round(before, 1),
        "rss_held_mb": round(held, 1),
        "rss_per_session_mb": round((held - before) / n, 2),
    }


def _pct(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile."""
    if not values:
        return None
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(q / 100 * len(s) + 0.5)) - 1))
    return s[k]


def _ms(x: float | None) -> float | None:
    return None if x is None else round(x * 1000, 1)


def _quiet_interrupts(loop: asyncio.AbstractEventLoop, context: dict) -> None:
    # A Ctrl-C lands in whichever task runs: do not log that task's KeyboardInterrupt a second time.
    if not isinstance(context.get("exception"), KeyboardInterrupt):
        loop.default_exception_handler(context)


async def run_probe(n: int, args: argparse.Namespace) -> dict:
    asyncio.get_running_loop().set_exception_handler(_quiet_interrupts)
    print(f"{n} sessions: idle probe", flush=True)
    server = Server()
    try:
        server.start()
        await warm_up(server, args.timeout)
        return await idle_probe(server, n, args.timeout)
    finally:
        server.stop()


async def run_level(n: int, think: float, probe: dict, args: argparse.Namespace, cat: dict) -> dict:
    asyncio.get_running_loop().set_exception_handler(_quiet_interrupts)
    quiet = wait_for_quiet(args.quiet_wait) if args.quiet_wait > 0 else None
    print(f"{n} sessions, think 0-{think:g} s: {args.seconds:g} s", flush=True)
    server = Server()
    try:
        server.start()
        await warm_up(server, args.timeout)
        await asyncio.sleep(1.0)
        pid = server.proc.pid
        before = rss_mb(pid)
        cpu0, client0, wall0 = cpu_seconds(pid), time.process_time(), time.monotonic()
        machine0 = machine_cpu_seconds()
        samples: list[float] = [before]
        stop = asyncio.Event()
        sampler = asyncio.create_task(_sample_memory(pid, stop, samples))
        level = Level()
        deadline = time.monotonic() + args.seconds
        users = [
            asyncio.create_task(_user(i, n, think, server, args, cat, deadline, level)) for i in range(n)
        ]
        # Bounded: users stop starting requests at the deadline; one in flight ends within the timeout.
        done, pending = await asyncio.wait(users, timeout=args.seconds + 2 * args.timeout + 30)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        for task in done:
            if task.exception() is not None:
                level.results.append(Result("link", "?", None, f"client: {task.exception()!r}"))
        wall = time.monotonic() - wall0
        cpu, client = cpu_seconds(pid) - cpu0, time.process_time() - client0
        machine_cpu = machine_cpu_seconds() - machine0
        await asyncio.sleep(2.0)  # let the server notice the disconnects
        stop.set()
        await sampler
        after = rss_mb(pid)
        tracebacks = server.log_tracebacks()
    finally:
        server.stop()

    times = [r.seconds for r in level.results if r.seconds is not None]
    errors = [r.error for r in level.results if r.error]
    kinds: dict[str, int] = {}
    for e in errors:
        kinds[e] = kinds.get(e, 0) + 1
    by_page = {}
    for page in PAGES:
        pt = [r.seconds for r in level.results if r.page == page and r.seconds is not None]
        by_page[page] = {"requests": len(pt), "median_ms": _ms(_pct(pt, 50)), "p95_ms": _ms(_pct(pt, 95))}
    peak = max(samples)
    return {
        "sessions": n,
        "think_max_s": think,
        "seconds": args.seconds,
        "wall_seconds": round(wall, 1),
        "requests": len(level.results),
        "link_loads": sum(r.kind == "link" for r in level.results),
        "page_switches": sum(r.kind == "switch" for r in level.results),
        "distinct_links": len(level.links),
        "requests_per_session_min": min(level.per_user) if level.per_user else 0,
        "requests_per_second": round(len(times) / wall, 2) if wall else None,
        "errors": len(errors),
        "error_kinds": kinds,
        "server_log_tracebacks": tracebacks,
        "response_ms": {
            "median": _ms(_pct(times, 50)),
            "p95": _ms(_pct(times, 95)),
            "max": _ms(max(times) if times else None),
            "mean": _ms(statistics.fmean(times) if times else None),
        },
        "by_page": by_page,
        "rss_mb": {"before": round(before, 1), "peak": round(peak, 1), "after": round(after, 1)},
        "rss_per_session_mb": round((peak - before) / n, 2),
        "idle_probe": probe,
        "server_cpu_percent": round(100 * cpu / wall, 1) if wall else None,
        "client_cpu_percent": round(100 * client / wall, 1) if wall else None,
        # Everything else the machine ran meanwhile (other users of a shared machine): read the
        # response times against it. 100 % is one core.
        "other_cpu_percent": round(100 * max(0.0, machine_cpu - cpu - client) / wall, 1) if wall else None,
        "quiet_wait": quiet,
    }


# --------------------------------------------------------------------------------------------------
# Reports


def machine() -> dict:
    mem_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kb = int(line.split()[1])
    return {
        "nproc": os.cpu_count(),
        "memory_gib": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
        "streamlit": version("streamlit"),
        "websockets": version("websockets"),
        "platform": platform.platform(),
    }


def markdown(report: dict) -> str:
    m, s = report["machine"], report["settings"]
    lines = [
        "# Load test: concurrent sessions over Streamlit's websocket",
        "",
        f"Measured {report['date']} with `{report['command']}`.",
        "",
        f"Machine: {m['nproc']} cores (`nproc`), {m['memory_gib']} GiB memory, Python {m['python']}, "
        f"Streamlit {m['streamlit']}, websockets {m['websockets']} ({m['platform']}). The load "
        "generator runs on the same cores as the server. CPU columns are in % of one core: the server's "
        "process tree, the load generator, and every other process of the machine during the level "
        "(on a shared machine, read the times against that last one: levels marked * ran while other "
        f"processes used more than {BUSY_OTHER_CPU:g} % of a core, and their times measure the machine "
        "as much as the app).",
        "",
        f"Each virtual user opens a random link (a new websocket session: `rerun_script` with a random "
        f"`query_string` and page), then switches page {s['switches']} time(s) inside that session "
        f"(`page_script_hash`), waiting a random 0-*think* s between requests (and before its first), "
        "then opens the next "
        f"link. Response time: `rerun_script` sent to `script_finished` received. Errors: exception "
        f"elements, page-not-found, timeouts ({s['timeout']:g} s), closed sockets. Memory: VmRSS of the "
        "server process tree; *per session* is (peak - before) / sessions and includes the growth of "
        "`st.cache_data` with the distinct views; *idle* is what N sessions holding the same cached view "
        "add, divided by N (a separate server).",
        "",
        "| sessions | think s | s | requests | links (distinct) | errors | median ms | p95 ms | max ms | req/s "
        "| RSS before / peak / after MB | MB per session | idle MB per session | server CPU % | client CPU % "
        "| other CPU % |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for lv in report["levels"]:
        r, mem = lv["response_ms"], lv["rss_mb"]
        lines.append(
            f"| {lv['sessions']}{'*' if (lv.get('other_cpu_percent') or 0) > BUSY_OTHER_CPU else ''} "
            f"| 0-{lv['think_max_s']:g} | {lv['seconds']:g} | {lv['requests']} | {lv['link_loads']} "
            f"({lv['distinct_links']}) | {lv['errors']} | {r['median']} | {r['p95']} | {r['max']} "
            f"| {lv['requests_per_second']} | {mem['before']} / {mem['peak']} / {mem['after']} "
            f"| {lv['rss_per_session_mb']} | {lv['idle_probe']['rss_per_session_mb']} "
            f"| {lv['server_cpu_percent']} | {lv['client_cpu_percent']} | {lv['other_cpu_percent']} |"
        )
    lines += ["", "Median / 95th percentile response time by page (ms):", ""]
    lines.append("| sessions | think s | " + " | ".join(PAGES) + " |")
    lines.append("|---:|---:|" + "---|" * len(PAGES))
    for lv in report["levels"]:
        cells = [f"{lv['by_page'][p]['median_ms']} / {lv['by_page'][p]['p95_ms']}" for p in PAGES]
        lines.append(f"| {lv['sessions']} | 0-{lv['think_max_s']:g} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Errors by kind, tracebacks in the server's log, and the wait for an idle machine before the level:",
        "",
    ]
    for lv in report["levels"]:
        kinds = json.dumps(lv["error_kinds"]) if lv["error_kinds"] else "none"
        q = lv.get("quiet_wait")
        quiet = (
            f"waited {q['waited_s']} s, machine CPU then {q['cpu_percent_at_start']} %" if q else "no wait"
        )
        lines.append(
            f"- {lv['sessions']} sessions, think 0-{lv['think_max_s']:g} s: {kinds}; "
            f"{lv['server_log_tracebacks']} traceback(s) in the log; {quiet}"
        )
    return "\n".join(lines) + "\n"


# bench/proxy.py writes its own section into bench/load.md between these lines; a full run here keeps it.
PROXY_START = "<!-- proxy: written by python -m bench.proxy --write-md -->"
PROXY_END = "<!-- /proxy -->"


def _with_proxy_section(text: str, path: Path) -> str:
    """``text`` followed by the proxy section of the report at ``path``, if it has one."""
    try:
        old = path.read_text(encoding="utf-8")
    except OSError:
        return text
    if PROXY_START not in old or PROXY_END not in old:
        return text
    section = PROXY_START + old.split(PROXY_START, 1)[1].split(PROXY_END, 1)[0] + PROXY_END + "\n"
    return text + "\n" + section


def _on_signal(signum, frame) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--levels",
        default="1,20,50,100",
        help="concurrent sessions per level, comma-separated (1 is the unloaded baseline)",
    )
    parser.add_argument("--seconds", type=float, default=60.0, help="duration of each level")
    parser.add_argument("--quick", action="store_true", help="5 sessions for 5 s (CI)")
    parser.add_argument("--switches", type=int, default=1, help="page switches inside each session")
    parser.add_argument(
        "--think",
        default="1,20",
        help="maximum random pause between requests, s (comma-separated: each level runs at each)",
    )
    parser.add_argument("--timeout", type=float, default=30.0, help="per-request timeout (s)")
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=180.0,
        help="before each level, wait up to this many s for the machine to be idle (0: do not wait)",
    )
    parser.add_argument("--seed", default="kz")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--md", type=Path, default=None)
    parser.add_argument("--render", type=Path, default=None, help="only rewrite --md from this JSON report")
    args = parser.parse_args(argv)
    if args.render:
        md = args.md or args.render.with_suffix(".md")
        md.write_text(
            _with_proxy_section(markdown(json.loads(args.render.read_text(encoding="utf-8"))), md),
            encoding="utf-8",
        )
        print(f"wrote {md}")
        return 0
    if args.quick:
        args.levels, args.seconds, args.think, args.quiet_wait = "5", 5.0, "1", 0.0
    levels = [int(x) for x in args.levels.split(",") if x.strip()]
    thinks = [float(x) for x in args.think.split(",") if x.strip()]
    if not levels or min(levels) < 1 or max(levels) > 1000 or not 0 < args.seconds <= 3600:
        parser.error("levels must be 1..1000 sessions and --seconds in (0, 3600]")
    if not thinks or min(thinks) < 0 or max(thinks) > 600:
        parser.error("--think must be 0..600 s")
    out = ROOT / "bench" / ("results/load_quick" if args.quick else "load")
    json_path = args.json or out.with_suffix(".json")
    md_path = args.md or out.with_suffix(".md")

    # Ctrl-C and SIGTERM raise KeyboardInterrupt wherever the loop is (asyncio's own SIGINT handling only
    # cancels the main task, which a run can outlive); the finally blocks then stop the server.
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    cat = _catalogues()
    report = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": " ".join(["python", "bench/load.py", *(sys.argv[1:] if argv is None else argv)]),
        "machine": machine(),
        "settings": {
            "levels": levels,
            "seconds": args.seconds,
            "switches": args.switches,
            "think": thinks,
            "timeout": args.timeout,
            "quiet_wait": args.quiet_wait,
            "seed": args.seed,
        },
        "levels": [],
    }
    try:
        for n in levels:
            probe = asyncio.run(run_probe(n, args))
            for think in thinks:
                lv = asyncio.run(run_level(n, think, probe, args, cat))
                report["levels"].append(lv)
                print(
                    f"  {lv['requests']} requests, {lv['errors']} errors, "
                    f"median {lv['response_ms']['median']} ms, p95 {lv['response_ms']['p95']} ms, "
                    f"RSS {lv['rss_mb']}",
                    flush=True,
                )
    except KeyboardInterrupt:
        print("interrupted: the server was stopped; no report written", file=sys.stderr)
        return 130
    finally:
        for server in list(LIVE):  # normally empty: each level stops its servers itself
            server.stop()
    json_path.parent.mkdir(parents=True, exist_ok=True)
    md_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md_path.write_text(_with_proxy_section(markdown(report), md_path), encoding="utf-8")
    print(f"wrote {json_path} and {md_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
