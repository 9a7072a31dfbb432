"""Sending a webhook without opening the server's own network to its owner (server-side request forgery).

A webhook's address is checked when it is registered and again before every attempt, after its name is resolved
(the name may point somewhere else by then: DNS rebinding): HTTPS only; every address the name resolves to must be
public, so loopback, private, shared, link-local, multicast, reserved and unspecified addresses are refused, IPv4
and IPv6 alike, including IPv4 written inside IPv6 (mapped, 6to4, NAT64). The request then goes to the address
that was checked (the name is kept for the Host header and for checking the certificate), without redirects,
with short timeouts, and only the first bytes of the answer are read.

settings.WEBHOOK_ALLOW_LOOPBACK lets a receiver on this machine (loopback, plain http) through, for tests only.
"""

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3
from django.conf import settings

CONNECT_SECONDS = 3.0
READ_SECONDS = 5.0
MAX_RESPONSE_BYTES = 64 * 1024  # read at most this much of an answer
KEPT_RESPONSE_CHARS = 1000  # and keep this much of it in the log
NAT64 = ipaddress.ip_network("64:ff9b::/96")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnsafeURL(ValueError):
    """The address may not be used; the message says why, in words for the person who entered it."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str  # with the query string


@dataclass(frozen=True)
class Checked:
    target: Target
    address: IPAddress


@dataclass(frozen=True)
class Answer:
    status: int | None  # None when no answer came
    body: str
    error: str
    milliseconds: int

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def parse(url: str) -> Target:
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise UnsafeURL("Enter a web address in the right format, like https://example.org/webhook") from None
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http") or not parts.hostname:
        raise UnsafeURL("Enter a web address that starts with https://")
    if parts.username is not None or parts.password is not None:
        raise UnsafeURL("Enter a web address without a user name or password in it")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(scheme, parts.hostname, port or (443 if scheme == "https" else 80), path)


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for, if it stands for one."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public(ip: IPAddress) -> bool:
    if isinstance(ip, ipaddress.IPv6Address):
        inner = embedded_ipv4(ip)
        if inner is not None:
            return is_public(inner)
        if ip.is_site_local:
            return False
    return ip.is_global and not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved or ip.is_unspecified
    )


def is_loopback(ip: IPAddress) -> bool:
    inner = embedded_ipv4(ip) if isinstance(ip, ipaddress.IPv6Address) else None
    return (inner or ip).is_loopback


def lookup(host: str, port: int) -> list[str]:
    """The addresses a name resolves to (tests replace this to point a name anywhere)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return [str(info[4][0]) for info in infos]


def resolve(target: Target) -> list[IPAddress]:
    try:
        found = lookup(target.host, target.port)
    except (OSError, UnicodeError):
        found = []
    addresses = []
    for text in found:
        try:
            addresses.append(ipaddress.ip_address(text.split("%")[0]))
        except ValueError:
            continue
    if not addresses:
        raise UnsafeURL(f"We could not find {target.host}: check the web address")
    return addresses


def check(url: str) -> Checked:
    """The address to connect to for this URL, or UnsafeURL."""
    target = parse(url)
    addresses = resolve(target)
    local = settings.WEBHOOK_ALLOW_LOOPBACK and all(is_loopback(ip) for ip in addresses)
    if not local and any(not is_public(ip) for ip in addresses):
        raise UnsafeURL(
            "Enter a web address on the public internet: addresses on a private or local network cannot be used"
        )
    if target.scheme != "https" and not local:
        raise UnsafeURL("Enter a web address that starts with https://")
    return Checked(target, addresses[0])


def _pool(checked: Checked) -> urllib3.HTTPConnectionPool:
    timeout = urllib3.Timeout(connect=CONNECT_SECONDS, read=READ_SECONDS)
    address, host = str(checked.address), checked.target.host
    if checked.target.scheme == "https":
        return urllib3.HTTPSConnectionPool(
            address,
            checked.target.port,
            timeout=timeout,
            maxsize=1,
            retries=False,
            cert_reqs="CERT_REQUIRED",
            server_hostname=host,  # SNI and the certificate are for the name, not the address
            assert_hostname=host,
        )
    return urllib3.HTTPConnectionPool(address, checked.target.port, timeout=timeout, maxsize=1, retries=False)


def host_header(target: Target) -> str:
    host = f"[{target.host}]" if ":" in target.host else target.host
    default = 443 if target.scheme == "https" else 80
    return host if target.port == default else f"{host}:{target.port}"


def post(checked: Checked, body: bytes, headers: dict[str, str]) -> Answer:
    """POST the body to the checked address; never raises for what the network or the receiver does."""
    started = time.monotonic()
    pool = _pool(checked)
    try:
        response = pool.urlopen(
            "POST",
            checked.target.path,
            body=body,
            headers={**headers, "Host": host_header(checked.target)},
            redirect=False,
            retries=False,
            preload_content=False,
            decode_content=False,
            assert_same_host=False,
        )
        try:
            content = response.read(MAX_RESPONSE_BYTES, decode_content=False)
        finally:
            response.release_conn()
    except urllib3.exceptions.HTTPError as error:
        return Answer(None, "", _reason(error), _since(started))
    finally:
        pool.close()
    # NUL cannot be stored in a PostgreSQL text column; anything else is escaped where the log is shown.
    text = content.decode("utf-8", errors="replace").replace("\x00", "\ufffd")[:KEPT_RESPONSE_CHARS]
    return Answer(response.status, text, "", _since(started))


def _reason(error: Exception) -> str:
    if isinstance(error, urllib3.exceptions.NewConnectionError):  # a subclass of the timeout, for old reasons
        return "Could not connect"
    if isinstance(error, urllib3.exceptions.TimeoutError):
        return "No answer in time"
    if isinstance(error, urllib3.exceptions.SSLError):
        return "The secure connection failed (certificate)"
    return "Could not connect"


def _since(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
