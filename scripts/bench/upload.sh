#!/usr/bin/env bash
# Uploads one 1 GiB file to 127.0.0.1 with `xfer upload` (a client silo sending to our BITS upload server, a second
# silo with its own XFER_HOME, XFER_UPLOAD_ROOT and XFER_UPLOAD_PORT) and with `curl -T` (PUT) to nginx with WebDAV
# PUT, interleaved in one run with the order alternating each round, and prints medians: wall time, MiB/s, CPU seconds
# per GiB (xfer: client silo + server silo, the CLI's own CPU shown apart; curl: curl + nginx's worker) and the
# throughput ratio xfer/curl. Each upload is checked byte-identical (outside the timing).
#   scripts/bench/upload.sh [--runs N] [--size-mib N]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

runs=5 size_mib=1024
while (($#)); do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --size-mib) size_mib=$2; shift 2 ;;
    *) echo "upload.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

need curl curl; need /usr/bin/time time; need nginx nginx
nginx -V 2>&1 | grep -q -- --with-http_dav_module \
  || { echo "upload.sh: this nginx lacks the WebDAV module (PUT); install Debian's nginx (or nginx-extras)" >&2; exit 1; }

source_dir="$work/upload-source"; mkdir -p "$source_dir"
src="$source_dir/big.bin"
if [[ $(stat -c %s "$src" 2>/dev/null || echo 0) -ne $((size_mib * 1024 * 1024)) ]]; then
  head -c $((size_mib * 1024 * 1024)) /dev/urandom >"$src"
fi
expected=$(sha256sum "$src" | cut -d' ' -f1)

# nginx with PUT into its own root; its worker writes as nobody when we are root, so only its two directories are its.
dav_port=18081 dav_root="$work/dav-root" dav_temp="$work/dav-temp" dav_conf="$work/nginx-dav.conf"
mkdir -p "$dav_root/dav" "$dav_temp"
user_line=""
if [[ $(id -u) -eq 0 ]]; then
  user_line="user nobody nogroup;"
  chown -R nobody:nogroup "$dav_root" "$dav_temp"
fi
cat >"$dav_conf" <<NGINX
$user_line
worker_processes 1;
pid $work/nginx-dav.pid;
error_log $work/nginx-dav-error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $dav_temp;
  client_max_body_size 0;
  server {
    listen 127.0.0.1:$dav_port;
    root $dav_root;
    location /dav/ { dav_methods PUT DELETE; create_full_put_path on; dav_access user:rw; }
  }
}
NGINX
nginx -c "$dav_conf" -s stop >/dev/null 2>&1 || true
nginx -c "$dav_conf"
nginx_worker=""
deadline=$((SECONDS + 10))
until nginx_worker=$(pgrep -P "$(cat "$work/nginx-dav.pid" 2>/dev/null || echo 1)" nginx | head -n1) && [[ -n $nginx_worker ]]; do
  ((SECONDS < deadline)) || { echo "upload.sh: nginx's worker did not start; see $work/nginx-dav-error.log" >&2; exit 1; }
  sleep 0.05
done

# Our upload server: a second silo, isolated in its own XFER_HOME, ports and socket.
"$bench_root/scripts/xfer" --help >/dev/null 2>&1 || true   # builds artifacts/ outside the timing
server_home="$work/upload-server-home" upload_root="$work/upload-root" upload_port=${XFER_UPLOAD_PORT:-18470}
mkdir -p "$server_home" "$upload_root"
rm -f "$server_home/silo.pid"
(
  export XFER_HOME="$server_home" XFER_GATEWAY_PORT=30600 XFER_SILO_PORT=11600 \
    XFER_SOCKET="$server_home/xfer.sock" XFER_UPLOAD_ROOT="$upload_root" XFER_UPLOAD_PORT="$upload_port"
  start_silo_binary
)
deadline=$((SECONDS + 60))
until [[ -s "$server_home/silo.pid" ]] && (exec 3<>"/dev/tcp/127.0.0.1/$upload_port") 2>/dev/null; do
  ((SECONDS < deadline)) || { echo "upload.sh: the upload server did not listen on $upload_port; see $server_home/silo.log" >&2; exit 1; }
  sleep 0.1
done
server_pid=$(cat "$server_home/silo.pid")
stop_upload_server() {
  XFER_HOME="$server_home" XFER_SOCKET="$server_home/xfer.sock" "$bench_root/artifacts/xfer/xfer" service stop >/dev/null 2>&1 || true
}

# The client: the resident service of the other suites (its own XFER_HOME and ports; XFER_UPLOAD_* unset).
unset XFER_UPLOAD_ROOT XFER_UPLOAD_PORT XFER_SOCKET
start_service "$work/home"
trap 'nginx -c "$dav_conf" -s stop >/dev/null 2>&1 || true; stop_upload_server; stop_service' EXIT
url="http://127.0.0.1:$upload_port/uploads/big.bin"

run_tool() { # run_tool <tool> -> "wall cpu-main cpu-cli"
  local before_a before_b after_a after_b t dest
  case "$1" in
    xfer)
      dest="$upload_root/big.bin"; rm -f "$dest"
      before_a=$(cpu_seconds "$silo_pid"); before_b=$(cpu_seconds "$server_pid")
      t=$(timed "$xfer_bin" upload "$src" "$url" --quiet --name bench)
      after_a=$(cpu_seconds "$silo_pid"); after_b=$(cpu_seconds "$server_pid")
      ;;
    curl)
      dest="$dav_root/dav/big.bin"; rm -f "$dest"
      before_a=$(cpu_seconds "$nginx_worker"); before_b=0
      t=$(timed curl -sS -f -T "$src" "http://127.0.0.1:$dav_port/dav/big.bin")
      after_a=$(cpu_seconds "$nginx_worker"); after_b=0
      ;;
  esac
  [[ $(sha256sum "$dest" | cut -d' ' -f1) == "$expected" ]] || { echo "upload.sh: $1 stored a different file" >&2; exit 1; }
  rm -f "$dest"
  # xfer: the silos' CPU is the measure, the CLI's apart; curl: curl (the client process) + nginx's worker.
  awk -v t="$t" -v tool="$1" -v ba="$before_a" -v aa="$after_a" -v bb="$before_b" -v ab="$after_b" 'BEGIN {
    split(t, p, " ")
    if (tool == "xfer") printf "%s %.3f %.3f\n", p[1], (aa - ba) + (ab - bb), p[2]
    else printf "%s %.3f 0\n", p[1], p[2] + (aa - ba)
  }'
}

run_tool xfer >/dev/null   # warm-up: JIT and connection pools on both silos, as resident services would have
run_tool curl >/dev/null
samples="$work/upload-samples.txt"; : >"$samples"
for ((i = 1; i <= runs; i++)); do
  order=(xfer curl); ((i % 2)) || order=(curl xfer)
  for tool in "${order[@]}"; do
    warm_memory
    echo "$tool $(run_tool "$tool")" >>"$samples"
  done
done

python3 - "$samples" "$size_mib" "$(peak_rss_mib "$silo_pid")" "$(peak_rss_mib "$server_pid")" "$results_dir/upload.json" <<'PY'
import json, statistics, sys
samples, size_mib, client_rss, server_rss, out = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
rows = {}
for line in open(samples):
    tool, wall, cpu, cli = line.split()
    rows.setdefault(tool, []).append((float(wall), float(cpu), float(cli)))
gib = size_mib / 1024
summary = {}
for tool, values in rows.items():
    walls = [w for w, _, _ in values]
    summary[tool] = {
        "runs": len(values),
        "wall_s_median": statistics.median(walls),
        "wall_s_min": min(walls), "wall_s_max": max(walls),
        "mib_per_s": size_mib / statistics.median(walls),
        "cpu_s_per_gib": statistics.median(c for _, c, _ in values) / gib,
        "cli_cpu_s": statistics.median(c for _, _, c in values),
    }
curl = summary.get("curl", {}).get("mib_per_s")
print("| tool | median s (min–max) | MiB/s | CPU s/GiB | × curl |")
print("|---|---|---|---|---|")
for tool, s in summary.items():
    ratio = f"{s['mib_per_s'] / curl:.2f}" if curl else "–"
    print(f"| {tool} | {s['wall_s_median']:.2f} ({s['wall_s_min']:.2f}–{s['wall_s_max']:.2f}) | {s['mib_per_s']:.0f} | {s['cpu_s_per_gib']:.2f} | {ratio} |")
xfer = summary.get("xfer", {})
print(f"\nfile: {size_mib:.0f} MiB, order alternating each round; xfer CPU = client silo + server silo "
      f"(the CLI's own {xfer.get('cli_cpu_s', 0):.2f} s apart); curl CPU = curl + nginx's worker (WebDAV PUT). "
      f"Peak RSS: client silo {client_rss} MiB, server silo {server_rss} MiB.")
json.dump({"suite": "upload", "size_mib": size_mib, "client_silo_peak_rss_mib": float(client_rss),
           "server_silo_peak_rss_mib": float(server_rss), "tools": summary}, open(out, "w"), indent=2)
PY
