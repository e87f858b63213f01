#!/usr/bin/env python3
"""Runs the `yield` windows on a bed made by yield-bed.sh, for one congestion control, and appends one JSON line per
window to RAW. Runs in the host's namespace; every client command runs in the client namespace.

Usage: driver.py CONFIG_JSON   (written by yield.sh: cc, reps, window, rate_mbit, lead, bgs, quick, namespaces, ...)

Windows (the background starts LEAD s before anything is measured, so its start-up is not measured):
  idle      nothing runs; ping only.
  fg        the foreground (curl on 8081) alone: its first WINDOW s.
  fgcap     the 20 % stream (fgcap.py, app-limited by an exact token bucket) alone: its first WINDOW s.
  alone     the background alone, from LEAD s after its start.
  both      background, and LEAD s later the foreground: the foreground's first WINDOW s.
  fgcap+bg  background, and LEAD s later the 20 % stream: the stream's first WINDOW s.
  reclaim   background, LEAD s later the foreground for RECLAIM_FG s; then the background's next WINDOW s.
Rates are layer 2 (IP bytes + 14 B per packet: what tbf shapes), from the nft counters in the client's input hook.
"""
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time

cfg = json.load(open(sys.argv[1]))
CLI, SRV = cfg["cli"], cfg["srv"]
W, LEAD, RECLAIM_FG = float(cfg["window"]), float(cfg["lead"]), 5.0
LINK_BPS = cfg["rate_mbit"] * 1e6
SERVER = "10.200.0.1"
FG_URL, BG_URL = f"http://{SERVER}:8081/big.bin", f"http://{SERVER}:8082/big.bin"
here = os.path.dirname(os.path.abspath(__file__))


def in_cli(argv):
    return ["ip", "netns", "exec", CLI, *argv]


def counters():
    """(monotonic time, {name: (bytes, packets)}) for the fg and bg ports."""
    out = subprocess.run(in_cli(["nft", "-j", "list", "counters", "table", "ip", "ybed"]),
                         capture_output=True, text=True, check=True).stdout
    t = time.monotonic()
    values = {}
    for item in json.loads(out)["nftables"]:
        c = item.get("counter")
        if c:
            values[c["name"]] = (c["bytes"], c["packets"])
    return t, values


def l2_bits(a, b, name):
    """Layer-2 bits between two counter readings: IP bytes + 14 B of Ethernet header per packet."""
    (bytes_a, pkts_a), (bytes_b, pkts_b) = a[1][name], b[1][name]
    return ((bytes_b - bytes_a) + 14 * (pkts_b - pkts_a)) * 8


class Sampler:
    """Reads the counters every `interval` s in a thread, for the reclaim and settled-window figures."""

    def __init__(self, interval):
        self.interval, self.samples, self.stop = interval, [], threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self):
        while not self.stop.is_set():
            self.samples.append(counters())
            self.stop.wait(self.interval)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *_):
        self.stop.set()
        self.thread.join()


class Ping:
    """ping every 0.2 s from the client to the server for the window; median RTT in ms."""

    def __enter__(self):
        self.proc = subprocess.Popen(in_cli(["ping", "-n", "-i", "0.2", SERVER]), stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True)
        return self

    def __exit__(self, *_):
        self.proc.send_signal(signal.SIGINT)
        out, _ = self.proc.communicate()
        self.rtts = [float(m) for m in re.findall(r"time=([0-9.]+) ms", out)]

    def median(self):
        return statistics.median(self.rtts) if self.rtts else None


def start(argv):
    return subprocess.Popen(in_cli(argv), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop(proc):
    if proc and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def quiesce():
    """Waits (bounded) until no fg or bg bytes arrive for 0.5 s, so the FIFO is empty before the next window."""
    deadline = time.monotonic() + 15
    last = counters()
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = counters()
        if all(now[1][n] == last[1][n] for n in ("fg", "bg")):
            return
        last = now
    print("yield: warning: traffic still flowing 15 s after a window ended", file=sys.stderr)


def cc_seen(port):
    """The congestion control of the server's socket on `port`, from an ss -tin snapshot in the server namespace."""
    out = subprocess.run(["ip", "netns", "exec", SRV, "ss", "-tin", "sport", "=", f":{port}"],
                         capture_output=True, text=True).stdout
    found = re.findall(r"^\s+(?:ts\s+)?(?:sack\s+)?(?:ecn\s+)?(?:ecnseen\s+)?(\w+)\s+wscale", out, re.M)
    return found[0] if found else None


class Xfer:
    """Our service as the background: a Normal-priority job downloading BG_URL, run by the silo in the client
    namespace; cancelled when the window ends (the file is sized so that it never completes inside one)."""

    def __init__(self):
        self.cli = cfg["xfer_cli"]
        self.env = {**os.environ, "XFER_HOME": cfg["xfer_home"], "XFER_SILO_PATH": cfg["xfer_silo"]}
        self.count = 0

    def run(self, *args):
        result = subprocess.run(in_cli([self.cli, *args]), env=self.env, capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            raise SystemExit(f"yield: xfer {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
        return result.stdout.strip()

    def start(self):
        self.count += 1
        self.dest = os.path.join(cfg["out_dir"], f"xfer-bg-{self.count}.bin")
        self.job = self.run("job", "create", f"yield-bg-{self.count}", "--priority", "normal").split()[-1]
        self.run("job", "add-file", self.job, BG_URL, self.dest)
        self.run("job", "resume", self.job)
        return self

    def poll(self):
        return None

    def stop(self):
        self.run("job", "cancel", self.job)
        if os.path.exists(self.dest):
            os.remove(self.dest)


class Curl:
    def __init__(self, limit=None):
        self.limit = limit

    def start(self):
        extra = ["--limit-rate", str(int(self.limit))] if self.limit else []
        self.proc = start(["curl", "-s", *extra, "-o", "/dev/null", BG_URL])
        return self

    def stop(self):
        stop(self.proc)


def background(name):
    if name == "curl":
        return Curl()
    if name == "limit10":
        return Curl(limit=0.10 * LINK_BPS / 8)
    if name == "xfer":
        return XFER
    raise SystemExit(f"yield: unknown background '{name}'")


def fg_curl():
    return start(["curl", "-s", "-o", "/dev/null", FG_URL])


# The 20 % stream: 20 % of the link at layer 2, i.e. payload at 1448/1514 of that.
FGCAP_PAYLOAD = 0.20 * LINK_BPS / 8 * 1448 / 1514


def fg_capped():
    return start(["python3", os.path.join(here, "fgcap.py"), FG_URL, str(FGCAP_PAYLOAD)])


def settled(samples, t0, name):
    """Rate over the window without its first 3 s (from the sampler), in bit/s."""
    inside = [s for s in samples if t0 + 3 <= s[0] <= t0 + W]
    if len(inside) < 2:
        return None
    return l2_bits(inside[0], inside[-1], name) / (inside[-1][0] - inside[0][0])


def time_to_reclaim(samples, t0):
    """Seconds from t0 until the start of the first 1-s span in which the background is at >= 80 % of the link."""
    points = [s for s in samples if s[0] >= t0 - 0.05]
    for i, a in enumerate(points):
        for b in points[i + 1:]:
            if b[0] - a[0] >= 1.0:
                if l2_bits(a, b, "bg") / (b[0] - a[0]) >= 0.8 * LINK_BPS:
                    return max(0.0, a[0] - t0)
                break
    return None


def measure(kind, bg_name, rep, fg_factory=None, fg_lead=True):
    """One window; returns the raw row."""
    row = {"cc": cfg["cc"], "rep": rep, "kind": kind, "bg": bg_name}
    bg = background(bg_name).start() if bg_name else None
    fg = None
    try:
        if bg:
            time.sleep(LEAD)
        interval = 0.1 if kind == "reclaim" else 0.2
        with Sampler(interval) as sampler, Ping() as ping:
            if kind == "reclaim":
                fg = fg_curl()
                time.sleep(RECLAIM_FG)
                stop(fg)
                fg = None
            elif fg_factory:
                fg = fg_factory()
            a = counters()
            if kind == "fg" and cfg["cc"]:
                time.sleep(1.0)
                row["cc_seen"] = cc_seen(8081)
                time.sleep(max(0.0, a[0] + W - time.monotonic()))
            else:
                # The idle window only sets the RTT floor: a few seconds of pings are enough.
                time.sleep(min(W, 5.0) if kind == "idle" else W)
            b = counters()
        seconds = b[0] - a[0]
        row.update(seconds=round(seconds, 3),
                   fg_mbit=l2_bits(a, b, "fg") / seconds / 1e6,
                   bg_mbit=l2_bits(a, b, "bg") / seconds / 1e6,
                   rtt_ms=ping.median(), pings=len(ping.rtts))
        if kind in ("fg", "both", "fgcap", "fgcap+bg"):
            s = settled(sampler.samples, a[0], "fg")
            row["fg_settled_mbit"] = s / 1e6 if s is not None else None
        if kind == "reclaim":
            reclaim_s = time_to_reclaim(sampler.samples, a[0])
            row["reclaim_s"] = round(reclaim_s, 2) if reclaim_s is not None else None
        if kind in ("alone", "both") and bg_name == "xfer" and cfg["cc"]:
            row["cc_seen"] = cc_seen(8082)
    finally:
        stop(fg)
        if bg:
            bg.stop()
    quiesce()
    print(f"yield: {cfg['cc']} rep {rep} {kind:<8} {bg_name or '-':<8} fg {row['fg_mbit']:6.2f}  bg {row['bg_mbit']:6.2f} "
          f"Mbit/s  rtt {row['rtt_ms'] if row['rtt_ms'] is not None else float('nan'):6.2f} ms"
          + (f"  reclaim {row['reclaim_s']}" if kind == "reclaim" else "")
          + (f"  cc {row['cc_seen']}" if row.get("cc_seen") else ""), file=sys.stderr, flush=True)
    return row


XFER = Xfer() if "xfer" in cfg["bgs"] else None


def main():
    # yield.sh removes it when the run ends (each congestion control runs its own driver in it).
    os.makedirs(cfg["out_dir"], exist_ok=True)
    quiesce()
    with open(cfg["raw"], "a") as raw:
        def emit(row):
            raw.write(json.dumps(row) + "\n")
            raw.flush()

        for rep in range(1, cfg["reps"] + 1):
            emit(measure("idle", None, rep))
            emit(measure("fg", None, rep, fg_curl))
            if not cfg["quick"]:
                emit(measure("fgcap", None, rep, fg_capped))
            for bg in cfg["bgs"]:
                # --quick: the plain-curl anchor needs only its "both" window (its G1 is the bar xfer must clear).
                if not (cfg["quick"] and bg == "curl"):
                    emit(measure("alone", bg, rep))
                emit(measure("both", bg, rep, fg_curl))
                if not cfg["quick"]:
                    emit(measure("fgcap+bg", bg, rep, fg_capped))
                    emit(measure("reclaim", bg, rep))


if __name__ == "__main__":
    main()
