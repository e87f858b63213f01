#!/usr/bin/env bash
# Throttle accuracy: a 20 s download capped at 10 MiB/s by our worker (per-job cap), curl --limit-rate and
# wget --limit-rate, sampling bytes on disk every 250 ms. Prints achieved/target, the coefficient of variation of
# 1-second windows and the number of empty seconds. Usage: scripts/bench/throttle.sh [SECONDS] [RATE]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_RUN=${1:-20}
RATE=${2:-10M}
WORK=$(mktemp -d /tmp/xfer-throttle.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

for tool in curl wget nginx; do
  command -v "$tool" >/dev/null || { echo "installing $tool" >&2; apt-get install -y -qq "$tool" >/dev/null; }
done

dotnet build -c Release -v q tests/Orleans.Transfer.TestOrigin >/dev/null
dotnet build -c Release -v q scripts/bench/throttle-harness >/dev/null
HARNESS=scripts/bench/throttle-harness/bin/Release/net10.0/throttle-harness

# Our origin (Kestrel, generated content).
mkfifo "$WORK/origin.out"
tests/Orleans.Transfer.TestOrigin/bin/Release/net10.0/Orleans.Transfer.TestOrigin --generate big.bin=2G >"$WORK/origin.out" &
PIDS+=($!)
read -r ORIGIN <"$WORK/origin.out"

# A plain file server for the anchors (and for us, for a like-for-like comparison).
mkdir -p "$WORK/www"
head -c 400M /dev/urandom >"$WORK/www/big.bin"
cat >"$WORK/nginx.conf" <<CONF
daemon off;
master_process off;
error_log $WORK/nginx.err;
pid $WORK/nginx.pid;
events {}
http {
  access_log off;
  sendfile on;
  server { listen 127.0.0.1:18481; root $WORK/www; }
}
CONF
nginx -c "$WORK/nginx.conf" &
PIDS+=($!)
for _ in $(seq 50); do curl -sf -o /dev/null -r 0-0 http://127.0.0.1:18481/big.bin && break; sleep 0.1; done
NGINX=http://127.0.0.1:18481/

# Cold memory costs ~1 s/GiB on first touch (docs/benchmarking.md): warm the page cache first.
head -c 1280M /dev/zero >"$WORK/warm" && rm "$WORK/warm"

python3 - "$WORK" "$SECONDS_RUN" "$RATE" "$HARNESS" "$ORIGIN" "$NGINX" <<'PY'
import os, statistics, subprocess, sys, time
work, seconds, rate_text, harness, origin, nginx = sys.argv[1:7]
seconds = int(seconds)
units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
target = float(rate_text[:-1]) * units[rate_text[-1].lower()] if rate_text[-1].lower() in units else float(rate_text)

def measure(name, argv, out):
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    start = time.monotonic()
    samples = []
    tick = 0
    while tick <= seconds * 4:
        time.sleep(max(0.0, start + tick * 0.25 - time.monotonic()))
        samples.append(os.path.getsize(out) if os.path.exists(out) else 0)
        tick += 1
    proc.kill()
    proc.wait()
    per_second = [samples[i * 4] - samples[(i - 1) * 4] for i in range(1, seconds + 1)]
    steady = per_second[1:]  # the first second includes process start-up
    mean = statistics.mean(steady)
    cv = statistics.pstdev(steady) / mean if mean else float("nan")
    empty = sum(1 for b in per_second if b == 0)
    print(f"{name:<22} achieved {mean / target * 100:6.2f}% of target ({mean / 1048576:6.3f} MiB/s, s2-s{seconds}), "
          f"CV {cv * 100:5.2f}%, empty seconds {empty}, total {samples[-1] / 1048576:7.1f} MiB")
    os.remove(out)

print(f"target {target / 1048576:.3f} MiB/s for {seconds} s, 1-s windows sampled every 250 ms")
for run in range(1):
    measure("ours (origin)", [harness, origin + "big.bin", f"{work}/ours-origin.bin", rate_text, str(seconds + 1)], f"{work}/ours-origin.bin")
    measure("ours (nginx)", [harness, nginx + "big.bin", f"{work}/ours-nginx.bin", rate_text, str(seconds + 1)], f"{work}/ours-nginx.bin")
    measure("curl --limit-rate", ["curl", "-s", "--limit-rate", rate_text, "-o", f"{work}/curl.bin", nginx + "big.bin"], f"{work}/curl.bin")
    measure("wget --limit-rate", ["wget", "-q", f"--limit-rate={rate_text.lower()}", "-O", f"{work}/wget.bin", nginx + "big.bin"], f"{work}/wget.bin")
PY
