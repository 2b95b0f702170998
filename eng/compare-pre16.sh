#!/usr/bin/env bash
# Issue #16's speed check against the code before issue #16, from a clean clone:
#   eng/compare-pre16.sh [rounds=2] [cases=S,SC,D,DC] [calls-per-round=3]
# Cases (see benchmarks/Pre16Comparison/Program.cs): S, SC, D, DC; SB (the plain policy over the capped cases' data) shows
# what the B2B data's shape costs without any account rule.
# Builds benchmarks/Pre16Comparison (Release) twice — against this tree's src and against a git worktree of the
# pre-#16 commit (made in a temporary folder, removed at the end) — then runs the two builds alternately, ROUNDS times
# each, so both see the same machine in the same window. Prints every call ("<label> <case> <wall ms> <cpu ms>
# <allocated MB> <eligible>"), then per case the best and the median wall time of each build and the ratios the issue's
# target is about: each current case against the pre-#16 plain case of its kind (SC and DC against pre-#16 S and D).
# Set NPSKIT_BENCH_LOCK to a lock file to run each process under flock (a shared machine's benchmark lock).
set -euo pipefail
PRE16=b3a970dd44b1a6b8d97e8ea24c6c45d3b591f178
ROUNDS=${1:-2}
CASES=${2:-S,SC,D,DC}
CALLS=${3:-3}
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
work=$(mktemp -d)
cleanup() { git -C "$repo" worktree remove --force "$work/tree" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

git -C "$repo" worktree add --detach "$work/tree" "$PRE16" >/dev/null
build() { # $1 label, $2 src folder
  mkdir -p "$work/build-$1"
  cp "$repo/benchmarks/Pre16Comparison/Pre16Comparison.csproj" "$repo/benchmarks/Pre16Comparison/Program.cs" "$work/build-$1/"
  dotnet build "$work/build-$1/Pre16Comparison.csproj" -c Release -v q -nologo -p:NpsKitSrc="$2" -o "$work/build-$1/bin" > "$work/$1.build.log" 2>&1 \
    || { echo "building against $2 failed:"; tail -30 "$work/$1.build.log"; exit 1; }
}
build pre16 "$work/tree/src"
build current "$repo/src"

run() { # $1 label
  if [ -n "${NPSKIT_BENCH_LOCK:-}" ]; then flock "$NPSKIT_BENCH_LOCK" dotnet "$work/build-$1/bin/Pre16Comparison.dll" "$1" "$CASES" "$CALLS"
  else dotnet "$work/build-$1/bin/Pre16Comparison.dll" "$1" "$CASES" "$CALLS"; fi
}
echo "commit $(git -C "$repo" rev-parse --short HEAD) vs pre-#16 ${PRE16:0:7}; $(nproc) CPUs; $(lscpu | grep 'Model name' | sed 's/  */ /g'); load $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$work/times"
for ((r = 1; r <= ROUNDS; r++)); do
  run pre16 | tee -a "$work/times"
  run current | tee -a "$work/times"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
stat() { # $1 label, $2 case, $3 min|median: of the wall times
  grep "^$1 $2 " "$work/times" | cut -d' ' -f3 | sort -n | awk -v m="$3" '{ a[NR] = $1 } END { if (NR == 0) print "-"; else if (m == "min") print a[1]; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}
printf '%-4s %12s %12s %12s %12s %22s %22s\n' case "pre16 best" "pre16 med" "cur best" "cur med" "cur/pre16 plain (best, med)" "cur/pre16 same (best, med)"
for c in ${CASES//,/ }; do
  plain=$c; [ "$c" = SC ] && plain=S; [ "$c" = SB ] && plain=S; [ "$c" = DC ] && plain=D
  pb=$(stat pre16 "$c" min); pm=$(stat pre16 "$c" median); cb=$(stat current "$c" min); cm=$(stat current "$c" median)
  bb=$(stat pre16 "$plain" min); bm=$(stat pre16 "$plain" median)
  ratio=$(awk -v a="$cb" -v b="$bb" -v c="$cm" -v d="$bm" 'BEGIN { if (b == "-" || b == 0) print "-"; else printf "%.2fx %.2fx", a / b, c / d }')
  same=$(awk -v a="$cb" -v b="$pb" -v c="$cm" -v d="$pm" 'BEGIN { if (b == "-" || b == 0) print "-"; else printf "%.2fx %.2fx", a / b, c / d }')
  printf '%-4s %12s %12s %12s %12s %22s %22s\n' "$c" "$pb" "$pm" "$cb" "$cm" "$ratio" "$same"
done
