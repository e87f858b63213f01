#!/usr/bin/env bash
# Resume after a crash: SIGKILL at 50% of a 1 GiB download from nginx on 127.0.0.1, then restart. For us: kill -9 the
# silo (the resident service) and start the silo binary again; the job carries on by itself. For the anchors: kill -9
# the tool and run `curl -C -` / `aria2c -c` again; ours on one connection (`--segments 1`), as the anchors. Measures
# the seconds from the restart until the file grows again and the bytes fetched twice (nginx's $body_bytes_sent summed
# over the run, minus the file size).
#   scripts/bench/resume.sh [--runs N]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

runs=5
while (($#)); do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    *) echo "resume.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
need curl curl; need aria2c aria2

origin="$work/origin"; out="$work/out-resume"; mkdir -p "$origin"; rm -rf "$out"; mkdir -p "$out"
[[ $(stat -c %s "$origin/big.bin" 2>/dev/null || echo 0) -eq $((1024 * 1024 * 1024)) ]] || head -c 1G /dev/urandom >"$origin/big.bin"
expected=$(sha256sum "$origin/big.bin" | cut -d' ' -f1)
port=${BENCH_NGINX_PORT:-18080}   # another port when suites of several checkouts run at once
start_nginx "$port" "$origin"
start_service
trap 'stop_nginx; stop_service' EXIT

python3 - "$xfer_bin" "$bench_root/artifacts/silo/Orleans.Transfer.Silo" "http://127.0.0.1:$port/big.bin" "$out" "$runs" \
  "$work/nginx-access.log" "$expected" "$work" "$results_dir/resume.json" <<'PY'
import glob, hashlib, json, os, signal, statistics, subprocess, sys, time
xfer, silo, url, out, runs, access_log, expected, work, result = sys.argv[1:10]
runs, total, half = int(runs), 1 << 30, 1 << 29
home = os.environ["XFER_HOME"]

def size(pattern):
    paths = glob.glob(pattern)
    try:
        return os.path.getsize(paths[0]) if paths else -1
    except FileNotFoundError:
        return -1

def wait_until(pred, timeout, what):
    deadline = time.monotonic() + timeout
    while not pred():
        if time.monotonic() > deadline:
            raise SystemExit(f"resume.sh: timed out waiting for {what}")
        time.sleep(0.002)

def log_lines():
    with open(access_log) as f:
        return f.readlines()

def warm():
    subprocess.run(["dd", "if=/dev/zero", f"of={work}/.warm", "bs=1M", "count=1280", "status=none"], check=True)
    os.remove(f"{work}/.warm")

def sha(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()

def silo_pid():
    return int(open(os.path.join(home, "silo.pid")).read().strip())

def measure(tool, run):
    name = f"{tool}-{run}.bin"
    dest = os.path.join(out, name)
    pattern = os.path.join(out, f".{name}.xfer-*.tmp") if tool == "xfer" else dest
    lines_before = len(log_lines())
    if tool == "xfer":
        first = subprocess.Popen([xfer, "transfer", url, dest, "--name", "bench-resume", "--segments", "1", "--no-wait"], stdout=subprocess.PIPE, text=True)
    elif tool == "curl":
        first = subprocess.Popen(["curl", "-s", "-o", dest, url])
    else:
        first = subprocess.Popen(["aria2c", "-q", "--file-allocation=none", "-d", out, "-o", name, url])
    wait_until(lambda: size(pattern) >= half, 60, f"{tool} to reach 50%")
    victim = silo_pid() if tool == "xfer" else first.pid
    os.kill(victim, signal.SIGKILL)
    at_kill = size(pattern)
    job = first.communicate(timeout=10)[0].strip() if tool == "xfer" else None
    if tool != "xfer":
        first.wait()
    else:
        wait_until(lambda: not os.path.exists(f"/proc/{victim}/stat") or open(f"/proc/{victim}/stat").read().split()[2] == "Z", 10, "the silo to die")
    time.sleep(0.2)   # let nginx log the broken request
    restart = time.monotonic()
    if tool == "xfer":
        logf = open(os.path.join(home, "silo.log"), "ab")
        subprocess.Popen(["setsid", silo], stdin=subprocess.DEVNULL, stdout=logf, stderr=logf)
        second = None
    elif tool == "curl":
        second = subprocess.Popen(["curl", "-s", "-C", "-", "-o", dest, url])
    else:
        second = subprocess.Popen(["aria2c", "-q", "-c", "--file-allocation=none", "-d", out, "-o", name, url])
    low = at_kill
    flowing = None
    deadline = restart + 60
    while flowing is None:
        s = size(pattern)
        if 0 <= s < low:
            low = s
        elif s > low:
            flowing = time.monotonic() - restart
        if time.monotonic() > deadline:
            raise SystemExit(f"resume.sh: {tool} did not resume within 60 s")
        time.sleep(0.002)
    if tool == "xfer":
        watch = subprocess.run([xfer, "job", "watch", job], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
        if watch.returncode != 0:
            raise SystemExit(f"resume.sh: xfer job {job} did not reach Transferred")
        subprocess.run([xfer, "job", "complete", job], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)
    else:
        if second.wait(timeout=120) != 0:
            raise SystemExit(f"resume.sh: {tool} resume exited {second.returncode}")
    restart_total = time.monotonic() - restart
    time.sleep(0.1)
    lines = [l.split() for l in log_lines()[lines_before:]]
    body = sum(int(l[3]) for l in lines if l[0] == "/big.bin")
    ok = sha(dest) == expected
    os.remove(dest)
    for f in glob.glob(os.path.join(out, "*")):
        os.remove(f)
    if not ok:
        raise SystemExit(f"resume.sh: {tool} produced a different file")
    return {"seconds_to_flow": flowing, "wasted_mib": (body - total) / 1048576, "killed_at_mib": at_kill / 1048576,
            "requests": len(lines), "seconds_restart_to_done": restart_total}

tools = ["xfer", "curl", "aria2c"]
rows = {t: [] for t in tools}
for run in range(1, runs + 1):
    for tool in tools:
        warm()
        rows[tool].append(measure(tool, run))
summary = {}
print(f"| tool (kill -9 at 50% of 1 GiB, {runs} runs) | s until bytes flow again, median (min–max) | MiB fetched twice, median (max) | s restart → done | requests |")
print("|---|---|---|---|---|")
for tool, v in rows.items():
    f = [r["seconds_to_flow"] for r in v]; w = [r["wasted_mib"] for r in v]
    s = summary[tool] = {"runs": v, "seconds_to_flow_median": statistics.median(f), "wasted_mib_median": statistics.median(w)}
    print(f"| {tool} | {statistics.median(f):.2f} ({min(f):.2f}–{max(f):.2f}) | {statistics.median(w):.1f} ({max(w):.1f}) | "
          f"{statistics.median(r['seconds_restart_to_done'] for r in v):.2f} | {statistics.median(r['requests'] for r in v):.0f} |")
print("\nTarget: ≤ 8 MiB fetched twice, bytes flowing ≤ 3 s after the restart (ours includes the silo's start-up).")
json.dump({"suite": "resume", "tools": summary}, open(result, "w"), indent=2)
PY
