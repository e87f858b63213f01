#!/usr/bin/env bash
# Makes a PostgreSQL server available for the storage tests.
#
#   scripts/postgres.sh            prints the connection string (last line of stdout)
#   scripts/postgres.sh start      prints `export XFER_TEST_POSTGRES='...'`, for eval "$(scripts/postgres.sh start)"
#   scripts/postgres.sh stop       stops the throwaway server and deletes its directory
#
# If XFER_TEST_POSTGRES is set and reachable it is used as is. Otherwise a throwaway cluster of our own runs from
# /tmp/xfer-pg-<port> (trust auth, 127.0.0.1 only), so the tests never touch a real database. Set XFER_PG_PORT to
# move it off 55432. Diagnostics go to stderr so stdout stays eval-friendly.
set -euo pipefail

port="${XFER_PG_PORT:-55432}"
root_dir="/tmp/xfer-pg-${port}"
data_dir="${root_dir}/data"
database="xfer_test"
connection="Host=127.0.0.1;Port=${port};Username=postgres;Database=${database}"
mode="${1:-print}"

log() { echo "postgres.sh: $*" >&2; }

emit() {
  if [[ "${mode}" == "start" ]]; then
    echo "export XFER_TEST_POSTGRES='$1'"
  else
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
  local bindir
  bindir="$(find_bindir)"
  if [[ -n "${bindir}" && -f "${data_dir}/postmaster.pid" ]]; then
    as_owner "${bindir}/pg_ctl" -D "${data_dir}" -m fast -w stop >&2 || true
  fi
  rm -rf "${root_dir}"
  log "stopped; removed ${root_dir}"
}

start_server() {
  local bindir
  bindir="$(find_bindir)"
  if [[ -z "${bindir}" ]]; then
    install_postgres
    bindir="$(find_bindir)"
    [[ -n "${bindir}" ]] || { log "PostgreSQL installation did not provide initdb"; exit 1; }
  fi

  if [[ -d "${data_dir}" ]] && as_owner "${bindir}/pg_ctl" -D "${data_dir}" status >/dev/null 2>&1; then
    log "reusing the server already running from ${data_dir}"
  else
    if reachable 127.0.0.1 "${port}"; then
      log "port ${port} is taken by another process: set XFER_PG_PORT to a free port"
      exit 1
    fi
    if [[ ! -f "${data_dir}/PG_VERSION" ]]; then
      rm -rf "${root_dir}"
      mkdir -p "${data_dir}"
      if [[ "$(id -u)" -eq 0 ]]; then chown -R postgres: "${root_dir}"; fi
      as_owner "${bindir}/initdb" -D "${data_dir}" -U postgres --auth=trust -E UTF8 --no-sync >&2
    fi
    as_owner "${bindir}/pg_ctl" -D "${data_dir}" -l "${root_dir}/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p ${port} -k ${root_dir} -c fsync=off" start >&2
  fi

  local psql=("${bindir}/psql" -h 127.0.0.1 -p "${port}" -U postgres -v ON_ERROR_STOP=1 -qtA)
  if [[ "$("${psql[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '${database}'")" != "1" ]]; then
    "${psql[@]}" -d postgres -c "CREATE DATABASE ${database}" >&2
  fi
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
    start_server
    emit "${connection}"
    ;;
  *)
    log "usage: $0 [start|stop]"
    exit 2
    ;;
esac
