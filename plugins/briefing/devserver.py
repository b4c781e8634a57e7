"""`briefing devserver`: serve the output and rebuild whenever content or theme changes.

Polling keeps it free of extra dependencies and works the same on every file system.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path


def snapshot(folders: Iterable[str]) -> dict[str, tuple[float, int]]:
    """(mtime, size) of every file below the folders: the state that triggers a rebuild."""
    state: dict[str, tuple[float, int]] = {}
    for folder in folders:
        for root, _dirs, files in os.walk(folder):
            for name in files:
                path = os.path.join(root, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                state[path] = (info.st_mtime, info.st_size)
    return state


def serve(output: str, port: int) -> http.server.ThreadingHTTPServer:
    """Serve `output` on 127.0.0.1 in a background thread. The folder is looked up per request,
    so the atomic swap of a new build is picked up at once."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=output)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def watch(folders: list[str], rebuild: Callable[[], None], interval: float = 1.0) -> None:
    """Call `rebuild` now and after every change below `folders`, until interrupted."""
    state = None
    while True:
        current = snapshot(folders)
        if current != state:
            state = current
            rebuild()
        time.sleep(interval)


def run(build: Callable[[], None], content: str, theme: str, output: str, port: int) -> int:
    Path(output).mkdir(parents=True, exist_ok=True)
    server = serve(output, port)
    print(f"Serving {output}/ at http://127.0.0.1:{port}/ ; rebuilding on changes (Ctrl-C stops)")
    try:
        watch([content, theme], build)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0
