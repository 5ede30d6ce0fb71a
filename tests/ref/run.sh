#!/bin/sh
# Reference images: each document in tests/ref/docs pins one layout rule
# (heading kept with next, widow avoided, long URL broken, code line wrapped,
# list nesting, table header, footnote placement), drawn with folio's cairo
# backend at 72 dpi on A6 pages (tests/ref/docs/ref.css, or NAME.css beside
# the document); page 1 of the report in each house style (styles/*.css) is
# drawn at 48 dpi.  The pages must match tests/ref/NAME/page-NNN.png.
#
# Usage: tests/ref/run.sh [--update] build/folio
#   check (default): prints "refs: N pages passed, N failed"; a failing page
#     leaves NAME-page-NNN-{ref,new,diff}.png in build/test-output/ref/.
#   --update (make update-refs): rewrites the references that changed beyond
#     the tolerance, adds new ones, removes stale ones, and lists each.
#
# Tolerance: both sides come from the same renderer, so on one machine the
# images are identical; the tolerance only absorbs anti-aliasing changes
# between cairo/FreeType/pixman versions.  A pixel differs when luminance
# differs by more than 64; a page fails when more than 2 % of its inked
# pixels (and more than 20 pixels) differ, or 0.5 % of all pixels.  A 1 pt
# move of the body text moves most glyphs by a whole pixel at 72 dpi: tens
# of per cent of the inked pixels.
UPDATE=0
if [ "$1" = --update ]; then UPDATE=1; shift; fi
FOLIO=${1:-build/folio}
BUILD=$(dirname "$FOLIO")
IMGDIFF=$BUILD/tests/imgdiff
REF=tests/ref
OUT=$BUILD/test-output/ref
NEW=$OUT/new
METRIC="-t 64 -r 0 -f 0.5 -i 2 -m 20"
rm -rf "$OUT"; mkdir -p "$NEW"
pass=0; fail=0; changed=0; names=""

bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# draw NAME DPI MD [folio options...]: pages into $NEW/NAME
draw() {
    name=$1; dpi=$2; md=$3; shift 3
    names="$names $name"
    if ! "$FOLIO" -q "$md" --png "$NEW/$name" --dpi "$dpi" "$@" 2>"$OUT/$name.err" ||
       [ -s "$OUT/$name.err" ]; then
        bad "$name: folio: $(head -3 "$OUT/$name.err")"
        return 1
    fi
}

# compare NAME: the new pages against the references
compare() {
    name=$1
    [ -d "$NEW/$name" ] || return
    for p in "$NEW/$name"/page-*.png; do
        f=$(basename "$p"); r=$REF/$name/$f
        if [ ! -f "$r" ]; then
            if [ $UPDATE = 1 ]; then
                mkdir -p "$REF/$name"; cp "$p" "$r"; changed=$((changed + 1)); echo "new:     $r"
            else
                bad "$name/$f: no reference image $r (make update-refs)"
            fi
            continue
        fi
        tag=$name-${f%.png}
        if "$IMGDIFF" $METRIC -d "$OUT/$tag-diff.png" "$r" "$p" >"$OUT/$tag.cmp" 2>&1; then
            pass=$((pass + 1))
        elif [ $UPDATE = 1 ]; then
            cp "$p" "$r"; changed=$((changed + 1))
            echo "changed: $r ($(sed -n 's/.*: \([0-9]* px differ\).*, \([0-9.]* %\) of [0-9]* inked.*/\1, \2 of the ink/p' "$OUT/$tag.cmp"))"
        else
            cp "$r" "$OUT/$tag-ref.png"; cp "$p" "$OUT/$tag-new.png"
            bad "$name/$f: $(sed 's/^.*: \([0-9]* px differ\)/\1/' "$OUT/$tag.cmp")"
        fi
    done
    # reference pages the document no longer has
    for r in "$REF/$name"/page-*.png; do
        [ -f "$r" ] || continue
        [ -f "$NEW/$name/$(basename "$r")" ] && continue
        if [ $UPDATE = 1 ]; then
            rm -f "$r"; changed=$((changed + 1)); echo "removed: $r"
        else
            bad "$name: the reference has $(basename "$r") but the document no longer has that page"
        fi
    done
}

for md in "$REF"/docs/*.md; do
    name=$(basename "$md" .md)
    css=$REF/docs/$name.css; [ -f "$css" ] || css=$REF/docs/ref.css
    draw "$name" 72 "$md" --style "$css"
done
for css in styles/*.css; do
    draw "style-$(basename "$css" .css)" 48 content/report.md --style "$css" --pages 1
done
for name in $names; do compare "$name"; done

# references of documents or styles that are gone
for d in "$REF"/*/; do
    name=$(basename "$d")
    [ "$name" = docs ] && continue
    case " $names " in *" $name "*) continue ;; esac
    if [ $UPDATE = 1 ]; then
        rm -rf "$REF/$name"; changed=$((changed + 1)); echo "removed: $REF/$name/"
    else
        bad "$name: reference images without a document or style ($REF/$name)"
    fi
done

if [ $UPDATE = 1 ]; then
    echo "update-refs: $changed reference image(s) changed, $pass unchanged, $fail failed" \
         "($(du -sk "$REF" | cut -f1) KB in $REF)"
else
    echo "refs: $pass pages passed, $fail failed"
fi
[ "$fail" -eq 0 ]
