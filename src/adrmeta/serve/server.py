"""Run the WSGI app on gunicorn: pre-forked workers that share the app rendered in the master.

The listening socket is bound here, before gunicorn starts, so a port in use is a clear error
and `--port 0` can report the port it got. Workers are gevent's (`gevent`): each connection is a
cheap coroutine, so clients that send a request body slowly, or keep connections alive, hold
nothing another request needs (a thread pool, as in `gthread`, is starved by a dozen slow bodies).
Every answer is rendered at start-up, so no request blocks the worker's one core for long. Limits:
`worker_connections` connections per worker, request lines, header counts and sizes capped, and
a request body must arrive within `BODY_TIMEOUT` seconds (`app.App`). In production put a
buffering reverse proxy in front (docs/harvesters.md).
"""

from __future__ import annotations

import gc
import socket
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.http import wsgi as gunicorn_wsgi

# gunicorn names itself in a Server header on every response; say nothing about the software.
gunicorn_wsgi.SERVER = "adrmeta"


def bind(host: str, port: int) -> socket.socket:
    """A listening socket (raises OSError when the address cannot be used)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(1024)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


class _Gunicorn(BaseApplication):  # type: ignore[misc]  # gunicorn has no type hints
    def __init__(self, app: Any, options: dict[str, Any]) -> None:
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self.application


WORKER_CONNECTIONS = 1000  # open connections per worker process, slow or not


def run(app: Any, sock: socket.socket, workers: int, access_log: bool = False) -> None:
    """Serve until stopped (SIGINT or SIGTERM); gunicorn ends by raising SystemExit."""
    options: dict[str, Any] = {
        "bind": [f"fd://{sock.fileno()}"],
        "workers": workers,
        "worker_class": "gevent",
        "worker_connections": WORKER_CONNECTIONS,
        "keepalive": 5,
        "timeout": 60,
        "graceful_timeout": 10,
        "loglevel": "warning",
        "errorlog": "-",
        "accesslog": "-" if access_log else None,
        "proc_name": "adrmeta-serve",
        "limit_request_line": 4094,
        "limit_request_fields": 50,
        "limit_request_field_size": 8190,
    }
    gc.collect()
    gc.freeze()  # the rendered app is permanent: keep the collector off its pages, so forked workers share them
    _Gunicorn(app, options).run()
