"""``python -m tianping serve`` stopped with SIGTERM (as a process manager does) stops gunicorn and the
job consumer too, so nothing keeps the port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_sigterm_stops_the_web_server_and_the_consumer(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "TIANPING_DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}"}
    command = [sys.executable, "-m", "tianping", "serve", "--port", str(port), "--workers", "1"]
    serve = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not _port_open(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _port_open(port), "gunicorn did not start"
        children = _children(serve.pid)
        assert len(children) == 2  # gunicorn and the Huey consumer
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=30)
        deadline = time.monotonic() + 30
        while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(_alive(pid) for pid in children)
        assert not _port_open(port)
    finally:
        serve.kill()
        serve.wait()
