#!/usr/bin/env bash
# Fan-out: one image (default 256 MiB) to N destinations (default 20), from an nginx origin on 127.0.0.1 that logs the
# body bytes it serves, three ways in the same run, interleaved:
#   xfer-cluster  three silo processes in one cluster (PostgreSQL from scripts/postgres.sh, a fresh database and
#                 cluster id, one shared XFER_CACHE_DIR, key ring and shared root, host0..host2), N Foreground jobs of
#                 the one URL created round robin through the three gateways by bench-client (timed inside, from the
#                 first create to the last Complete)
#   aria2c        N aria2c processes at once, each straight from the origin (as N hosts would)
#   nginx-cache   N curl processes at once through a second nginx server in front of the origin: proxy_cache with
#                 proxy_cache_lock on (the others wait for the first fetch to fill the cache, then read it)
# Each setup and run asks for its own URL (a hard link of the image), so every fetch starts cold: the origin's bytes
# are counted per URL from its access log. Every destination is checked against the image's SHA-256.
#   scripts/bench/fanout.sh [--runs N] [--size-mib N] [--count N]
# Defaults from FANOUT_RUNS (3), FANOUT_SIZE_MIB (256), FANOUT_COUNT (20); a smoke run: FANOUT_SIZE_MIB=32 FANOUT_COUNT=6.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

runs=${FANOUT_RUNS:-3} size_mib=${FANOUT_SIZE_MIB:-256} count=${FANOUT_COUNT:-20}
while (($#)); do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --size-mib) size_mib=$2; shift 2 ;;
    --count) count=$2; shift 2 ;;
    *) echo "fanout.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
need curl curl; need aria2c aria2; need nginx nginx; need psql postgresql-client; need sha256sum coreutils
"$bench_root/scripts/xfer" --help >/dev/null 2>&1 || true   # builds artifacts/ if sources changed
build_bench_client
silo_bin="$bench_root/artifacts/silo/Orleans.Transfer.Silo"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Everything the silos share lives under one directory, declared as their shared root: the destinations, the content
# cache, the key ring (on one machine every silo reaches it at the same path, as NFS would give several machines).
shared="$work/fanout-shared"; out="$shared/out"
rm -rf "$shared" "$work"/fanout-silo* "$work/fanout-nginx-cache"; mkdir -p "$out" "$shared/cache"
origin_dir="$work/origin/fanout"; mkdir -p "$origin_dir"
image="$origin_dir/image-$size_mib.bin"
[[ $(stat -c %s "$image" 2>/dev/null || echo 0) -eq $((size_mib * 1048576)) ]] \
  || head -c $((size_mib * 1048576)) /dev/urandom >"$image"
head -c 1048576 /dev/urandom >"$origin_dir/warm.bin"
image_sha=$(sha256sum "$image" | cut -d' ' -f1)

silo_pids=() started_postgres="" pg_password="" psql_conn=""
cleanup() {
  local pid waited
  for pid in "${silo_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${silo_pids[@]}"; do
    waited=0
    while kill -0 "$pid" 2>/dev/null && ((waited < 300)); do sleep 0.1; waited=$((waited + 1)); done
    kill -KILL "$pid" 2>/dev/null || true
  done
  nginx -c "$work/fanout-nginx.conf" -s stop >/dev/null 2>&1 || true
  if [[ -n $psql_conn ]]; then
    PGPASSWORD=$pg_password PGOPTIONS=--client-min-messages=warning psql "$psql_conn" -qc 'DROP DATABASE IF EXISTS xfer_fanout' >/dev/null 2>&1 || true
  fi
  if [[ -n $started_postgres ]]; then bash "$bench_root/scripts/postgres.sh" stop || true; fi
}
trap cleanup EXIT

# The origin (counted) and the caching proxy in front of it, one nginx. The lock waits as long as a fill can take
# (proxy_cache_lock_timeout is 5 s by default: past it a waiting request goes to the origin itself, uncached).
origin_port=$(free_port) proxy_port=$(free_port)
mkdir -p "$work/fanout-nginx-cache" "$work/fanout-nginx-temp"
cat >"$work/fanout-nginx.conf" <<NGINX
worker_processes 1;
pid $work/fanout-nginx.pid;
error_log $work/fanout-nginx-error.log;
events { worker_connections 1024; }
http {
  log_format origin '\$request_method \$uri \$status \$body_bytes_sent';
  sendfile on;
  tcp_nopush on;
  proxy_temp_path $work/fanout-nginx-temp;
  client_body_temp_path $work/fanout-nginx-temp;
  proxy_cache_path $work/fanout-nginx-cache levels=1:2 keys_zone=fanout:10m max_size=64g inactive=1h use_temp_path=off;
  server {
    listen 127.0.0.1:$origin_port;
    root $work/origin;
    access_log $work/fanout-origin-access.log origin;
  }
  server {
    listen 127.0.0.1:$proxy_port;
    access_log off;
    location / {
      proxy_pass http://127.0.0.1:$origin_port;
      proxy_http_version 1.1;
      proxy_cache fanout;
      proxy_cache_valid 200 1h;
      proxy_cache_lock on;
      proxy_cache_lock_timeout 1h;
      proxy_cache_lock_age 1h;
    }
  }
}
NGINX
chmod 755 "$work/fanout-nginx-cache" "$work/fanout-nginx-temp"
[[ $(id -u) -eq 0 ]] && chown nobody "$work/fanout-nginx-cache" "$work/fanout-nginx-temp"
: >"$work/fanout-origin-access.log"
nginx -c "$work/fanout-nginx.conf" -s stop >/dev/null 2>&1 || true
nginx -c "$work/fanout-nginx.conf"

# PostgreSQL: a database of our own on scripts/postgres.sh's server; one already running (XFER_TEST_POSTGRES) is kept.
previous_postgres_dir=${XFER_TEST_POSTGRES_DIR:-}
eval "$(bash "$bench_root/scripts/postgres.sh" start)"
[[ ${XFER_TEST_POSTGRES_DIR:-} != "$previous_postgres_dir" ]] && started_postgres=1
admin=$(sed 's/Database=[^;]*/Database=postgres/' <<<"$XFER_TEST_POSTGRES")
psql_conn=$(tr ';' '\n' <<<"$admin" | awk -F= 'tolower($1) == "host" { h = $2 } tolower($1) == "port" { p = $2 } tolower($1) == "username" { u = $2 }
  END { printf "host=%s port=%s user=%s dbname=postgres", h ? h : "127.0.0.1", p ? p : 5432, u ? u : "postgres" }')
# The password travels in the environment, not on a command line other users can read.
pg_password=$(tr ';' '\n' <<<"$admin" | awk -F= 'tolower($1) == "password" { print substr($0, index($0, "=") + 1) }')
PGPASSWORD=$pg_password PGOPTIONS=--client-min-messages=warning psql "$psql_conn" -qc 'DROP DATABASE IF EXISTS xfer_fanout' -c 'CREATE DATABASE xfer_fanout' >/dev/null

# Three silos, as docs/cluster.md sets them up: the first one's certificate (TLS is on when running as root) is shared.
export XFER_STORAGE=PostgreSql XFER_POSTGRES=$(sed 's/Database=[^;]*/Database=xfer_fanout/' <<<"$XFER_TEST_POSTGRES")
export XFER_CLUSTER_ID="bench-fanout-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
export Transfer__Security__KeyDirectory="$shared/keys" XFER_SHARED_ROOTS=$shared XFER_CACHE_DIR="$shared/cache" XFER_WEB_PORT=0
gateway_ports=()
start_cluster_silo() { # <index>
  local home="$work/fanout-silo$1"
  mkdir -p "$home"; gateway_ports[$1]=$(free_port)
  XFER_HOME=$home XFER_HOST_NAME="host$1" XFER_GATEWAY_PORT=${gateway_ports[$1]} XFER_SILO_PORT=$(free_port) \
    setsid "$silo_bin" </dev/null >>"$home/silo.log" 2>&1 &
  silo_pids+=($!)
}
wait_silo() { # <index>: the silo writes its pid file once it runs
  local home="$work/fanout-silo$1" waited=0
  until [[ -f $home/silo.pid ]]; do
    ((waited < 1200)) || { echo "fanout.sh: silo $1 did not start; its log:" >&2; tail -50 "$home/silo.log" >&2; exit 1; }
    sleep 0.1; waited=$((waited + 1))
  done
}
start_cluster_silo 0; wait_silo 0
[[ -f $work/fanout-silo0/tls/service.pfx ]] && export Transfer__Security__CertificatePath="$work/fanout-silo0/tls/service.pfx"
start_cluster_silo 1; start_cluster_silo 2; wait_silo 1; wait_silo 2

origin_url="http://127.0.0.1:$origin_port/fanout" proxy_url="http://127.0.0.1:$proxy_port/fanout"
fanout_xfer() { # <url> <dir>: bench-client's line of JSON (a client warning on stdout is left out)
  XFER_HOME="$work/fanout-silo0" XFER_GATEWAY_PORT=${gateway_ports[0]} \
    "$bench_client" fanout "$1" "$count" "$2" "${gateway_ports[1]}" "${gateway_ports[2]}" | grep '^{"seconds"' | tail -1
}
now() { date +%s.%N; }
elapsed() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.4f", a - b }'; }

run_setup() { # <setup> <name> <dir>: prints "seconds silos"
  local setup=$1 name=$2 dir=$3 t0 pids=() pid i json
  case "$setup" in
    xfer-cluster)
      json=$(fanout_xfer "$origin_url/$name" "$dir")
      python3 -c 'import json, sys; j = json.loads(sys.argv[1]); print(j["seconds"], j["silos"])' "$json" ;;
    aria2c)
      t0=$(now)
      for ((i = 0; i < count; i++)); do
        aria2c -q --file-allocation=none --auto-file-renaming=false --allow-overwrite=true -d "$dir" -o "$(printf 'dest%02d.bin' "$i")" "$origin_url/$name" &
        pids+=($!)
      done
      for pid in "${pids[@]}"; do wait "$pid"; done
      echo "$(elapsed "$t0") -" ;;
    nginx-cache)
      t0=$(now)
      for ((i = 0; i < count; i++)); do
        curl -sSf -o "$dir/$(printf 'dest%02d.bin' "$i")" "$proxy_url/$name" &
        pids+=($!)
      done
      for pid in "${pids[@]}"; do wait "$pid"; done
      echo "$(elapsed "$t0") -" ;;
  esac
}

# Warm-up (untimed): the silos' first jobs, the client's first calls.
mkdir -p "$out/warm"; fanout_xfer "$origin_url/warm.bin" "$out/warm" >/dev/null; rm -rf "$out/warm"

samples="$work/fanout-samples.txt"; : >"$samples"
setups="xfer-cluster aria2c nginx-cache"
for ((r = 1; r <= runs; r++)); do
  for setup in $setups; do
    name="image-$size_mib-$setup-$r-$$.bin"; ln -f "$image" "$origin_dir/$name"
    dir="$out/$setup-$r"; mkdir -p "$dir"
    warm_memory
    read -r t silos < <(run_setup "$setup" "$name" "$dir")
    ok=$(cd "$dir" && sha256sum dest*.bin | awk -v s="$image_sha" '$1 == s' | wc -l)
    [[ $ok -eq $count ]] || { echo "fanout.sh: $setup left $ok of $count files identical to the image" >&2; exit 1; }
    # nginx writes the access log line when a request ends: the origin's requests for this URL are all in by now.
    read -r bytes gets heads < <(awk -v u="/fanout/$name" '$2 == u { b += $4; if ($1 == "GET") g++; else if ($1 == "HEAD") h++ }
      END { printf "%.0f %d %d\n", b, g, h }' "$work/fanout-origin-access.log")
    echo "$setup $t $bytes $gets $heads $silos" >>"$samples"
    rm -rf "$dir" "$origin_dir/$name"   # 20 files, not thousands: no ext4 trap; keeps the disk use to one setup's
  done
done

python3 - "$samples" "$count" "$size_mib" "$results_dir/fanout.json" <<'PY'
import json, statistics, sys
samples, count, size_mib, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
size = size_mib * 1048576
rows = {}
for line in open(samples):
    setup, t, b, g, h, silos = line.split()
    rows.setdefault(setup, []).append({"s": float(t), "origin_bytes": int(b), "origin_gets": int(g), "origin_heads": int(h),
                                        "silos": None if silos == "-" else int(silos)})
summary = {}
for setup, v in rows.items():
    ts = [x["s"] for x in v]
    summary[setup] = {"runs": v, "s_median": statistics.median(ts), "s_min": min(ts), "s_max": max(ts),
                      "origin_copies_max": max(x["origin_bytes"] for x in v) / size}
anchor = summary.get("nginx-cache", {}).get("s_median")
print(f"| setup ({size_mib} MiB × {count}) | median s (min–max) | × nginx-cache time | origin bytes per run (copies) | origin GET / HEAD per run | silos used |")
print("|---|---|---|---|---|---|")
for setup, s in summary.items():
    bytes_ = ", ".join(f"{x['origin_bytes']:,} ({x['origin_bytes'] / size:.2f})" for x in s["runs"])
    reqs = ", ".join(f"{x['origin_gets']}/{x['origin_heads']}" for x in s["runs"])
    silos = ", ".join(str(x["silos"]) for x in s["runs"]) if s["runs"][0]["silos"] is not None else "–"
    ratio = s["s_median"] / anchor if anchor else float("nan")
    print(f"| {setup} | {s['s_median']:.2f} ({s['s_min']:.2f}–{s['s_max']:.2f}) | {ratio:.2f} | {bytes_} | {reqs} | {silos} |")
x = summary.get("xfer-cluster")
if x:
    print(f"\nTarget: the cluster's origin bytes are exactly one copy per run ({'met' if all(r['origin_bytes'] == size for r in x['runs']) else 'NOT met'}); "
          f"wall time {x['s_median'] / anchor:.2f}× nginx-cache (lower is better).")
json.dump({"suite": "fanout", "size_mib": size_mib, "count": count, "setups": summary}, open(out, "w"), indent=2)
PY
