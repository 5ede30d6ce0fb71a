#!/bin/sh
# End-to-end: forced breaks to a side (CSS Fragmentation 3 §3.1
# `break-before: right | left`): with `h1 { break-before: right }` every
# chapter starts on an odd (right) page, a blank page is inserted when the
# page after the break would be even, the blank page gets :blank margin
# boxes (CSS Paged Media 3 §4.1), counter(pages) counts it and the table of
# contents gives the chapters' real pages.  Checked with pdftotext per page
# and pdfinfo.  Usage: tests/pdf/sides.sh build/folio
# Prints "e2e sides: N passed, N failed" and exits 1 on any failure.
FOLIO=${1:-build/folio}
BUILD=$(dirname "$FOLIO")
OUT=$BUILD/test-output/sides
rm -rf "$OUT"; mkdir -p "$OUT"
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# Chapters of 1, 90 (several pages), 3 and 1 paragraphs; right.css and
# blank.css add a table of contents on page 1, left.css does not.
python3 -c '
for name, n in (("Alpha", 1), ("Beta", 90), ("Gamma", 3), ("Delta", 1)):
    print(f"# Chapter{name}\n")
    for i in range(n):
        print("Body lorem ipsum dolor sit amet consectetur adipiscing elit " * 3 + "\n")' >"$OUT/s.md"
STYLE=styles/default.css
printf '%s\n' 'h1 { break-before: right }' \
    '@page { @bottom-center { content: "Folio " counter(page) " of " counter(pages) } }' >"$OUT/right.css"
cat "$OUT/right.css" >"$OUT/blank.css"
printf '%s\n' '@page :blank { @bottom-center { content: none } }' >>"$OUT/blank.css"
printf '%s\n' 'h1 { break-before: left }' >"$OUT/left.css"

# page_texts PDF: one file per page, PDF.N.txt; prints the page count
page_texts() {
    n=$(pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}')
    p=1
    while [ "$p" -le "${n:-0}" ]; do
        pdftotext -f "$p" -l "$p" "$1" "$1.$p.txt" 2>>"$1.pw"
        p=$((p + 1))
    done
    echo "${n:-0}"
}

run() { # name css [--toc]: folio with the house style and user style css
    if "$FOLIO" -q $3 "$OUT/s.md" -o "$OUT/$1.pdf" --style "$STYLE" -u "$OUT/$2" 2>"$OUT/$1.err"; then
        [ -s "$OUT/$1.err" ] && bad "sides $1: folio printed: $(head -3 "$OUT/$1.err")" || ok
        qpdf --check "$OUT/$1.pdf" >/dev/null 2>&1 && ok || bad "sides $1: qpdf --check"
        return 0
    fi
    bad "sides $1: folio failed: $(head -3 "$OUT/$1.err")"
    return 1
}

if run right right.css --toc; then
    n=$(page_texts "$OUT/right.pdf")
    [ -s "$OUT/right.pdf.pw" ] && bad "sides right: poppler warned: $(head -2 "$OUT/right.pdf.pw")" || ok
    python3 - "$OUT/right.pdf" "$n" >"$OUT/right.log" <<'PY' && ok || bad "sides right: $(cat "$OUT/right.log")"
import re, sys
pdf, n = sys.argv[1], int(sys.argv[2])
pages = [open(f"{pdf}.{p}.txt").read() for p in range(1, n + 1)]
err = []
starts = {}
for p, t in enumerate(pages, 1):
    for name in re.findall(r"^Chapter(\w+)$", t, re.M):
        starts[name] = p
    if f"Folio {p} of {n}" not in t:
        err.append(f"page {p}: no 'Folio {p} of {n}'")
if sorted(starts) != ["Alpha", "Beta", "Delta", "Gamma"]:
    err.append(f"chapters found: {starts}")
for name, p in starts.items():
    if p % 2 == 0:
        err.append(f"Chapter{name} starts on page {p}, a left page")
# blank pages: nothing but the folio; one before Alpha (the TOC is on page 1)
blank = [p for p, t in enumerate(pages, 1) if not re.sub(r"Folio \d+ of \d+", "", t).strip()]
if not blank or 2 not in blank:
    err.append(f"blank pages {blank}: page 2 should be blank")
for p in blank:
    nxt = pages[p] if p < n else ""
    if p % 2 == 1 or "Chapter" not in nxt:
        err.append(f"blank page {p} is not a left page before a chapter")
if n % 2 == 0 and n in blank:
    err.append("a blank page at the end")
# table of contents: the numbers are the chapters' pages
for name, p in starts.items():
    m = re.search(rf"Chapter{name}[ .]*\n*\s*(\d+)", pages[0])
    if not m or int(m.group(1)) != p:
        err.append(f"TOC gives Chapter{name} {m.group(1) if m else None}, it is on page {p}")
print("; ".join(err) if err else f"chapters {starts}, blank {blank}, {n} pages")
sys.exit(1 if err else 0)
PY
fi

if run blank blank.css --toc; then
    n=$(page_texts "$OUT/blank.pdf")
    [ -s "$OUT/blank.pdf.pw" ] && bad "sides blank: poppler warned: $(head -2 "$OUT/blank.pdf.pw")" || ok
    python3 - "$OUT/blank.pdf" "$n" >"$OUT/blank.log" <<'PY' && ok || bad "sides blank: $(cat "$OUT/blank.log")"
import sys
pdf, n = sys.argv[1], int(sys.argv[2])
pages = [open(f"{pdf}.{p}.txt").read() for p in range(1, n + 1)]
empty = [p for p, t in enumerate(pages, 1) if not t.strip()]
numbered = [p for p, t in enumerate(pages, 1) if f"Folio {p} of {n}" in t]
err = []
if 2 not in empty:
    err.append(f"page 2 (blank, @page :blank content: none) has text: {pages[1].strip()!r}")
if sorted(empty + numbered) != list(range(1, n + 1)):
    err.append(f"pages neither empty nor numbered: empty {empty}, numbered {numbered}")
print("; ".join(err) if err else f"empty pages {empty} of {n}")
sys.exit(1 if err else 0)
PY
fi

if run left left.css; then
    n=$(page_texts "$OUT/left.pdf")
    python3 - "$OUT/left.pdf" "$n" >"$OUT/left.log" <<'PY' && ok || bad "sides left: $(cat "$OUT/left.log")"
import re, sys
pdf, n = sys.argv[1], int(sys.argv[2])
pages = [open(f"{pdf}.{p}.txt").read() for p in range(1, n + 1)]
err = []
starts = {name: p for p, t in enumerate(pages, 1) for name in re.findall(r"^Chapter(\w+)$", t, re.M)}
if len(starts) != 4:
    err.append(f"chapters found: {starts}")
# no table of contents: break-before: left on the first chapter leaves
# page 1 (a right page) blank but for its folio
if pages[0].strip() != "1":
    err.append(f"page 1 is not blank: {pages[0].strip()[:60]!r}")
for name, p in starts.items():
    if p % 2 == 1:
        err.append(f"Chapter{name} starts on page {p}, a right page")
print("; ".join(err) if err else f"chapters {starts}, {n} pages")
sys.exit(1 if err else 0)
PY
fi

echo "e2e sides: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
