#!/usr/bin/env bash
# Renders the example charts and HTML report from the bundled sample data, to look at them as a person would.
#
#   tools/render-charts.sh [output-dir]          # default: artifacts/charts
#
# Writes trend.svg, segments.svg, report.html and their PNG screenshots (the report also at 375 px, report-375.png) (headless Chromium: on Debian
# `apt-get install -y chromium`). With UPDATE_DOCS=1 it also copies the two example PNGs to docs/images/.
# Not part of the unit tests: the tests check the SVG's structure; this is for eyes.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/artifacts/charts}"
mkdir -p "$out"
data="$root/samples/data/responses.csv"
browser="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}"
if [[ -z "$browser" ]]; then
  echo "render-charts: no chromium found; install it (apt-get install -y chromium) or set CHROMIUM=/path/to/browser" >&2
  exit 1
fi

nps() { dotnet run --project "$root/src/NpsKit.Cli" --configuration Release -- "$@"; }

# From the repository root so the files name the data as a user would type it.
cd "$root"
nps report samples/data/responses.csv --format svg --output "$out/trend.svg"
nps report samples/data/responses.csv --by department --format svg --output "$out/report-segments.svg"
nps report samples/data/responses.csv --by department --format html --output "$out/report.html"
# Small segments and an empty month, to see the hollow points and the gap.
head -n 1 "$data" > "$out/sparse.csv"
grep -E ',2025-(0[1-6]|08|09)-' "$data" | awk 'NR % 12 == 0' >> "$out/sparse.csv"
nps report "$out/sparse.csv" --min-n 70 --format svg --output "$out/sparse-trend.svg"
nps report "$out/sparse.csv" --min-n 70 --by region --format html --output "$out/sparse-report.html"

# Each SVG alone in a page of its own size, then a screenshot of that size.
shoot() { # shoot <input.svg|html> <output.png> <width> <height>
  local profile
  profile="$(mktemp -d)"
  "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" \
    --screenshot="$2" --window-size="$3,$4" "file://$1" >/dev/null 2>&1
  rm -rf "$profile"
}

size() { # prints "width height" of an SVG's root
  sed -n '1s/.*width="\([0-9.]*\)" height="\([0-9.]*\)".*/\1 \2/p' "$1" | awk '{ printf "%d %d\n", $1 + 0.999, $2 + 0.999 }'
}

for name in trend report-segments sparse-trend; do
  read -r w h < <(size "$out/$name.svg")
  shoot "$out/$name.svg" "$out/$name.png" "$w" "$h"
done
# The segment bars alone: the combined SVG cut at the height of its first chart.
read -r w h < <(sed -n '2,$p' "$out/report-segments.svg" | grep -m1 '<svg ' | sed 's/.*width="\([0-9.]*\)" height="\([0-9.]*\)".*/\1 \2/' | awk '{ printf "%d %d\n", $1 + 0.999, $2 + 0.999 }')
shoot "$out/report-segments.svg" "$out/segments.png" "$w" "$h"
shoot "$out/sparse-report.html" "$out/sparse-report.png" 1040 2400
shoot "$out/report.html" "$out/report.png" 1040 3000
# The report as a phone shows it: headless windows are at least 500 px wide, so the page goes in a 375 px iframe.
printf '<!DOCTYPE html><body style="margin:0"><iframe src="report.html" style="width:375px;height:3400px;border:0"></iframe>' > "$out/phone.html"
shoot "$out/phone.html" "$out/report-375.png" 375 3400

echo "render-charts: wrote $(ls "$out" | tr '\n' ' ')"
if [[ "${UPDATE_DOCS:-0}" == "1" ]]; then
  mkdir -p "$root/docs/images"
  cp "$out/trend.png" "$root/docs/images/trend.png"
  cp "$out/segments.png" "$root/docs/images/segments.png"
  echo "render-charts: updated docs/images/trend.png and docs/images/segments.png"
fi
