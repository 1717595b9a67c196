"""The studio's web application: one page, its script and style, and a JSON API.

Routes are thin: each reads a JSON body, hands it to `Studio` (draft.py) and answers
with JSON, or with a file for a download. Any JdgenError becomes the same one line
the CLI prints, with status 422; the server keeps running after any error.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from ...core.errors import JdgenError
from .draft import MEDIA, Studio, clean
from .security import BodyTooLarge, Guard, allowed_hosts

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

    async def meta(request: Request):
        return JSONResponse(studio.meta())

    async def preview(request: Request):
        return await _answer(request, lambda body: studio.preview(clean(body.get("draft")), _name(body)))

    async def alternatives(request: Request):
        return await _answer(
            request,
            lambda body: {
                "alternatives": studio.alternatives(clean(body.get("draft")), body.get("block"), _name(body))
            },
        )

    async def suggest(request: Request):
        return await _answer(
            request,
            lambda body: {
                "draft": studio.suggest(
                    clean(body.get("draft")), _str(body, "quote"), _str(body, "replacement"), _name(body)
                )
            },
        )

    async def save(request: Request):
        return await _answer(
            request,
            lambda body: studio.save(
                clean(body.get("draft")), body.get("name"), body.get("base"), body.get("overwrite") is True
            ),
        )

    async def open_posting(request: Request):
        return await _answer(request, lambda body: studio.open(body.get("name")))

    async def compare(request: Request):
        return await _answer(
            request, lambda body: {"html": studio.compare(body.get("company"), body.get("roles"))}
        )

    async def download(request: Request):
        started = time.perf_counter()
        try:
            body = await _json(request)
            name, data = studio.download(clean(body.get("draft")), request.path_params["fmt"], _name(body))
        except JdgenError as exc:
            return _error(exc)
        fmt = request.path_params["fmt"]
        return Response(
            data,
            media_type=MEDIA[fmt],
            headers={"content-disposition": f'attachment; filename="{name}"', **_timing(started)},
        )

    async def too_large(request: Request, exc: BodyTooLarge):
        return Response("jdgen studio: request too large\n", 413, media_type="text/plain")

    app = Starlette(
        routes=[
            Route("/", page),
            Route("/static/{name}", asset),
            Route("/api/meta", meta),
            Route("/api/preview", preview, methods=["POST"]),
            Route("/api/alternatives", alternatives, methods=["POST"]),
            Route("/api/suggest", suggest, methods=["POST"]),
            Route("/api/save", save, methods=["POST"]),
            Route("/api/open", open_posting, methods=["POST"]),
            Route("/api/compare", compare, methods=["POST"]),
            Route("/api/download/{fmt}", download, methods=["POST"]),
        ],
        exception_handlers={BodyTooLarge: too_large},
    )
    return Guard(app, token, allowed_hosts(host, port), port)


def _name(body: dict) -> str | None:
    """The posting file's name the draft is (or will be) saved as: its documents' name."""
    return body.get("name") or None


def _str(body: dict, key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value or len(value) > 200:
        raise JdgenError(f"'{key}' must be a short text", code="studio.request")
    return value


async def _json(request: Request) -> dict:
    try:
        body = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        raise JdgenError("the request is not JSON", code="studio.request") from None
    if not isinstance(body, dict):
        raise JdgenError("the request must be a JSON object", code="studio.request")
    return body


async def _answer(request: Request, work) -> Response:
    """Run `work(body)`; a user error is the CLI's one line, status 422."""
    started = time.perf_counter()
    try:
        result = work(await _json(request))
    except JdgenError as exc:
        return _error(exc)
    return JSONResponse(result, headers=_timing(started))


def _error(exc: JdgenError) -> JSONResponse:
    return JSONResponse({"error": f"error: {exc}"}, 422)


def _timing(started: float) -> dict:
    """Server time of the answer, for the page's status line and the benchmark."""
    return {"server-timing": f"app;dur={(time.perf_counter() - started) * 1000:.2f}"}
