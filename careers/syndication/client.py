"""An HTTP GET for another site's feed that the other site cannot turn against us.

An editor types the address, and the other site chooses what answers it, so each request:

- goes only to http or https, to addresses on the public internet: the host is resolved, every
  address it has is checked (private, loopback, link-local, multicast, reserved and unspecified
  addresses are refused), and the connection is made to the address that was checked, so a
  second lookup cannot lead elsewhere; every redirect (at most :data:`MAX_REDIRECTS`) is checked
  the same way;
- waits at most ``CAREERS_SYNDICATION_TIMEOUT`` seconds to connect and for each read, and at
  most :data:`RESPONSE_TIME_FACTOR` times that for the whole response;
- reads at most ``CAREERS_SYNDICATION_MAX_BYTES``: a larger Content-Length is refused before the
  body is read, and a body without one is read in pieces and dropped when it grows past it;
- asks for no compression (``Accept-Encoding: identity``), so what is counted is what is kept;
- sends no cookie and keeps none (:mod:`http.client` has no cookie jar), and no proxy is used;
- is retried after a connection error, a timeout or a 5xx answer, with a growing pause.

The standard library does it all: no dependency of ours decides where a request goes.
"""

import concurrent.futures
import contextlib
import dataclasses
import functools
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import urllib.parse

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import __version__

MAX_REDIRECTS = 5
MAX_ADDRESSES_TRIED = 3
#: A whole response (headers and body) must arrive within this many times the timeout.
RESPONSE_TIME_FACTOR = 3
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
USER_AGENT = f"wagtail-careers/{__version__} (job postings of allied sites)"
ACCEPT = "application/feed+json, application/json, application/atom+xml"
_CHUNK = 64 * 1024


class FetchError(Exception):
    """A request that gave nothing usable; ``message`` says why in an editor's words."""

    def __init__(self, message, *, retry=False, status=None):
        super().__init__(message)
        self.message = message
        self.retry = retry
        self.status = status


@dataclasses.dataclass
class Response:
    url: str  # the address that answered, after redirects
    status: int
    headers: http.client.HTTPMessage
    body: bytes = b""

    @property
    def content_type(self):
        return self.headers.get_content_type() if self.headers else ""


def is_public_address(address):
    """Whether ``address`` (an IP address) is on the public internet: not private, loopback,
    link-local, multicast, reserved or unspecified, nor an IPv6 address that embeds such an
    IPv4 address (mapped, 6to4, Teredo)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    candidates = [ip]
    if ip.version == 6:
        candidates += [ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())]
    return all(
        candidate.is_global
        and not (candidate.is_multicast or candidate.is_reserved or candidate.is_unspecified)
        for candidate in candidates
        if candidate is not None
    )


@functools.cache
def _resolver():
    """Threads for host name lookups, which the system's resolver gives no timeout of ours: a
    lookup that hangs is left to its thread while the fetch goes on (and fails)."""
    return concurrent.futures.ThreadPoolExecutor(max_workers=4, thread_name_prefix="careers-dns")


def _open_socket(addresses, port, timeout):
    """A connection to the first of ``addresses`` (already checked) that accepts one; at most
    :data:`MAX_ADDRESSES_TRIED` are tried, so a host with many dead addresses cannot hold a
    fetch for the timeout times each of them."""
    error = None
    for family, address in addresses[:MAX_ADDRESSES_TRIED]:
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect((address, port))
        except OSError as exc:
            sock.close()
            error = exc
            continue
        return sock
    raise error or OSError("no address")


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the addresses that were checked, whatever the host name resolves to now."""

    def __init__(self, host, port, *, addresses, timeout):
        super().__init__(host, port, timeout=timeout)
        self._addresses = addresses
        #: The TCP socket, kept after the response takes over the connection (``sock`` is then
        #: None), so that the watchdog can still end it.
        self.socket = None

    def connect(self):
        self.sock = self.socket = _open_socket(self._addresses, self.port, self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, *, addresses, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._addresses = addresses
        self.socket = None

    def connect(self):
        self.socket = _open_socket(self._addresses, self.port, self.timeout)
        self.sock = self._context.wrap_socket(self.socket, server_hostname=self.host)


class Client:
    """GETs with the rules above. ``sleep`` is injectable so that tests of retries don't wait."""

    def __init__(self, *, timeout, max_bytes, retries, allow_private, total_time, sleep=time.sleep):
        self.timeout = max(1, timeout)
        self.max_bytes = max_bytes
        self.retries = max(0, retries)
        self.allow_private = allow_private
        self.total_time = total_time
        #: No request starts, and none goes on, after this moment (of time.monotonic()).
        self.deadline = time.monotonic() + total_time
        self.sleep = sleep

    def get(self, url, headers=None):
        """The response to a GET of ``url`` (a 2xx or a 304); raises :class:`FetchError`."""
        attempt = 0
        while True:
            try:
                return self._follow(url, headers or {})
            except FetchError as error:
                pause = 2**attempt
                out_of_time = time.monotonic() + pause >= self.deadline
                if not error.retry or attempt >= self.retries or out_of_time:
                    if attempt:
                        error.message = ngettext(
                            "%(problem)s It was tried %(count)s time.",
                            "%(problem)s It was tried %(count)s times.",
                            attempt + 1,
                        ) % {"problem": error.message, "count": attempt + 1}
                    raise
            self.sleep(pause)
            attempt += 1

    def _follow(self, url, headers):
        for _hop in range(MAX_REDIRECTS + 1):
            response = self._request(url, headers)
            if response.status not in REDIRECT_STATUSES:
                return response
            location = response.headers.get("Location", "").strip()
            if not location:
                raise FetchError(
                    _("The address redirects without saying where to (HTTP %(status)s).")
                    % {"status": response.status},
                    status=response.status,
                )
            url = urllib.parse.urljoin(url, location)
        raise FetchError(
            _("The address redirects more than %(count)s times, so it was not followed.")
            % {"count": MAX_REDIRECTS}
        )

    def _addresses(self, host, port):
        """The checked addresses of ``host``: refused with a message unless all are public."""
        try:
            lookup = _resolver().submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
            infos = lookup.result(timeout=self.timeout)
        except concurrent.futures.TimeoutError as error:
            raise FetchError(
                ngettext(
                    "The host name %(host)s could not be looked up within %(seconds)s second.",
                    "The host name %(host)s could not be looked up within %(seconds)s seconds.",
                    self.timeout,
                )
                % {"host": host, "seconds": self.timeout},
                retry=True,
            ) from error
        except (socket.gaierror, UnicodeError) as error:
            raise FetchError(
                _("The host name %(host)s could not be found. Check the address.") % {"host": host},
                retry=isinstance(error, socket.gaierror) and error.errno == socket.EAI_AGAIN,
            ) from error
        addresses = []
        for family, _type, _proto, _name, sockaddr in infos:
            address = sockaddr[0]
            if not self.allow_private and not is_public_address(address):
                raise FetchError(
                    _(
                        "The address leads to a private network address (%(address)s), which "
                        "is refused: only sites on the public internet can be fetched. Check "
                        "the address."
                    )
                    % {"address": address}
                )
            if (family, address) not in addresses:
                addresses.append((family, address))
        if not addresses:
            raise FetchError(
                _("The host name %(host)s could not be found. Check the address.") % {"host": host}
            )
        return addresses

    def _request(self, url, headers):
        parts = urllib.parse.urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(
                _("Only http and https addresses can be fetched, not %(address)s.")
                % {"address": url[:200]}
            )
        try:
            port = parts.port or (443 if scheme == "https" else 80)
        except ValueError as error:
            raise FetchError(
                _("The address %(address)s has a port that is not a number.")
                % {"address": url[:200]}
            ) from error
        addresses = self._addresses(parts.hostname, port)
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(self._too_slow_message(whole=True))
        bound = min(self.timeout * RESPONSE_TIME_FACTOR, remaining)
        connection_class = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
        connection = connection_class(
            parts.hostname, port, addresses=addresses, timeout=self.timeout
        )
        # Spaces and letters beyond ASCII, which an editor may paste, percent-encoded.
        path = urllib.parse.urlunsplit(("", "", _quote(parts.path) or "/", _quote(parts.query), ""))
        # The whole response within a bound: a watchdog closes the connection when it is over,
        # which ends a read that a server trickles out byte by byte.
        expired = threading.Event()

        def expire():
            expired.set()
            if connection.socket is not None:
                with contextlib.suppress(OSError):
                    connection.socket.shutdown(socket.SHUT_RDWR)

        watchdog = threading.Timer(bound, expire)
        watchdog.daemon = True
        watchdog.start()
        try:
            connection.request(
                "GET", path, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT, **headers}
            )
            response = connection.getresponse()
            result = self._read(url, response)
        except TimeoutError as error:
            raise FetchError(self._timeout_message(), retry=True) from error
        except http.client.InvalidURL as error:
            raise FetchError(
                _("The address %(address)s is not valid. Check the address.")
                % {"address": url[:200]}
            ) from error
        except ssl.SSLError as error:
            raise FetchError(
                _("The secure connection to %(host)s failed (%(reason)s).")
                % {"host": parts.hostname, "reason": error.reason or error}
            ) from error
        except (OSError, http.client.HTTPException) as error:
            if expired.is_set():
                raise FetchError(self._too_slow_message(bound == remaining), retry=True) from error
            if isinstance(error, http.client.HTTPException) and not isinstance(
                error, http.client.RemoteDisconnected
            ):
                message = _("The address gave no usable answer (%(reason)s). Try again later.")
            else:
                message = _("The address could not be reached (%(reason)s). Try again later.")
            raise FetchError(message % {"reason": _reason(error)}, retry=True) from error
        finally:
            watchdog.cancel()
            connection.close()
        if expired.is_set():
            raise FetchError(self._too_slow_message(bound == remaining), retry=True)
        return result

    def _read(self, url, response):
        status = response.status
        if status in REDIRECT_STATUSES or status == 304:
            return Response(url, status, response.headers)
        if 500 <= status < 600:
            raise FetchError(
                _("The site answered with an error (HTTP %(status)s). Try again later.")
                % {"status": status},
                retry=True,
                status=status,
            )
        if status == 404 or status == 410:
            raise FetchError(
                _("The address was not found (HTTP %(status)s). Check the address.")
                % {"status": status},
                status=status,
            )
        if status in (401, 403):
            raise FetchError(
                _("The site refused access (HTTP %(status)s): its feed must be public.")
                % {"status": status},
                status=status,
            )
        if not 200 <= status < 300:
            raise FetchError(
                _("The site answered HTTP %(status)s instead of a feed. Check the address.")
                % {"status": status},
                status=status,
            )
        encoding = response.getheader("Content-Encoding", "").strip().lower()
        if encoding not in ("", "identity"):
            raise FetchError(
                _(
                    "The site sent the feed compressed (%(encoding)s) although it was asked not "
                    "to, so it was not read."
                )
                % {"encoding": encoding[:40]},
                status=status,
            )
        length = response.getheader("Content-Length", "")
        if length.strip().isdigit() and int(length) > self.max_bytes:
            raise FetchError(self._too_large_message(int(length)), status=status)
        chunks = []
        size = 0
        while True:
            chunk = response.read(min(_CHUNK, self.max_bytes + 1 - size))
            if not chunk:
                break
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(self._too_large_message(None), status=status)
            chunks.append(chunk)
        if length.strip().isdigit() and size < int(length):
            raise http.client.IncompleteRead(b"", int(length) - size)
        return Response(url, status, response.headers, b"".join(chunks))

    def _timeout_message(self):
        return ngettext(
            "The address did not answer within %(seconds)s second.",
            "The address did not answer within %(seconds)s seconds.",
            self.timeout,
        ) % {"seconds": self.timeout}

    def _too_slow_message(self, whole=False):
        if whole:
            return ngettext(
                "Fetching the feed took longer than %(seconds)s second, so it was stopped.",
                "Fetching the feed took longer than %(seconds)s seconds, so it was stopped.",
                self.total_time,
            ) % {"seconds": self.total_time}
        seconds = self.timeout * RESPONSE_TIME_FACTOR
        return ngettext(
            "The feed did not arrive within %(seconds)s second, so it was dropped.",
            "The feed did not arrive within %(seconds)s seconds, so it was dropped.",
            seconds,
        ) % {"seconds": seconds}

    def _too_large_message(self, size):
        limit = filesizeformat(self.max_bytes)
        if size is None:
            return _(
                "The feed is larger than %(limit)s, so it was not read. Ask its site for a "
                "feed with fewer postings per page."
            ) % {"limit": limit}
        return _(
            "The feed is larger than %(limit)s (it says %(size)s), so it was not read. Ask its "
            "site for a feed with fewer postings per page."
        ) % {"limit": limit, "size": filesizeformat(size)}


def _quote(text):
    return urllib.parse.quote(text, safe="/%:@!$&'()*+,;=?~-._")


def _reason(error):
    """A short reason for a connection error, without the machinery's wording."""
    if isinstance(error, ConnectionRefusedError):
        return _("the connection was refused")
    if isinstance(error, ConnectionResetError | http.client.RemoteDisconnected):
        return _("the connection was closed")
    if isinstance(error, http.client.IncompleteRead):
        return _("it broke off before its end")
    if isinstance(error, http.client.HTTPException):
        return _("it was not HTTP")
    return error.strerror or error.__class__.__name__
