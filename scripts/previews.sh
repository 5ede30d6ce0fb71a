#!/bin/sh
# make previews: page 1 of content/report.md in every house style
# (styles/*.css), drawn by folio's own PNG backend at 72 dpi into
# docs/previews/report-STYLE.png, and the README's preview block (between the
# "previews:start" and "previews:end" comments) rewritten to show them all.
# Usage: scripts/previews.sh build/folio
set -e
FOLIO=${1:-build/folio}
DIR=docs/previews
TMP=$(dirname "$FOLIO")/previews.tmp
rm -rf "$TMP"; mkdir -p "$TMP" "$DIR"
block=$TMP/block.md
{
    echo "<!-- previews:start (written by 'make previews'; do not edit) -->"
    echo "|$(for css in styles/*.css; do printf ' `%s` |' "$(basename "$css")"; done)"
    echo "|$(for css in styles/*.css; do printf -- '---|'; done)"
    printf '|'
    for css in styles/*.css; do
        name=$(basename "$css" .css)
        "$FOLIO" -q content/report.md --style "$css" --png "$TMP/$name" --pages 1 --dpi 72
        mv "$TMP/$name/page-001.png" "$DIR/report-$name.png"
        printf ' ![page 1 of the report in %s](%s) |' "$name" "$DIR/report-$name.png"
        echo "wrote $DIR/report-$name.png" >&2
    done
    echo
    echo "<!-- previews:end -->"
} >"$block"
# previews of styles that no longer exist
for png in "$DIR"/report-*.png; do
    name=${png#"$DIR"/report-}; name=${name%.png}
    [ -f "styles/$name.css" ] || { rm -f "$png"; echo "removed $png" >&2; }
done
awk -v blockfile="$block" '
    /<!-- previews:start/ { while ((getline l < blockfile) > 0) print l; skip = 1; next }
    /<!-- previews:end/   { skip = 0; next }
    !skip' README.md >"$TMP/README.md"
if ! grep -q 'previews:start' README.md; then
    echo "scripts/previews.sh: README.md has no previews:start/previews:end block" >&2
    exit 1
fi
cp "$TMP/README.md" README.md
rm -rf "$TMP"
echo "updated the previews block of README.md" >&2
