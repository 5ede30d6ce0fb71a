#!/bin/sh
# End-to-end tests on real PDFs: builds PDFs with folio and checks them with
# qpdf and poppler (pdftotext, pdffonts, pdfinfo).  Any poppler warning is a
# failure.  Usage: tests/pdf/run.sh build/folio
# Prints "e2e: N passed, N failed" and exits 1 on any failure.
FOLIO=${1:-build/folio}
BUILD=$(dirname "$FOLIO")
MDWORDS=$BUILD/tests/mdwords
OUT=$BUILD/test-output/e2e
CORPUS=${FOLIO_CORPUS:-../shared/corpus}
rm -rf "$OUT"; mkdir -p "$OUT"
pass=0; fail=0

ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*"; }

# check_pdf NAME MD [folio options...]: the PDF is valid, fonts embedded,
# text extracts without warnings and contains every word in order.
check_pdf() {
    name=$1; md=$2; shift 2
    pdf=$OUT/$name.pdf
    if ! "$FOLIO" -q "$md" -o "$pdf" "$@" 2>"$OUT/$name.err"; then
        bad "$name: folio failed: $(head -3 "$OUT/$name.err")"; return 1
    fi
    if [ -s "$OUT/$name.err" ]; then
        bad "$name: folio printed: $(head -3 "$OUT/$name.err")"; return 1
    fi
    if ! qpdf --check "$pdf" >"$OUT/$name.qpdf" 2>&1 || grep -qi 'warning' "$OUT/$name.qpdf"; then
        bad "$name: qpdf --check: $(grep -i -m3 'warn\|error' "$OUT/$name.qpdf")"; return 1
    fi
    pdffonts "$pdf" >"$OUT/$name.fonts" 2>"$OUT/$name.fonts.err"
    if [ -s "$OUT/$name.fonts.err" ] || awk 'NR>2 && $(NF-4) != "yes" {bad=1} END {exit !bad}' "$OUT/$name.fonts"; then
        bad "$name: pdffonts: a font is not embedded or poppler warned"; return 1
    fi
    pdftotext -raw -enc UTF-8 "$pdf" "$OUT/$name.txt" 2>"$OUT/$name.pw"
    if [ -s "$OUT/$name.pw" ]; then
        bad "$name: poppler warned: $(head -2 "$OUT/$name.pw")"; return 1
    fi
    "$MDWORDS" "$md" >"$OUT/$name.expected"
    if ! python3 tests/pdf/words.py "$OUT/$name.expected" "$OUT/$name.txt" >"$OUT/$name.words"; then
        bad "$name: $(cat "$OUT/$name.words")"; return 1
    fi
    ok; return 0
}

# --- the report ---
if check_pdf report content/report.md --style styles/default.css; then
    pdf=$OUT/report.pdf
    title=$(pdfinfo "$pdf" 2>&1 | sed -n 's/^Title: *//p')
    [ "$title" = "AI LLMs 2024 Report" ] && ok || bad "report: pdfinfo Title is '$title'"
    pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
    [ "${pages:-0}" -ge 2 ] && ok || bad "report: expected at least 2 pages, got $pages"
    headings=$(grep -c '^#' content/report.md)
    outlines=$(qpdf --json --json-key=outlines "$pdf" | python3 -c '
import json, sys
def count(items):
    return sum(1 + count(i.get("kids", [])) for i in items)
print(count(json.load(sys.stdin)["outlines"]))')
    [ "$outlines" = "$headings" ] && ok || bad "report: outline has $outlines entries, $headings headings"
    pdffonts "$pdf" | grep -q 'CID TrueType' && ok || bad "report: no CID TrueType font"
    # Page numbers: the last line of text on page 2 is "2".
    last=$(pdftotext -f 2 -l 2 -layout "$pdf" - | grep -v '^\s*$' | tail -1 | tr -d ' \f')
    [ "$last" = "2" ] && ok || bad "report: page 2 footer is '$last', not 2"
fi

# --- shaping: ligatures, astral characters, Greek, Devanagari ---
if check_pdf shaping tests/data/shaping.md; then
    txt=$OUT/shaping.txt
    for w in office affluent efficient filled fjord flask 𝔸𝔹 αβγ δέλτα हिन्दी नमस्ते; do
        grep -q -- "$w" "$txt" && ok || bad "shaping: '$w' does not extract exactly"
    done
fi

# --- hyphenation: words hyphenated at line ends extract whole ---
if check_pdf hyphenation tests/data/hyphenation.md --style tests/data/narrow.css; then
    txt=$OUT/hyphenation.txt
    for w in Notwithstanding standardization telecommunications infrastructure \
             characteristically necessitates extraordinarily comprehensive \
             interoperability documentation internationalization responsibilities \
             incomprehensibility multidimensional representations; do
        grep -q -- "$w" "$txt" && ok || bad "hyphenation: '$w' does not extract whole"
    done
    hy=$("$FOLIO" -q --typo-stats tests/data/hyphenation.md -o "$OUT/hy2.pdf" --style tests/data/narrow.css 2>&1 | sed -n 's/.* hyphenated=\([0-9]*\).*/\1/p')
    [ "${hy:-0}" -ge 3 ] && ok || bad "hyphenation: only '${hy}' hyphenated lines"
    printf 'body { hyphens: none }\n' | cat tests/data/narrow.css - > "$OUT/none.css"
    hy=$("$FOLIO" -q --typo-stats tests/data/hyphenation.md -o "$OUT/hy3.pdf" --style "$OUT/none.css" 2>&1 | sed -n 's/.* hyphenated=\([0-9]*\).*/\1/p')
    [ "$hy" = 0 ] && ok || bad "hyphens: none still hyphenated $hy lines"
    # Every line of the narrow page stays inside the measure (no overfull).
    ov=$("$FOLIO" -q --typo-stats tests/data/hyphenation.md -o "$OUT/hy4.pdf" --style tests/data/narrow.css 2>&1 | sed -n 's/.* overfull=\([0-9]*\).*/\1/p')
    [ "$ov" = 0 ] && ok || bad "hyphenation: $ov overfull lines"
fi
# Punctuation right after a word hyphenated at a line end extracts with the
# word ("responsibility," then "AI ..."), not at the start of the next line.
if check_pdf hyphen-punct tests/data/hyphen-punct.md --style tests/data/narrow.css; then
    txt=$OUT/hyphen-punct.txt
    hy=$("$FOLIO" -q --typo-stats tests/data/hyphen-punct.md -o "$OUT/hp2.pdf" --style tests/data/narrow.css 2>&1 | sed -n 's/.* hyphenated=\([0-9]*\).*/\1/p')
    [ "${hy:-0}" -ge 5 ] && ok || bad "hyphen-punct: only '${hy}' hyphenated lines"
    grep -n '^[,;:.!?)”]' "$txt" >"$OUT/hyphen-punct.bad" && bad "hyphen-punct: lines start with punctuation: $(tr '\n' ' ' <"$OUT/hyphen-punct.bad")" || ok
    for w in 'responsibility,' 'internationalization;' 'characteristically,' 'representations?' \
             '(extraordinarily)' '“responsibilities”' 'interoperability;'; do
        grep -q -- "$w" "$txt" && ok || bad "hyphen-punct: '$w' does not extract whole"
    done
fi

# --- text-wrap: greedy in the style is first-fit, as --line-breaking=greedy ---
printf 'body { text-wrap: greedy }\n' | cat styles/default.css - > "$OUT/greedy.css"
a=$("$FOLIO" -q --typo-stats content/report.md -o "$OUT/g1.pdf" --style "$OUT/greedy.css" 2>&1 | grep typo-stats)
b=$("$FOLIO" -q --typo-stats --line-breaking=greedy content/report.md -o "$OUT/g2.pdf" --style styles/default.css 2>&1 | grep typo-stats)
c=$("$FOLIO" -q --typo-stats content/report.md -o "$OUT/g3.pdf" --style styles/default.css 2>&1 | grep typo-stats)
[ -n "$a" ] && [ "$a" = "$b" ] && [ "$a" != "$c" ] && ok || bad "text-wrap: greedy: '$a' vs '$b' vs '$c'"

# --- tables: automatic widths, running header row ---
if check_pdf tables tests/data/tables.md --style styles/default.css; then
    pdf=$OUT/tables.pdf
    pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
    for p in $(seq 2 "$pages"); do
        first=$(pdftotext -f "$p" -l "$p" -raw "$pdf" - | head -1)
        case $first in "No. Description Amount Done"*) ok ;; *) bad "tables: page $p does not start with the header row: '$first'" ;; esac
    done
    # The narrow "Role" column of the short table is not stretched: the
    # whole row fits on one line.
    pdftotext -raw "$pdf" - | grep -q '^Grace Admiral and computer scientist 98,000.50$' && ok || bad "tables: short table row wrapped"
fi

# --- footnotes at the foot of the page that references them ---
if check_pdf footnotes tests/data/footnotes.md --style styles/default.css; then
    pdf=$OUT/footnotes.pdf
    p1=$(pdftotext -f 1 -l 1 -raw "$pdf" -)
    echo "$p1" | grep -q '^1\. Note 1: the source' && echo "$p1" | grep -q '^4\. Note 7: the source' && ok || bad "footnotes: notes 1-4 are not on page 1"
    # The long note continues: its text is on pages 2 and 3.
    [ "$(pdftotext -f 3 -l 3 -raw "$pdf" - | grep -c 'very long note')" -gt 0 ] && ok || bad "footnotes: the long note does not continue on page 3"
    # Links both ways: reference → fn-1 and note → fnref-1.
    qpdf --qdf --object-streams=disable "$pdf" "$OUT/footnotes.qdf" 2>/dev/null
    n=$(grep -ac '/Subtype /Link' "$OUT/footnotes.qdf")
    [ "$n" -ge 10 ] && ok || bad "footnotes: expected 10 links (5 each way), found $n"
fi

# --- table of contents: page numbers right across a two-page TOC, depth
# from the style, --toc ---
if check_pdf toc tests/data/toc.md --style styles/default.css; then
    python3 tests/pdf/toc.py "$OUT/toc.pdf" >"$OUT/toc.check" && ok || bad "toc: $(cat "$OUT/toc.check")"
    grep -q 'on 2 TOC page' "$OUT/toc.check" && ok || bad "toc: expected a TOC of two pages: $(cat "$OUT/toc.check")"
    pdftotext -f 1 -l 2 "$OUT/toc.pdf" - | grep -q 'Subsection 3.1' && ok || bad "toc: level 3 missing"
    pdftotext -f 1 -l 2 "$OUT/toc.pdf" - | grep -q 'Deep 3' && bad "toc: level 4 listed (toc-depth 3)" || ok
    # Links: every entry is an internal link.
    qpdf --qdf --object-streams=disable "$OUT/toc.pdf" "$OUT/toc.qdf" 2>/dev/null
    [ "$(grep -ac '/Subtype /Link' "$OUT/toc.qdf")" -ge 53 ] && ok || bad "toc: entries are not links"
    # A bookmark for the TOC itself, beside the sections it lists.
    qpdf --json --json-key=outlines "$OUT/toc.pdf" | python3 -c '
import json, sys
o = json.load(sys.stdin)["outlines"]
kids = [k["title"] for k in o[0]["kids"]]
sys.exit(0 if kids[:2] == ["Contents", "Section 1 heading"] else 1)' && ok || bad "toc: no Contents bookmark beside the sections"
fi
printf '.toc { toc-depth: 2; break-after: page }\n' >"$OUT/toc2.css"
if "$FOLIO" -q tests/data/toc.md -o "$OUT/toc2.pdf" --style "$OUT/toc2.css"; then
    t=$(pdftotext -f 1 -l 1 "$OUT/toc2.pdf" -)
    echo "$t" | grep -q 'Section 2 heading' && ! echo "$t" | grep -q 'Subsection' && ok || bad "toc: toc-depth 2 not honoured"
else bad "toc: folio failed with toc-depth 2"; fi
"$FOLIO" -q --toc content/report.md -o "$OUT/report-toc.pdf" --style styles/default.css && \
    python3 tests/pdf/toc.py "$OUT/report-toc.pdf" >/dev/null && ok || bad "toc: --toc on the report"

# --- a title page when the style asks for one ---
printf -- '---\ntitle: The Title Page\nauthor: [Ann, Bob]\n---\n\n# Intro\n\nBody text.\n' >"$OUT/tp.md"
{ cat styles/default.css; printf '.title-block { break-after: page; padding-top: 200pt }\n'; } >"$OUT/tp.css"
if "$FOLIO" -q "$OUT/tp.md" -o "$OUT/tp.pdf" --style "$OUT/tp.css"; then
    p1=$(pdftotext -f 1 -l 1 "$OUT/tp.pdf" -); p2=$(pdftotext -f 2 -l 2 "$OUT/tp.pdf" -)
    echo "$p1" | grep -q 'The Title Page' && ! echo "$p1" | grep -q 'Body text' && echo "$p2" | grep -q 'Body text' && ok || bad "title page: body not on page 2"
else bad "title page: folio failed"; fi

# --- percentages: @page margins of the page size, margins and text-indent
# of the containing block / the block's measure (docs/styling.md, Values) ---
printf 'Alpha starts here.\n\n> Beta starts here.\n' >"$OUT/pct.md"
printf '@page { size: 400pt 600pt; margin: 10%% }\nbody { margin: 0; padding: 0; text-indent: 0 }
p { margin: 0 0 0 10%%; text-indent: 5%% }\nblockquote { margin: 0 0 0 20%%; padding: 0; border: none }\n' >"$OUT/pct.css"
if check_pdf pct "$OUT/pct.md" --style "$OUT/pct.css"; then
    # page area x 40..360; Alpha: 40 + 32 + 5% of 288; Beta: quote at 104
    # (256 wide), its p at 129.6 (230.4 wide) + 11.52
    pdftotext -bbox "$OUT/pct.pdf" - | python3 -c '
import re, sys
x = {w: float(a) for a, w in re.findall(r"<word xMin=\"([0-9.]+)\"[^>]*>(\w+)<", sys.stdin.read())}
want = {"Alpha": 86.4, "Beta": 141.12}
sys.exit(0 if all(abs(x.get(k, -1) - v) < 0.05 for k, v in want.items()) else print("got", x) or 1)' \
        >"$OUT/pct.x" && ok || bad "percentages: word positions $(cat "$OUT/pct.x")"
fi

# --- images: PNG (alpha, 16-bit, gray), JPEG (baseline, progressive, gray,
# CMYK), scaling, captions, links, placeholders with warnings ---
IMG=$OUT/img; mkdir -p "$IMG"
python3 tests/tools/mkimages.py "$IMG"
for k in rgb progressive gray cmyk; do "$BUILD/tests/mkjpeg" "$IMG/$k.jpg" $k; done
cp tests/data/images.md "$IMG/images.md"
if "$FOLIO" "$IMG/images.md" -o "$OUT/images.pdf" --style styles/default.css 2>"$OUT/images.err"; then
    pdf=$OUT/images.pdf
    n=$(grep -c 'warning: cannot use image' "$OUT/images.err")
    [ "$n" = 3 ] && ok || bad "images: expected 3 image warnings, got $n: $(cat "$OUT/images.err")"
    grep -q "^$IMG/images.md:25:1: warning: cannot use image 'missing.png'" "$OUT/images.err" && ok || bad "images: missing image warning lacks its line"
    qpdf --check "$pdf" >/dev/null 2>&1 && ok || bad "images: qpdf --check"
    pdftotext "$pdf" "$OUT/images.txt" 2>"$OUT/images.pw"; [ -s "$OUT/images.pw" ] && bad "images: poppler warned" || ok
    pdfimages -list "$pdf" >"$OUT/images.list" 2>&1
    [ "$(awk 'NR>2 && $3=="image"' "$OUT/images.list" | wc -l)" = 9 ] && ok || bad "images: expected 9 images: $(cat "$OUT/images.list")"
    [ "$(awk 'NR>2 && $3=="smask"' "$OUT/images.list" | wc -l)" = 1 ] && ok || bad "images: the RGBA PNG has no soft mask"
    [ "$(awk 'NR>2 && $9=="jpeg"' "$OUT/images.list" | wc -l)" = 3 ] && ok || bad "images: gray/RGB JPEGs not passed through"
    # Scaled down: the 2400 px wide image is drawn at the measure (> 96 ppi).
    ppi=$(awk 'NR>2 && $4==2400 {print $13}' "$OUT/images.list")
    [ "${ppi:-0}" -gt 96 ] && ok || bad "images: wide image not scaled down (ppi $ppi)"
    grep -q 'Figure 1: a gradient' "$OUT/images.txt" && ok || bad "images: caption missing"
    grep -q 'a missing chart \[image: missing.png\]' "$OUT/images.txt" && ok || bad "images: placeholder text missing"
    qpdf --json --json-key=pages "$pdf" | grep -q 'https://example.com/photo' || \
        qpdf --qdf --object-streams=disable "$pdf" - | grep -aq 'example.com/photo' && ok || bad "images: linked image has no link"
    # The cairo backend draws FO_ITEM_IMAGE too: page 1 is full of colour.
    if "$FOLIO" -q "$IMG/images.md" --png "$OUT/images-png" --dpi 48 --style styles/default.css; then
        n=$(python3 tests/pdf/pngcolors.py "$OUT/images-png/page-001.png")
        [ "${n:-0}" -gt 2500 ] && ok || bad "images: PNG page 1 has $n coloured pixels: images not drawn"
    else bad "images: --png failed"; fi
    # Preflight names images drawn under 150 px per inch (placed at 96),
    # not the wide one scaled down to the measure.
    "$FOLIO" -q --preflight "$IMG/images.md" -o "$OUT/images-pf.pdf" --style styles/default.css >"$OUT/images.pf" 2>&1
    grep -q "low-resolution-image: image 'rgba.png' drawn at 96 px per inch" "$OUT/images.pf" && \
        ! grep -q "low-resolution-image: image 'wide.png'" "$OUT/images.pf" && ok || bad "images: preflight: $(grep -m2 low-res "$OUT/images.pf")"
else
    bad "images: folio failed: $(cat "$OUT/images.err")"
fi

# --- the widows reference document still exercises the rule: widows: 1
# carries fewer lines of the split paragraph to page 2 than the default 2,
# and with the default at least two text lines go over.  Hyphenation off:
# a page break after a hyphenated line moves back (TeX's \brokenpenalty,
# paginate.h), which would hide the difference ---
printf '@import "%s/tests/ref/docs/ref.css";\nbody, p { widows: 1; hyphens: none }\n' "$(pwd)" > "$OUT/widows1.css"
printf '@import "%s/tests/ref/docs/ref.css";\nbody, p { hyphens: none }\n' "$(pwd)" > "$OUT/widows2.css"
if "$FOLIO" -q tests/ref/docs/widows.md -o "$OUT/widows2.pdf" --style "$OUT/widows2.css" &&
   "$FOLIO" -q tests/ref/docs/widows.md -o "$OUT/widows1.pdf" --style "$OUT/widows1.css"; then
    n2=$(pdftotext -f 2 -l 2 "$OUT/widows2.pdf" - | grep -c .)
    n1=$(pdftotext -f 2 -l 2 "$OUT/widows1.pdf" - | grep -c .)
    # page 2 holds the carried lines and the page number
    [ "$n2" -gt "$n1" ] && [ "$n2" -ge 3 ] && ok || bad "widows: page 2 has $n1 lines with widows: 1 and $n2 with widows: 2"
else bad "widows: folio failed"; fi

# --- usage and errors ---
"$FOLIO" --help | grep -q 'Usage: folio' && ok || bad "--help"
"$FOLIO" --version | grep -q '^folio ' && ok || bad "--version"
"$FOLIO" 2>/dev/null; [ $? -eq 2 ] && ok || bad "no input: exit status is not 2"
"$FOLIO" --bogus x.md 2>/dev/null; [ $? -eq 2 ] && ok || bad "unknown option: exit status is not 2"
# an image that is a folder: said so, not "outside the folders folio may read"
mkdir -p "$OUT/imgdir/sub"
printf 'Text.\n\n![d](sub)\n' > "$OUT/imgdir/d.md"
"$FOLIO" "$OUT/imgdir/d.md" -o "$OUT/imgdir/d.pdf" --style styles/default.css 2>"$OUT/imgdir.err"; rc=$?
[ $rc -eq 0 ] && grep -q "d.md:3:1: warning: cannot use image 'sub': not a regular file" "$OUT/imgdir.err" && ok || bad "folder as image: rc=$rc $(cat "$OUT/imgdir.err")"
# an unknown short option inside a cluster is named, not the program path
"$FOLIO" -qr x.md 2>"$OUT/cluster.err"; rc=$?
[ $rc -eq 2 ] && grep -q "unknown option '-r'" "$OUT/cluster.err" && ok || bad "-qr: rc=$rc $(cat "$OUT/cluster.err")"
"$FOLIO" -rf x.md 2>"$OUT/cluster.err"; rc=$?
[ $rc -eq 2 ] && grep -q "unknown option '-r'" "$OUT/cluster.err" && ok || bad "-rf: rc=$rc $(cat "$OUT/cluster.err")"
"$FOLIO" "$OUT/missing.md" -o "$OUT/missing.pdf" 2>"$OUT/missing.err"; rc=$?
[ $rc -eq 1 ] && grep -q 'error: cannot read' "$OUT/missing.err" && [ ! -e "$OUT/missing.pdf" ] && ok || bad "missing input: rc=$rc $(cat "$OUT/missing.err")"
printf '# From stdin\n\nHello.\n' | "$FOLIO" -q - -o "$OUT/stdin.pdf" && pdftotext "$OUT/stdin.pdf" - | grep -q 'From stdin' && ok || bad "standard input"
# A failed build leaves the previous PDF untouched.
cp "$OUT/stdin.pdf" "$OUT/keep.pdf"; before=$(sha256sum < "$OUT/keep.pdf")
printf -- '---\ntitle: [unclosed\n---\n# x\n' > "$OUT/badyaml.md"
"$FOLIO" -q "$OUT/badyaml.md" -o "$OUT/keep.pdf" 2>"$OUT/badyaml.err"; rc=$?
[ $rc -eq 1 ] && grep -q 'badyaml.md:[0-9]*:[0-9]*: error:' "$OUT/badyaml.err" && [ "$(sha256sum < "$OUT/keep.pdf")" = "$before" ] && ok || bad "bad front matter: rc=$rc $(cat "$OUT/badyaml.err")"
# A character no bundled font covers: a warning naming it and its line.
printf 'Line one.\n\nAn Egyptian hieroglyph: \360\223\200\200 here.\n' > "$OUT/nofont.md"
"$FOLIO" "$OUT/nofont.md" -o "$OUT/nofont.pdf" 2>"$OUT/nofont.err"
grep -q 'nofont.md:3.*U+13000' "$OUT/nofont.err" && ok || bad "missing glyph warning: $(cat "$OUT/nofont.err")"

# --- the house styles ---
for style in default corporate technical; do
    check_pdf "style-$style" content/style-sample.md --strict --style styles/$style.css
done
pdf=$OUT/style-corporate.pdf
pdfinfo "$pdf" | grep -q '^Page size: *612 x 792 pts' && ok || bad "corporate: not US letter: $(pdfinfo "$pdf" | grep 'Page size')"
n=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
i=1; while [ "$i" -le "${n:-0}" ]; do
    pdftotext -f $i -l $i -layout "$pdf" - | grep -q "Page $i of $n" && ok || bad "corporate: page $i lacks 'Page $i of $n'"
    i=$((i + 1))
done
pdftotext -layout "$pdf" - | grep -q '3\.1 *Search index saturation' && ok || bad "corporate: no numbered heading 3.1"
pdf=$OUT/style-technical.pdf
pdftotext -layout "$pdf" - | grep -q '3\.1 Search index saturation' && ok || bad "technical: no numbered heading 3.1"
pdftotext -layout "$pdf" - | grep -q "1 / $(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')" && ok || bad "technical: no '1 / N' footer"
# A house style outside folio's tree extends the shipped default by its
# bare name (looked up in folio's styles/ folder): page 1 in A5 with the
# default's running page number.
mkdir -p "$OUT/elsewhere"
printf '@import "default.css";\n@page { size: A5 }\n' > "$OUT/elsewhere/mine.css"
"$FOLIO" -q content/report.md --style "$OUT/elsewhere/mine.css" -o "$OUT/mine.pdf" 2> "$OUT/mine.err"; rc=$?
[ $rc -eq 0 ] && [ ! -s "$OUT/mine.err" ] && pdfinfo "$OUT/mine.pdf" | grep -q 'Page size: *419.5[0-9]* x 595' &&
    pdftotext "$OUT/mine.pdf" - | grep -qx '1' && ok || bad "@import \"default.css\" from elsewhere: rc=$rc $(cat "$OUT/mine.err")"

# A style sheet importing a missing file: an error at the @import, no PDF.
printf '/* x */\n@import "nope.css";\n' > "$OUT/badimport.css"
"$FOLIO" content/style-sample.md -o "$OUT/badimport.pdf" --style "$OUT/badimport.css" 2>"$OUT/badimport.err"; rc=$?
[ $rc -eq 1 ] && grep -q 'badimport.css:2:9: error: cannot import' "$OUT/badimport.err" && [ ! -e "$OUT/badimport.pdf" ] && ok || bad "missing @import: rc=$rc $(cat "$OUT/badimport.err")"

# --- the corpus (skipped when ../shared is absent) ---
if [ -d "$CORPUS" ]; then
    for md in "$CORPUS"/reports/*.md "$CORPUS"/rust-book/*.md "$CORPUS"/*.md; do
        [ -f "$md" ] || continue
        check_pdf "corpus-$(basename "$md" .md)" "$md"
    done
else
    echo "e2e: skipped the corpus: $CORPUS is absent"
fi

# --- conformance: every example of the CommonMark spec and the GFM
# extensions, each typeset as its own document (in one process), its
# expected words in the PDF's text in order (tests/pdf/conformance.py) ---
if [ -f "$CORPUS/commonmark-spec.txt" ]; then
    for spec in commonmark:commonmark-spec gfm:gfm-extensions; do
        name=${spec%%:*}; file=$CORPUS/${spec#*:}.txt
        dir=$OUT/conformance-$name; mkdir -p "$dir"
        if "$BUILD/tests/specpdf" "$file" "$dir" styles/default.css >/dev/null &&
           python3 tests/pdf/conformance.py "$name" "$dir" tests/pdf/commonmark-exclusions.txt >"$dir.log"; then
            ok
        else
            bad "conformance $name: $(grep -c '^FAIL' "$dir.log") examples fail"; grep '^FAIL' "$dir.log" | head -20
        fi
        grep '^conformance' "$dir.log"
    done
else
    echo "e2e: skipped conformance: $CORPUS/commonmark-spec.txt is absent"
fi

# --- var() invalid at computed-value time (docs/styling.md) ---
vdir=$OUT/vars; mkdir -p "$vdir"
printf ':root { --len: 7pt }\np {\n  color: var(--len) }\n' >"$vdir/v.css"
printf 'One.\n\nTwo.\n\n> Three.\n' >"$vdir/v.md"
if "$FOLIO" -s "$vdir/v.css" "$vdir/v.md" -o "$vdir/v.pdf" 2>"$vdir/v.err" &&
   [ "$(grep -c "v.css:3:3: warning: invalid value for 'color' after var()" "$vdir/v.err")" = 1 ]; then ok
else bad "vars: expected one warning at v.css:3:3: $(head -3 "$vdir/v.err")"; fi
rm -f "$vdir/s.pdf"
if ! "$FOLIO" -q --strict -s "$vdir/v.css" "$vdir/v.md" -o "$vdir/s.pdf" 2>"$vdir/s.err" &&
   grep -q "v.css:3:3: error: invalid value for 'color'" "$vdir/s.err" && [ ! -e "$vdir/s.pdf" ]; then ok
else bad "vars: --strict must fail without a PDF: $(head -3 "$vdir/s.err")"; fi

# --- warnings that must not flood stderr (docs/typography.md, Preflight) ---
wdir=$OUT/warn; mkdir -p "$wdir"
python3 -c '
n = 60
print("|" + "|".join("h%d" % i for i in range(n)) + "|")
print("|" + "|".join("--" for i in range(n)) + "|")
for r in range(4):
    print("|" + "|".join("cell%d" % (i * 7919) for i in range(n)) + "|")
' >"$wdir/wide.md"
printf '@page { margin-top: 8mm;\n  @top-left { content: "A running head long enough to wrap onto a second line in its box at this width, surely"; width: 120pt; }\n  @top-right { content: "1234567890"; width: 2pt; } }\n' >"$wdir/w.css"
"$FOLIO" "$wdir/wide.md" -o "$wdir/wide.pdf" -u "$wdir/w.css" 2>"$wdir/wide.err"; rc=$?
nl=$(grep -c 'warning' "$wdir/wide.err")
[ "$rc" = 0 ] && [ "$nl" -le 5 ] && ok || bad "warnings: rc $rc, $nl warning lines for a 60-column table (want at most 5): $(head -3 "$wdir/wide.err")"
grep -q 'wide.md:1:1: warning: [0-9]* cells of this table have text wider than their column' "$wdir/wide.err" && ok || bad "warnings: no table overfull summary at wide.md:1:1"
grep -q "w.css:3:3: warning: the @top-right box is too narrow for its text" "$wdir/wide.err" && ok || bad "warnings: no too-narrow @top-right warning"
grep -q "w.css:2:3: warning: the @top-left box's text ([0-9]* lines, [0-9.]* pt) is taller than the top margin (22.7 pt); it overflows" "$wdir/wide.err" && ok || bad "warnings: no too-tall @top-left warning: $(grep top-left "$wdir/wide.err")"
grep -q 'overflows (folio --preflight' "$wdir/wide.err" && ! grep -q ' 0 overfull lines' "$wdir/wide.err" && ok || bad "warnings: preflight summary lost its counts: $(tail -1 "$wdir/wide.err")"
# the preflight entry of a margin box has no document line (not ":0:")
"$FOLIO" "$wdir/wide.md" -o "$wdir/wide.pdf" -u "$wdir/w.css" --preflight >"$wdir/wide.pf" 2>/dev/null
grep -q "^$wdir/wide.md: page 1: overflow: the @top-left box" "$wdir/wide.pf" && ! grep -q ':0: page' "$wdir/wide.pf" && ok || bad "preflight: margin-box entry: $(grep top-left "$wdir/wide.pf")"
printf 'p { margin-left: -1e9pt }\n' >"$wdir/neg.css"
printf 'One.\n\nTwo.\n\nThree.\n' >"$wdir/neg.md"
"$FOLIO" "$wdir/neg.md" -o "$wdir/neg.pdf" -u "$wdir/neg.css" 2>"$wdir/neg.err"
[ "$(grep -c 'neg.md:1:1: warning: the margins, borders, padding or text-indent of this p place its text outside the page' "$wdir/neg.err")" = 1 ] &&
    [ "$(grep -c warning "$wdir/neg.err")" = 1 ] && grep -q ' 3 overflows' "$wdir/neg.err" && ok ||
    bad "warnings: negative margins: $(cat "$wdir/neg.err")"

echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
