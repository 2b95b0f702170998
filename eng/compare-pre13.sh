#!/usr/bin/env bash
# Issue #13's speed check against the code before issue #13, from a clean clone:
#   eng/compare-pre13.sh [rows=10000000] [rounds=3] [reads-per-round=3]
# Builds benchmarks/Pre13Comparison (Release) twice — against this tree's src and against a git worktree of the
# pre-#13 commit (made in a temporary folder, removed at the end) — then runs the two builds alternately, ROUNDS times
# each, so both see the same machine in the same window, and prints every read and the ratio of the medians.
# Set NPSKIT_BENCH_LOCK to a lock file to run each read batch under flock (a shared machine's benchmark lock).
set -euo pipefail
PRE13=b3a970dd44b1a6b8d97e8ea24c6c45d3b591f178
ROWS=${1:-10000000}
ROUNDS=${2:-3}
READS=${3:-3}
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
work=$(mktemp -d)
cleanup() { git -C "$repo" worktree remove --force "$work/tree" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

git -C "$repo" worktree add --detach "$work/tree" "$PRE13" >/dev/null
build() { # $1 label, $2 src folder
  mkdir -p "$work/build-$1"
  cp "$repo/benchmarks/Pre13Comparison/Pre13Comparison.csproj" "$repo/benchmarks/Pre13Comparison/Program.cs" "$work/build-$1/"
  dotnet build "$work/build-$1/Pre13Comparison.csproj" -c Release -v q -nologo -p:NpsKitSrc="$2" -o "$work/build-$1/bin" > "$work/$1.build.log" 2>&1 \
    || { echo "building against $2 failed:"; tail -30 "$work/$1.build.log"; exit 1; }
}
build pre13 "$work/tree/src"
build current "$repo/src"

run() { # $1 label
  if [ -n "${NPSKIT_BENCH_LOCK:-}" ]; then flock "$NPSKIT_BENCH_LOCK" dotnet "$work/build-$1/bin/Pre13Comparison.dll" "$1" "$ROWS" "$READS"
  else dotnet "$work/build-$1/bin/Pre13Comparison.dll" "$1" "$ROWS" "$READS"; fi
}
echo "commit $(git -C "$repo" rev-parse --short HEAD) vs pre-#13 ${PRE13:0:7}; $ROWS rows; $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$work/times"
for ((r = 1; r <= ROUNDS; r++)); do
  run pre13 | tee -a "$work/times"
  run current | tee -a "$work/times"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { # the median of the times of label $1
  grep "^$1 " "$2" | cut -d' ' -f2 | sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
old=$(median pre13 "$work/times"); new=$(median current "$work/times")
echo "pre-#13: median $old ms; current: median $new ms of $((ROUNDS * READS)) reads each"
awk -v a="$new" -v b="$old" 'BEGIN { printf "current / pre-#13 = %.3f\n", a / b }'
