#!/usr/bin/env bash
# Downloads one 1 GiB file from nginx on 127.0.0.1 with `xfer transfer` and with the anchors (curl; wget and aria2c
# when requested) and prints medians: wall time, MiB/s, CPU seconds per GiB (our silo's CPU counted), the throughput
# ratio against curl, and the silo's peak RSS.
# What ran just before a download changes it (the previous tool's freed page cache, its deleted file's discards, the
# host's cold memory), so each round runs every variant:
#   order xfer-first: each of our runs is followed by a curl run (xfer curl, xfer-fg curl, ...);
#         curl-first: each of our runs is preceded by one (curl xfer, curl xfer-fg, ...);
#   warm  yes: ~1.25 GiB of page cache written and deleted right before every download; no: nothing in between.
# × curl of our tools is the median of the ratios to the curl run paired with each (same variant, adjacent).
# xfer = `xfer transfer` at the default priority (Normal); xfer-fg = the same with --priority foreground.
# xfer-lib is the same job driven through the client library in a resident process (bench-client, timed inside): the
# service's own time, without the CLI's start-up. Also prints the cold latency of `xfer transfer` for a 64 KiB file.
#   scripts/bench/download.sh [--runs N] [--size-mib N] [--tools "xfer-lib xfer-fg wget aria2-x1 aria2-x4"]
#                             [--order xfer-first|curl-first|alternate] [--warm yes|no|both]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

runs=5 size_mib=1024 tools="xfer-lib xfer-fg wget aria2-x1 aria2-x4" order=alternate warm=both
while (($#)); do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --size-mib) size_mib=$2; shift 2 ;;
    --tools) tools=$2; shift 2 ;;
    --order) order=$2; shift 2 ;;
    --warm) warm=$2; shift 2 ;;
    *) echo "download.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

case "$order" in
  xfer-first|curl-first) orders=("$order") ;;
  alternate) orders=(xfer-first curl-first) ;;
  *) echo "download.sh: --order '$order': expected xfer-first, curl-first or alternate" >&2; exit 2 ;;
esac
case "$warm" in
  yes|no) warms=("$warm") ;;
  both) warms=(yes no) ;;
  *) echo "download.sh: --warm '$warm': expected yes, no or both" >&2; exit 2 ;;
esac
# Ours are paired with a curl run each; the other anchors run after the pairs.
ours=(xfer) anchors=()
for tool in $tools; do
  case "$tool" in
    xfer) ;;
    curl) ;;
    xfer-fg|xfer-lib) ours+=("$tool") ;;
    wget|aria2-x1|aria2-x4) anchors+=("$tool") ;;
    *) echo "download.sh: unknown tool '$tool' (xfer-lib, xfer-fg, curl, wget, aria2-x1, aria2-x4)" >&2; exit 2 ;;
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
port=${BENCH_NGINX_PORT:-18080}   # another port when suites of several checkouts run at once
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
    xfer|xfer-fg)
      local before after t priority=normal
      [[ $1 == xfer-fg ]] && priority=foreground
      before=$(cpu_seconds "$silo_pid")
      t=$(timed "$xfer_bin" transfer "$url" "$dest" --name bench --priority "$priority")
      after=$(cpu_seconds "$silo_pid")
      awk -v t="$t" -v b="$before" -v a="$after" 'BEGIN { split(t, p, " "); printf "%s %.3f\n", p[1], p[2] + a - b }'
      ;;
  esac
  [[ $(sha256sum "$dest" | cut -d' ' -f1) == "$expected" ]] || { echo "download.sh: $1 produced a different file" >&2; exit 1; }
  rm -f "$dest"
}

# Warm-up, as a resident service would be: JIT and connection pools. Tiering goes on for about six transfers of 1 GiB
# after a start (docs/benchmarks.md, the JIT's tier-up over a fresh silo): with two, the first timed runs paid for it.
# A priority's first run takes its own connection pool and code paths.
warmups=${BENCH_DOWNLOAD_WARMUPS:-6}
for ((i = 0; i < warmups; i++)); do for tool in "${ours[@]}"; do run_tool "$tool" >/dev/null; done; done
samples="$work/download-samples.txt"; : >"$samples"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
measure() { # measure <order> <warm> <pair> <tool>: one timed download, appended to the samples
  [[ $2 == yes ]] && warm_memory
  echo "$1 $2 $3 $4 $(run_tool "$4")" >>"$samples"
}
pair=0
for ((i = 1; i <= runs; i++)); do
  for o in "${orders[@]}"; do
    for w in "${warms[@]}"; do
      for tool in "${ours[@]}"; do
        pair=$((pair + 1))
        if [[ $o == xfer-first ]]; then
          measure "$o" "$w" "$pair" "$tool"; measure "$o" "$w" "$pair" curl
        else
          measure "$o" "$w" "$pair" curl; measure "$o" "$w" "$pair" "$tool"
        fi
      done
      for tool in "${anchors[@]}"; do measure "$o" "$w" 0 "$tool"; done
    done
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

rss=$(peak_rss_mib "$silo_pid")
python3 - "$samples" "$size_mib" "$rss" "$results_dir/download.json" "$cold" "${warm_small[*]}" "$load_before" "$load_after" <<'PY'
import json, statistics, sys
samples, size_mib, rss, out, cold = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4], float(sys.argv[5])
warm_small, load_before, load_after = [float(x) for x in sys.argv[6].split()], sys.argv[7], sys.argv[8]
gib = size_mib / 1024
rows = []  # (order, warm, pair, tool, wall, cpu)
for line in open(samples):
    order, warm, pair, tool, wall, cpu = line.split()
    rows.append((order, warm, int(pair), tool, float(wall), float(cpu)))

def summarize(values, ratios=None, cpu_ratios=None):
    walls = [w for w, _ in values]
    s = {
        "runs": len(values),
        "wall_s_median": statistics.median(walls),
        "wall_s_min": min(walls), "wall_s_max": max(walls),
        "mib_per_s": size_mib / statistics.median(walls),
        "cpu_s_per_gib": statistics.median(c for _, c in values) / gib,
    }
    if ratios:
        s["x_curl_paired"] = statistics.median(ratios)
        s["x_curl_min"], s["x_curl_max"] = min(ratios), max(ratios)
        s["cpu_x_curl_paired"] = statistics.median(cpu_ratios)
    return s

def table(subset):
    by_tool, curl_of_pair = {}, {}
    for order, warm, pair, tool, wall, cpu in subset:
        by_tool.setdefault(tool, []).append((wall, cpu))
        if tool == "curl":
            curl_of_pair[pair] = (wall, cpu)
    summary = {}
    for tool, values in by_tool.items():
        ratios = [curl_of_pair[p][0] / w for o, wm, p, t, w, c in subset if t == tool and tool != "curl" and p in curl_of_pair]
        cpu_ratios = [c / curl_of_pair[p][1] for o, wm, p, t, w, c in subset if t == tool and tool != "curl" and p in curl_of_pair]
        summary[tool] = summarize(values, ratios, cpu_ratios)
    return summary

def print_table(summary):
    curl = summary.get("curl", {}).get("mib_per_s")
    print("| tool | median s (min–max) | MiB/s | CPU s/GiB | × curl (paired, min–max) | CPU × curl |")
    print("|---|---|---|---|---|---|")
    for tool, s in summary.items():
        if "x_curl_paired" in s:
            ratio = f"{s['x_curl_paired']:.2f} ({s['x_curl_min']:.2f}–{s['x_curl_max']:.2f})"
            cpu_ratio = f"{s['cpu_x_curl_paired']:.2f}"
        else:
            ratio = f"{s['mib_per_s'] / curl:.2f}" if curl and tool != "curl" else ("1.00" if tool == "curl" else "–")
            cpu_ratio = f"{s['cpu_s_per_gib'] * gib / (summary['curl']['cpu_s_per_gib'] * gib):.2f}" if curl else "–"
        print(f"| {tool} | {s['wall_s_median']:.2f} ({s['wall_s_min']:.2f}–{s['wall_s_max']:.2f}) | {s['mib_per_s']:.0f} | "
              f"{s['cpu_s_per_gib']:.2f} | {ratio} | {cpu_ratio} |")

variants = {}
for order, warm in dict.fromkeys((r[0], r[1]) for r in rows):
    summary = table([r for r in rows if (r[0], r[1]) == (order, warm)])
    variants[f"{order} warm={warm}"] = summary
    print(f"### order {order}, warm-up {warm}\n")
    print_table(summary)
    print()

print("| variant | " + " | ".join(t for t in ("xfer", "xfer-fg", "xfer-lib") if any(t in v for v in variants.values())) + " | xfer-fg s / xfer s |")
print("|---|" + "---|" * (1 + sum(1 for t in ("xfer", "xfer-fg", "xfer-lib") if any(t in v for v in variants.values()))))
for name, v in variants.items():
    cells = [f"{v[t]['x_curl_paired']:.2f}" for t in ("xfer", "xfer-fg", "xfer-lib") if any(t in x for x in variants.values()) and t in v]
    fg = f"{v['xfer-fg']['wall_s_median'] / v['xfer']['wall_s_median']:.2f}" if "xfer-fg" in v else "–"
    print(f"| {name} | " + " | ".join(cells) + f" | {fg} |")
print("\n(× curl, paired medians)")
pooled = table(rows)
print(f"\nsilo peak RSS: {rss} MiB; file: {size_mib:.0f} MiB; xfer CPU = CLI + silo; xfer-lib = the service's time and "
      f"the silo's CPU only (resident client, timed inside); load {load_before} before, {load_after} after")
print(f"`xfer transfer` of 64 KiB: {cold:.2f} s cold (starts the service), {statistics.median(warm_small):.2f} s with the service running (median of 5)")
json.dump({"suite": "download", "size_mib": size_mib, "silo_peak_rss_mib": float(rss), "cold_transfer_64k_s": cold,
           "warm_transfer_64k_s": statistics.median(warm_small), "load_before": load_before, "load_after": load_after,
           "tools": pooled, "variants": variants}, open(out, "w"), indent=2)
PY
