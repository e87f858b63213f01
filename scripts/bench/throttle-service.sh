#!/usr/bin/env bash
# Throttle suite through the resident service: `xfer transfer --max-rate 10M --no-wait` for 20 s vs curl --limit-rate,
# aria2c --max-download-limit (and wget --limit-rate), from nginx on 127.0.0.1, interleaved. Bytes on disk (our temp
# file, the anchors' output) are sampled every 250 ms. Prints achieved/target over seconds 2..N, the CV of 1-second
# windows (s2..N) and empty seconds (s1..N). (throttle.sh measures the worker alone, without the service.)
#   scripts/bench/throttle-service.sh [--runs N] [--seconds N] [--rate 10M] [--tools "curl aria2c wget"]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

runs=5 seconds=20 rate=10M tools="curl aria2c"
while (($#)); do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --tools) tools=$2; shift 2 ;;
    *) echo "throttle-service.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
need curl curl; need wget wget; need aria2c aria2

origin="$work/origin"; out="$work/out-throttle"; mkdir -p "$origin"; rm -rf "$out"; mkdir -p "$out"
[[ $(stat -c %s "$origin/big.bin" 2>/dev/null || echo 0) -eq $((1024 * 1024 * 1024)) ]] || head -c 1G /dev/urandom >"$origin/big.bin"
port=18080
start_nginx "$port" "$origin"
start_service
trap 'stop_nginx; stop_service' EXIT
warm_memory

python3 - "$xfer_bin" "http://127.0.0.1:$port/big.bin" "$out" "$runs" "$seconds" "$rate" "$tools" "$results_dir/throttle.json" <<'PY'
import glob, json, os, statistics, subprocess, sys, time
xfer, url, out, runs, seconds, rate, tools, result = sys.argv[1:9]
runs, seconds = int(runs), int(seconds)
units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
target = float(rate[:-1]) * units[rate[-1].lower()] if rate[-1].lower() in units else float(rate)

def size(pattern):
    paths = glob.glob(pattern)
    try:
        return os.path.getsize(paths[0]) if paths else 0
    except FileNotFoundError:
        return 0

def measure(tool, run):
    name = f"{tool}-{run}.bin"
    dest = os.path.join(out, name)
    job = None
    if tool == "xfer":
        argv = [xfer, "transfer", url, dest, "--name", "bench-throttle", "--max-rate", rate, "--no-wait"]
        pattern = os.path.join(out, f".{name}.xfer-*.tmp")
    elif tool == "curl":
        argv, pattern = ["curl", "-s", "--limit-rate", rate, "-o", dest, url], dest
    elif tool == "aria2c":
        argv, pattern = ["aria2c", "-q", f"--max-download-limit={rate}", "--file-allocation=none", "-d", out, "-o", name, url], dest
    elif tool == "wget":
        argv, pattern = ["wget", "-q", f"--limit-rate={rate.lower()}", "-O", dest, url], dest
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    samples = []
    for tick in range(seconds * 4 + 1):
        time.sleep(max(0.0, start + tick * 0.25 - time.monotonic()))
        samples.append(size(pattern))
    if tool == "xfer":
        job = proc.communicate(timeout=30)[0].strip()
        subprocess.run([xfer, "job", "cancel", job], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
    else:
        proc.kill(); proc.wait()
    per_second = [samples[i * 4] - samples[(i - 1) * 4] for i in range(1, seconds + 1)]
    steady = per_second[1:]
    mean = statistics.mean(steady)
    return {"achieved_over_target": mean / target, "cv": statistics.pstdev(steady) / mean if mean else float("nan"),
            "empty_seconds": sum(1 for b in per_second if b == 0), "first_second_mib": per_second[0] / 1048576,
            "mib": samples[-1] / 1048576}

all_tools = ["xfer"] + tools.split()
rows = {t: [] for t in all_tools}
for run in range(1, runs + 1):
    for tool in all_tools:
        rows[tool].append(measure(tool, run))
        for f in glob.glob(os.path.join(out, "*")):
            os.remove(f)
summary = {}
print(f"| tool ({rate}/s, {seconds} s, {runs} runs) | achieved/target (min–max) | 1-s CV median (max) | empty seconds (total) | first second MiB |")
print("|---|---|---|---|---|")
for tool, v in rows.items():
    a = [r["achieved_over_target"] for r in v]; cv = [r["cv"] for r in v]
    s = summary[tool] = {"runs": v, "achieved_median": statistics.median(a), "cv_median": statistics.median(cv),
                         "empty_seconds_total": sum(r["empty_seconds"] for r in v)}
    print(f"| {tool} | {s['achieved_median'] * 100:.2f}% ({min(a) * 100:.2f}–{max(a) * 100:.2f}) | "
          f"{s['cv_median'] * 100:.1f}% ({max(cv) * 100:.1f}%) | {s['empty_seconds_total']} | "
          f"{statistics.median(r['first_second_mib'] for r in v):.1f} |")
print("\nTarget: within ±1% of the cap, 1-s CV ≤ 3%, no empty second. Windows s2..N; s1 includes process start-up.")
json.dump({"suite": "throttle", "rate_bytes_per_s": target, "seconds": seconds, "tools": summary}, open(result, "w"), indent=2)
PY
