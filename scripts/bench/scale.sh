#!/usr/bin/env bash
# Scale: 10,000 jobs of one small file each, created through the client library (bench-client, 32 calls in flight,
# timed inside); then `xfer job list --all` (the built CLI, start-up included) and the silo's RSS with the jobs idle
# (Suspended). On SQLite and on PostgreSQL (a separate xfer_bench database on scripts/postgres.sh's server), each with
# a fresh XFER_HOME and its own ports. Whole-run jobs/s; list time median of 5.
#   scripts/bench/scale.sh [--jobs N] [--profiles "sqlite postgres"]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

jobs=10000 profiles="sqlite postgres"
while (($#)); do
  case "$1" in
    --jobs) jobs=$2; shift 2 ;;
    --profiles) profiles=$2; shift 2 ;;
    *) echo "scale.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
need /usr/bin/time time
build_bench_client
"$bench_root/scripts/xfer" --help >/dev/null 2>&1 || true   # builds artifacts/ if sources changed
samples="$work/scale-samples.txt"; : >"$samples"
started_postgres=
# A PostgreSQL this script started is stopped with it; one already running (XFER_TEST_POSTGRES set) keeps running.
trap 'stop_service; if [[ -n $started_postgres ]]; then bash "$bench_root/scripts/postgres.sh" stop || true; fi' EXIT

for profile in $profiles; do
  home="$work/scale-$profile"; rm -rf "$home" "$work/scale-out"; mkdir -p "$work/scale-out"
  if [[ $profile == postgres ]]; then
    previous_postgres_dir=${XFER_TEST_POSTGRES_DIR:-}
    eval "$(bash "$bench_root/scripts/postgres.sh" start)"
    [[ ${XFER_TEST_POSTGRES_DIR:-} != "$previous_postgres_dir" ]] && started_postgres=1
    admin=$(sed 's/Database=[^;]*/Database=postgres/' <<<"$XFER_TEST_POSTGRES")
    psql_conn=$(tr ';' '\n' <<<"$admin" | awk -F= 'tolower($1) == "host" { h = $2 } tolower($1) == "port" { p = $2 } tolower($1) == "username" { u = $2 }
      END { printf "host=%s port=%s user=%s dbname=postgres", h ? h : "127.0.0.1", p ? p : 5432, u ? u : "postgres" }')
    # The password travels in the environment, not on a command line other users can read.
    pg_password=$(tr ';' '\n' <<<"$admin" | awk -F= 'tolower($1) == "password" { print substr($0, index($0, "=") + 1) }')
    PGPASSWORD=$pg_password PGOPTIONS=--client-min-messages=warning psql "$psql_conn" -qc 'DROP DATABASE IF EXISTS xfer_bench' -c 'CREATE DATABASE xfer_bench' >/dev/null
    export XFER_STORAGE=PostgreSql XFER_POSTGRES=$(sed 's/Database=[^;]*/Database=xfer_bench/' <<<"$XFER_TEST_POSTGRES")
    export XFER_GATEWAY_PORT=30520 XFER_SILO_PORT=11520
  else
    export XFER_STORAGE=Sqlite XFER_GATEWAY_PORT=30510 XFER_SILO_PORT=11510; unset XFER_POSTGRES
  fi
  start_service "$home"
  rss_empty=$(awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$silo_pid/status")
  cpu0=$(cpu_seconds "$silo_pid")
  created=$("$bench_client" scale "$jobs" "http://127.0.0.1:9/small.bin" "$work/scale-out")
  cpu1=$(cpu_seconds "$silo_pid")
  for i in 1 2 3 4 5; do
    /usr/bin/time -f '%e' -o "$work/.time" "$xfer_bin" job list --all >"$work/scale-list.txt"
    echo "$profile list $(cat "$work/.time") $(($(wc -l <"$work/scale-list.txt") - 1))" >>"$samples"
  done
  sleep 5   # idle: let the runtime settle before reading RSS
  rss_idle=$(awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$silo_pid/status")
  echo "$profile create $created $rss_empty $rss_idle $(peak_rss_mib "$silo_pid") $(awk -v a="$cpu1" -v b="$cpu0" 'BEGIN { print a - b }')" >>"$samples"
  stop_service
  [[ $profile == postgres ]] && PGPASSWORD=$pg_password PGOPTIONS=--client-min-messages=warning psql "$psql_conn" -qc 'DROP DATABASE IF EXISTS xfer_bench' >/dev/null
  rm -rf "$home"
done

python3 - "$samples" "$jobs" "$results_dir/scale.json" <<'PY'
import json, statistics, sys
samples, jobs, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
data = {}
for line in open(samples):
    profile, kind, rest = line.split(" ", 2)
    d = data.setdefault(profile, {"list_s": []})
    if kind == "list":
        t, n = rest.split(); d["list_s"].append(float(t)); d["listed"] = int(n)
    else:
        j, empty, idle, peak, cpu = rest.rsplit(" ", 4)
        c = json.loads(j); d.update(jobs_per_s=c["jobs_per_s"], create_s=c["create_s"], lib_list_s=c["list_s"], lib_listed=c["listed"]); d.update(rss_empty_mib=float(empty), rss_idle_mib=float(idle), rss_peak_mib=float(peak), silo_cpu_s=float(cpu))
print(f"| storage ({jobs:,} jobs) | create jobs/s | silo CPU ms/job | `xfer job list --all` s, median (min–max) | rows | ListAsync s (library) | silo RSS empty → {jobs:,} idle (peak) MiB |")
print("|---|---|---|---|---|---|---|")
for p, d in data.items():
    l = d["list_s"]
    print(f"| {p} | {d['jobs_per_s']:.0f} | {d['silo_cpu_s'] * 1000 / jobs:.2f} | {statistics.median(l):.2f} ({min(l):.2f}–{max(l):.2f}) | "
          f"{d.get('listed', 0)} | {d['lib_list_s']:.2f} | {d['rss_empty_mib']:.0f} → {d['rss_idle_mib']:.0f} ({d['rss_peak_mib']:.0f}) |")
json.dump({"suite": "scale", "jobs": jobs, "profiles": data}, open(out, "w"), indent=2)
PY
