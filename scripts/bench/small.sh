#!/usr/bin/env bash
# 1,000 × 64 KiB files from nginx on 127.0.0.1: our service as one job and as 1,000 jobs, completed by the client
# (xfer-1000-jobs) or by the service (xfer-1000-jobs-auto, CompleteWhenTransferred; xfer-1000-jobs-batch: the same
# jobs created 32 at a time, CreateJobsAsync) (driven through the client library by bench-client, timed inside after
# 200 untimed jobs of its own, so neither its start-up nor its JIT's compiles are counted: a backend service using the
# library is resident; its silo CPU is the timed jobs' alone), and as one `xfer transfer -i` of the
# same URL list wget and aria2c read (xfer-cli-i, the CLI's start-up counted as theirs is) vs wget -i, aria2c -j8 -i,
# one curl process for all URLs (sequential, and with -Z at 8 in parallel: the stretch anchor), and a curl loop (one
# process per file). Interleaved; medians of files/s, and for the targets the median of each round's own ratio.
#   scripts/bench/small.sh [--runs N] [--count N]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

runs=5 count=1000
while (($#)); do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --count) count=$2; shift 2 ;;
    *) echo "small.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
need curl curl; need wget wget; need aria2c aria2

# A fresh output directory per run, and no delete before the timing: this VM's ext4 (no journal) creates files slowly for
# a minute after many deletes (docs/benchmarks.md, "an ext4 trap"). Earlier runs' outputs stay in the work directory
# (~1.8 GB a run) until it is removed; ab.sh removes them at its end.
origin="$work/origin/small"; mkdir -p "$origin"
out=$(mktemp -d "$work/out-small.XXXXXX")
if [[ $(find "$origin" -name 'f*.bin' | wc -l) -ne $count ]]; then
  for ((i = 0; i < count; i++)); do head -c 65536 /dev/urandom >"$origin/$(printf 'f%04d.bin' "$i")"; done
fi
port=18080
start_nginx "$port" "$work/origin"
start_service
build_bench_client
trap 'stop_nginx; stop_service' EXIT
base="http://127.0.0.1:$port/small"
list="$work/small-urls.txt"; : >"$list"
curlcfg="$work/small-curl.cfg"; : >"$curlcfg"
for ((i = 0; i < count; i++)); do
  name=$(printf 'f%04d.bin' "$i"); echo "$base/$name" >>"$list"; printf 'url = "%s"\noutput = "%s"\n' "$base/$name" "$name" >>"$curlcfg"
done

# The driver stands for a resident backend service, whose code was compiled long ago and whose threads are its own
# business; here it shares the 2 cores with the silo it measures. So it runs without tiered compilation (each method
# compiled once, fully, in its untimed warm-up jobs; its tier-1 recompiles had taken ~30 % of its samples in the timed
# jobs) and without a spinning thread pool
# (its workers' spin-waits took ~37 %): its CPU over 1,000 one-file jobs 1.2-2.0 s -> 0.4-0.6 s (docs/benchmarks.md,
# "small: ... the bench driver's own CPU"). The product's settings are untouched.
driver=(env DOTNET_TieredCompilation=0 DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 "$bench_client")

# The library modes' JSON: prints their time; keeps the silo's CPU over their timed jobs alone (not their untimed warm-up
# jobs, bench-client) for the sample, when the driver could read it.
library_run() {
  python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["seconds"]); j.get("silo_cpu_s") is None or open(sys.argv[1], "w").write(str(j["silo_cpu_s"]))' "$work/.silo-cpu"
}

run_tool() { # run_tool <tool> <dir> -> seconds
  local dir=$2 t; mkdir -p "$dir"
  case "$1" in
    xfer-one-job) t=$("${driver[@]}" small-one "$base" "$count" "$dir" | library_run) ;;
    xfer-1000-jobs) t=$("${driver[@]}" small-many "$base" "$count" "$dir" | library_run) ;;
    xfer-1000-jobs-auto) t=$("${driver[@]}" small-many-auto "$base" "$count" "$dir" | library_run) ;;
    xfer-1000-jobs-batch) t=$("${driver[@]}" small-many-batch "$base" "$count" "$dir" 32 | library_run) ;;
    xfer-cli-i) t=$(timed "$xfer_bin" transfer -q -i "$list" --dir "$dir" | cut -d' ' -f1) ;;
    wget-i) t=$(cd "$dir" && timed wget -q -i "$list" | cut -d' ' -f1) ;;
    aria2c-j8) t=$(timed aria2c -q -j8 --file-allocation=none --auto-file-renaming=false -d "$dir" -i "$list" | cut -d' ' -f1) ;;
    curl-one) t=$(cd "$dir" && timed curl -sS -K "$curlcfg" | cut -d' ' -f1) ;;
    curl-z8) t=$(cd "$dir" && timed curl -sS -Z --parallel-max 8 -K "$curlcfg" | cut -d' ' -f1) ;;
    curl-loop) t=$(cd "$dir" && /usr/bin/time -f '%e' -o "$work/.time" bash -c 'while read -r u; do curl -sS -O "$u"; done <"$1"' _ "$list" && cat "$work/.time") ;;
  esac
  local n; n=$(find "$dir" -maxdepth 1 -name 'f*.bin' -size 64k | wc -l)
  [[ $n -eq $count ]] || { echo "small.sh: $1 left $n of $count files" >&2; exit 1; }
  echo "$t"
}

tools="xfer-one-job xfer-cli-i xfer-1000-jobs xfer-1000-jobs-auto xfer-1000-jobs-batch wget-i aria2c-j8 curl-one curl-z8 curl-loop"
run_tool xfer-one-job "$out/warm-one" >/dev/null; run_tool xfer-1000-jobs "$out/warm-many" >/dev/null   # warm-up
run_tool xfer-cli-i "$out/warm-cli" >/dev/null
run_tool xfer-1000-jobs-auto "$out/warm-many-auto" >/dev/null
run_tool xfer-1000-jobs-batch "$out/warm-many-batch" >/dev/null
samples="$work/small-samples.txt"; : >"$samples"
for ((i = 1; i <= runs; i++)); do
  for tool in $tools; do
    warm_memory
    before=$(cpu_seconds "$silo_pid"); rm -f "$work/.silo-cpu"
    t=$(run_tool "$tool" "$out/$tool-$i")
    after=$(cpu_seconds "$silo_pid")
    [[ $tool == xfer* ]] && silo_cpu=$(awk -v a="$after" -v b="$before" 'BEGIN { printf "%.3f", a - b }') || silo_cpu=0
    [[ -f $work/.silo-cpu ]] && silo_cpu=$(cat "$work/.silo-cpu")
    echo "$tool $t $silo_cpu" >>"$samples"
  done
done
rss=$(peak_rss_mib "$silo_pid")

python3 - "$samples" "$count" "$rss" "$results_dir/small.json" <<'PY'
import json, statistics, sys
samples, count, rss, out = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
rows = {}
for line in open(samples):
    tool, t, cpu = line.split()
    rows.setdefault(tool, []).append((float(t), float(cpu)))
summary = {}
for tool, v in rows.items():
    ts = [t for t, _ in v]
    summary[tool] = {"runs": len(ts), "s_median": statistics.median(ts), "s_min": min(ts), "s_max": max(ts),
                     "files_per_s": count / statistics.median(ts), "silo_cpu_s_median": statistics.median(c for _, c in v)}
def ratio(tool, anchor):
    return summary[tool]["files_per_s"] / summary[anchor]["files_per_s"] if tool in summary and anchor in summary else float("nan")
print(f"| tool ({count} × 64 KiB) | median s (min–max) | files/s | × wget -i | × aria2c -j8 | silo CPU s |")
print("|---|---|---|---|---|---|")
for tool, s in summary.items():
    print(f"| {tool} | {s['s_median']:.2f} ({s['s_min']:.2f}–{s['s_max']:.2f}) | {s['files_per_s']:.0f} | "
          f"{ratio(tool, 'wget-i'):.2f} | {ratio(tool, 'aria2c-j8'):.2f} | {s['silo_cpu_s_median'] if tool.startswith('xfer') else '–'} |")
print(f"\nsilo peak RSS {rss} MiB. Targets: one job ≥ wget -i ({ratio('xfer-one-job', 'wget-i'):.2f}× through the library, "
      f"{ratio('xfer-cli-i', 'wget-i'):.2f}× as xfer transfer -i; stretch ≥ curl -Z at 8: {ratio('xfer-cli-i', 'curl-z8'):.2f}×), "
      f"1,000 jobs ≥ aria2c -j8 ({ratio('xfer-1000-jobs', 'aria2c-j8'):.2f}×).")
# Each round runs every tool once, back to back, so a round's own pair is the fairer ratio: the anchors' times move
# between runs on this machine more than ours do (docs/benchmarks.md, small, 2026-12-06 07:30).
paired = {}
for tool, anchor in (("xfer-cli-i", "wget-i"), ("xfer-one-job", "wget-i"), ("xfer-cli-i", "curl-z8"), ("xfer-one-job", "curl-z8"),
                     ("xfer-1000-jobs", "aria2c-j8"), ("xfer-1000-jobs-auto", "aria2c-j8"), ("xfer-1000-jobs-batch", "aria2c-j8")):
    if tool in rows and anchor in rows:
        r = [a / t for (t, _), (a, _) in zip(rows[tool], rows[anchor])]
        paired[f"{tool}/{anchor}"] = {"median": statistics.median(r), "min": min(r), "max": max(r), "ahead": sum(x >= 1 for x in r), "rounds": len(r)}
        print(f"{tool} × {anchor}, paired per round: {statistics.median(r):.2f} ({min(r):.2f}–{max(r):.2f}), "
              f"at least as fast in {sum(x >= 1 for x in r)} of {len(r)} rounds")
json.dump({"suite": "small", "count": count, "silo_peak_rss_mib": rss, "tools": summary, "paired": paired}, open(out, "w"), indent=2)
PY
