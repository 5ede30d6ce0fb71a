#!/bin/sh
# End-to-end tests of the PDF output options (docs/output.md): size and
# --max-size, metadata, --pdfa, reproducible builds, attachments and
# encryption.  Every PDF made must pass qpdf --check and poppler (pdfinfo,
# pdffonts, pdftotext) without a warning.
# Usage: tests/pdf/output.sh build/folio
# Prints "output: N passed, N failed" and exits 1 on any failure.
FOLIO=${1:-build/folio}
BUILD=$(dirname "$FOLIO")
OUT=$BUILD/test-output/output
DATA=tests/data/output
INSPECT="python3 tests/pdf/inspect.py"
rm -rf "$OUT"; mkdir -p "$OUT"
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# clean PDF [PASSWORD]: qpdf and poppler accept it without a word of warning.
clean() {
    pdf=$1; pw=$2
    if [ -n "$pw" ]; then qa="--password=$pw"; pa="-upw $pw"; else qa=""; pa=""; fi
    # shellcheck disable=SC2086
    if ! qpdf --check $qa "$pdf" >"$pdf.qpdf" 2>&1 || grep -qi warning "$pdf.qpdf"; then
        bad "$pdf: qpdf --check: $(grep -i -m2 'warn\|error\|password' "$pdf.qpdf")"; return 1
    fi
    # shellcheck disable=SC2086
    { pdfinfo $pa "$pdf" >/dev/null && pdffonts $pa "$pdf" >"$pdf.fonts" &&
      pdftotext $pa "$pdf" "$pdf.txt"; } 2>"$pdf.poppler"
    if [ -s "$pdf.poppler" ]; then
        bad "$pdf: poppler: $(head -2 "$pdf.poppler")"; return 1
    fi
    if awk 'NR>2 && $(NF-4) != "yes" {b=1} END {exit !b}' "$pdf.fonts"; then
        bad "$pdf: a font is not embedded"; return 1
    fi
    ok; return 0
}

# build NAME ARGS...: runs folio quietly; fails the test when it fails.
build() {
    name=$1; shift
    if ! "$FOLIO" -q "$@" -o "$OUT/$name.pdf" 2>"$OUT/$name.err"; then
        bad "$name: folio failed: $(head -3 "$OUT/$name.err")"; return 1
    fi
    [ -s "$OUT/$name.err" ] && { bad "$name: folio printed: $(head -2 "$OUT/$name.err")"; return 1; }
    return 0
}

info() { pdfinfo -enc UTF-8 "$@" 2>/dev/null; }

# --- size: each face once, subset, compressed; the figure docs/output.md quotes
if build report content/report.md --style styles/default.css; then
    clean "$OUT/report.pdf"
    r=$($INSPECT fonts-once "$OUT/report.pdf") && ok || bad "report: $r"
    size=$(stat -c %s "$OUT/report.pdf")
    # WeasyPrint 57.2 makes 20,344 bytes from the same Markdown and house style
    [ "$size" -le 20343 ] && ok || bad "report: $size bytes, more than WeasyPrint's 20343"
    pdffonts "$OUT/report.pdf" | awk 'NR>2 && $(NF-3) != "yes" {b=1} END {exit b}' && ok ||
        bad "report: a font is not subset"
fi

# --- --max-size: fails, says what takes the space, writes nothing
"$FOLIO" -q content/report.md --style styles/default.css -o "$OUT/big.pdf" --max-size 10kB 2>"$OUT/big.err"; rc=$?
if [ $rc -eq 1 ] && [ ! -e "$OUT/big.pdf" ] &&
   grep -q 'error: the PDF would be .* more than --max-size 10.0 kB: fonts .* (3 faces), page content .* (2 pages)' "$OUT/big.err"; then
    ok
else
    bad "--max-size 10kB: rc=$rc $(cat "$OUT/big.err")"
fi
build fits content/report.md --max-size 2MB && ok
"$FOLIO" -q content/report.md -o "$OUT/x.pdf" --max-size 2XB 2>/dev/null; [ $? -eq 2 ] && ok || bad "--max-size 2XB: not a usage error"

# --- metadata from the front matter
if build meta "$DATA/meta.md" --attach "$DATA/notes.txt"; then
    pdf=$OUT/meta.pdf
    clean "$pdf"
    for kv in "Title:Quarterly <Ops> & Review" "Author:Ann Émile, Bob Stone" \
              "Subject:Operations review" "Keywords:ops, review, 2026" \
              "Creator:folio" "Producer:folio" "Metadata Stream:yes" \
              "CreationDate:Mon Oct  5 00:00:00 2026 UTC"; do
        k=${kv%%:*}; v=${kv#*:}
        info "$pdf" | grep -q "^$k: *$v" && ok || bad "meta: pdfinfo $k is not '$v': $(info "$pdf" | grep "^$k")"
    done
    info -meta "$pdf" >"$OUT/meta.xmp"
    for w in '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Quarterly &lt;Ops&gt; &amp; Review</rdf:li>' \
             '<rdf:li>Ann Émile, Bob Stone</rdf:li>' '<rdf:li>review</rdf:li>' \
             '<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li>' \
             '<xmp:CreateDate>2026-10-05T00:00:00Z</xmp:CreateDate>'; do
        grep -qF "$w" "$OUT/meta.xmp" && ok || bad "meta: XMP lacks $w"
    done
    python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$OUT/meta.xmp" && ok || bad "meta: XMP is not well-formed XML"
    r=$($INSPECT catalog "$pdf" /Lang=u:en-GB /PageMode=/UseOutlines "/PageLabels={'/Nums': [0, {'/S': '/D', '/St': 1}]}" /Metadata=ref) && ok || bad "meta: $r"
    r=$($INSPECT has-id "$pdf") && ok || bad "meta: $r"
fi
# no outline: no /PageMode
printf 'Just a paragraph.\n' >"$OUT/plain.md"
if build plain "$OUT/plain.md"; then
    r=$($INSPECT catalog "$OUT/plain.pdf" /PageMode=None) && ok || bad "plain: $r"
fi
printf -- '---\ndate: last spring\n---\nText.\n' >"$OUT/baddate.md"
"$FOLIO" "$OUT/baddate.md" -o "$OUT/baddate.pdf" 2>"$OUT/baddate.err" &&
    grep -q "warning: front matter date 'last spring' is not an ISO 8601 date" "$OUT/baddate.err" && ok ||
    bad "a non-ISO date is not warned about: $(cat "$OUT/baddate.err")"

# --- PDF/A-2b
if build pdfa content/report.md --pdfa; then
    clean "$OUT/pdfa.pdf"
    r=$($INSPECT pdfa "$OUT/pdfa.pdf") && ok || bad "pdfa: $r"
    head -c 15 "$OUT/pdfa.pdf" | od -An -tx1 | tr -d ' \n' | grep -q '^255044462d312e370a25[89a-f]' && ok ||
        bad "pdfa: header is not %PDF-1.7 with a binary comment"
    prof=$(qpdf --json=2 --json-key=qpdf "$OUT/pdfa.pdf" | python3 -c '
import json, sys
o = json.load(sys.stdin)["qpdf"][1]
for k, v in o.items():
    if "/N" in v.get("stream", {}).get("dict", {}): print(k.split(":")[1].split()[0])')
    qpdf --show-object="$prof" --filtered-stream-data "$OUT/pdfa.pdf" >"$OUT/pdfa.icc" 2>/dev/null
    cmp -s "$OUT/pdfa.icc" /usr/share/color/icc/sRGB.icc && ok || bad "pdfa: the embedded profile is not sRGB.icc"
fi
"$FOLIO" "$DATA/meta.md" -o "$OUT/pdfa-meta.pdf" --pdfa 2>"$OUT/pdfa-meta.err" && ok ||
    bad "pdfa + front matter attachments: folio failed"
grep -q 'attachments are left out under --pdfa' "$OUT/pdfa-meta.err" && ok ||
    bad "pdfa + front matter attachments: no warning: $(cat "$OUT/pdfa-meta.err")"
"$FOLIO" -q content/report.md -o "$OUT/x.pdf" --pdfa --user-password a 2>"$OUT/x.err"; rc=$?
[ $rc -eq 2 ] && grep -q 'encryption' "$OUT/x.err" && ok || bad "--pdfa with a password: rc=$rc"
"$FOLIO" -q content/report.md -o "$OUT/x.pdf" --pdfa --attach "$DATA/figures.csv" 2>"$OUT/x.err"; rc=$?
[ $rc -eq 2 ] && grep -q 'attach' "$OUT/x.err" && ok || bad "--pdfa with --attach: rc=$rc"

# --- reproducible: same input, same bytes
SOURCE_DATE_EPOCH=1700000000 build rep1 "$DATA/meta.md" &&
    sleep 1 && SOURCE_DATE_EPOCH=1700000000 build rep2 "$DATA/meta.md" &&
    { cmp "$OUT/rep1.pdf" "$OUT/rep2.pdf" >/dev/null && ok || bad "SOURCE_DATE_EPOCH: two builds differ"; }
info "$OUT/rep1.pdf" | grep -q '^ModDate: *Tue Nov 14 22:13:20 2023 UTC' && ok || bad "SOURCE_DATE_EPOCH: ModDate is not the epoch"
build rep3 content/report.md --reproducible && sleep 1 && build rep4 content/report.md --reproducible &&
    { cmp "$OUT/rep3.pdf" "$OUT/rep4.pdf" >/dev/null && ok || bad "--reproducible: two builds differ"; }
clean "$OUT/rep3.pdf"
id3=$(qpdf --show-object=trailer "$OUT/rep3.pdf" | sed 's/.*\/ID \[ <\([0-9a-f]*\)>.*/\1/')
idm=$(qpdf --show-object=trailer "$OUT/rep1.pdf" | sed 's/.*\/ID \[ <\([0-9a-f]*\)>.*/\1/')
[ ${#id3} -eq 32 ] && [ "$id3" != "$idm" ] && ok || bad "different documents have the same /ID: $id3 $idm"

# --- attachments: --attach and front matter; exact bytes back
if build att "$DATA/meta.md" --attach "$DATA/notes.txt" --attach content/report.md; then
    clean "$OUT/att.pdf"
    pdfdetach -list "$OUT/att.pdf" >"$OUT/att.list" 2>&1
    grep -q '^3 embedded files' "$OUT/att.list" && ok || bad "att: $(cat "$OUT/att.list")"
    mkdir -p "$OUT/detach"
    (cd "$OUT/detach" && pdfdetach -saveall ../att.pdf) 2>"$OUT/detach.err" && [ ! -s "$OUT/detach.err" ] && ok ||
        bad "att: pdfdetach: $(cat "$OUT/detach.err")"
    for f in "$DATA/figures.csv" "$DATA/notes.txt" content/report.md; do
        cmp -s "$f" "$OUT/detach/$(basename "$f")" && ok || bad "att: $(basename "$f") does not come back byte for byte"
    done
    r=$($INSPECT attachment "$OUT/att.pdf" figures.csv text/csv "$(stat -c %s "$DATA/figures.csv")") && ok || bad "att: $r"
    r=$($INSPECT attachment "$OUT/att.pdf" report.md text/markdown "$(stat -c %s content/report.md)") && ok || bad "att: $r"
fi
"$FOLIO" -q content/report.md -o "$OUT/noatt.pdf" --attach "$OUT/missing.csv" 2>"$OUT/noatt.err"; rc=$?
[ $rc -eq 1 ] && [ ! -e "$OUT/noatt.pdf" ] && grep -q 'error: cannot attach .*missing.csv' "$OUT/noatt.err" && ok ||
    bad "missing attachment: rc=$rc $(cat "$OUT/noatt.err")"

# --- encryption: opens with the password, not without
if build enc "$DATA/meta.md" --user-password 's3cret' --owner-password 'boss' --permissions print; then
    clean "$OUT/enc.pdf" 's3cret'
    qpdf --check "$OUT/enc.pdf" >"$OUT/enc.nopw" 2>&1 && bad "enc: opens without the password" || ok
    grep -q 'invalid password' "$OUT/enc.nopw" && ok || bad "enc: $(head -2 "$OUT/enc.nopw")"
    qpdf --check --password=wrong "$OUT/enc.pdf" >/dev/null 2>&1 && bad "enc: opens with a wrong password" || ok
    info -upw 's3cret' "$OUT/enc.pdf" | grep -q 'Encrypted: *yes (print:yes copy:no change:no addNotes:no algorithm:RC4)' && ok ||
        bad "enc: $(info -upw s3cret "$OUT/enc.pdf" | grep Encrypted)"
    grep -q 'Revenue rose' "$OUT/enc.pdf.txt" && ok || bad "enc: text does not extract with the password"
    info -upw 's3cret' "$OUT/enc.pdf" | grep -q '^Author: *Ann Émile, Bob Stone' && ok || bad "enc: Author lost"
fi
if build perm content/report.md --permissions print,copy; then
    clean "$OUT/perm.pdf"
    info "$OUT/perm.pdf" | grep -q 'Encrypted: *yes (print:yes copy:yes change:no addNotes:no' && ok ||
        bad "perm: $(info "$OUT/perm.pdf" | grep Encrypted)"
fi
"$FOLIO" -q content/report.md -o "$OUT/x.pdf" --permissions print,fly 2>/dev/null; [ $? -eq 2 ] && ok || bad "--permissions fly: not a usage error"
"$FOLIO" --help | grep -q 'NOT strong protection' && ok || bad "--help does not warn about RC4"

# --- border styles: a line dash pattern (`d`, PDF 1.7 §8.4.3.6) in the page
# content for dashed and dotted borders, round caps (`1 J`) for the dots,
# neither for a document whose borders are all solid
if build borders tests/ref/docs/border-styles.md --style tests/ref/docs/border-styles.css &&
   clean "$OUT/borders.pdf"; then
    qpdf --qdf --object-streams=disable "$OUT/borders.pdf" "$OUT/borders-qdf.pdf"
    nd=$(grep -ac '^\[[0-9.]* [0-9.]*\] [0-9.]* d$' "$OUT/borders-qdf.pdf")
    [ "$nd" -gt 0 ] && ok || bad "borders: no dash pattern in the content streams"
    grep -aq '^\[0 [0-9.]*\] [0-9.]* d$' "$OUT/borders-qdf.pdf" && grep -aqx '1 J' "$OUT/borders-qdf.pdf" &&
        ok || bad "borders: no round dots for the dotted borders"
    ns=$(grep -acx 'S' "$OUT/borders-qdf.pdf")
    [ "$nd" -le "$ns" ] && ok || bad "borders: $nd dash patterns for $ns strokes"
fi
if build solid content/report.md --style styles/default.css; then
    qpdf --qdf --object-streams=disable "$OUT/solid.pdf" "$OUT/solid-qdf.pdf"
    grep -aq ' d$' "$OUT/solid-qdf.pdf" && bad "solid borders: a dash pattern in the content" || ok
fi

echo "output: $pass passed, $fail failed"
[ $fail -eq 0 ]
