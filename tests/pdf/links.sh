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
            ref = act.replace(" ", "_") if isinstance(act, str) and act.endswith(" R") else "direct"
            uri = get(act)["/URI"]
            print(n, "uri", ref, len(uri[2:] if uri[:2] in ("u:", "b:") else uri))
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
    pdftoppm -r 150 -png -f 1 -l 1 -W 1240 -H 400 -singlefile "$OUT/$f.pdf" "$OUT/$f"
done
[ "$(python3 tests/pdf/pngcolors.py "$OUT/colour.png")" = 0 ] && ok || bad "dead: drawn in the link colour"
[ "$(python3 tests/pdf/pngcolors.py "$OUT/colour2.png")" -gt 20 ] && ok || bad "live link: not in the link colour"

# --- a long URL wrapped over many lines: one URI action shared by all its
# annotations (PDF 1.7 §12.5.6.5 /A as an indirect reference), so the file
# grows linearly with the URL's length (it was 13 MB for 32 000 characters)
size() { wc -c <"$1" | tr -d ' '; }
for n in 1000 8000 32000; do
    python3 -c 'import sys; n = int(sys.argv[1])
print("Intro.\n\n<https://example.com/" + "a" * n + ">\n\nAnd [short](https://example.com/x) and [again](https://example.com/x).")' $n >"$OUT/url$n.md"
    "$FOLIO" -q "$OUT/url$n.md" $STYLE -o "$OUT/url$n.pdf" 2>"$OUT/url$n.err" || bad "url$n: folio failed: $(cat "$OUT/url$n.err")"
done
if clean "$OUT/url32000.pdf"; then
    s1=$(size "$OUT/url1000.pdf"); s8=$(size "$OUT/url8000.pdf"); s32=$(size "$OUT/url32000.pdf")
    # bytes per URL character from 1000 to 8000 and from 8000 to 32000 agree
    python3 -c 'import sys; a, b, c = map(int, sys.argv[1:])
r1, r2 = (b - a) / 7000, (c - b) / 24000
sys.exit(not (r2 < 1.3 * r1 and c < 400000))' "$s1" "$s8" "$s32" && ok ||
        bad "url: size not linear in the URL length: $s1, $s8, $s32 bytes for 1000, 8000, 32000"
    annots "$OUT/url32000.pdf" >"$OUT/url.annots"
    long=$(awk '$2 == "uri" && $4 == 32020' "$OUT/url.annots")
    nlong=$(printf '%s\n' "$long" | grep -c uri)
    [ "$nlong" -gt 100 ] && ok || bad "url: $nlong annotations for the long URL (want one per line)"
    [ "$(printf '%s\n' "$long" | awk '{print $3}' | sort -u)" != direct ] &&
    [ "$(printf '%s\n' "$long" | awk '{print $3}' | sort -u | wc -l)" = 1 ] && ok ||
        bad "url: the long URL's annotations do not share one action object"
    [ "$(awk '$2 == "uri" && $4 == 21 {print $3}' "$OUT/url.annots" | sort -u)" != direct ] &&
    [ "$(awk '$2 == "uri" && $4 == 21 {print $3}' "$OUT/url.annots" | sort -u | wc -l)" = 1 ] &&
    [ "$(awk '$2 == "uri" && $4 == 21' "$OUT/url.annots" | wc -l)" = 2 ] && ok ||
        bad "url: two links to one URI do not share its action: $(grep ' 21$' "$OUT/url.annots")"
    pdfinfo -url "$OUT/url32000.pdf" 2>&1 >"$OUT/url.info" | grep . && bad "url: pdfinfo -url warned"
    [ "$(awk 'NR > 1 && length($3) == 32020' "$OUT/url.info" | wc -l)" = "$nlong" ] && ok ||
        bad "url: pdfinfo -url does not show the whole URL on every annotation"
    [ "$(tr -cd a <"$OUT/url32000.pdf.txt" | wc -c)" -ge 32000 ] && ok || bad "url: the URL's text is lost"
fi
# a URI longer than a PDF string may be (65 535 bytes in libharu): a
# warning and the text without a link, not a failed build
python3 -c 'print("<https://example.com/" + "b" * 70000 + ">")' >"$OUT/huge.md"
"$FOLIO" "$OUT/huge.md" $STYLE -o "$OUT/huge.pdf" 2>"$OUT/huge.err" && clean "$OUT/huge.pdf" &&
    grep -q "warning: a link's URI is 70019 bytes" "$OUT/huge.err" && ok ||
    bad "huge URI: $(cat "$OUT/huge.err")"

echo "links: $pass passed, $fail failed"
[ $fail -eq 0 ]
