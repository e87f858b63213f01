#!/usr/bin/env bash
# Downloads one 1 GiB file from a Samba share on 127.0.0.1 (our own smbd on an unprivileged port, share `xfer`, one
# user) with `xfer transfer smb://... --user U` (password on standard input) and with `smbclient -c 'get'`, interleaved
# in one run with the order alternating each round, and prints medians: wall time, MiB/s, client CPU seconds per GiB
# (xfer: the CLI + the silo; smbclient: itself), smbd's CPU per GiB apart, and the throughput ratio xfer/smbclient
# (target >= 1.0). Each download is checked byte-identical (outside the timing).
#   scripts/bench/smb.sh [--runs N] [--size-mib N]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

runs=3 size_mib=1024
while (($#)); do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --size-mib) size_mib=$2; shift 2 ;;
    *) echo "smb.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

need /usr/bin/time time; need smbclient smbclient; need /usr/sbin/smbd samba
# The service's SMB client on Linux, loaded by the silo (a library, not a command: test-peers.sh installs it).
compgen -G '/usr/lib/*-linux-gnu/libsmbclient.so.0' >/dev/null || bash "$bench_root/scripts/test-peers.sh"

# Our own smbd, configured as the tests' SambaServer does: nothing in /etc/samba, everything under $work/samba.
samba="$work/samba" port=${XFER_BENCH_SMB_PORT:-14450} password="Bench-Smb-1"
mkdir -p "$samba"/{share,private,lock,state,cache,pid,ncalrpc}
if [[ $(id -u) -eq 0 ]]; then
  user=xfer-smb
  id -u "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
  chown "$user" "$samba/share"
else
  user=$(id -un)
fi
cat >"$samba/smb.conf" <<CONF
[global]
  smb ports = $port
  interfaces = 127.0.0.1
  bind interfaces only = yes
  disable netbios = yes
  server role = standalone server
  map to guest = never
  pid directory = $samba/pid
  lock directory = $samba/lock
  state directory = $samba/state
  cache directory = $samba/cache
  private dir = $samba/private
  ncalrpc dir = $samba/ncalrpc
  log file = $samba/smbd.log
  passdb backend = tdbsam:$samba/private/passdb.tdb
  load printers = no
  printing = bsd
  printcap name = /dev/null
  disable spoolss = yes
[xfer]
  path = $samba/share
  read only = no
  valid users = $user
CONF
if [[ $(id -u) -eq 0 ]]; then
  printf '%s\n%s\n' "$password" "$password" | smbpasswd -c "$samba/smb.conf" -s -a "$user" >/dev/null
else
  printf '%s\n%s\n' "$password" "$password" | pdbedit -s "$samba/smb.conf" -a -u "$user" -t >/dev/null
fi
src="$samba/share/big.iso"
if [[ $(stat -c %s "$src" 2>/dev/null || echo 0) -ne $((size_mib * 1024 * 1024)) ]]; then
  head -c $((size_mib * 1024 * 1024)) /dev/urandom >"$src"
fi
chmod 644 "$src"
expected=$(sha256sum "$src" | cut -d' ' -f1)

# In its own session: smbd signals its whole process group when it stops, which would take this script with it.
setsid /usr/sbin/smbd --foreground --no-process-group --debug-stdout -s "$samba/smb.conf" >>"$samba/smbd.out" 2>&1 &
smbd_pid=$!
deadline=$((SECONDS + 30))
until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
  ((SECONDS < deadline)) && kill -0 "$smbd_pid" 2>/dev/null || { echo "smb.sh: smbd did not listen on $port; see $samba/smbd.out" >&2; exit 1; }
  sleep 0.05
done
stop_smbd() { kill "$smbd_pid" 2>/dev/null || true; pkill -P "$smbd_pid" 2>/dev/null || true; wait "$smbd_pid" 2>/dev/null || true; }

# smbd's CPU so far: its own, its reaped children's (connections that closed), and its live children's.
smbd_cpu() {
  local total child
  total=$(awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15 + $16 + $17) / hz }' "/proc/$smbd_pid/stat")
  for child in $(pgrep -P "$smbd_pid" || true); do
    total=$(awk -v t="$total" -v c="$(cpu_seconds "$child" 2>/dev/null || echo 0)" 'BEGIN { print t + c }')
  done
  echo "$total"
}

"$bench_root/scripts/xfer" --help >/dev/null 2>&1 || true   # builds artifacts/ outside the timing
start_service
trap 'stop_smbd; stop_service' EXIT
out="$work/smb-out"; mkdir -p "$out"
url="smb://127.0.0.1:$port/xfer/big.iso"

run_tool() { # run_tool <tool> -> "wall client-cpu smbd-cpu"
  local dest="$out/$1.iso" t before after sb sa
  rm -f "$dest"
  sb=$(smbd_cpu)
  case "$1" in
    xfer)
      before=$(cpu_seconds "$silo_pid")
      t=$(timed sh -c 'printf "%s\n" "$1" | "$2" transfer "$3" "$4" --user "$5" --name bench --quiet' sh "$password" "$xfer_bin" "$url" "$dest" "$user")
      after=$(cpu_seconds "$silo_pid")
      ;;
    smbclient)
      before=0 after=0
      t=$(timed smbclient "//127.0.0.1/xfer" -p "$port" -U "$user%$password" -c "get big.iso $dest")
      ;;
  esac
  sa=$(smbd_cpu)
  [[ $(sha256sum "$dest" | cut -d' ' -f1) == "$expected" ]] || { echo "smb.sh: $1 produced a different file" >&2; exit 1; }
  rm -f "$dest"
  awk -v t="$t" -v b="$before" -v a="$after" -v sb="$sb" -v sa="$sa" 'BEGIN { split(t, p, " "); printf "%s %.3f %.3f\n", p[1], p[2] + a - b, sa - sb }'
}

run_tool xfer >/dev/null   # warm-up: JIT and the share's connection, as a resident service would have
run_tool smbclient >/dev/null
samples="$work/smb-samples.txt"; : >"$samples"
for ((i = 1; i <= runs; i++)); do
  order=(xfer smbclient); ((i % 2)) || order=(smbclient xfer)
  for tool in "${order[@]}"; do
    warm_memory
    echo "$tool $(run_tool "$tool")" >>"$samples"
  done
done

python3 - "$samples" "$size_mib" "$(peak_rss_mib "$silo_pid")" "$results_dir/smb.json" <<'PY'
import json, statistics, sys
samples, size_mib, rss, out = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
rows = {}
for line in open(samples):
    tool, wall, cpu, smbd = line.split()
    rows.setdefault(tool, []).append((float(wall), float(cpu), float(smbd)))
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
        "smbd_cpu_s_per_gib": statistics.median(s for _, _, s in values) / gib,
    }
anchor = summary.get("smbclient", {}).get("mib_per_s")
print("| tool | median s (min–max) | MiB/s | client CPU s/GiB | smbd CPU s/GiB | × smbclient |")
print("|---|---|---|---|---|---|")
for tool, s in summary.items():
    ratio = f"{s['mib_per_s'] / anchor:.2f}" if anchor else "–"
    print(f"| {tool} | {s['wall_s_median']:.2f} ({s['wall_s_min']:.2f}–{s['wall_s_max']:.2f}) | {s['mib_per_s']:.0f} | "
          f"{s['cpu_s_per_gib']:.2f} | {s['smbd_cpu_s_per_gib']:.2f} | {ratio} |")
print(f"\nfile: {size_mib:.0f} MiB from smbd on 127.0.0.1, order alternating each round; xfer CPU = the CLI + the silo "
      f"(`xfer transfer`, password on stdin); smbclient CPU = smbclient. Silo peak RSS: {rss} MiB.")
json.dump({"suite": "smb", "size_mib": size_mib, "silo_peak_rss_mib": float(rss), "tools": summary}, open(out, "w"), indent=2)
PY
