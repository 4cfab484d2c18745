"""Open-loop load: requests offered at a fixed arrival rate, whatever the server's speed.

wrk keeps N connections busy (closed loop): a slow server is sent fewer requests, and the
latency it reports is mostly time spent queueing behind the other N - 1. Residents do not wait
for each other: they arrive. Here request i starts at ``start + i / rate`` on its own
connection (gunicorn's sync workers close each connection after one answer), and its latency is
counted from that planned instant, so a client that falls behind counts against the server
(no "coordinated omission"). One asyncio loop, the standard library only.

Usage (from benchmarks/run.py): ``run(port, method, path, make_request, rate=100, duration=60)``
where ``make_request(i)`` returns ``(body bytes or None, headers dict)``.
"""
from __future__ import annotations

import asyncio
import time

TIMEOUT = 10  # seconds: a request not answered by then is an error


async def _one(port, method, path, body, headers, planned, latencies, errors):
    await asyncio.sleep(max(planned - time.perf_counter(), 0))
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    if body is not None:
        lines.append(f"Content-Length: {len(body)}")
    data = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (body or b"")
    try:
        async with asyncio.timeout(TIMEOUT):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(data)
            await writer.drain()
            status_line = await reader.readline()
            await reader.read()  # to the end: the server closes the connection
            writer.close()
        status = int(status_line.split()[1])
    except (OSError, TimeoutError, ValueError, IndexError) as error:
        errors.append(type(error).__name__)
        return
    latencies.append(time.perf_counter() - planned)
    if status >= 400:
        errors.append(str(status))


async def _run(port, method, path, make_request, rate, duration):
    latencies, errors, tasks = [], [], []
    count = int(rate * duration)
    start = time.perf_counter() + 0.2
    for i in range(count):
        body, headers = make_request(i)
        if isinstance(body, str):
            body = body.encode("utf-8")
        tasks.append(asyncio.ensure_future(
            _one(port, method, path, body, headers, start + i / rate, latencies, errors)))
    await asyncio.gather(*tasks)
    return latencies, errors, time.perf_counter() - start


def percentile(ordered, p):
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


def run(port, method, path, make_request, rate, duration):
    """Offer ``rate`` requests per second for ``duration`` seconds; a summary dict (ms)."""
    latencies, errors, seconds = asyncio.run(_run(port, method, path, make_request, rate, duration))
    ordered = sorted(latencies)
    kinds = {}
    for error in errors:
        kinds[error] = kinds.get(error, 0) + 1
    return {"rate": rate, "duration": duration, "offered": int(rate * duration), "answered": len(latencies),
            "seconds": seconds, "p50_ms": percentile(ordered, 50) * 1000, "p95_ms": percentile(ordered, 95) * 1000,
            "p99_ms": percentile(ordered, 99) * 1000, "max_ms": (ordered[-1] * 1000) if ordered else float("nan"),
            "errors": len(errors), "error_kinds": kinds}
