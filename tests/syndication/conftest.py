"""A real HTTP server on 127.0.0.1 for the syndication tests, serving canned answers per path.

Each test gets its own server on a free port. A route is a :class:`Canned` answer or a function
``(request) -> Canned``; every request is recorded (path and headers), and what each answer
managed to send is counted, so a test can tell that a client stopped reading.
"""

import contextlib
import dataclasses
import http.server
import json
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterable

import pytest


@dataclasses.dataclass
class Canned:
    status: int = 200
    body: bytes | Callable[[], Iterable[bytes]] = b""  # bytes, or a function yielding pieces
    headers: dict = dataclasses.field(default_factory=dict)
    content_type: str = "application/feed+json"
    delay: float = 0  # seconds before anything is sent
    content_length: bool = True  # send a Content-Length (for bytes bodies)


def json_answer(data, **kwargs):
    return Canned(body=json.dumps(data).encode(), **kwargs)


@dataclasses.dataclass
class Recorded:
    path: str
    headers: dict


class FeedServer:
    def __init__(self, certificate=None):
        self.routes = {}
        self.requests = []
        self.sent = {}  # path: bytes of body sent
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, *args):
                pass

            def do_GET(self):
                server.requests.append(Recorded(self.path, dict(self.headers)))
                route = server.routes.get(self.path, Canned(status=404, body=b"Not found"))
                answer = route(self) if callable(route) else route
                # The client may stop reading: what some tests expect.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    server._answer(self, answer)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.scheme = "http"
        if certificate:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*certificate)
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
            self.scheme = "https"
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def _answer(self, handler, answer):
        if answer.delay:
            time.sleep(answer.delay)
        handler.send_response(answer.status)
        if answer.content_type:
            handler.send_header("Content-Type", answer.content_type)
        for name, value in answer.headers.items():
            handler.send_header(name, value)
        if isinstance(answer.body, bytes) and answer.content_length:
            handler.send_header("Content-Length", str(len(answer.body)))
        handler.end_headers()
        pieces = [answer.body] if isinstance(answer.body, bytes) else answer.body()
        self.sent[handler.path] = 0
        for piece in pieces:
            handler.wfile.write(piece)
            handler.wfile.flush()
            self.sent[handler.path] += len(piece)

    def url(self, path, host="127.0.0.1"):
        return f"{self.scheme}://{host}:{self.port}{path}"

    def paths(self):
        return [request.path for request in self.requests]


def _serve(settings, certificate=None):
    settings.CAREERS_SYNDICATION_ALLOW_PRIVATE = True
    server = FeedServer(certificate)
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def feed_server(settings):
    """A local server, which fetching may reach because the test turns on
    ``CAREERS_SYNDICATION_ALLOW_PRIVATE`` (a test that wants it off sets it back)."""
    yield from _serve(settings)


@pytest.fixture
def certificate(tmp_path):
    """A self-signed certificate for localhost and 127.0.0.1: (certificate file, key file)."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(  # noqa: S603
        [  # noqa: S607
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ],  # fmt: skip
        check=True,
        capture_output=True,
    )
    return str(cert), str(key)


@pytest.fixture
def tls_feed_server(settings, certificate):
    """``feed_server`` over https, with ``certificate``."""
    yield from _serve(settings, certificate)


@pytest.fixture
def closed_port():
    """A port on 127.0.0.1 where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def raw_server(settings):
    """``raw_server(answer)``: the address of a server on 127.0.0.1 that reads a request and
    sends back ``answer`` as bytes, whatever HTTP says (a broken answer, or not HTTP at all)."""
    settings.CAREERS_SYNDICATION_ALLOW_PRIVATE = True
    listeners = []

    def serve(answer):
        listener = socket.create_server(("127.0.0.1", 0))
        listeners.append(listener)

        def answer_all():
            with contextlib.suppress(OSError):
                while True:
                    connection, _address = listener.accept()
                    with connection:
                        connection.recv(65536)
                        connection.sendall(answer)

        threading.Thread(target=answer_all, daemon=True).start()
        return f"http://127.0.0.1:{listener.getsockname()[1]}/feed.json"

    yield serve
    for listener in listeners:
        listener.close()


class Sleeps(list):
    """The pauses asked for, instead of waiting them."""

    def sleep(self, seconds):
        self.append(seconds)


@pytest.fixture
def sleeps():
    """A ``sleep`` for fetch_source (``sleeps.sleep``) that records the pauses."""
    return Sleeps()
