#!/bin/sh
# Copies the fonts named in fonts/MANIFEST from their Debian packages into
# fonts/ and verifies each SHA-256.  Exit 1 (and no partial file) on a
# missing source or a checksum mismatch.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=/usr/share/fonts/truetype
status=0
grep -v '^#' "$here/MANIFEST" | while read -r pkg file sum; do
    [ -n "${pkg:-}" ] || continue
    name=$(basename "$file")
    dest="$here/$name"
    if [ -f "$dest" ] && echo "$sum  $dest" | sha256sum -c --status; then
        continue
    fi
    if [ ! -f "$src/$file" ]; then
        echo "fonts/install.sh: error: $src/$file missing (install the Debian package $pkg)" >&2
        exit 1
    fi
    cp "$src/$file" "$dest.tmp"
    if ! echo "$sum  $dest.tmp" | sha256sum -c --status; then
        rm -f "$dest.tmp"
        echo "fonts/install.sh: error: checksum mismatch for $src/$file (package $pkg)" >&2
        exit 1
    fi
    mv "$dest.tmp" "$dest"
done
