#!/usr/bin/env bash
# Downloads one 1 GiB file from nginx on 127.0.0.1 with `xfer transfer` and with the anchors (curl; wget and aria2c
# when requested), interleaved A B A B ..., and prints medians: wall time, MiB/s, CPU seconds per GiB (our silo's CPU
# counted), the throughput ratio against curl, and the silo's peak RSS.
# xfer-lib is the same job driven through the client library in a resident process (bench-client, timed inside): the
# service's own time, without the CLI's start-up. Also prints the cold latency of `xfer transfer` for a 64 KiB file.
#   scripts/bench/download.sh [--runs N] [--size-mib N] [--tools "xfer-lib curl wget aria2-x1 aria2-x4"]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

runs=5 size_mib=1024 tools="xfer-lib curl wget aria2-x1 aria2-x4"
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
[[ -f "$origin/small.bin" ]] || head -c 65536 /dev/urandom >"$origin/small.bin"
port=18080
start_nginx "$port" "$origin"
# Cold: the first `xfer transfer` starts the service; then the same with the service running (CLI start-up + job).
"$bench_root/scripts/xfer" --help >/dev/null 2>&1 || true   # build outside the timing
export XFER_HOME="$work/home" XFER_GATEWAY_PORT=${XFER_GATEWAY_PORT:-30500} XFER_SILO_PORT=${XFER_SILO_PORT:-11500}
"$bench_root/artifacts/xfer/xfer" service stop >/dev/null 2>&1 || true
export XFER_SILO_PATH="$bench_root/artifacts/silo/Orleans.Transfer.Silo"
rm -f "$out/small.bin"
cold=$(timed "$bench_root/artifacts/xfer/xfer" transfer "http://127.0.0.1:$port/small.bin" "$out/small.bin" | cut -d' ' -f1)
start_service
build_bench_client
trap 'stop_nginx; stop_service' EXIT
url="http://127.0.0.1:$port/big.bin"
warm_small=()
for i in 1 2 3 4 5; do
  rm -f "$out/small.bin"
  warm_small+=("$(timed "$xfer_bin" transfer "http://127.0.0.1:$port/small.bin" "$out/small.bin" | cut -d' ' -f1)")
done

run_tool() { # run_tool <tool> -> "wall cpu"
  local dest="$out/$1.bin"; rm -f "$dest"
  case "$1" in
    curl) timed curl -sS -o "$dest" "$url" ;;
    wget) timed wget -q -O "$dest" "$url" ;;
    aria2-x1) timed aria2c -q -x1 -s1 --allow-overwrite=true --auto-file-renaming=false --file-allocation=none -d "$out" -o "$1.bin" "$url" ;;
    aria2-x4) timed aria2c -q -x4 -s4 --allow-overwrite=true --auto-file-renaming=false --file-allocation=none -d "$out" -o "$1.bin" "$url" ;;
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
python3 - "$samples" "$size_mib" "$rss" "$results_dir/download.json" "$cold" "${warm_small[*]}" <<'PY'
import json, statistics, sys
samples, size_mib, rss, out, cold, warm_small = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4], float(sys.argv[5]), [float(x) for x in sys.argv[6].split()]
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
print(f"\nsilo peak RSS: {rss} MiB; file: {size_mib:.0f} MiB; xfer CPU = CLI + silo; xfer-lib = the service's time and "
      f"the silo's CPU only (resident client, timed inside)")
print(f"`xfer transfer` of 64 KiB: {cold:.2f} s cold (starts the service), {statistics.median(warm_small):.2f} s with the service running (median of 5)")
json.dump({"suite": "download", "size_mib": size_mib, "silo_peak_rss_mib": float(rss), "cold_transfer_64k_s": cold,
           "warm_transfer_64k_s": statistics.median(warm_small), "tools": summary}, open(out, "w"), indent=2)
PY
