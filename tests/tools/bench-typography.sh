#!/bin/sh
# bench-typography.sh FOLIO [CORPUS] — typesets every corpus document and the
# sample report with first-fit (greedy) and total-fit (Knuth–Plass) line
# breaking and prints, per document and breaker, the figures of
# `folio --typo-stats`: justified lines, mean and worst adjustment ratio,
# loose lines (ratio > 1), sum of squared ratios, hyphenated lines,
# consecutive hyphens, overfull lines, emergency breaks and widows/orphans
# left by pagination.  The last lines
# give the corpus totals; total-fit must have the lower sum of squares.
set -eu
FOLIO=${1:-build/folio}
CORPUS=${2:-../shared/corpus}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files="content/report.md"
if [ -d "$CORPUS" ]; then
    files="$files $(find "$CORPUS" -name '*.md' | sort)"
else
    echo "bench-typography: $CORPUS is absent; the sample report only" >&2
fi
printf '%-34s %-6s %5s %7s %6s %5s %9s %5s %5s %4s %4s %4s\n' document break lines mean_r worst loose sum_r2 hyph consec over emerg w/o
for f in $files; do
    for m in greedy total; do
        line=$("$FOLIO" -q --typo-stats --line-breaking=$m "$f" -o "$tmp/out.pdf" 2>&1 | grep 'typo-stats:' || true)
        [ -n "$line" ] || { echo "bench-typography: $f failed" >&2; exit 1; }
        echo "$(basename "$f" .md) $m $line" >> "$tmp/all"
        echo "$line" | awk -v d="$(basename "$f" .md | cut -c1-34)" -v m=$m '{
            for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
            printf "%-34s %-6s %5d %7.3f %6.2f %5d %9.2f %5d %5d %4d %4d %4d\n", d, m, v["justified"],
                   v["mean_ratio"], v["worst_ratio"], v["loose"], v["sum_sq_ratio"],
                   v["hyphenated"], v["consecutive"], v["overfull"], v["emergency"],
                   v["widows_orphans"] }'
    done
done
awk '{
    m = $2
    for (i = 3; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    sq[m] += v["sum_sq_ratio"]; lo[m] += v["loose"]; ov[m] += v["overfull"]; hy[m] += v["hyphenated"]
    co[m] += v["consecutive"]; em[m] += v["emergency"]; wo[m] += v["widows_orphans"]
    j[m] += v["justified"]; sr[m] += v["mean_ratio"] * v["justified"]
    if (v["worst_ratio"] > w[m]) w[m] = v["worst_ratio"]
} END {
    for (m in sq)
        printf "%-34s %-6s %5d %7.3f %6.2f %5d %9.2f %5d %5d %4d %4d %4d\n", "TOTAL", m, j[m],
               j[m] ? sr[m] / j[m] : 0, w[m], lo[m], sq[m], hy[m], co[m], ov[m], em[m], wo[m]
    if (sq["total"] >= sq["greedy"]) { print "bench-typography: total-fit does not lower the sum of squared ratios"; exit 1 }
}' "$tmp/all"
