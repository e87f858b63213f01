#!/usr/bin/env bash
# Makes a PostgreSQL server available for the storage tests.
#
#   scripts/postgres.sh            prints the connection string (last line of stdout)
#   scripts/postgres.sh start      prints `export XFER_TEST_POSTGRES='...' XFER_TEST_POSTGRES_DIR='...'`, for
#                                  eval "$(scripts/postgres.sh start)"
#   scripts/postgres.sh stop       stops the throwaway server named by XFER_TEST_POSTGRES_DIR and deletes its directory
#
# If XFER_TEST_POSTGRES is set and reachable it is used as is (and XFER_TEST_POSTGRES_DIR is left as it was).
# Otherwise a throwaway cluster of our own runs from a fresh mktemp directory (0700, owned by the server's account;
# its Unix socket lives there too), listening on 127.0.0.1 only and requiring a password (scram-sha-256) that is
# generated for this instance and carried in the connection string: another local user can neither guess it nor log
# in as the superuser without it. It listens on 55432, or the next free port when that is taken (another run's
# server); XFER_PG_PORT sets the port exactly. Diagnostics go to stderr so stdout stays
# eval-friendly.
set -euo pipefail

port="${XFER_PG_PORT:-55432}"
database="xfer_test"
mode="${1:-print}"

log() { echo "postgres.sh: $*" >&2; }

# $1 the connection string, $2 the server's directory when we started it.
emit() {
  if [[ "${mode}" == "start" ]]; then
    echo "export XFER_TEST_POSTGRES='$1'"
    if [[ -n "${2:-}" ]]; then echo "export XFER_TEST_POSTGRES_DIR='$2'"; fi
  else
    if [[ -n "${2:-}" ]]; then log "server directory: $2 (stop it with XFER_TEST_POSTGRES_DIR='$2' $0 stop)"; fi
    echo "$1"
  fi
}

# host:port out of an Npgsql connection string; defaults follow Npgsql's.
endpoint_of() {
  local cs="$1" host="localhost" p="5432" part key value
  IFS=';' read -ra parts <<< "${cs}"
  for part in "${parts[@]}"; do
    key="$(echo "${part%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')"
    value="${part#*=}"
    case "${key}" in
      host|server) host="${value%%,*}" ;;
      port) p="${value}" ;;
    esac
  done
  echo "${host} ${p}"
}

reachable() {
  local host="$1" p="$2"
  timeout 3 bash -c "exec 3<>/dev/tcp/${host}/${p}" 2>/dev/null
}

find_bindir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n "${dir}" && -x "${dir}/initdb" ]]; then
    echo "${dir}"
  elif command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
  fi
}

install_postgres() {
  if ! command -v apt-get >/dev/null 2>&1; then
    log "PostgreSQL binaries not found and apt-get is unavailable: install PostgreSQL server binaries and retry."
    exit 1
  fi
  local sudo=""
  if [[ "$(id -u)" -ne 0 ]]; then sudo="sudo"; fi
  log "installing PostgreSQL with apt-get"
  ${sudo} apt-get update >&2
  ${sudo} env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
}

# initdb and the server refuse to run as root, so as root everything runs as the postgres account.
as_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

stop_server() {
  local root_dir="${XFER_TEST_POSTGRES_DIR:-}" bindir
  if [[ -z "${root_dir}" ]]; then
    log "XFER_TEST_POSTGRES_DIR is not set: nothing to stop (it names the directory 'start' printed)"
    return 0
  fi
  # Only ever a directory this script made: never delete whatever the variable happens to name.
  if [[ ! -f "${root_dir}/xfer-pg-owned" ]]; then
    log "${root_dir} is not a server directory of this script; left alone"
    return 1
  fi
  bindir="$(find_bindir)"
  if [[ -n "${bindir}" && -f "${root_dir}/data/postmaster.pid" ]]; then
    as_owner "${bindir}/pg_ctl" -D "${root_dir}/data" -m fast -w stop >&2 || true
  fi
  rm -rf "${root_dir}"
  log "stopped; removed ${root_dir}"
}

# Prints the new server's directory and its password on stdout.
start_server() {
  local bindir root_dir data_dir password pwfile
  bindir="$(find_bindir)"
  if [[ -z "${bindir}" ]]; then
    install_postgres
    bindir="$(find_bindir)"
    [[ -n "${bindir}" ]] || { log "PostgreSQL installation did not provide initdb"; exit 1; }
  fi

  # Another run's server may hold the default port: without XFER_PG_PORT, take the next free one.
  if [[ -z "${XFER_PG_PORT:-}" ]]; then
    while reachable 127.0.0.1 "${port}" && ((port < 55532)); do port=$((port + 1)); done
  fi
  if reachable 127.0.0.1 "${port}"; then
    log "port ${port} is taken by another process (a server started earlier? stop it with XFER_TEST_POSTGRES_DIR=... $0 stop): set XFER_PG_PORT to a free port"
    exit 1
  fi

  root_dir="$(mktemp -d "${TMPDIR:-/tmp}/xfer-pg-${port}.XXXXXXXX")"
  data_dir="${root_dir}/data"
  touch "${root_dir}/xfer-pg-owned"
  password="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  pwfile="$(mktemp "${root_dir}/pwfile.XXXXXXXX")"
  printf '%s\n' "${password}" > "${pwfile}"
  mkdir "${data_dir}"
  if [[ "$(id -u)" -eq 0 ]]; then chown -R postgres: "${root_dir}"; fi
  as_owner "${bindir}/initdb" -D "${data_dir}" -U postgres --auth=scram-sha-256 --pwfile="${pwfile}" -E UTF8 --no-sync >&2
  rm -f "${pwfile}"
  # max_connections: the test projects run in parallel and a three-silo cluster holds a pool per silo; the default 100
  # ran out (53300 "too many clients") in CI.
  as_owner "${bindir}/pg_ctl" -D "${data_dir}" -l "${root_dir}/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p ${port} -k ${root_dir} -c fsync=off -c max_connections=400" start >&2

  PGPASSWORD="${password}" "${bindir}/psql" -h 127.0.0.1 -p "${port}" -U postgres -v ON_ERROR_STOP=1 -qtA -d postgres \
    -c "CREATE DATABASE ${database}" >&2
  echo "${root_dir} ${password} ${port}"
}

case "${mode}" in
  stop)
    stop_server
    ;;
  start|print)
    if [[ -n "${XFER_TEST_POSTGRES:-}" ]]; then
      read -r host p <<< "$(endpoint_of "${XFER_TEST_POSTGRES}")"
      if reachable "${host}" "${p}"; then
        emit "${XFER_TEST_POSTGRES}"
        exit 0
      fi
      log "XFER_TEST_POSTGRES points at ${host}:${p}, which is not reachable; starting a throwaway server instead"
    fi
    read -r root_dir password port <<< "$(start_server)"
    emit "Host=127.0.0.1;Port=${port};Username=postgres;Password=${password};Database=${database}" "${root_dir}"
    ;;
  *)
    log "usage: $0 [start|stop]"
    exit 2
    ;;
esac
