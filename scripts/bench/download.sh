#!/usr/bin/env bash
# Downloads one 1 GiB file from nginx on 127.0.0.1 with `xfer transfer` and with the anchors (curl; wget and aria2c
# when requested), interleaved A B A B ..., and prints medians: wall time, MiB/s, CPU seconds per GiB (our silo's CPU
# counted), the throughput ratio against curl, and the silo's peak RSS.
#   scripts/bench/download.sh [--runs N] [--size-mib N] [--tools "curl wget aria2-x1 aria2-x4"]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

runs=5 size_mib=1024 tools="curl"
while (($#)); do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --size-mib) size_mib=$2; shift 2 ;;
    --tools) tools=$2; shift 2 ;;
    *) echo "download.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

need curl curl; need /usr/bin/time time
[[ $tools == *wget* ]] && need wget wget
[[ $tools == *aria2* ]] && need aria2c aria2

origin="$work/origin"; out="$work/out"; mkdir -p "$origin" "$out"
if [[ $(stat -c %s "$origin/big.bin" 2>/dev/null || echo 0) -ne $((size_mib * 1024 * 1024)) ]]; then
  head -c $((size_mib * 1024 * 1024)) /dev/urandom >"$origin/big.bin"
fi
expected=$(sha256sum "$origin/big.bin" | cut -d' ' -f1)
port=18080
start_nginx "$port" "$origin"
start_service
trap 'stop_nginx; stop_service' EXIT
url="http://127.0.0.1:$port/big.bin"

run_tool() { # run_tool <tool> -> "wall cpu"
  local dest="$out/$1.bin"; rm -f "$dest"
  case "$1" in
    curl) timed curl -sS -o "$dest" "$url" ;;
    wget) timed wget -q -O "$dest" "$url" ;;
    aria2-x1) timed aria2c -q -x1 -s1 --allow-overwrite=true --auto-file-renaming=false --file-allocation=none -d "$out" -o "$1.bin" "$url" ;;
    aria2-x4) timed aria2c -q -x4 -s4 --allow-overwrite=true --auto-file-renaming=false --file-allocation=none -d "$out" -o "$1.bin" "$url" ;;
    xfer)
      local before after t
      before=$(cpu_seconds "$silo_pid")
      t=$(timed "$xfer_bin" transfer "$url" "$dest" --name bench)
      after=$(cpu_seconds "$silo_pid")
      awk -v t="$t" -v b="$before" -v a="$after" 'BEGIN { split(t, p, " "); printf "%s %.3f\n", p[1], p[2] + a - b }'
      ;;
  esac
  [[ $(sha256sum "$dest" | cut -d' ' -f1) == "$expected" ]] || { echo "download.sh: $1 produced a different file" >&2; exit 1; }
  rm -f "$dest"
}

run_tool xfer >/dev/null   # warm-up: JIT and connection pools, as a resident service would have
samples="$work/download-samples.txt"; : >"$samples"
for ((i = 1; i <= runs; i++)); do
  for tool in xfer $tools; do
    warm_memory
    echo "$tool $(run_tool "$tool")" >>"$samples"
  done
done

rss=$(peak_rss_mib "$silo_pid")
python3 - "$samples" "$size_mib" "$rss" "$results_dir/download.json" <<'PY'
import json, statistics, sys
samples, size_mib, rss, out = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
rows = {}
for line in open(samples):
    tool, wall, cpu = line.split()
    rows.setdefault(tool, []).append((float(wall), float(cpu)))
gib = size_mib / 1024
summary = {}
for tool, values in rows.items():
    walls = [w for w, _ in values]
    summary[tool] = {
        "runs": len(values),
        "wall_s_median": statistics.median(walls),
        "wall_s_min": min(walls), "wall_s_max": max(walls),
        "mib_per_s": size_mib / statistics.median(walls),
        "cpu_s_per_gib": statistics.median(c for _, c in values) / gib,
    }
curl = summary.get("curl", {}).get("mib_per_s")
print(f"| tool | median s (min–max) | MiB/s | CPU s/GiB | × curl |")
print(f"|---|---|---|---|---|")
for tool, s in summary.items():
    ratio = f"{s['mib_per_s'] / curl:.2f}" if curl else "–"
    print(f"| {tool} | {s['wall_s_median']:.2f} ({s['wall_s_min']:.2f}–{s['wall_s_max']:.2f}) | {s['mib_per_s']:.0f} | {s['cpu_s_per_gib']:.2f} | {ratio} |")
print(f"\nsilo peak RSS: {rss} MiB; file: {size_mib:.0f} MiB; xfer CPU includes the silo process")
json.dump({"suite": "download", "size_mib": size_mib, "silo_peak_rss_mib": float(rss), "tools": summary}, open(out, "w"), indent=2)
PY
