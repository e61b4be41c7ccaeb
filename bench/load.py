"""Throughput under load: gunicorn serving the example site, wrk driving it over loopback."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}
PERCENTILE = re.compile(r"^\s+(50|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with ``workers`` sync workers on a free loopback port, for a ``with`` block."""

    def __init__(self, workers, env):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(  # noqa: S603 - our own command line
            [str(gunicorn), "bench.wsgi:application", "--workers", str(workers),
             "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning"],
            cwd=ROOT,
            env={**os.environ, **env},
        )  # fmt: skip

    def __enter__(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.2)
        self.process.kill()
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


def wrk(url, seconds, connections=8, threads=2):
    """Requests per second, latency percentiles (ms) and errors of ``seconds`` of load."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed: apt-get install wrk")
    output = subprocess.run(  # noqa: S603
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url],  # noqa: S607
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return parse(output)


def parse(output):
    result = {"errors": 0}
    for percent, value, unit in re.findall(
        r"^\s+(50|90|99)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M
    ):
        result[f"p{percent}_ms"] = float(value) * UNITS[unit]
    result["requests"] = int(re.search(r"(\d+) requests in", output).group(1))
    result["rps"] = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        result["errors"] += int(non_2xx.group(1))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket_errors:
        result["errors"] += sum(int(n) for n in socket_errors.groups())
    return result


def run(paths, seconds, workers, env):
    """``{name: wrk result}`` for each ``(name, path)``, one server for all."""
    with Server(workers, env) as server:
        for _name, path in paths:  # warm every worker's caches
            wrk(server.url + path, 2, connections=workers * 2, threads=1)
        return {name: wrk(server.url + path, seconds) for name, path in paths}
