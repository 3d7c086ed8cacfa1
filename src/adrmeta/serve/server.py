"""Run the WSGI app on gunicorn: pre-forked workers that share the app rendered in the master.

The listening socket is bound here, before gunicorn starts, so a port in use is a clear error
and `--port 0` can report the port it got. Workers are threaded (`gthread`) so that keep-alive
connections from harvesters are reused; each worker process uses one core.
"""

from __future__ import annotations

import gc
import socket
from typing import Any

from gunicorn.app.base import BaseApplication


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


class _Gunicorn(BaseApplication):
    def __init__(self, app: Any, options: dict[str, Any]) -> None:
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self.application


def run(app: Any, sock: socket.socket, workers: int, threads: int = 4, access_log: bool = False) -> None:
    """Serve until stopped (SIGINT or SIGTERM); gunicorn ends by raising SystemExit."""
    options: dict[str, Any] = {
        "bind": [f"fd://{sock.fileno()}"],
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
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
