#!/usr/bin/env python3
"""An app-limited HTTP/1.1 download: reads at most RATE payload bytes per second by an exact token bucket.

Usage: fgcap.py URL RATE_BYTES_PER_S [BUCKET_BYTES]
Bytes read by time t never exceed RATE * t + BUCKET (the bucket starts empty), so the sender is held by the
receive window, as an application reading at its own pace would hold it. Runs until the body ends or SIGTERM.
"""
import signal
import socket
import sys
import time
from urllib.parse import urlsplit


def main():
    url, rate = sys.argv[1], float(sys.argv[2])
    bucket = int(sys.argv[3]) if len(sys.argv) > 3 else 16384
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    parts = urlsplit(url)
    sock = socket.create_connection((parts.hostname, parts.port or 80))
    sock.sendall(f"GET {parts.path} HTTP/1.1\r\nHost: {parts.hostname}\r\nConnection: close\r\n\r\n".encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(4096)
        if not chunk:
            return
        head += chunk
    # Body bytes that came with the headers were read before the bucket started: charge them.
    tokens = -float(len(head.split(b"\r\n\r\n", 1)[1]))
    buf = bytearray(bucket)
    last = time.monotonic()
    while True:
        now = time.monotonic()
        tokens = min(bucket, tokens + (now - last) * rate)
        last = now
        want = int(tokens)
        if want < 1448:
            time.sleep((1448 - tokens) / rate)
            continue
        got = sock.recv_into(buf, want)
        if got == 0:
            return
        tokens -= got


if __name__ == "__main__":
    main()
