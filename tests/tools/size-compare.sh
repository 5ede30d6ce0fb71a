#!/bin/sh
# Measures the seed report as folio, WeasyPrint and Chromium write it, for
# docs/output.md.  Not part of `make check`: needs the Debian packages
# pandoc, weasyprint and chromium, which folio does not depend on.
# Usage: tests/tools/size-compare.sh [build/folio]
FOLIO=${1:-build/folio}
OUT=$(dirname "$FOLIO")/size-compare
mkdir -p "$OUT"
HERE=$(cd "$(dirname "$0")" && pwd)
"$FOLIO" -q content/report.md --style styles/default.css -o "$OUT/folio.pdf" || exit 1
"$FOLIO" -q content/report.md --style styles/default.css --pdfa -o "$OUT/folio-pdfa.pdf" || exit 1
# pandoc's standalone HTML without its own <style>, with the house style mirrored
pandoc content/report.md -s --metadata pagetitle="AI LLMs 2024 Report" -V lang=en \
    -c "$HERE/size-compare.css" -o "$OUT/report.html" || exit 1
python3 -c 'import re, sys
p = sys.argv[1]; s = open(p).read()
open(p, "w").write(re.sub(r"<style>.*?</style>", "", s, flags=re.S))' "$OUT/report.html"
command -v weasyprint >/dev/null && weasyprint "$OUT/report.html" "$OUT/weasyprint.pdf" 2>/dev/null
command -v chromium >/dev/null && chromium --headless --no-sandbox --disable-gpu \
    --no-pdf-header-footer --print-to-pdf="$OUT/chromium.pdf" "file://$(cd "$OUT" && pwd)/report.html" >/dev/null 2>&1
for f in folio folio-pdfa weasyprint chromium; do
    [ -f "$OUT/$f.pdf" ] || continue
    printf '%-12s %7d bytes, %s pages, fonts: %s\n' "$f" "$(stat -c %s "$OUT/$f.pdf")" \
        "$(pdfinfo "$OUT/$f.pdf" | sed -n 's/^Pages: *//p')" \
        "$(pdffonts "$OUT/$f.pdf" | awk 'NR>2 {printf "%s ", $1}')"
done
