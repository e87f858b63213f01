# Shared helpers for the benchmark suites: tools, the nginx origin, the resident transfer service, measurement.
# Sourced, not run. Requires: root or sudo for apt when tools are missing.

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# A private work directory (mktemp: never a predictable shared /tmp path another user could plant), shared by the
# suites of one run through BENCH_WORK; set BENCH_WORK to reuse one, and its origin files, across runs.
if [[ -z ${BENCH_WORK:-} ]]; then
  BENCH_WORK=$(mktemp -d "${TMPDIR:-/tmp}/xfer-bench.XXXXXX")
  # nginx's workers read the origin files as another user; the random name keeps others from planting it.
  chmod 755 "$BENCH_WORK"
  echo "bench: work directory $BENCH_WORK (set BENCH_WORK to reuse it)" >&2
fi
export BENCH_WORK
work=$BENCH_WORK
results_dir="$bench_root/bench-results"
mkdir -p "$work" "$results_dir"

need() { # need <command> <debian package>
  command -v "$1" >/dev/null 2>&1 && return
  echo "bench: installing $2" >&2
  local sudo=""; [[ $(id -u) -ne 0 ]] && sudo=sudo
  $sudo apt-get update -qq >/dev/null && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}

# Memory handed back to the host is slow on first touch: touch ~1.25 GiB of page cache before each timed run.
warm_memory() {
  dd if=/dev/zero of="$work/.warm" bs=1M count=1280 status=none && rm -f "$work/.warm"
}

# Starts nginx on 127.0.0.1:$1 serving $2 (sendfile on), as the anchors' reference origin; $3, optional, is more
# directives for the server block (a rate-limited location, say).
start_nginx() {
  need nginx nginx
  local port=$1 root=$2 extra=${3:-} conf="$work/nginx.conf"
  cat >"$conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 256; }
http {
  log_format bench '\$request_uri \$status \$bytes_sent \$body_bytes_sent';
  access_log $work/nginx-access.log bench;
  sendfile on;
  tcp_nopush on;
  server { listen 127.0.0.1:$port; root $root; $extra }
}
NGINX
  nginx -c "$conf" -s stop >/dev/null 2>&1 || true
  nginx -c "$conf"
}

stop_nginx() { nginx -c "$work/nginx.conf" -s stop >/dev/null 2>&1 || true; }

# The transfer service: built once, started once (it is resident, like BITS), isolated in its own XFER_HOME and ports.
start_service() { # [home]: default $work/home; the caller may export XFER_STORAGE/XFER_POSTGRES and ports first
  export XFER_HOME="${1:-$work/home}" XFER_GATEWAY_PORT=${XFER_GATEWAY_PORT:-30500} XFER_SILO_PORT=${XFER_SILO_PORT:-11500}
  mkdir -p "$XFER_HOME"
  "$bench_root/scripts/xfer" job list >/dev/null   # builds if needed and starts the service on demand
  silo_pid=$(cat "$XFER_HOME/silo.pid")
  xfer_bin="$bench_root/artifacts/xfer/xfer"
}

# Starts the built silo binary directly (as after a crash), detached, with the current XFER_* environment.
start_silo_binary() {
  setsid "$bench_root/artifacts/silo/Orleans.Transfer.Silo" </dev/null >>"$XFER_HOME/silo.log" 2>&1 &
}

# The bench driver (client library, timing inside): built once into scripts/bench/bench-client/bin.
build_bench_client() {
  bench_client="$bench_root/scripts/bench/bench-client/bin/Release/net10.0/bench-client"
  dotnet build -c Release -v q -nologo "$bench_root/scripts/bench/bench-client" >"$work/.build.log" 2>&1 \
    || { cat "$work/.build.log" >&2; return 1; }
}

# Waits (bounded) until a file exists and is at least $2 bytes; prints nothing. wait_size <path> <bytes> <timeout s>
wait_size() {
  local deadline=$((SECONDS + $3))
  until [[ $(stat -c %s "$1" 2>/dev/null || echo 0) -ge $2 ]]; do
    ((SECONDS < deadline)) || { echo "bench: timed out waiting for $1 to reach $2 bytes" >&2; return 1; }
    sleep 0.005
  done
}

stop_service() { [[ -n ${XFER_HOME:-} ]] && "$bench_root/artifacts/xfer/xfer" service stop >/dev/null 2>&1 || true; }

# CPU seconds (user+system) a process has used so far.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"; }

# Peak resident set of a process so far, in MiB.
peak_rss_mib() { awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# Runs a command, printing "wall user+sys" seconds (children included).
timed() {
  /usr/bin/time -o "$work/.time" -f '%e %U %S' "$@" >/dev/null 2>"$work/.stderr" || { cat "$work/.stderr" >&2; return 1; }
  awk '{ printf "%s %.3f\n", $1, $2 + $3 }' "$work/.time"
}
