#!/bin/sh
# `-o -`: the PDF goes to standard output, whole or not at all; never to a
# terminal; no file named "-" is made.  Usage: tests/pdf/stdout.sh build/folio
# Prints "stdout: N passed, N failed" and exits 1 on any failure.
FOLIO=${1:-build/folio}
BUILD=$(dirname "$FOLIO")
OUT=$BUILD/test-output/stdout
STYLE="--style styles/default.css"
rm -rf "$OUT"; mkdir -p "$OUT/cwd"; OUT=$(cd "$OUT" && pwd)
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: stdout: $*"; }
ABS=$(cd "$(dirname "$FOLIO")" && pwd)/$(basename "$FOLIO")
TOP=$(pwd)
MD=$TOP/content/report.md

# the same bytes as -o FILE, and no file named "-" in the working directory
(cd "$OUT/cwd" && SOURCE_DATE_EPOCH=1700000000 "$ABS" -q "$MD" --style "$TOP/styles/default.css" \
    --fonts "$TOP/fonts" -o - >"$OUT/piped.pdf" 2>"$OUT/piped.err"); rc=$?
SOURCE_DATE_EPOCH=1700000000 "$FOLIO" -q "$MD" $STYLE -o "$OUT/file.pdf" 2>/dev/null
[ $rc -eq 0 ] && [ ! -s "$OUT/piped.err" ] && ok || bad "-o - failed ($rc): $(cat "$OUT/piped.err")"
[ ! -e "$OUT/cwd/-" ] && [ -z "$(ls -A "$OUT/cwd")" ] && ok || bad "-o - made files: $(ls -A "$OUT/cwd")"
cmp -s "$OUT/piped.pdf" "$OUT/file.pdf" && ok || bad "-o - differs from -o FILE"
if qpdf --check "$OUT/piped.pdf" >"$OUT/piped.qpdf" 2>&1 && ! grep -qi warning "$OUT/piped.qpdf"; then ok
else bad "qpdf --check: $(grep -i -m2 'warn\|error' "$OUT/piped.qpdf")"; fi
# through a pipe, standard input to standard output, with the summary on stderr
"$FOLIO" - $STYLE -o - <"$MD" 2>"$OUT/pipe.err" | pdftotext - - 2>"$OUT/pipe.poppler" >"$OUT/pipe.txt"
grep -q 'AI LLMs 2024 Report' "$OUT/pipe.txt" && [ ! -s "$OUT/pipe.poppler" ] && ok ||
    bad "pipe: text not found or poppler warned: $(head -2 "$OUT/pipe.poppler")"
grep -q '^folio: wrote the PDF to standard output ([0-9]* pages)$' "$OUT/pipe.err" && ok ||
    bad "pipe: no summary line on stderr: $(cat "$OUT/pipe.err")"

# errors: exit non-zero and write nothing to standard output
printf -- '---\ntitle: [unclosed\n---\nText.\n' >"$OUT/bad.md"
"$FOLIO" -q "$OUT/bad.md" -o - >"$OUT/bad.out" 2>"$OUT/bad.err"; rc=$?
[ $rc -eq 1 ] && [ ! -s "$OUT/bad.out" ] && grep -q 'bad.md:3:1: error' "$OUT/bad.err" && ok ||
    bad "bad front matter: rc=$rc, $(wc -c <"$OUT/bad.out") bytes out: $(cat "$OUT/bad.err")"
# an error found by the PDF writer itself, after the whole file is made
"$FOLIO" -q "$MD" $STYLE -o - --max-size 10kB >"$OUT/big.out" 2>"$OUT/big.err"; rc=$?
[ $rc -eq 1 ] && [ ! -s "$OUT/big.out" ] && grep -q 'more than --max-size' "$OUT/big.err" && ok ||
    bad "--max-size: rc=$rc, $(wc -c <"$OUT/big.out") bytes out: $(cat "$OUT/big.err")"
"$FOLIO" -q "$MD" $STYLE -o - --preflight >"$OUT/pf.out" 2>"$OUT/pf.err"; rc=$?
[ $rc -eq 2 ] && [ ! -s "$OUT/pf.out" ] && grep -q 'cannot be combined with -o -' "$OUT/pf.err" && ok ||
    bad "--preflight with -o -: rc=$rc $(cat "$OUT/pf.err")"
# a terminal is refused (script(1) gives the command one)
if command -v script >/dev/null 2>&1; then
    script -qec "$ABS -q $MD --style $TOP/styles/default.css -o -" /dev/null >"$OUT/tty.out" 2>&1; rc=$?
    [ $rc -eq 2 ] && grep -q 'error: -o -: standard output is a terminal' "$OUT/tty.out" &&
        ! grep -q '%PDF' "$OUT/tty.out" && ok || bad "terminal: rc=$rc $(head -c 300 "$OUT/tty.out")"
else
    echo "stdout: script(1) not installed; the terminal check is skipped"
fi
"$FOLIO" --help | grep -q "'-'" && ok || bad "--help does not describe -o -"

echo "stdout: $pass passed, $fail failed"
[ $fail -eq 0 ]
