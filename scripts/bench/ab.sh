#!/usr/bin/env bash
# A/B benchmark of two commits in one run: each commit is checked out into its own worktree and built, then their
# suites run alternately on the same machine, A B in odd rounds and B A in even ones, so a machine that drifts during
# the run (it does: see docs/benchmarks.md) favours neither side. Prints per-round figures, medians and B/A.
#   scripts/bench/ab.sh <rev-a> <rev-b> [--rounds N] [--suites "download small"]
# Each round runs `scripts/bench/run.sh <suites>` of that side with RUNS (default 3) and download's tools "xfer-lib curl".
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
(($# >= 2)) || { echo "usage: ab.sh <rev-a> <rev-b> [--rounds N] [--suites \"download small\"]" >&2; exit 2; }
rev_a=$1 rev_b=$2; shift 2
rounds=2 suites="download small"
while (($#)); do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --suites) suites=$2; shift 2 ;;
    *) echo "ab.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

# Private (mktemp) unless BENCH_WORK names one; exported so every round's suites share it.
# 0755 once made: nginx's workers serve the origin files from it as another user; the random name is what keeps
# others from planting it.
if [[ -z ${BENCH_WORK:-} ]]; then BENCH_WORK=$(mktemp -d "${TMPDIR:-/tmp}/xfer-bench.XXXXXX"); chmod 755 "$BENCH_WORK"; fi
export BENCH_WORK
work=$BENCH_WORK
ab="$work/ab"; results="$ab/results"
mkdir -p "$results"
rm -f "$results"/*.json

checkout() { # checkout <side> <rev>
  local dir="$ab/$1"
  git -C "$repo" worktree remove --force "$dir" >/dev/null 2>&1 || rm -rf "$dir"
  git -C "$repo" worktree prune
  git -C "$repo" worktree add --detach "$dir" "$2" >/dev/null
  echo "ab: $1 = $(git -C "$dir" log --oneline -1)" >&2
  # Build outside the timing: the CLI, the silo and the bench driver.
  "$dir/scripts/xfer" --help >/dev/null 2>&1 || true
  dotnet build -c Release -v q -nologo "$dir/scripts/bench/bench-client" >/dev/null
}

checkout a "$rev_a"
checkout b "$rev_b"

export RUNS=${RUNS:-3}
for ((round = 1; round <= rounds; round++)); do
  order="a b"; ((round % 2 == 0)) && order="b a"
  for side in $order; do
    for suite in $suites; do
      echo "ab: round $round, $side, $suite" >&2
      if [[ $suite == download ]]; then
        (cd "$ab/$side" && scripts/bench/download.sh --runs "$RUNS" --tools "xfer-lib curl") >"$results/$side-$suite-$round.txt"
      else
        (cd "$ab/$side" && scripts/bench/run.sh "$suite") >"$results/$side-$suite-$round.txt"
      fi
      cp "$ab/$side/bench-results/$suite.json" "$results/$side-$suite-$round.json"
    done
  done
done

python3 - "$results" "$rounds" "$suites" <<'PY'
import json, statistics, sys, os
results, rounds, suites = sys.argv[1], int(sys.argv[2]), sys.argv[3].split()
def load(side, suite, r):
    return json.load(open(os.path.join(results, f"{side}-{suite}-{r}.json")))["tools"]
measures = {
    "download": [("xfer-lib s", lambda t: t["xfer-lib"]["wall_s_median"]), ("xfer (CLI) s", lambda t: t["xfer"]["wall_s_median"]),
                 ("curl s", lambda t: t["curl"]["wall_s_median"]),
                 ("xfer-lib × curl", lambda t: t["curl"]["wall_s_median"] / t["xfer-lib"]["wall_s_median"])],
    "small": [("one job s", lambda t: t["xfer-one-job"]["s_median"]), ("1000 jobs s", lambda t: t["xfer-1000-jobs"]["s_median"]),
              ("wget -i s", lambda t: t["wget-i"]["s_median"]),
              ("one job × wget -i", lambda t: t["wget-i"]["s_median"] / t["xfer-one-job"]["s_median"]),
              ("1000 jobs × aria2c -j8", lambda t: t["aria2c-j8"]["s_median"] / t["xfer-1000-jobs"]["s_median"])],
}
print("| suite | measure | A per round | B per round | A median | B median | B/A |")
print("|---|---|---|---|---|---|---|")
for suite in suites:
    for name, f in measures.get(suite, []):
        a = [f(load("a", suite, r)) for r in range(1, rounds + 1)]
        b = [f(load("b", suite, r)) for r in range(1, rounds + 1)]
        ma, mb = statistics.median(a), statistics.median(b)
        fmt = lambda xs: " ".join(f"{x:.2f}" for x in xs)
        print(f"| {suite} | {name} | {fmt(a)} | {fmt(b)} | {ma:.2f} | {mb:.2f} | {mb / ma:.3f} |")
PY

# Each small.sh run kept its outputs (no delete before a timed run: see small.sh); every run is over now.
rm -rf "$work"/out-small.*
