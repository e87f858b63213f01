#!/usr/bin/env bash
# Scale: N jobs (default 10,000) of one small file each, created through the client library as a trusted service
# (bench-client, Orleans gateway with the service's certificate: elevated, so the administrators' quota of 100,000
# applies, not the 20,000 of one owner), 32 calls in flight, timed inside, with the creation rate per tenth of the jobs
# so a decay shows. Then the first page of the listing, median of 5, through the library (ListPageAsync) and through
# the built CLI (`xfer job list --all`, start-up included: it prints the first page), and the full list through the
# library (ListAsync). Then the silo's RSS with the jobs active (right after creating them) and idle: the script waits
# for Orleans to collect them (Transfer:Jobs:IdleDeactivationAge, 2 minutes, plus up to a minute of Orleans'
# collection quantum; nothing is forced) and for the silo's release of their memory (checked once a minute), so each
# profile waits 3-5 minutes. On SQLite and on PostgreSQL (a separate xfer_bench database on scripts/postgres.sh's
# server), each with a fresh XFER_HOME and its own ports. Last, N more jobs created in batches of B (--batch, default
# 100; 0 skips it) through CreateJobsAsync, on top of the first N: the batch create's rate and CPU (issue 16).
#   scripts/bench/scale.sh [--jobs N] [--profiles "sqlite postgres"] [--batch B]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

jobs=10000 profiles="sqlite postgres" batch=100
while (($#)); do
  case "$1" in
    --jobs) jobs=$2; shift 2 ;;
    --profiles) profiles=$2; shift 2 ;;
    --batch) batch=$2; shift 2 ;;
    *) echo "scale.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
need /usr/bin/time time
build_bench_client
"$bench_root/scripts/xfer" --help >/dev/null 2>&1 || true   # builds artifacts/ if sources changed
samples="$work/scale-samples.txt"; : >"$samples"
rss_mib() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
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
  rss_empty=$(rss_mib "$silo_pid")
  cpu0=$(cpu_seconds "$silo_pid")
  created=$("$bench_client" scale "$jobs" "http://127.0.0.1:9/small.bin" "$work/scale-out")
  cpu1=$(cpu_seconds "$silo_pid")
  rss_active=$(rss_mib "$silo_pid")
  for i in 1 2 3 4 5; do
    /usr/bin/time -f '%e' -o "$work/.time" "$xfer_bin" job list --all >"$work/scale-list.txt" 2>/dev/null
    echo "$profile list $(cat "$work/.time") $(($(wc -l <"$work/scale-list.txt") - 1))" >>"$samples"
  done

  # Idle: wait until Orleans has collected the job grains (none forced), then for the release of their memory.
  waited=0
  until [[ $("$bench_client" activations) == '{"job_activations":0,'* ]]; do
    ((waited < 420)) || { echo "scale.sh: the job grains were not collected within 7 minutes" >&2; break; }
    sleep 10; waited=$((waited + 10))
  done
  sleep 65
  rss_idle=$(rss_mib "$silo_pid")
  if ((batch > 0)); then
    mkdir -p "$work/scale-out-batch"
    echo "$profile batch $("$bench_client" scale-batch "$jobs" "http://127.0.0.1:9/small.bin" "$work/scale-out-batch" "$batch")" >>"$samples"
  fi
  echo "$profile create $created $rss_empty $rss_active $rss_idle $(peak_rss_mib "$silo_pid") $(awk -v a="$cpu1" -v b="$cpu0" 'BEGIN { print a - b }') $waited" >>"$samples"
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
    d = data.setdefault(profile, {"cli_first_page_s": []})
    if kind == "batch":
        d["batch"] = json.loads(rest)
    elif kind == "list":
        t, n = rest.split(); d["cli_first_page_s"].append(float(t)); d["cli_first_page_rows"] = int(n)
    else:
        j, empty, active, idle, peak, cpu, waited = rest.rsplit(" ", 6)
        c = json.loads(j)
        d.update(jobs_per_s=c["jobs_per_s"], create_s=c["create_s"], jobs_per_s_by_tenth=c["jobs_per_s_by_tenth"],
                 lib_first_page_s=c["first_page_s"], lib_list_s=c["list_s"], lib_listed=c["listed"],
                 silo_cpu_ms_by_tenth=c["silo_cpu_ms_per_job_by_tenth"], client_cpu_ms_per_job=c["client_cpu_ms_per_job"],
                 client_cpu_ms_by_tenth=c["client_cpu_ms_per_job_by_tenth"])
        d.update(rss_empty_mib=float(empty), rss_active_mib=float(active), rss_idle_mib=float(idle), rss_peak_mib=float(peak),
                 silo_cpu_s=float(cpu), collected_after_s=int(waited))
med = statistics.median
print(f"| storage ({jobs:,} jobs) | create jobs/s | per tenth | silo CPU ms/job | first page: library ms, `xfer job list --all` s (median of 5) | ListAsync s (rows) | silo RSS MiB: empty → active → idle (peak) |")
print("|---|---|---|---|---|---|---|")
for p, d in data.items():
    l = d["cli_first_page_s"]
    print(f"| {p} | {d['jobs_per_s']:.0f} | {' '.join(f'{r:.0f}' for r in d['jobs_per_s_by_tenth'])} | {d['silo_cpu_s'] * 1000 / jobs:.2f} | "
          f"{med(d['lib_first_page_s']) * 1000:.1f}, {med(l):.2f} ({min(l):.2f}–{max(l):.2f}) | {d['lib_list_s']:.2f} ({d['lib_listed']}) | "
          f"{d['rss_empty_mib']:.0f} → {d['rss_active_mib']:.0f} → {d['rss_idle_mib']:.0f} ({d['rss_peak_mib']:.0f}) |")
for p, d in data.items():
    tenths = " ".join(f"{x:.2f}" for x in d["silo_cpu_ms_by_tenth"] or [])
    print(f"({p}: silo CPU ms per create by tenth {tenths}; bench-client {d['client_cpu_ms_per_job']:.2f} ms per create, "
          f"by tenth {' '.join(f'{x:.2f}' for x in d['client_cpu_ms_by_tenth'])})")
for p, d in data.items():
    if b := d.get("batch"):
        print(f"({p}: {jobs:,} more jobs in calls of {b['batch']} (CreateJobsAsync), after those above: {b['jobs_per_s']:.0f} jobs/s, "
              f"silo CPU ms per create by tenth {' '.join(f'{x:.2f}' for x in b['silo_cpu_ms_per_job_by_tenth'] or [])})")
waits = ", ".join(f"{p} {d['collected_after_s']} s" for p, d in data.items())
print(f"(idle: the job grains were collected {waits} after the listings, then 65 s for the release of their memory)")
json.dump({"suite": "scale", "jobs": jobs, "profiles": data}, open(out, "w"), indent=2)
PY
