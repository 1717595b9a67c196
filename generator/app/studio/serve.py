"""`jdgen serve`: start the studio on this machine and print its address with the token.

Loopback only unless --host says otherwise (then a warning). A busy port is said so
and the next free one is used; with an explicit --port, it exits cleanly instead.
Ctrl-C stops the server; every file it writes is written atomically, so stopping it
at any moment leaves the old file or the new one, never part of one.
"""

from __future__ import annotations

import errno
import socket
import sys
import webbrowser
from pathlib import Path

import click

from ...core.errors import JdgenError
from .app import create_app
from .draft import Studio
from .security import new_token

DEFAULT_PORT = 8765
PORT_TRIES = 20


def bind(host: str, port: int, explicit: bool) -> socket.socket:
    """A listening socket on `port`, or (if it was not asked for by name) the next free one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    tries = 1 if explicit else PORT_TRIES
    for candidate in range(port, port + tries):
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, candidate))
        except OSError as exc:
            sock.close()
            if exc.errno != errno.EADDRINUSE:
                raise JdgenError(
                    f"cannot listen on {host}:{candidate}: {exc.strerror}", fix="check --host"
                ) from None
            if not explicit:  # an explicit --port gets the one error line below instead
                click.echo(f"jdgen studio: port {candidate} is in use, trying the next", err=True)
            continue
        # accepted connections inherit it: no Nagle delay between a response's head and body
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.listen(64)
        return sock
    if explicit:
        raise JdgenError(f"port {port} is in use", fix="stop the other server, or choose another with --port")
    raise JdgenError(f"ports {port}-{port + tries - 1} are all in use", fix="choose a free one with --port")


@click.command("serve")
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback only by default)."
)
@click.option(
    "--port", type=click.IntRange(1, 65535), help=f"Port (default {DEFAULT_PORT}, or the next free one)."
)
@click.option("--no-browser", is_flag=True, help="Do not open a browser window.")
@click.pass_context
def serve_command(ctx, host, port, no_browser):
    """Open the studio: draft, check, compare and download postings in the browser.

    Everything stays on this machine. The address printed carries a random token
    that every request must show; postings are saved in the workspace's postings/.
    """
    import uvicorn

    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(
            f"warning: listening on {host}: anyone who can reach this machine "
            "and has the token can use the studio",
            err=True,
        )
    sock = bind(host, port or DEFAULT_PORT, port is not None)
    actual = sock.getsockname()[1]
    token = new_token()
    service = ctx.find_root().command.service(ctx)
    root = service.run.workspace.root if service.run.workspace else Path.cwd()
    studio = Studio(service, root)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else (f"[{host}]" if ":" in host else host)
    url = f"http://{shown}:{actual}/?token={token}"
    click.echo(f"jdgen studio on {url}")
    click.echo("Ctrl-C stops it.")
    sys.stdout.flush()
    if not no_browser:
        webbrowser.open(url)
    config = uvicorn.Config(create_app(studio, token, host, actual), log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
