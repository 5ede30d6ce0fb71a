#!/bin/sh
# The PNG options of the command line: --png, --dpi, --pages,
# --contact-sheet, alone and with -o, and their errors.
# Usage: tests/png/cli.sh build/folio
# Prints "png-cli: N passed, N failed" and exits 1 on any failure.
FOLIO=${1:-build/folio}
BUILD=$(dirname "$FOLIO")
OUT=$BUILD/test-output/png-cli
rm -rf "$OUT"; mkdir -p "$OUT"
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: png-cli: $*"; }

# size FILE.png: "WIDTHxHEIGHT" from the PNG header (IHDR)
size() {
    python3 -c 'import struct, sys
d = open(sys.argv[1], "rb").read(24)
assert d[:8] == b"\x89PNG\r\n\x1a\n" and d[12:16] == b"IHDR"
print("%dx%d" % struct.unpack(">II", d[16:24]))' "$1" 2>/dev/null
}

MD=content/report.md
# the style explicitly: an ASan build (build/asan/folio) has no styles/ beside it
STYLE="--style styles/default.css"
# one layout, two outputs: the PDF and one PNG per page, A4 at 72 dpi
"$FOLIO" -q "$MD" $STYLE -o "$OUT/r.pdf" --png "$OUT/r" --dpi 72 2>"$OUT/r.err"
pages=$(pdfinfo "$OUT/r.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
n=$(ls "$OUT/r" 2>/dev/null | grep -c '^page-[0-9][0-9][0-9]\.png$')
[ -n "$pages" ] && [ "$n" = "$pages" ] && [ ! -s "$OUT/r.err" ] && ok || bad "-o with --png: $n images for ${pages:-no} PDF pages $(cat "$OUT/r.err")"
[ "$(size "$OUT/r/page-001.png")" = 596x842 ] && ok || bad "A4 at 72 dpi is $(size "$OUT/r/page-001.png"), not 596x842"
[ -z "$(ls -A "$OUT/r" | grep '^\.')" ] && ok || bad "temporary files left in $OUT/r"

# default 96 dpi, images only: no PDF is written
cp "$MD" "$OUT/only.md"
"$FOLIO" -q "$OUT/only.md" $STYLE --png "$OUT/only/nested" 2>"$OUT/only.err"
[ $? -eq 0 ] && [ ! -e "$OUT/only.pdf" ] && [ "$(size "$OUT/only/nested/page-001.png")" = 794x1123 ] && ok || bad "--png alone: $(cat "$OUT/only.err") $(size "$OUT/only/nested/page-001.png")"

# page images of an earlier, longer document are removed; other files stay
: >"$OUT/r/page-099.png"; : >"$OUT/r/notes.png"
"$FOLIO" -q "$MD" $STYLE --png "$OUT/r" --pages 1 --dpi 36
[ ! -e "$OUT/r/page-099.png" ] && [ -e "$OUT/r/notes.png" ] && [ -e "$OUT/r/page-002.png" ] && ok || bad "stale page images: $(ls "$OUT/r")"

# --pages and --dpi
"$FOLIO" -q "$MD" $STYLE --png "$OUT/p2" --pages 2 --dpi 144 2>"$OUT/p2.err"
[ "$(ls "$OUT/p2")" = page-002.png ] && [ "$(size "$OUT/p2/page-002.png")" = 1191x1684 ] && ok || bad "--pages 2 --dpi 144: $(ls "$OUT/p2") $(size "$OUT/p2/page-002.png") $(cat "$OUT/p2.err")"
"$FOLIO" -q "$MD" $STYLE --png "$OUT/p1" --pages 1- --dpi 36 && [ "$(ls "$OUT/p1" | wc -l)" = "$pages" ] && ok || bad "--pages 1-"

# contact sheet: 180 px thumbnails with 12 px gaps, up to six a row
"$FOLIO" -q "$MD" $STYLE --contact-sheet "$OUT/sheet.png" 2>"$OUT/sheet.err"
cols=$((pages < 6 ? pages : 6))
want_w=$((12 + cols * 192))
w=$(size "$OUT/sheet.png"); w=${w%x*}
[ "$w" = "$want_w" ] && ok || bad "contact sheet is ${w:-missing} px wide, not $want_w: $(cat "$OUT/sheet.err")"

# standard input, images only
printf '# From stdin\n\nHello.\n' | "$FOLIO" -q - --png "$OUT/stdin" && [ -f "$OUT/stdin/page-001.png" ] && ok || bad "standard input with --png"

# usage errors: exit 2
for args in "--dpi 0" "--dpi 5000" "--dpi abc" "--pages 0" "--pages 3-1" "--pages x" "--pages -2" "--pages 1-2x"; do
    "$FOLIO" -q "$MD" $STYLE --png "$OUT/bad" $args 2>"$OUT/usage.err"
    rc=$?
    [ $rc -eq 2 ] && grep -q 'error:' "$OUT/usage.err" && ok || bad "'$args': exit $rc, $(cat "$OUT/usage.err")"
done
# --dpi without --png: a warning, and the PDF is still written
"$FOLIO" "$MD" $STYLE -o "$OUT/w.pdf" --dpi 100 2>"$OUT/w.err"
[ $? -eq 0 ] && grep -q 'warning: --dpi applies to --png only' "$OUT/w.err" && [ -f "$OUT/w.pdf" ] && ok || bad "--dpi without --png: $(cat "$OUT/w.err")"
# a page range past the end, an unusable folder: exit 1, nothing written
"$FOLIO" -q "$MD" $STYLE --png "$OUT/past" --pages 999-1000 2>"$OUT/past.err"
[ $? -eq 1 ] && grep -q 'error: --pages starts at page 999' "$OUT/past.err" && [ ! -e "$OUT/past" ] && ok || bad "--pages past the end: $(cat "$OUT/past.err")"
: >"$OUT/afile"
"$FOLIO" -q "$MD" $STYLE --png "$OUT/afile" 2>"$OUT/afile.err"
[ $? -eq 1 ] && grep -q 'error:' "$OUT/afile.err" && ok || bad "--png onto a file: $(cat "$OUT/afile.err")"
"$FOLIO" -q "$MD" $STYLE --contact-sheet "$OUT/no/such/dir/sheet.png" 2>"$OUT/nodir.err"
[ $? -eq 1 ] && grep -q 'error: cannot write' "$OUT/nodir.err" && ok || bad "--contact-sheet into a missing folder: $(cat "$OUT/nodir.err")"

# '-' is standard output for -o only: page images and contact sheets need a
# name (no folder or file called "-" appears)
abs=$(cd "$(dirname "$FOLIO")" && pwd)/$(basename "$FOLIO")
(cd "$OUT" && "$abs" -q "$OLDPWD/$MD" --style "$OLDPWD/styles/default.css" --png - 2>dash.err; echo $? > dash.rc)
[ "$(cat "$OUT/dash.rc")" = 2 ] && [ ! -e "$OUT/-" ] && grep -q "'-' (standard output) is not supported" "$OUT/dash.err" && ok || bad "--png -: rc=$(cat "$OUT/dash.rc") $(cat "$OUT/dash.err")"
(cd "$OUT" && "$abs" -q "$OLDPWD/$MD" --style "$OLDPWD/styles/default.css" --contact-sheet - 2>dash.err; echo $? > dash.rc)
[ "$(cat "$OUT/dash.rc")" = 2 ] && [ ! -e "$OUT/-" ] && ok || bad "--contact-sheet -: rc=$(cat "$OUT/dash.rc") $(cat "$OUT/dash.err")"

echo "png-cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
