#!/bin/sh
# End-to-end tests of links in the PDF: internal links to missing anchors
# (warning with file:line:col, preflight line, no link style, no annotation)
# and long URLs wrapped over many lines (one shared URI action, size linear
# in the URL's length).  Every PDF made must pass qpdf --check and poppler
# without a warning.
# Usage: tests/pdf/links.sh build/folio
# Prints "links: N passed, N failed" and exits 1 on any failure.
FOLIO=${1:-build/folio}
BUILD=$(dirname "$FOLIO")
OUT=$BUILD/test-output/links
STYLE="--style styles/default.css"
rm -rf "$OUT"; mkdir -p "$OUT"
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: links: $*"; }

# clean PDF: qpdf and poppler accept it without a word of warning.
clean() {
    if ! qpdf --check "$1" >"$1.qpdf" 2>&1 || grep -qi warning "$1.qpdf"; then
        bad "$1: qpdf --check: $(grep -i -m2 'warn\|error' "$1.qpdf")"; return 1
    fi
    { pdfinfo "$1" >/dev/null && pdftotext "$1" "$1.txt"; } 2>"$1.poppler"
    if [ -s "$1.poppler" ]; then
        bad "$1: poppler: $(head -2 "$1.poppler")"; return 1
    fi
    ok; return 0
}

# annots PDF: one line per link annotation, "PAGE KIND TARGET" where KIND is
# uri (TARGET: the action's object id and the URI length) or goto.
annots() {
    qpdf --json=2 --json-stream-data=none "$1" | python3 -c '
import json, sys
objs = json.load(sys.stdin)["qpdf"][1]
def get(v):
    if isinstance(v, str) and v.endswith(" R"):
        o = objs.get("obj:" + v, {})
        return o.get("value", o.get("stream", {}).get("dict"))
    return v
pages = get(get(get(objs["trailer"]["value"]["/Root"])["/Pages"])["/Kids"])
def leaves(kids):
    for k in kids:
        d = get(k)
        if "/Kids" in d: yield from leaves(get(d["/Kids"]))
        else: yield d
for n, p in enumerate(leaves(pages), 1):
    for a in get(p.get("/Annots", [])) or []:
        d = get(a)
        if d.get("/Subtype") != "/Link": continue
        act = d.get("/A")
        if act is not None:
            ref = act if isinstance(act, str) and act.endswith(" R") else "direct"
            print(n, "uri", ref, len(get(act)["/URI"]))
        else:
            print(n, "goto", "dest")'
}

# --- a link to a missing anchor
printf '# Intro\n\nSee [the intro](#intro), [nothing](#nowhere) and\n[again](#nowhere).\n' >"$OUT/dead.md"
"$FOLIO" "$OUT/dead.md" $STYLE -o "$OUT/dead.pdf" --preflight >"$OUT/dead.pf" 2>"$OUT/dead.err"
rc=$?
[ $rc -eq 0 ] && clean "$OUT/dead.pdf" || bad "dead: folio failed ($rc): $(cat "$OUT/dead.err")"
grep -q "^$OUT/dead.md:3:26: warning: link to missing anchor '#nowhere'" "$OUT/dead.err" && ok ||
    bad "dead: the warning has no file:line:col of the link: $(grep -m1 missing "$OUT/dead.err")"
[ "$(grep -c 'missing anchor' "$OUT/dead.err")" = 1 ] && ok || bad "dead: not one warning per name"
grep -q "^$OUT/dead.md:3: page 1: missing-anchor: link to '#nowhere'" "$OUT/dead.pf" &&
    grep -q "^$OUT/dead.md:4: page 1: missing-anchor: link to '#nowhere'" "$OUT/dead.pf" && ok ||
    bad "dead: preflight lacks the lines: $(grep missing "$OUT/dead.pf")"
grep -q ':0: .*missing-anchor' "$OUT/dead.pf" && bad "dead: preflight entry with line 0" || ok
[ "$(annots "$OUT/dead.pdf")" = "1 goto dest" ] && ok ||
    bad "dead: annotations: $(annots "$OUT/dead.pdf" | tr '\n' ';') (want only the live link)"
grep -q 'See the intro, nothing and again.' "$OUT/dead.pdf.txt" && ok || bad "dead: the text is not kept"
# the dead link is not drawn in the link colour (#1a4a8a): no coloured pixels
printf 'Text with [a dead link](#nowhere) here.\n' >"$OUT/colour.md"
printf 'Text with [a live link](#here) here.\n\n# Here\n' >"$OUT/colour2.md"
for f in colour colour2; do
    "$FOLIO" -q "$OUT/$f.md" $STYLE -o "$OUT/$f.pdf" 2>/dev/null
    pdftoppm -r 150 -png -f 1 -l 1 -singlefile "$OUT/$f.pdf" "$OUT/$f"
done
[ "$(python3 tests/pdf/pngcolors.py "$OUT/colour.png")" = 0 ] && ok || bad "dead: drawn in the link colour"
[ "$(python3 tests/pdf/pngcolors.py "$OUT/colour2.png")" -gt 20 ] && ok || bad "live link: not in the link colour"

echo "links: $pass passed, $fail failed"
[ $fail -eq 0 ]
