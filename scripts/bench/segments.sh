#!/usr/bin/env bash
# Segmented downloads: one file from nginx on 127.0.0.1 through a location that limits each connection's rate
# (limit_rate), so one connection cannot fill the link, fetched with `xfer transfer` (the service's default segments),
# the same job through the client library (xfer-lib: bench-client, timed inside, no CLI start-up), `aria2c -x4 -s4
# -k1M` and plain curl (one connection), interleaved A B C D A B C D ..., each result checked by SHA-256. Prints the
# median wall time per tool and the ratio of throughput against aria2c (target: xfer >= 0.9x aria2c).
#   scripts/bench/segments.sh [--runs N] [--size-mib N] [--rate R]   (R: nginx limit_rate per connection, e.g. 25m)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

runs=3 size_mib=512 rate=25m
while (($#)); do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --size-mib) size_mib=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    *) echo "segments.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

need curl curl; need /usr/bin/time time; need aria2c aria2

origin="$work/origin"; out="$work/out"; mkdir -p "$origin" "$out"
file="seg-$size_mib.bin"
if [[ $(stat -c %s "$origin/$file" 2>/dev/null || echo 0) -ne $((size_mib * 1024 * 1024)) ]]; then
  head -c $((size_mib * 1024 * 1024)) /dev/urandom >"$origin/$file"
fi
expected=$(sha256sum "$origin/$file" | cut -d' ' -f1)
port=${BENCH_NGINX_PORT:-18081}   # another port when suites of several checkouts run at once
# nginx sends a strong ETag and Accept-Ranges for static files: the segmented download's conditions.
start_nginx "$port" "$origin" "location /limited/ { alias $origin/; limit_rate $rate; }"
start_service
build_bench_client
trap 'stop_nginx; stop_service' EXIT
url="http://127.0.0.1:$port/limited/$file"

run_tool() { # run_tool <tool> -> "wall cpu"
  local dest="$out/$1.bin"; rm -f "$dest"
  case "$1" in
    curl) timed curl -sS -o "$dest" "$url" ;;
    aria2-x4) timed aria2c -q -x4 -s4 -k1M --allow-overwrite=true --auto-file-renaming=false --file-allocation=none -d "$out" -o "$1.bin" "$url" ;;
    xfer-lib)
      local before after t
      before=$(cpu_seconds "$silo_pid")
      t=$("$bench_client" transfer "$url" "$dest" | python3 -c 'import json,sys; print(json.load(sys.stdin)["seconds"])')
      after=$(cpu_seconds "$silo_pid")
      awk -v t="$t" -v b="$before" -v a="$after" 'BEGIN { printf "%s %.3f\n", t, a - b }'
      ;;
    xfer)
      local before after t
      before=$(cpu_seconds "$silo_pid")
      t=$(timed "$xfer_bin" transfer "$url" "$dest" --name bench-segments)
      after=$(cpu_seconds "$silo_pid")
      awk -v t="$t" -v b="$before" -v a="$after" 'BEGIN { split(t, p, " "); printf "%s %.3f\n", p[1], p[2] + a - b }'
      ;;
  esac
  [[ $(sha256sum "$dest" | cut -d' ' -f1) == "$expected" ]] || { echo "segments.sh: $1 produced a different file" >&2; exit 1; }
  rm -f "$dest"
}

# Warm-up: the same file without the limit, segmented too (JIT and the service's pools, as a resident service would have).
rm -f "$out/warm.bin"; "$xfer_bin" transfer "http://127.0.0.1:$port/$file" "$out/warm.bin" >/dev/null; rm -f "$out/warm.bin"
samples="$work/segments-samples.txt"; : >"$samples"
for ((i = 1; i <= runs; i++)); do
  for tool in xfer xfer-lib aria2-x4 curl; do
    warm_memory
    echo "$tool $(run_tool "$tool")" >>"$samples"
  done
done

python3 - "$samples" "$size_mib" "$rate" "$results_dir/segments.json" <<'PY'
import json, statistics, sys
samples, size_mib, rate, out = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
rows = {}
for line in open(samples):
    tool, wall, cpu = line.split()
    rows.setdefault(tool, []).append((float(wall), float(cpu)))
summary = {}
for tool, values in rows.items():
    walls = [w for w, _ in values]
    summary[tool] = {
        "runs": len(values),
        "wall_s_median": statistics.median(walls),
        "wall_s_min": min(walls), "wall_s_max": max(walls),
        "mib_per_s": size_mib / statistics.median(walls),
        "cpu_s_median": statistics.median(c for _, c in values),
    }
aria = summary.get("aria2-x4", {}).get("mib_per_s")
print("| tool | median s (min–max) | MiB/s | CPU s | × aria2c -x4 |")
print("|---|---|---|---|---|")
for tool, s in summary.items():
    s["ratio_vs_aria2c"] = s["mib_per_s"] / aria if aria else None
    ratio = f"{s['ratio_vs_aria2c']:.2f}" if aria else "–"
    print(f"| {tool} | {s['wall_s_median']:.2f} ({s['wall_s_min']:.2f}–{s['wall_s_max']:.2f}) | {s['mib_per_s']:.0f} | {s['cpu_s_median']:.2f} | {ratio} |")
print(f"\nfile: {size_mib:.0f} MiB; nginx limit_rate {rate} per connection; xfer = `xfer transfer` (CLI + silo CPU) with the "
      f"service's default segments; xfer-lib = the same job through the client library, timed inside (no CLI start-up), "
      f"with the silo's CPU only; target xfer >= 0.9x aria2c")
json.dump({"suite": "segments", "size_mib": size_mib, "limit_rate": rate, "tools": summary}, open(out, "w"), indent=2)
PY
