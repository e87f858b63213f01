#!/usr/bin/env bash
# Runs the benchmark suites against nginx on 127.0.0.1 (installed with apt when missing), our resident service and
# the anchor tools, interleaved. Tables go to stdout, JSON to bench-results/<suite>.json (git-ignored).
#   scripts/bench/run.sh [download|small|throttle|resume|segments|scale|upload|smb|yield|fanout]...   (no argument: all ten)
# Each suite takes the options of its script (e.g. RUNS=3 sets --runs for the suites that take it; for yield, --reps).
# fanout takes its sizes from FANOUT_SIZE_MIB and FANOUT_COUNT (scripts/bench/fanout.sh).
# yield needs root: it builds its own shaped link in network namespaces (scripts/bench/yield-bed.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
suites=("$@"); ((${#suites[@]})) || suites=(download small throttle resume segments scale upload smb yield fanout)
runs=()
[[ -n ${RUNS:-} ]] && runs=(--runs "$RUNS")
# One private work directory for all suites of this run (each suite reuses the origin files the others made).
# 0755 once made: nginx's workers serve the origin files from it as another user; the random name is what keeps
# others from planting it.
if [[ -z ${BENCH_WORK:-} ]]; then BENCH_WORK=$(mktemp -d "${TMPDIR:-/tmp}/xfer-bench.XXXXXX"); chmod 755 "$BENCH_WORK"; fi
export BENCH_WORK

for suite in "${suites[@]}"; do
  case "$suite" in
    download) script=download.sh; args=("${runs[@]}") ;;
    small) script=small.sh; args=("${runs[@]}") ;;
    throttle) script=throttle-service.sh; args=("${runs[@]}") ;;
    resume) script=resume.sh; args=("${runs[@]}") ;;
    segments) script=segments.sh; args=("${runs[@]}") ;;
    scale) script=scale.sh; args=() ;;
    upload) script=upload.sh; args=("${runs[@]}") ;;
    smb) script=smb.sh; args=("${runs[@]}") ;;
    yield) script=yield.sh; args=("${runs[@]}") ;;
    fanout) script=fanout.sh; args=("${runs[@]}") ;;
    *) echo "run.sh: unknown suite '$suite' (download, small, throttle, resume, segments, scale, upload, smb, yield, fanout)" >&2; exit 2 ;;
  esac
  echo "## $suite ($(date -u +%FT%TZ), $(nproc) vCPU, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo))"
  echo
  started=$SECONDS
  "$here/$script" "${args[@]}"
  echo
  echo "($suite took $((SECONDS - started)) s)"
  echo
done
