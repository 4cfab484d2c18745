"""Issue 22's measures for `make bench`: Heard's two POSTs against the fair yardsticks
(benchmarks/yardstick.py, same gunicorn settings, same database kind, same run), and the
open-loop latencies at a fixed arrival rate (benchmarks/openloop.py).

Called by benchmarks/run.py, which owns the servers and the wrk/Python load runner.
"""
from __future__ import annotations

import json
import os
import socket
import statistics
import time
from urllib.parse import urlencode

import openloop

# Issue 22's targets.
RATIO_TARGET = 0.50
OPEN_P95_TARGET_MS = 100
OPEN_REGISTER_RATE, OPEN_NOTE_RATE = 100, 50


def load_average():
    try:
        return "%.2f %.2f %.2f" % os.getloadavg()
    except OSError:  # pragma: no cover - not on Linux
        return "unknown"


def yardstick_env(heard_env, workdir):
    """The yardstick's environment: Heard's database kind (the same PostgreSQL cluster, or an
    SQLite file of its own in the run's folder)."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    url = heard_env.get("DATABASE_URL", "")
    env["YARDSTICK_DATABASE_URL"] = url if url.startswith("postgresql") else f"sqlite:///{workdir}/yardstick.sqlite3"
    return env


def yardstick_form(yard_port, request_fn, session_cookie, csrf_from):
    status, headers, html = request_fn(yard_port, "GET", "/form")
    return session_cookie(headers), csrf_from(html)


def measure_pairs(load, heard_port, yard_port, creds, note_creds, ids, request_fn, session_cookie, csrf_from,
                  wanted):
    """Each Heard POST between two runs of its yardstick (before and after): the ratio uses
    their mean, as run.py does with hello. Returns {name: result}."""
    results = {}
    y_cookie, y_csrf = yardstick_form(yard_port, request_fn, session_cookie, csrf_from)
    if wanted("register_post"):
        before = load.register(yard_port, "/form", y_cookie, y_csrf, "form_yardstick_a")
        heard = load.register(heard_port, "/sessions/bench-open/register", *creds, "register_post_fair")
        after = load.register(yard_port, "/form", y_cookie, y_csrf, "form_yardstick_b")
        results["register_post"] = dict(heard, yardstick=[before, after], load=load_average())
        _print("register_post", results["register_post"])
    if wanted("note_post"):
        before = load.note(yard_port, "/json", y_cookie, y_csrf, 0, 0, "json_yardstick_a")
        heard = load.note(heard_port, "/capture/api/notes", *note_creds, ids["table_id"], ids["notetaker_id"],
                          "note_post_fair")
        after = load.note(yard_port, "/json", y_cookie, y_csrf, 0, 0, "json_yardstick_b")
        results["note_post"] = dict(heard, yardstick=[before, after], load=load_average())
        _print("note_post", results["note_post"])
    return results


def _print(name, result):
    ratio = result["rps"] / statistics.mean(y["rps"] for y in result["yardstick"])
    print(f"{name} vs yardstick: {result['rps']:,.0f} req/s against "
          f"{', '.join(format(y['rps'], ',.0f') for y in result['yardstick'])} = {ratio:.0%} "
          f"(load {result['load']})", flush=True)


def open_loop(heard_port, creds, note_creds, ids, duration, run_id, wanted, rates=None):
    """Registrations at 100/s and notes at 50/s for ``duration`` seconds, each on its own."""
    rates = rates or {"register": OPEN_REGISTER_RATE, "note": OPEN_NOTE_RATE}
    results = {}
    cookie, csrf = creds
    if wanted("open_register"):
        def registration(i):
            unique = f"{run_id}-open-{i}"
            return urlencode({"csrf_token": csrf, "name": f"Resident {unique}", "email": f"o{unique}@example.org",
                              "preferred_language": "en", "website": ""}), {
                "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
        drain(heard_port)
        load_before = load_average()
        result = openloop.run(heard_port, "POST", "/sessions/bench-open/register", registration,
                              rates["register"], duration)
        results["open_register"] = dict(result, load=load_before)
        _print_open("open_register", results["open_register"])
    if wanted("open_note"):
        note_cookie, note_csrf = note_creds

        def note(i):
            unique = f"{run_id}-open-{i}"
            return json.dumps({"table_id": ids["table_id"], "user_id": ids["notetaker_id"], "client_id": unique,
                               "language": "en", "text": f"The crossing on Elm Street needs a light ({unique})."}), {
                "Content-Type": "application/json", "Cookie": note_cookie, "X-CSRFToken": note_csrf}
        drain(heard_port)
        load_before = load_average()
        result = openloop.run(heard_port, "POST", "/capture/api/notes", note, rates["note"], duration)
        results["open_note"] = dict(result, load=load_before)
        _print_open("open_note", results["open_note"])
    return results


def drain(port, timeout=180):
    """Wait until the server answers a light request at once again. Requests the client gave up
    on still wait in gunicorn's listen queue and are served: the next run must not queue behind
    them."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                while sock.recv(65536):
                    pass
        except OSError:
            pass
        if time.perf_counter() - started < 0.05:
            return
        time.sleep(1)


def _print_open(name, r):
    print(f"{name}: {r['rate']}/s for {r['duration']} s: {r['answered']}/{r['offered']} answered, p50 "
          f"{r['p50_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, max {r['max_ms']:.0f} ms, "
          f"errors {r['errors']} {r['error_kinds'] or ''} (load {r['load']})", flush=True)


def report(fair, opened, database):
    """Markdown for docs/benchmarks.md: the two ratios and the open-loop table."""
    lines = [f"### Fair yardsticks ({database})", "",
             "| Heard | req/s | yardstick | yardstick req/s (before, after) | ratio | target | Heard p95 (ms) "
             "| errors | load average |", "|---|---:|---|---:|---:|---|---:|---:|---|"]
    ok = True
    labels = {"register_post": ("registration `POST`", "form: CSRF, 2 fields, 1 row"),
              "note_post": ("note `POST` (JSON)", "JSON: CSRF header, 1 row")}
    for key, (label, yard_label) in labels.items():
        r = fair.get(key)
        if not r:
            continue
        yard = statistics.mean(y["rps"] for y in r["yardstick"])
        ratio = r["rps"] / yard
        met = ratio >= RATIO_TARGET and not r["errors"]
        ok &= met
        lines.append(f"| {label} | {r['rps']:,.0f} | {yard_label} | {yard:,.0f} "
                     f"({', '.join(format(y['rps'], ',.0f') for y in r['yardstick'])}) | {ratio:.0%} "
                     f"| ≥ {RATIO_TARGET:.0%}: {'yes' if met else '**no**'} | {r['p95_ms']:.1f} | {r['errors']} "
                     f"| {r['load']} |")
    if opened:
        lines += ["", f"### Open loop ({database}): a fixed arrival rate, latency from the planned start", "",
                  "| POST | rate offered | for | answered | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | errors "
                  "| p95 < 100 ms, no error | load average before |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"]
        for key, label in (("open_register", "registration"), ("open_note", "note (JSON)")):
            r = opened.get(key)
            if not r:
                continue
            met = r["p95_ms"] < OPEN_P95_TARGET_MS and not r["errors"] and r["answered"] == r["offered"]
            ok &= met
            lines.append(f"| {label} | {r['rate']}/s | {r['duration']} s | {r['answered']}/{r['offered']} "
                         f"| {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['p99_ms']:.1f} | {r['max_ms']:.0f} "
                         f"| {r['errors']} | {'yes' if met else '**no**'} | {r['load']} |")
    return "\n".join(lines), ok
