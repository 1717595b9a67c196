"""The studio's web application: one page, its script and style, and a JSON API.

Routes are thin: each body is parsed and checked against its endpoint's shape in
request.py, handed to `Studio` (draft.py) and answered with JSON, or with a file for a
download. Whatever a route raises is answered there too: a user's mistake (a JdgenError,
the same line the CLI prints, or a value code below could not use) is 400 with one line
the page shows; the server keeps running after any error.
"""

from __future__ import annotations

import time
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from .draft import MEDIA, Studio
from .request import answer, checked, parse
from .security import Guard, allowed_hosts

STATIC = Path(__file__).parent / "static"
ASSETS = {"studio.js": "text/javascript; charset=utf-8", "studio.css": "text/css; charset=utf-8"}


def create_app(studio: Studio, token: str, host: str = "127.0.0.1", port: int = 8765):
    """The ASGI app, wrapped in the guard that checks every request."""

    async def page(request: Request):
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    async def asset(request: Request):
        name = request.path_params["name"]
        if name not in ASSETS:  # a fixed list: no path from the browser reaches the disk
            return Response("not found", 404, media_type="text/plain")
        return FileResponse(STATIC / name, media_type=ASSETS[name])

    def api(endpoint: str | None, work):
        """A JSON endpoint: its body parsed and checked (request.py), then `work(body,
        request)`; whatever it raises is answered in one line the page shows."""

        async def route(request: Request) -> Response:
            started = time.perf_counter()
            try:
                body = checked(endpoint, parse(await request.body())) if endpoint else {}
                result = work(body, request)
            except Exception as exc:  # the one place an exception becomes an answer
                return answer(exc)
            if not isinstance(result, Response):
                result = JSONResponse(result)
            result.headers["server-timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.2f}"
            return result

        return route

    def download(body: dict, request: Request) -> Response:
        fmt = request.path_params["fmt"]
        name, data = studio.download(body["draft"], fmt, body["name"])
        return Response(
            data, media_type=MEDIA[fmt], headers={"content-disposition": f'attachment; filename="{name}"'}
        )

    app = Starlette(
        routes=[
            Route("/", page),
            Route("/static/{name}", asset),
            Route("/api/meta", api(None, lambda body, request: studio.meta())),
            Route(
                "/api/preview",
                api("preview", lambda b, r: studio.preview(b["draft"], b["name"])),
                methods=["POST"],
            ),
            Route(
                "/api/alternatives",
                api(
                    "alternatives",
                    lambda b, r: {"alternatives": studio.alternatives(b["draft"], b["block"], b["name"])},
                ),
                methods=["POST"],
            ),
            Route(
                "/api/suggest",
                api(
                    "suggest",
                    lambda b, r: {
                        "draft": studio.suggest(b["draft"], b["quote"], b["replacement"], b["name"])
                    },
                ),
                methods=["POST"],
            ),
            Route(
                "/api/save",
                api("save", lambda b, r: studio.save(b["draft"], b["name"], b["base"], bool(b["overwrite"]))),
                methods=["POST"],
            ),
            Route("/api/open", api("open", lambda b, r: studio.open(b["name"])), methods=["POST"]),
            Route(
                "/api/compare",
                api("compare", lambda b, r: {"html": studio.compare(b["company"], b["roles"])}),
                methods=["POST"],
            ),
            Route("/api/download/{fmt}", api("download", download), methods=["POST"]),
        ],
    )
    return Guard(app, token, allowed_hosts(host, port), port)
