"""`serve-web DIR`: serves an exported browser edition on this computer (localhost only)."""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path
from typing import TextIO

from game.tools.webexport import MARKER

TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".zip": "application/zip",
    ".ogg": "audio/ogg",
    ".otf": "font/otf",
    ".ttf": "font/ttf",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with the types a browser insists on for WebAssembly and modules, quietly."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        pass


def make_server(folder: Path, port: int = 8000, host: str = "127.0.0.1") -> http.server.ThreadingHTTPServer:
    """A server of `folder` on host:port (port 0 picks a free one); call serve_forever()."""
    handler = functools.partial(_Handler, directory=str(folder))
    return http.server.ThreadingHTTPServer((host, port), handler)


def serve_in_background(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """A server on a free port in a daemon thread, and its address (for tests and benchmarks)."""
    server = make_server(folder, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def register(subparsers, add_common) -> None:
    parser = subparsers.add_parser(
        "serve-web",
        help="serve an exported browser edition on localhost",
        description="Serves a folder written by export-web at http://127.0.0.1:PORT/ until Ctrl+C.",
    )
    parser.add_argument("folder", type=Path, metavar="DIR", help="a folder written by export-web")
    parser.add_argument("--port", type=int, default=8000, help="the port (default 8000)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if not (args.folder / MARKER).is_file():
        print(
            f"serve-web: {args.folder} is not a site written by export-web "
            f"(write one with: python main.py export-web -o {args.folder})",
            file=err,
        )
        return 1
    try:
        server = make_server(args.folder, args.port)
    except OSError as exc:
        print(
            f"serve-web: cannot listen on port {args.port}: {exc.strerror or exc} "
            "(choose another with --port)",
            file=err,
        )
        return 1
    print(
        f"Serving {args.folder} at http://127.0.0.1:{server.server_address[1]}/ "
        "(open it in a browser; Ctrl+C stops)",
        file=out,
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
