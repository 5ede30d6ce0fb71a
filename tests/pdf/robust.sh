#!/bin/sh
# Bad-input tests: every case has an expected outcome (a valid PDF with a
# given warning, or a given error, non-zero exit and no PDF) and must finish
# (each run is under `timeout`, so a hang is a failure, not a stuck build).
# Large inputs are generated here, never committed.
# Usage: tests/pdf/robust.sh build/folio
# Prints "robust: N passed, N failed" and exits 1 on any failure.
FOLIO=${1:-build/folio}
BUILD=$(dirname "$FOLIO")
OUT=$BUILD/test-output/robust
T=${ROBUST_TIMEOUT:-600}
# ROBUST_SCALE=K divides the sizes of the five largest inputs by K (make
# check-asan uses 10: memory errors show at a tenth of the size, and the
# sanitized build is 5-10 times slower).  The plain run uses full sizes.
K=${ROBUST_SCALE:-1}
rm -rf "$OUT"; mkdir -p "$OUT"
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# run NAME MD [options...]: runs folio (not quiet) into $OUT/NAME.pdf; sets
# rc and leaves stderr in $OUT/NAME.err.  A timeout (rc 124) or a signal
# (rc > 128) is always a failure.
run() {
    name=$1; md=$2; shift 2
    timeout "$T" "$FOLIO" "$md" -o "$OUT/$name.pdf" "$@" 2>"$OUT/$name.err"
    rc=$?
    if [ $rc -eq 124 ] || [ $rc -gt 128 ]; then
        bad "$name: folio hung or crashed (rc=$rc): $(tail -3 "$OUT/$name.err")"
        return 1
    fi
    return 0
}
# valid NAME: the PDF exists, passes qpdf --check and extracts without a
# poppler warning.
valid() {
    pdf=$OUT/$1.pdf
    [ -f "$pdf" ] || { bad "$1: no PDF"; return 1; }
    if ! qpdf --check "$pdf" >"$OUT/$1.qpdf" 2>&1 || grep -qi warning "$OUT/$1.qpdf"; then
        bad "$1: qpdf --check: $(grep -i -m2 'warn\|error' "$OUT/$1.qpdf")"; return 1
    fi
    pdftotext -enc UTF-8 "$pdf" "$OUT/$1.txt" 2>"$OUT/$1.pw"
    [ -s "$OUT/$1.pw" ] && { bad "$1: poppler warned: $(head -2 "$OUT/$1.pw")"; return 1; }
    return 0
}
# expect_ok NAME MD 'stderr pattern' [options...]: exit 0, a valid PDF, and
# stderr matching the pattern ('' = no requirement).
expect_ok() {
    name=$1; md=$2; pat=$3; shift 3
    run "$name" "$md" "$@" || return 1
    [ $rc -eq 0 ] || { bad "$name: exit $rc: $(head -3 "$OUT/$name.err")"; return 1; }
    if [ -n "$pat" ] && ! grep -q -- "$pat" "$OUT/$name.err"; then
        bad "$name: stderr lacks '$pat': $(head -3 "$OUT/$name.err")"; return 1
    fi
    valid "$name" || return 1
    ok
}
# expect_err NAME MD RC 'stderr pattern' [options...]: exit RC, the message,
# and no PDF (nor a temporary file) left behind.
expect_err() {
    name=$1; md=$2; want=$3; pat=$4; shift 4
    run "$name" "$md" "$@" || return 1
    [ $rc -eq "$want" ] || { bad "$name: exit $rc, expected $want: $(head -3 "$OUT/$name.err")"; return 1; }
    grep -q -- "$pat" "$OUT/$name.err" || { bad "$name: stderr lacks '$pat': $(head -3 "$OUT/$name.err")"; return 1; }
    [ -e "$OUT/$name.pdf" ] && { bad "$name: a PDF was written"; return 1; }
    ls "$OUT/$name.pdf".* >/dev/null 2>&1 && { bad "$name: a temporary file was left"; return 1; }
    ok
}
gen() { python3 -c "K = $K
$2" >"$OUT/$1"; }

# ---- Markdown ----------------------------------------------------------
printf '# Title\n\nSome \377\376 bad \303 bytes.\n' >"$OUT/notutf8.md"
expect_ok notutf8 "$OUT/notutf8.md" 'notutf8.md: warning: invalid UTF-8 at byte offset 14' &&
    { grep -q "$(printf '\357\277\275')" "$OUT/notutf8.txt" && ok || bad "notutf8: no U+FFFD in the text"; }

printf '# Ti\000tle\n\nNUL \000 here.\n' >"$OUT/nul.md"
expect_ok nul "$OUT/nul.md" 'NUL byte at byte offset 4'

: >"$OUT/empty.md"
expect_ok empty "$OUT/empty.md" 'warning: the document is empty' &&
    { [ "$(pdfinfo "$OUT/empty.pdf" | sed -n 's/^Pages: *//p')" = 1 ] && ok || bad "empty: not one page"; }

# 50 MB of ordinary paragraphs: parsed whole, then stopped early by the page
# limit with a clear error (the full run is measured in docs/reliability.md).
gen big.md '
import sys
w = "the quick brown fox jumps over a lazy dog while the report grows".split()
para = " ".join(w[i % len(w)] for i in range(90)) + ".\n\n"
out = sys.stdout
n = 0
i = 0
while n < 50 * 1024 * 1024 // K:
    s = ("## Section %d\n\n" % i) if i % 25 == 0 else para
    out.write(s); n += len(s); i += 1'
expect_err big50mb "$OUT/big.md" 1 'more than the limit of 200 pages' --max-pages 200

# One paragraph of 1 MB.
gen para.md 'print(" ".join("w%d" % (i % 1000) for i in range(190000 // K)) + " lastword")'
expect_ok para1mb "$OUT/para.md" '' -q &&
    { grep -q lastword "$OUT/para1mb.txt" && ok || bad "para1mb: last word missing"; }

# A word of 200 000 characters: broken across lines, every character kept.
gen word.md 'print("a" * (200000 // K))'
expect_ok word200k "$OUT/word.md" '' -q &&
    { n=$(tr -cd a <"$OUT/word200k.txt" | wc -c); [ "$n" -eq $((200000 / K)) ] && ok || bad "word200k: $n of $((200000 / K)) characters extracted"; }

# 10 000 nested block quotes and list levels: flattened with one warning,
# the text still on the page.
gen quotes.md 'print(">" * 10000 + " deepquote")'
expect_ok quotes10k "$OUT/quotes.md" 'warning: blocks nested [0-9]* levels deep' &&
    { grep -q deepquote "$OUT/quotes10k.txt" && ok || bad "quotes10k: text lost"; }
gen lists.md 'print("- " * 10000 + "deepitem")'
expect_ok lists10k "$OUT/lists.md" 'warning: blocks nested [0-9]* levels deep' &&
    { grep -q deepitem "$OUT/lists10k.txt" && ok || bad "lists10k: text lost"; }
gen olists.md 'print("".join("%s1. item%d\n" % ("   " * i, i) for i in range(300)))'
expect_ok olists300 "$OUT/olists.md" 'warning: blocks nested' &&
    { grep -q item299 "$OUT/olists300.txt" && ok || bad "olists300: text lost"; }

# Deep inline nesting (emphasis, links, mixed) and quotes in list items,
# 10 000 levels, on a 256 KB stack: no walk may recurse on depth.
gen emph.md 'n = 10000; print("*a " * n + "innermost" + " b*" * n)'
gen links.md 'n = 10000; print("[" * n + "innermost" + "](u)" * n)'
gen mixed.md 'n = 10000; print("".join(("*", "**", "~~", "[")[i % 4] + "w " for i in range(n)) + "innermost")'
gen quotelist.md 'print("> - " * 5000 + "innermost")'
for f in emph links mixed quotelist; do
    (ulimit -s 256 && exec timeout "$T" "$FOLIO" -q "$OUT/$f.md" -o "$OUT/deep-$f.pdf" 2>"$OUT/deep-$f.err")
    r=$?
    [ $r -eq 0 ] || { bad "deep-$f: exit $r on a 256 KB stack: $(tail -2 "$OUT/deep-$f.err")"; continue; }
    valid "deep-$f" && { tr -d " \n" <"$OUT/deep-$f.txt" | grep -q innermost && ok || bad "deep-$f: text lost"; }
done

# A table of 1 000 columns: every cell laid out (no fixed cap), a warning.
gen table.md '
n = 1000
print("|" + "|".join("h%d" % i for i in range(n)) + "|")
print("|" + "|".join("-" for i in range(n)) + "|")
print("|" + "|".join("%d" % (i % 10) for i in range(n)) + "|")'
expect_ok table1000 "$OUT/table.md" 'a table of 1000 columns is too wide' &&
    { n=$(tr -cd 0-9 <"$OUT/table1000.txt" | wc -c); [ "$n" -ge 1000 ] && ok || bad "table1000: only $n digits extracted"; }

# 100 000 footnotes.
gen foot.md '
n = 100000 // K
print(" ".join("x[^%d]" % i for i in range(n)))
print()
print("\n".join("[^%d]: note%d" % (i, i) for i in range(n)))'
expect_ok foot100k "$OUT/foot.md" '' -q &&
    { grep -q "note$((100000 / K - 1))" "$OUT/foot100k.txt" && ok || bad "foot100k: last footnote missing"; }

# A heading of 10 000 characters.
gen heading.md 'print("# " + "h" * 10000); print(); print("after")'
expect_ok heading10k "$OUT/heading.md" '' -q &&
    { grep -q after "$OUT/heading10k.txt" && ok || bad "heading10k: text after it missing"; }

# ---- style sheets --------------------------------------------------------
printf '# Heading\n\nA paragraph of text.\n' >"$OUT/doc.md"
css() { printf '%s\n' "$2" >"$OUT/$1.css"; }
css nest "$(python3 -c 'print("a { " * 1000 + "}" * 1000); print("p { color: red }")')"
expect_ok css-nest "$OUT/doc.md" 'nest.css:1:[0-9]*: warning' -s "$OUT/nest.css"
css huge 'p { margin-left: 1e308pt; font-size: 1e308pt; line-height: 1e308 }'
expect_ok css-huge "$OUT/doc.md" 'font-size .* is out of range; clamped to 1000pt' -s "$OUT/huge.css"
css negmargin '@page { margin: -5mm }'
expect_ok css-negmargin "$OUT/doc.md" 'negative page margins are not allowed; clamped to 0' -s "$OUT/negmargin.css"
css bigmargin '@page { margin: 200mm }'
expect_err css-bigmargin "$OUT/doc.md" 1 'error: the page margins leave no room for text' -s "$OUT/bigmargin.css"
css hugemargin '@page { margin: 1e308pt }'
expect_err css-hugemargin "$OUT/doc.md" 1 'error: the page margins leave no room for text' -s "$OUT/hugemargin.css"
css hugepage '@page { size: 1e308pt 1e308pt }'
expect_ok css-hugepage "$OUT/doc.md" 'page size larger than 14400pt' -s "$OUT/hugepage.css"
css fs0 'body { font-size: 0pt }'
expect_ok css-fs0 "$OUT/doc.md" 'font-size 0pt is out of range; clamped to 1pt' -s "$OUT/fs0.css" &&
    { grep -q paragraph "$OUT/css-fs0.txt" && ok || bad "css-fs0: text lost"; }
css fs10k 'body { font-size: 10000pt }'
expect_ok css-fs10k "$OUT/doc.md" 'font-size 10000pt is out of range; clamped to 1000pt' -s "$OUT/fs10k.css"
css fs0em 'p { font-size: 0em } h1 { font-size: 0% }'
expect_ok css-fs0em "$OUT/doc.md" '' -s "$OUT/fs0em.css" &&
    { grep -q paragraph "$OUT/css-fs0em.txt" && ok || bad "css-fs0em: text lost"; }
# A missing @import is an error naming it; an @import cycle is reported
# and skipped.
css import-missing '@import "missing.css"; p { color: red }'
expect_err css-import-missing "$OUT/doc.md" 1 'import-missing.css:1:[0-9]*: error: cannot import .*missing.css' -s "$OUT/import-missing.css"
css cycle-a '@import "cycle-b.css"; p { color: red }'
css cycle-b '@import "cycle-a.css"; h1 { color: blue }'
expect_ok css-import-cycle "$OUT/doc.md" 'warning: @import cycle' -s "$OUT/cycle-a.css"
css self '@import "self.css";'
expect_ok css-import-self "$OUT/doc.md" 'warning: @import cycle' -s "$OUT/self.css"
# Every prefix of the house style (every token cut off at end of file).
if [ -f styles/default.css ]; then
    n=$(wc -c <styles/default.css); i=0; bad_cut=""
    while [ $i -le "$n" ]; do
        head -c $i styles/default.css >"$OUT/cut.css"
        timeout 60 "$FOLIO" -q "$OUT/doc.md" -o "$OUT/cut.pdf" -s "$OUT/cut.css" 2>"$OUT/cut.err"
        r=$?
        if [ $r -ne 0 ] || ! qpdf --check "$OUT/cut.pdf" >/dev/null 2>&1; then bad_cut="$bad_cut $i:$r"; fi
        i=$((i + 97))
    done
    [ -z "$bad_cut" ] && ok || bad "default.css cut at (byte:rc):$bad_cut"
fi

# ---- output ----------------------------------------------------------------
printf '# Out\n\nText.\n' >"$OUT/out.md"
expect_err unwritable-dir "$OUT/out.md" 1 'error: cannot write' -o "$OUT/no/such/dir/x.pdf"
: >"$OUT/plainfile"
expect_err notadir "$OUT/out.md" 1 'error: cannot write' -o "$OUT/plainfile/x.pdf"
# Full disk by fault injection in the writer's save path.
FOLIO_FAULT_WRITE_LIMIT=2000 expect_err diskfull-inject "$OUT/out.md" 1 'No space left on device'
# Full disk for real: a 64 KB tmpfs (needs root and mount; skipped otherwise).
MNT=$OUT/tmpfs; mkdir -p "$MNT"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64k folio-robust "$MNT" 2>/dev/null; then
    head -c 60000 /dev/zero >"$MNT/filler"
    timeout "$T" "$FOLIO" -q content/report.md -o "$MNT/r.pdf" 2>"$OUT/diskfull.err"; r=$?
    left=$(ls "$MNT" | grep -v '^filler$')
    [ $r -eq 1 ] && grep -q 'No space left on device' "$OUT/diskfull.err" && [ -z "$left" ] && ok ||
        bad "diskfull-tmpfs: rc=$r left='$left' $(cat "$OUT/diskfull.err")"
    umount "$MNT"
else
    echo "robust: skipped the tmpfs full-disk test (needs root and mount); the injected one ran"
fi
# The output path equal to the input: refused, the input untouched.
cp "$OUT/out.md" "$OUT/same.md"; h=$(sha256sum <"$OUT/same.md")
"$FOLIO" -q "$OUT/same.md" -o "$OUT/same.md" 2>"$OUT/same.err"; r=$?
[ $r -eq 2 ] && grep -q 'overwrite the input' "$OUT/same.err" && [ "$(sha256sum <"$OUT/same.md")" = "$h" ] && ok ||
    bad "output == input: rc=$r $(cat "$OUT/same.err")"
ln -sf same.md "$OUT/same-link.pdf"
"$FOLIO" -q "$OUT/same.md" -o "$OUT/same-link.pdf" 2>"$OUT/same2.err"; r=$?
[ $r -eq 2 ] && [ "$(sha256sum <"$OUT/same.md")" = "$h" ] && ok || bad "output == input via a symlink: rc=$r"

# ---- confinement ------------------------------------------------------------
# --allow-path must name an existing folder (a usage error otherwise).
expect_err allow-missing "$OUT/out.md" 2 'error: --allow-path .*/nonexistent: No such file' --allow-path "$OUT/nonexistent"
expect_err allow-file "$OUT/out.md" 2 'error: --allow-path .*: not a folder' --allow-path "$OUT/out.md"
expect_ok allow-ok "$OUT/out.md" '' -q --allow-path "$OUT"
# @import and @font-face read only inside the allowed folders; URLs never.
mkdir -p "$OUT/conf" "$OUT/outside"
printf 'p { color: #ff0000 }\n' > "$OUT/outside/evil.css"
cp fonts/DejaVuSans.ttf "$OUT/outside/face.ttf"
printf '# Confined\n\nText.\n' > "$OUT/conf/doc.md"
printf '@import "../outside/evil.css";\np { margin: 0 }\n' > "$OUT/conf/house.css"
printf '@import url("https://example.com/x.css");\n' > "$OUT/conf/url.css"
printf '@font-face { font-family: "Evil"; src: url("../outside/face.ttf") }\nbody { font-family: "Evil" }\n' > "$OUT/conf/face.css"
expect_ok import-outside "$OUT/conf/doc.md" "house.css:1:9: warning: .*outside.*evil.css.*skipped" --style "$OUT/conf/house.css"
expect_ok import-allowed "$OUT/conf/doc.md" '' --style "$OUT/conf/house.css" --allow-path "$OUT/outside"
if grep -q 'warning' "$OUT/import-allowed.err"; then bad "import-allowed: $(head -2 "$OUT/import-allowed.err")"; else ok; fi
expect_ok import-url "$OUT/conf/doc.md" "url.css:1:9: warning: .*never fetches URLs" --style "$OUT/conf/url.css"
expect_ok fontface-outside "$OUT/conf/doc.md" "face.css:1:.*warning: .*face.ttf.*skipped" --style "$OUT/conf/face.css"
# Front-matter attachments are named by the document: confined like images.
printf -- '---\nattachments: [../outside/evil.css]\n---\n# A\n\nText.\n' > "$OUT/conf/att.md"
expect_ok attach-outside "$OUT/conf/att.md" "att.md: warning: .*evil.css.*outside the folders" --style styles/default.css
if pdfdetach -list "$OUT/attach-outside.pdf" 2>/dev/null | grep -q evil; then bad "attach-outside: the file was embedded"; else ok; fi
# Outputs: never replace a device or FIFO; follow a symbolic link.
rm -rf "$OUT/sp"; mkdir -p "$OUT/sp/t"; mkfifo "$OUT/sp/fifo.pdf"
"$FOLIO" -q "$OUT/conf/doc.md" -o /dev/null 2>"$OUT/sp/dev.err"; rc=$?
[ $rc = 1 ] && grep -q 'not a regular file' "$OUT/sp/dev.err" && [ -c /dev/null ] && ok || bad "output /dev/null: rc=$rc $(cat "$OUT/sp/dev.err")"
timeout 20 "$FOLIO" -q "$OUT/conf/doc.md" -o "$OUT/sp/fifo.pdf" 2>"$OUT/sp/fifo.err"; rc=$?
[ $rc = 1 ] && [ -p "$OUT/sp/fifo.pdf" ] && ok || bad "output FIFO: rc=$rc $(cat "$OUT/sp/fifo.err")"
ln -s t/real.pdf "$OUT/sp/link.pdf"
"$FOLIO" -q "$OUT/conf/doc.md" -o "$OUT/sp/link.pdf" && [ -L "$OUT/sp/link.pdf" ] && [ -s "$OUT/sp/t/real.pdf" ] && ok || bad "output through a symbolic link"

cp tests/ref/footnotes/page-001.png "$OUT/outside/pic.png"
printf '# Picture\n\n![a chart](../outside/pic.png)\n' > "$OUT/conf/img.md"
expect_ok image-outside "$OUT/conf/img.md" "img.md:3:1: warning: cannot use image '../outside/pic.png': outside the folders" --style styles/default.css
expect_ok image-allowed "$OUT/conf/img.md" '' --style styles/default.css --allow-path "$OUT/outside"
if grep -q 'warning' "$OUT/image-allowed.err"; then bad "image-allowed: $(head -2 "$OUT/image-allowed.err")"; else ok; fi

# ---- damaged images ------------------------------------------------------------
# A cut or corrupt JPEG or PNG is a warning with its line and a placeholder
# (never DCT data a viewer cannot decode), in the PDF and in --png pages.
mkdir -p "$OUT/img"
"$(dirname "$FOLIO")/tests/mkjpeg" "$OUT/img/ok.jpg" rgb || bad "mkjpeg failed"
python3 - "$OUT/img" <<'PY'
import sys
d = sys.argv[1]
j = open(d + "/ok.jpg", "rb").read()
sos = j.index(b"\xff\xda")
scan = sos + 2 + (j[sos + 2] << 8 | j[sos + 3])
open(d + "/cut.jpg", "wb").write(j[:scan + (len(j) - scan) // 2])
# 64 bytes of garbage: stuffed 0xFF bytes, a run of 1 bits no Huffman code
# has (random bytes may decode, wrongly but silently)
mid = scan + (len(j) - scan) // 3
g = b"\xff\x00" * 32
open(d + "/garbage.jpg", "wb").write(j[:mid] + g + j[mid + 64:])
p = open("tests/ref/footnotes/page-001.png", "rb").read()
open(d + "/cut.png", "wb").write(p[:len(p) // 2])
# headers claiming 60000 x 60000 (JPEG SOF0) and 100000 x 100000 px (PNG
# IHDR, CRC redone): refused before any pixel memory is allocated
import struct, zlib
i = j.index(b"\xff\xc0")
open(d + "/huge.jpg", "wb").write(j[:i + 5] + struct.pack(">HH", 60000, 60000) + j[i + 9:])
ihdr = b"IHDR" + struct.pack(">II", 100000, 100000) + p[24:29]
open(d + "/huge.png", "wb").write(p[:12] + ihdr + struct.pack(">I", zlib.crc32(ihdr)) + p[33:])
PY
printf '# Damaged\n\n![cut](cut.jpg)\n\n![garbage](garbage.jpg "G")\n\n![png](cut.png)\n\n![fine](ok.jpg)\n\n![big](huge.jpg)\n\n![big](huge.png)\n' > "$OUT/img/bad.md"
expect_ok image-bad "$OUT/img/bad.md" "bad.md:3:1: warning: cannot use image 'cut.jpg': corrupt JPEG: Premature end of JPEG file; drawing a placeholder" --style styles/default.css
grep -q "bad.md:5:1: warning: cannot use image 'garbage.jpg': corrupt JPEG: Corrupt JPEG data" "$OUT/image-bad.err" && ok || bad "image-bad: garbage.jpg: $(cat "$OUT/image-bad.err")"
grep -q "bad.md:7:1: warning: cannot use image 'cut.png': bad PNG" "$OUT/image-bad.err" && ok || bad "image-bad: cut.png: $(cat "$OUT/image-bad.err")"
grep -q "bad.md:11:1: warning: cannot use image 'huge.jpg': JPEG too large (60000 x 60000 px)" "$OUT/image-bad.err" && ok || bad "image-bad: huge.jpg: $(cat "$OUT/image-bad.err")"
grep -q "bad.md:13:1: warning: cannot use image 'huge.png': PNG too large (100000 x 100000 px)" "$OUT/image-bad.err" && ok || bad "image-bad: huge.png: $(cat "$OUT/image-bad.err")"
n=$(grep -c 'warning: cannot use image' "$OUT/image-bad.err")
[ "$n" = 5 ] && ok || bad "image-bad: $n image warnings, want 5"
grep -v 'cannot use image' "$OUT/image-bad.err" | grep -qi 'jpeg' && bad "image-bad: libjpeg printed: $(cat "$OUT/image-bad.err")" || ok
# only the good JPEG is embedded (as DCT data)
n=$(pdfimages -list "$OUT/image-bad.pdf" 2>/dev/null | awk 'NR>2' | wc -l)
j=$(pdfimages -list "$OUT/image-bad.pdf" 2>/dev/null | awk 'NR>2 && $9=="jpeg"' | wc -l)
[ "$n" = 1 ] && [ "$j" = 1 ] && ok || bad "image-bad: $n images, $j JPEG, want 1 and 1"
timeout "$T" "$FOLIO" "$OUT/img/bad.md" --png "$OUT/img/png" --style styles/default.css 2>"$OUT/img/png.err"; rc=$?
[ $rc = 0 ] && [ -s "$OUT/img/png/page-001.png" ] && [ "$(grep -c 'corrupt JPEG\|too large' "$OUT/img/png.err")" = 4 ] && ok ||
    bad "image-bad --png: rc=$rc $(cat "$OUT/img/png.err")"

# ---- interruption ------------------------------------------------------------
# SIGKILL midway never leaves a truncated PDF at the target and never
# damages the previous one.
gen slow.md '
w = "the quick brown fox jumps over a lazy dog while the report grows".split()
para = " ".join(w[i % len(w)] for i in range(90)) + ".\n\n"
print("".join(("## S%d\n\n" % i) if i % 25 == 0 else para for i in range(20000)))'
"$FOLIO" -q "$OUT/out.md" -o "$OUT/kill.pdf" || bad "kill: first build failed"
h=$(sha256sum <"$OUT/kill.pdf")
for delay in 0.2 1 3; do
    "$FOLIO" -q "$OUT/slow.md" -o "$OUT/kill.pdf" --max-pages 100000 &
    pid=$!
    sleep $delay
    if kill -0 $pid 2>/dev/null; then
        kill -9 $pid; wait $pid 2>/dev/null
        [ "$(sha256sum <"$OUT/kill.pdf")" = "$h" ] && qpdf --check "$OUT/kill.pdf" >/dev/null 2>&1 && ok ||
            bad "kill -9 after ${delay}s: the previous PDF changed or is damaged"
    else
        wait $pid; echo "robust: the build finished before kill -9 after ${delay}s (machine too fast?)"
        h=$(sha256sum <"$OUT/kill.pdf")
    fi
done
# With no previous PDF, a killed build leaves no file at the target.
rm -f "$OUT/kill2.pdf"
"$FOLIO" -q "$OUT/slow.md" -o "$OUT/kill2.pdf" --max-pages 100000 &
pid=$!; sleep 1
if kill -9 $pid 2>/dev/null; then
    wait $pid 2>/dev/null
    [ ! -e "$OUT/kill2.pdf" ] && ok || bad "kill -9: a file appeared at the target"
else
    wait $pid; echo "robust: the build finished before kill -9 after 1s (machine too fast?)"
fi
rm -f "$OUT"/kill*.pdf.* 2>/dev/null

echo "robust: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
