"""Serve the demo: the network's site, an allied organisation's site that syndicates its
postings, and a plain HTML page on a third origin that embeds its open positions.

``make demo`` loads both sites' content, then runs this. Ctrl-C stops everything.
"""

import os
import signal
import subprocess  # noqa: S404 - the demo starts its own servers
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = sys.executable
FIRST = "http://127.0.0.1:8000"
ALLIED = "http://127.0.0.1:8001"
EMBED = "http://127.0.0.1:8002"
ALLIED_SETTINGS = "--settings=example_site.settings.allied"
#: How often the allied site fetches its sources while the demo runs (a real site uses cron or
#: a task scheduler: see docs/syndication.md).
SYNC_EVERY = 30


def manage(*args):
    return [PYTHON, "manage.py", *args]


def start(args, **kwargs):
    """One of the demo's own servers: fixed commands, with no input from anyone."""
    return subprocess.Popen(args, cwd=HERE, **kwargs)  # noqa: S603


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            # The demo's own address.
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310  # nosec B310
                return True
        except OSError:
            time.sleep(0.5)
    return False


def main():
    processes = [
        start(manage("runserver", "127.0.0.1:8000")),
        start(manage("runserver", "127.0.0.1:8001", ALLIED_SETTINGS)),
        start(
            [PYTHON, "-m", "http.server", "8002", "--bind", "127.0.0.1", "--directory",
             os.path.join(HERE, "embed_host")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
    ]  # fmt: skip

    def stop(*_args):
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait()
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    try:
        wait_for(FIRST + "/")
        print(
            "\n  The network's site:          " + FIRST + "/  (admin: admin / changeme)"
            "\n  An allied organisation's:    " + ALLIED + "/  (admin: admin / changeme)"
            "\n  A plain page with the embed: " + EMBED + "/"
            f"\n  The allied site fetches the network's postings every {SYNC_EVERY} s.\n",
            flush=True,
        )
        while True:
            start(manage("careers_sync", ALLIED_SETTINGS)).wait()
            time.sleep(SYNC_EVERY)
    except KeyboardInterrupt:
        stop()


if __name__ == "__main__":
    main()
