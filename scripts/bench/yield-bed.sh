#!/usr/bin/env bash
# The shaped-link test bed for the `yield` suite (docs/benchmarks.md "Yielding", issue 14): three network namespaces,
#   <p>-srv (10.200.0.1, nginx on 8081 fg / 8082 bg / 8083 other) -- <p>-rtr (forwards) -- <p>-cli (10.200.1.2)
# with `tbf rate ${RATE:-50}mbit burst 32kbit latency ${QUEUE_MS:-50}ms` on the router's egress towards the client
# (a router, not a tbf on the server's own veth: there TCP Small Queues would charge the FIFO to the sender's sockets),
# TSO/GSO/GRO off on every veth end, tcp_no_metrics_save=1, the congestion control pinned with `congctl` on the routes
# between server and client in both end namespaces, and nftables counters per server source port in the client's
# input hook (after the bottleneck). Only 10.200.0.0/24 and 10.200.1.0/24 exist; nothing routes to the host.
# Each bed has its own prefix (yb + random), so a leftover never collides with a new bed.
#
#   scripts/bench/yield-bed.sh up [--no-timestamps] [--cc bbr|cubic] [--file-mib N]
#       builds a bed, prints its namespaces, keeps it until Ctrl-C/TERM (then removes it)
#   scripts/bench/yield-bed.sh down [--all]
#       removes the beds of earlier runs whose owner process is gone (--all: every bed)
# Sourced (by yield.sh): bed_up, bed_set_cc, bed_start_nginx, bed_down; the caller installs the trap.
# Needs root, ip, tc, nft (nftables), ethtool, ping, nginx (installed with apt when missing).

bed_state_dir=/run/yield-bed

bed_need() { # bed_need <command> <debian package>
  command -v "$1" >/dev/null 2>&1 && return
  echo "yield-bed: installing $2" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}

# Removes one bed: its processes (nginx, a silo, clients), then its namespaces and its state file.
bed_remove() { # bed_remove <prefix>
  local prefix=$1 ns pid
  for ns in "$prefix-cli" "$prefix-srv" "$prefix-rtr"; do
    [[ -e /run/netns/$ns ]] || continue
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -TERM "$pid" 2>/dev/null || true; done
  done
  sleep 0.3
  for ns in "$prefix-cli" "$prefix-srv" "$prefix-rtr"; do
    [[ -e /run/netns/$ns ]] || continue
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
  rm -f "$bed_state_dir/$prefix.owner"
}

# Removes beds left by earlier runs: those whose owner process is gone, or all with --all.
bed_down_leftovers() { # [--all]
  local prefix owner ns
  for ns in $(ip netns list 2>/dev/null | awk '{ print $1 }' | grep -E '^yb[0-9a-f]{6}-(srv|rtr|cli)$' | sed 's/-...$//' | sort -u); do
    prefix=$ns
    owner=$(cat "$bed_state_dir/$prefix.owner" 2>/dev/null || echo 0)
    if [[ ${1:-} == --all ]] || ! kill -0 "$owner" 2>/dev/null; then
      echo "yield-bed: removing leftover bed $prefix" >&2
      bed_remove "$prefix"
    fi
  done
}

# Builds a bed; sets bed_prefix, bed_srv, bed_rtr, bed_cli. Options: --no-timestamps, --cc NAME.
bed_up() {
  local timestamps=1 cc=${BED_CC:-cubic} ns dev
  while (($#)); do
    case "$1" in
      --no-timestamps) timestamps=0; shift ;;
      --cc) cc=$2; shift 2 ;;
      *) echo "yield-bed: unknown option '$1'" >&2; return 2 ;;
    esac
  done
  [[ $(id -u) -eq 0 ]] || { echo "yield-bed: needs root (network namespaces, tc, nftables)" >&2; return 1; }
  bed_need nft nftables; bed_need ethtool ethtool; bed_need ping iputils-ping; bed_need tc iproute2
  bed_down_leftovers
  mkdir -p "$bed_state_dir"
  bed_prefix=yb$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
  bed_srv=$bed_prefix-srv bed_rtr=$bed_prefix-rtr bed_cli=$bed_prefix-cli
  echo "${BED_OWNER:-$$}" >"$bed_state_dir/$bed_prefix.owner"
  for ns in "$bed_srv" "$bed_rtr" "$bed_cli"; do
    ip netns add "$ns"
    ip -n "$ns" link set lo up
  done
  # Both ends of each veth are made inside their namespaces: no name ever exists in the host's namespace.
  ip link add ys0 netns "$bed_srv" type veth peer name yr0 netns "$bed_rtr"
  ip link add yr1 netns "$bed_rtr" type veth peer name yc0 netns "$bed_cli"
  ip -n "$bed_srv" addr add 10.200.0.1/24 dev ys0
  ip -n "$bed_rtr" addr add 10.200.0.254/24 dev yr0
  ip -n "$bed_rtr" addr add 10.200.1.254/24 dev yr1
  ip -n "$bed_cli" addr add 10.200.1.2/24 dev yc0
  for pair in "$bed_srv ys0" "$bed_rtr yr0" "$bed_rtr yr1" "$bed_cli yc0"; do
    set -- $pair
    ip -n "$1" link set "$2" up
    # The FIFO must see 1514-byte frames, as on a real link.
    ip netns exec "$1" ethtool -K "$2" tso off gso off gro off >/dev/null 2>&1
  done
  for ns in "$bed_srv" "$bed_rtr" "$bed_cli"; do
    ip netns exec "$ns" sysctl -qw net.ipv4.tcp_no_metrics_save=1
  done
  ip netns exec "$bed_rtr" sysctl -qw net.ipv4.ip_forward=1
  ((timestamps)) || ip netns exec "$bed_srv" sysctl -qw net.ipv4.tcp_timestamps=0
  # The bottleneck: router -> client (the download direction), a single ~QUEUE_MS FIFO.
  tc -n "$bed_rtr" qdisc replace dev yr1 root handle 1: tbf rate "${RATE:-50}mbit" burst 32kbit latency "${QUEUE_MS:-50}ms"
  # Added delay on the ACK path only where the kernel has netem (this one may not).
  if ((${DELAY_MS:-0} > 0)); then
    tc -n "$bed_rtr" qdisc replace dev yr0 root netem delay "${DELAY_MS}ms" 2>/dev/null \
      || echo "yield-bed: no netem in this kernel; DELAY_MS=${DELAY_MS} not applied" >&2
  fi
  bed_set_cc "$cc"
  # Per-source-port byte counters after the bottleneck: any background command is measured the same way.
  ip netns exec "$bed_cli" nft -f - <<'NFT'
table ip ybed {
  counter fg { }
  counter bg { }
  counter other { }
  chain input {
    type filter hook input priority 0; policy accept;
    ip saddr 10.200.0.1 tcp sport 8081 counter name fg
    ip saddr 10.200.0.1 tcp sport 8082 counter name bg
    ip saddr 10.200.0.1 tcp sport 8083 counter name other
  }
}
NFT
  ip netns exec "$bed_cli" ping -c 1 -W 2 10.200.0.1 >/dev/null \
    || { echo "yield-bed: the client cannot reach the server through the router" >&2; return 1; }
}

# Pins the congestion control on the routes between server and client, in both end namespaces (a namespace's default
# may only be one of the host's tcp_allowed_congestion_control, which need not include cubic).
bed_set_cc() { # bed_set_cc <bbr|cubic|reno>
  ip -n "$bed_srv" route replace 10.200.1.0/24 via 10.200.0.254 dev ys0 congctl lock "$1"
  ip -n "$bed_cli" route replace 10.200.0.0/24 via 10.200.1.254 dev yc0 congctl lock "$1"
  # The connected routes carry the pin too, so no flow between the ends escapes it.
  ip -n "$bed_srv" route replace 10.200.0.0/24 dev ys0 proto kernel scope link src 10.200.0.1 congctl lock "$1"
  ip -n "$bed_cli" route replace 10.200.1.0/24 dev yc0 proto kernel scope link src 10.200.1.2 congctl lock "$1"
}

# Starts nginx in the server namespace serving <dir> on 8081, 8082 and 8083 (sendfile, as a CDN would).
bed_start_nginx() { # bed_start_nginx <dir> <work dir>
  bed_need nginx nginx
  local root=$1 conf=$2/yield-nginx.conf
  cat >"$conf" <<NGINX
worker_processes 1;
pid $2/yield-nginx.pid;
error_log $2/yield-nginx-error.log;
events { worker_connections 256; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  server { listen 10.200.0.1:8081; listen 10.200.0.1:8082; listen 10.200.0.1:8083; root $root; }
}
NGINX
  ip netns exec "$bed_srv" nginx -c "$conf"
}

bed_down() { [[ -n ${bed_prefix:-} ]] && bed_remove "$bed_prefix"; bed_prefix=; }

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  case "${1:-}" in
    down) shift; bed_down_leftovers "$@" ;;
    up)
      shift
      file_mib=512 opts=()
      while (($#)); do
        case "$1" in
          --file-mib) file_mib=$2; shift 2 ;;
          *) opts+=("$1"); shift ;;
        esac
      done
      trap 'bed_down' EXIT
      trap 'exit 130' INT TERM
      bed_up "${opts[@]}"
      www=$(mktemp -d "${TMPDIR:-/tmp}/yield-bed.XXXXXX"); chmod 755 "$www"
      trap 'bed_down; rm -rf "$www"' EXIT
      head -c "${file_mib}M" /dev/urandom >"$www/big.bin"; chmod 644 "$www/big.bin"
      bed_start_nginx "$www" "$www"
      echo "yield-bed: up: server $bed_srv (http://10.200.0.1:8081|8082|8083/big.bin), router $bed_rtr, client $bed_cli"
      echo "yield-bed: e.g. ip netns exec $bed_cli curl -o /dev/null http://10.200.0.1:8081/big.bin; Ctrl-C removes the bed"
      sleep infinity & sleeper=$!
      trap 'kill "$sleeper" 2>/dev/null; bed_down; rm -rf "$www"' EXIT
      wait "$sleeper"
      ;;
    *) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
fi
