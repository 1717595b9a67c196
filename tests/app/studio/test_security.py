"""The studio's guard: the token on every request, Host and Origin checks (no DNS
rebinding, no cross-site requests), bounded sizes, no websockets, security headers."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient
from studio_fixtures import BASE, COO, TOKEN, post

from jdgen.app.studio.app import create_app
from jdgen.app.studio.draft import Studio
from jdgen.app.studio.security import allowed_hosts
from jdgen.library.context import run_context
from jdgen.service.generate import Service


def test_every_request_needs_the_token(lib, studio_workspace):
    app = create_app(Studio(Service(lib, run_context()), studio_workspace), TOKEN, "127.0.0.1", 8765)
    with TestClient(app, base_url=BASE) as bare:
        for path in ("/", "/static/studio.js", "/api/meta"):
            assert bare.get(path).status_code == 403
        assert bare.get("/api/meta", headers={"x-jdgen-token": "wrong"}).status_code == 403
        assert post(bare, "/api/preview", {"draft": COO}).status_code == 403
        # the printed URL: token once in the query, then a cookie; the address loses the token
        first = bare.get(f"/?token={TOKEN}", follow_redirects=False)
        assert first.status_code == 303 and first.headers["location"] == "/"
        assert "HttpOnly" in first.headers["set-cookie"] and "SameSite=Strict" in first.headers["set-cookie"]
        assert bare.get("/api/meta").status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {"host": "evil.example:8765"},  # DNS rebinding: a foreign name pointing at 127.0.0.1
        {"host": "127.0.0.1:9999"},
        {"origin": "http://evil.example"},
        {"origin": "http://127.0.0.1:9999"},
        {"sec-fetch-site": "cross-site"},
    ],
)
def test_foreign_host_and_origin_are_refused(studio_client, headers):
    response = post(studio_client, "/api/preview", {"draft": COO}, headers=headers)
    assert response.status_code == 403
    assert "jdgen studio:" in response.text


def test_same_origin_is_accepted_with_security_headers(studio_client):
    response = post(studio_client, "/api/preview", {"draft": COO}, headers={"origin": BASE})
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["cache-control"] == "no-store"


def test_websockets_are_refused(studio_client):
    from starlette.websockets import WebSocketDisconnect

    with pytest.raises(WebSocketDisconnect) as closed:
        with studio_client.websocket_connect("/", headers={"x-jdgen-token": TOKEN}) as socket:
            socket.receive_text()
    assert closed.value.code == 1008


def test_request_size_is_bounded(studio_client):
    huge = {"draft": {**COO, "summary": "x" * 1_200_000}}
    assert post(studio_client, "/api/preview", huge).status_code == 413
    long_field = {"draft": {**COO, "summary": "word " * 1000}}
    response = post(studio_client, "/api/preview", long_field)
    assert response.status_code == 400
    assert response.json()["error"].startswith("error: 'summary' is longer than")


def test_hosts_a_browser_may_name():
    loopback = allowed_hosts("127.0.0.1", 8765)
    assert {"127.0.0.1:8765", "localhost:8765", "[::1]:8765"} <= {h for h in loopback.names}
    assert "192.168.1.5:8765" not in loopback and "evil.example:8765" not in loopback
    everywhere = allowed_hosts("0.0.0.0", 8765)
    assert "192.168.1.5:8765" in everywhere and "[fe80::1]:8765" in everywhere
    assert "localhost:8765" in everywhere
    assert "evil.example:8765" not in everywhere  # a name could be rebound to this machine
    assert "192.168.1.5:9999" not in everywhere and None not in everywhere


def test_listening_everywhere_answers_on_the_machines_address(lib, studio_workspace):
    app = create_app(Studio(Service(lib, run_context()), studio_workspace), TOKEN, "0.0.0.0", 8765)
    with TestClient(app, base_url="http://192.168.1.5:8765", headers={"x-jdgen-token": TOKEN}) as remote:
        assert (
            post(
                remote, "/api/preview", {"draft": COO}, headers={"origin": "http://192.168.1.5:8765"}
            ).status_code
            == 200
        )
        assert (
            post(
                remote, "/api/preview", {"draft": COO}, headers={"origin": "http://localhost:8765"}
            ).status_code
            == 403
        )
