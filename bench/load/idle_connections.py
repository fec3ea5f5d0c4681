#!/usr/bin/env python3
"""Holds N idle TCP connections open to a server (connected, sending nothing), reopening each one the server
closes, for S seconds: the slow-client pressure the dashboard must serve through (docs/reliability.md).

usage: idle_connections.py HOST PORT N SECONDS
"""
import selectors
import socket
import sys
import time


def main():
    host, port, count, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    selector = selectors.DefaultSelector()
    reopened = 0

    def open_one():
        sock = socket.create_connection((host, port))
        sock.setblocking(False)
        selector.register(sock, selectors.EVENT_READ)

    for _ in range(count):
        open_one()
    deadline = time.time() + seconds
    while time.time() < deadline:
        for key, _ in selector.select(timeout=0.2):
            sock = key.fileobj
            try:
                data = sock.recv(4096)
            except OSError:
                data = b""
            if not data:  # closed by the server: keep the pressure up
                selector.unregister(sock)
                sock.close()
                open_one()
                reopened += 1
    print(f"held {count} idle connections for {seconds:.0f} s; the server closed and they reopened {reopened} times")


if __name__ == "__main__":
    main()
