"""`briefing devserver`: an editor drops a file and the served site shows it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import ROOT

ARTICLE = """Title: Envoy returns to Doha for a new round
Date: 2020-09-14

DOHA: The envoy returned to the Qatari capital on Monday to press both delegations to agree
on the rules of procedure before the talks could move to the agenda itself.

Officials said the meeting lasted three hours and ended without a joint statement.
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def test_devserver_rebuilds_when_an_article_is_dropped(tmp_path: Path):
    content = tmp_path / "content"
    content.mkdir()
    # Different bodies: the same paste dropped twice is merged into one article by design.
    first = ARTICLE.replace("new round", "first round").replace("three hours", "two hours")
    (content / "first.txt").write_text(first, "utf-8")
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "briefing.cli",
        "devserver",
        "--settings",
        str(ROOT / "pelican.conf.py"),
        "--content",
        str(content),
        "--theme",
        str(ROOT / "theme"),
        "--output",
        str(tmp_path / "output"),
        "--port",
        str(port),
    ]
    # Output to a file: a pipe nobody reads would fill up and block the server.
    with open(tmp_path / "devserver.log", "wb") as log:
        proc = subprocess.Popen(cmd, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT)
    try:
        home = f"http://127.0.0.1:{port}/"
        assert wait_for(lambda: "first round" in fetch(home))
        (content / "second.txt").write_text(ARTICLE, "utf-8")
        assert wait_for(lambda: "new round" in fetch(home))
    finally:
        proc.terminate()
        proc.wait(timeout=10)
