#!/usr/bin/env bash
# Yielding to foreground traffic (issue 14; docs/benchmarks.md "Yielding"): on the shaped-link bed of yield-bed.sh,
# for each congestion control, the foreground (curl on 8081) alone and next to each background on 8082 —
#   curl     plain curl (the anchor that never yields)
#   limit10  curl --limit-rate 10 % of the link (the anchor that always yields)
#   xfer     our service: the silo runs inside the client namespace; a Normal-priority job downloads from 8082
# and the goals G1-G5 (scripts/bench/yield/goals.py). Medians over the reps; a table to stdout, JSON to
# bench-results/yield.json. Root only (network namespaces); the bed and the silo go when the script ends.
#   scripts/bench/yield.sh [--reps N] [--window S] [--rate MBIT] [--queue-ms MS] [--cc "bbr cubic"] [--no-timestamps]
#                          [--only curl,limit10,xfer] [--quick]
# --quick (scripts/test.sh): cubic, 1 rep, 8 s windows; fg solo, curl-both, xfer-both, xfer-alone. Exits 1 when
# xfer's G1 is below plain curl's G1 of the same run, or xfer's G2 is below 80 %.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
source "$here/yield-bed.sh"

reps=3 window=15 rate=50 queue_ms=50 ccs="bbr cubic" timestamps=1 only=curl,limit10,xfer quick=0
while (($#)); do
  case "$1" in
    --reps) reps=$2; shift 2 ;;
    --window) window=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --queue-ms) queue_ms=$2; shift 2 ;;
    --cc) ccs=$2; shift 2 ;;
    --no-timestamps) timestamps=0; shift ;;
    --only) only=$2; shift 2 ;;
    --quick) quick=1; shift ;;
    # run.sh passes --runs to the suites that take it: here it is the number of reps.
    --runs) reps=$2; shift 2 ;;
    *) echo "yield.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
if ((quick)); then reps=1 window=8 ccs=cubic only=curl,xfer; fi
[[ $(id -u) -eq 0 ]] || { echo "yield.sh: needs root (network namespaces, tc, nftables)" >&2; exit 1; }
for cc in $ccs; do
  grep -qw "$cc" /proc/sys/net/ipv4/tcp_available_congestion_control || modprobe "tcp_$cc" 2>/dev/null \
    || { echo "yield.sh: congestion control '$cc' is not available in this kernel" >&2; exit 1; }
done
need curl curl; need python3 python3

ywork="$work/yield"; rm -rf "$ywork"; mkdir -p "$ywork/www" "$ywork/out"; chmod 755 "$ywork" "$ywork/www"
silo_started=
cleanup() {
  local status=$?
  if [[ -n $silo_started ]]; then
    ip netns exec "$bed_cli" env XFER_HOME="$ywork/home" "$bench_root/artifacts/xfer/xfer" service stop >/dev/null 2>&1 || true
  fi
  bed_down
  rm -rf "$ywork/www" "$ywork/out"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The file outlasts the longest run of one window (lead + 5 s of reclaim + the window) with room to spare.
file_mib=$(((rate * (window + 10) * 3 / 2 + 7) / 8))
((file_mib >= 32)) || file_mib=32
((file_mib <= 512)) || file_mib=512
head -c "${file_mib}M" /dev/urandom >"$ywork/www/big.bin"; chmod 644 "$ywork/www/big.bin"

bed_opts=(--cc "${ccs%% *}"); ((timestamps)) || bed_opts+=(--no-timestamps)
RATE=$rate QUEUE_MS=$queue_ms bed_up "${bed_opts[@]}"
bed_start_nginx "$ywork/www" "$ywork"
for _ in $(seq 50); do
  ip netns exec "$bed_cli" curl -sf -o /dev/null -r 0-0 http://10.200.0.1:8081/big.bin && break; sleep 0.1
done
echo "yield: bed $bed_prefix up ($rate Mbit/s, ${queue_ms} ms FIFO, ${file_mib} MiB file, load $(cut -d' ' -f1 /proc/loadavg))" >&2

if [[ ,$only, == *,xfer,* ]]; then
  # Built once (scripts/xfer rebuilds only when sources changed); the silo starts on demand inside the namespace,
  # so its downloads cross the shaped link. Its own XFER_HOME; ports are private to the namespace.
  "$bench_root/scripts/xfer" --help >/dev/null
  mkdir -p "$ywork/home"
  silo_started=1
  ip netns exec "$bed_cli" env XFER_HOME="$ywork/home" XFER_SILO_PATH="$bench_root/artifacts/silo/Orleans.Transfer.Silo" \
    "$bench_root/artifacts/xfer/xfer" job list >/dev/null
fi

# --quick runs one rep right after the test suite, whose tail (silos stopping, dirty pages, builds) can still hold the
# CPUs: the yield controller then reads scheduling delay as queueing and yields on an empty link (G2 68-75 % in 2 of
# ~40 CI runs). So wait, bounded, until the dirty pages are written and the CPUs are mostly idle for a second.
settle() {
  local idle_pct=0 waited=0 a b
  sync
  while ((waited < 60)); do
    read -ra a < <(head -1 /proc/stat); sleep 1; read -ra b < <(head -1 /proc/stat); waited=$((waited + 1))
    local total=0 i
    for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
    idle_pct=$(((b[4] - a[4] + b[5] - a[5]) * 100 / (total > 0 ? total : 1)))
    ((idle_pct >= 70)) && break
  done
  echo "yield: settled after ${waited} s (CPU ${idle_pct} % idle, load $(cut -d' ' -f1 /proc/loadavg))" >&2
}
((quick)) && settle

raw="$ywork/raw.jsonl"; : >"$raw"
load_start=$(cut -d' ' -f1 /proc/loadavg)
for cc in $ccs; do
  bed_set_cc "$cc"
  python3 - "$ywork/config-$cc.json" <<PY
import json, sys
json.dump({"cc": "$cc", "reps": $reps, "window": $window, "lead": 3, "rate_mbit": $rate, "quick": bool($quick),
           "bgs": "$only".split(","), "cli": "$bed_cli", "srv": "$bed_srv", "raw": "$raw", "out_dir": "$ywork/out",
           "xfer_cli": "$bench_root/artifacts/xfer/xfer", "xfer_silo": "$bench_root/artifacts/silo/Orleans.Transfer.Silo",
           "xfer_home": "$ywork/home"}, open(sys.argv[1], "w"))
PY
  python3 "$here/yield/driver.py" "$ywork/config-$cc.json"
done

python3 - "$ywork/meta.json" <<PY
import json, sys
json.dump({"rate_mbit": $rate, "queue_ms": $queue_ms, "window": $window, "lead_s": 3, "reps": $reps,
           "ccs": "$ccs".split(), "bgs": "$only".split(","), "quick": bool($quick), "no_timestamps": not $timestamps,
           "file_mib": $file_mib, "load_at_start": $load_start, "load_at_end": $(cut -d' ' -f1 /proc/loadavg),
           "date": "$(date -u +%FT%TZ)", "kernel": "$(uname -r)", "cpus": $(nproc)}, open(sys.argv[1], "w"))
PY
check=(); ((quick)) && check=(--quick-check)
python3 "$here/yield/goals.py" "$raw" "$results_dir/yield.json" "$ywork/meta.json" "${check[@]}"
