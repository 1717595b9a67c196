"""The studio's guard: every request passes here before any route sees it.

As Jupyter does, a random token printed at start protects every request (in the URL
once, then in a same-site cookie, or in the X-Jdgen-Token header). Requests whose Host
is not the address the studio listens on are refused (no DNS rebinding), and so are
requests whose Origin, or the browser's Sec-Fetch-Site, says they come from another
site. Request bodies are bounded. Every answer says: no caching, no referrer (the token
never leaks in a Referer), nothing framed elsewhere, and only this page's own scripts.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlencode

from ...core.record import record

MAX_BODY = 1_000_000  # bytes in one request: a draft is a few KB
COOKIE = "jdgen_studio"
HEADER = b"x-jdgen-token"
LOCAL_NAMES = ("127.0.0.1", "localhost", "[::1]")
# The preview is the document's own HTML in a sandboxed frame (its inline styles).
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-src 'self' blob:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


def new_token() -> str:
    return secrets.token_urlsafe(32)


WILDCARDS = ("0.0.0.0", "::")


@record(frozen=True)
class Hosts:
    """The Host values a browser sends for this server: its own address and port, the
    loopback names when it listens on loopback or everywhere, and, when it listens
    everywhere, any IP address (a DNS rebinding attack needs a name, never an address)."""

    names: frozenset[str]
    port: int
    any_address: bool

    def __contains__(self, value) -> bool:
        if not isinstance(value, str):
            return False
        if value in self.names:
            return True
        name, _, port = value.rpartition(":")
        if not self.any_address or port != str(self.port):
            return False
        try:
            ipaddress.ip_address(name.strip("[]"))
        except ValueError:
            return False
        return True


def allowed_hosts(host: str, port: int) -> Hosts:
    names = {host if ":" not in host else f"[{host}]"}
    if host in ("127.0.0.1", "localhost", "::1", *WILDCARDS):
        names.update(LOCAL_NAMES)
    return Hosts(frozenset(f"{name}:{port}" for name in names), port, host in WILDCARDS)


class Guard:
    """ASGI middleware: token, Host, Origin, body size, security headers."""

    def __init__(self, app, token: str, hosts: Hosts, port: int, max_body: int = MAX_BODY):
        self.app, self.token, self.hosts, self.max_body = app, token, hosts, max_body
        self.cookie = f"{COOKIE}_{port}"  # cookies ignore ports: one name per studio

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket":  # the studio has none: refused before any check
            return await send({"type": "websocket.close", "code": 1008})
        if scope["type"] != "http":  # lifespan
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        refusal = self._refusal(scope, headers, query)
        if refusal:
            return await _plain(send, *refusal)
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            return await _plain(send, 413, "request too large")
        if "token" in query and scope["method"] == "GET":  # once from the printed URL: set the
            return await self._welcome(scope, query, send)  # cookie, and drop it from the address
        return await self.app(scope, self._bounded(receive), self._secured(send))

    def _refusal(self, scope, headers, query) -> tuple[int, str] | None:
        host = headers.get("host")
        if host not in self.hosts:
            return 403, "this studio answers only on its own address (Host not allowed)"
        origin = headers.get("origin")
        if origin is not None and origin != f"http://{host}":  # same origin only
            return 403, "requests from other sites are refused (Origin not allowed)"
        if headers.get("sec-fetch-site") == "cross-site":
            return 403, "requests from other sites are refused"
        given = [*query.get("token", []), headers.get(HEADER.decode(), ""), _cookie(headers, self.cookie)]
        if not any(g and hmac.compare_digest(g, self.token) for g in given):
            return 403, "open the studio with the address `jdgen serve` printed (it carries the token)"
        return None

    async def _welcome(self, scope, query, send):
        rest = urlencode({k: v for k, v in query.items() if k != "token"}, doseq=True)
        location = scope.get("path", "/") + (f"?{rest}" if rest else "")
        cookie = f"{self.cookie}={self.token}; Path=/; HttpOnly; SameSite=Strict"
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [
                    (b"location", location.encode()),
                    (b"set-cookie", cookie.encode()),
                    (b"content-length", b"0"),
                    *HEADERS,
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})

    def _bounded(self, receive):
        seen = 0

        async def bounded():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge()
            return message

        return bounded

    def _secured(self, send):
        async def secured(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
            await send(message)

        return secured


class BodyTooLarge(Exception):
    """A request body longer than its Content-Length said, past the limit."""


def _cookie(headers: dict, name: str) -> str:
    jar = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed Cookie header is no token
        return ""
    return jar[name].value if name in jar else ""


async def _plain(send, status: int, text: str) -> None:
    body = f"jdgen studio: {text}\n".encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
