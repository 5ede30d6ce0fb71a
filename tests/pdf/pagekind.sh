#!/bin/sh
# End-to-end: @page margins per page kind (CSS Paged Media 3 §4.1-4.2) on
# a real PDF — a deeper first page and mirrored margins with a gutter,
# margin boxes and footnotes following each page's margins — checked with
# pdftotext -bbox word positions.  Usage: tests/pdf/pagekind.sh build/folio
# Prints "e2e pagekind: N passed, N failed" and exits 1 on any failure.
FOLIO=${1:-build/folio}
BUILD=$(dirname "$FOLIO")
OUT=$BUILD/test-output/pagekind
rm -rf "$OUT"; mkdir -p "$OUT"
pass=0; fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# 90 paragraphs of body words (each starts "Body"), a footnote on page 1
python3 -c '
for i in range(1, 91):
    note = "[^n]" if i == 3 else ""
    print(f"Body{i} " + "lorem ipsum dolor sit amet consectetur adipiscing elit " * 5 + note + "\n")
print("[^n]: Notetext at the foot of its page.")' >"$OUT/pk.md"
# A4; default margins 2.5 cm; page 1 starts 6 cm down; left pages 3 cm
# left and 2 cm right, right pages the mirror (3 cm towards the binding on
# both), so the measure stays the default's 16 cm
{ cat styles/default.css; cat <<'CSS'
@page { margin: 2.5cm }
@page :first { margin-top: 6cm }
@page :left { margin-left: 3cm; margin-right: 2cm; @bottom-left { content: "Folio" counter(page) } }
@page :right { margin-left: 2cm; margin-right: 3cm; @bottom-right { content: "Folio" counter(page) } }
@page { @bottom-center { content: none } }
CSS
} >"$OUT/pk.css"
if "$FOLIO" -q "$OUT/pk.md" -o "$OUT/pk.pdf" --style "$OUT/pk.css" 2>"$OUT/pk.err"; then
    [ -s "$OUT/pk.err" ] && bad "pagekind: folio printed: $(head -3 "$OUT/pk.err")" || ok
    qpdf --check "$OUT/pk.pdf" >/dev/null 2>&1 && ok || bad "pagekind: qpdf --check"
    pdftotext -bbox "$OUT/pk.pdf" "$OUT/pk.html" 2>"$OUT/pk.pw"
    [ -s "$OUT/pk.pw" ] && bad "pagekind: poppler warned: $(head -2 "$OUT/pk.pw")" || ok
    python3 - "$OUT/pk.html" >"$OUT/pk.log" <<'PY' && ok || bad "pagekind: $(cat "$OUT/pk.log")"
import re, sys
cm = 72 / 2.54
W, H = 595.2756, 841.8898
pages = re.split(r"<page ", open(sys.argv[1]).read())[1:]
err = []
assert len(pages) >= 4, "expected at least 4 pages, got %d" % len(pages)
for n, pg in enumerate(pages, 1):
    words = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', pg)]
    body = [w for w in words if not w[4].startswith("Folio")]
    left = n % 2 == 0
    inner = (3 if left else 2) * cm              # the page's own left margin
    top = (6 if n == 1 else 2.5) * cm
    x0 = min(w[0] for w in body)
    if abs(x0 - inner) > 0.05:
        err.append("page %d: text starts at x %.2f, want %.2f" % (n, x0, inner))
    starts = [w for w in body if re.match(r"Body\d+$", w[4])]
    for w in starts:
        if abs(w[0] - inner) > 0.05:
            err.append("page %d: %s at x %.2f, want %.2f" % (n, w[4], w[0], inner))
    y0 = min(w[1] for w in body)
    if not (top - 3 <= y0 <= top + 12):
        err.append("page %d: first line top %.2f, want about %.2f" % (n, y0, top))
    y1 = max(w[3] for w in body)
    if y1 > H - 2.5 * cm + 1:
        err.append("page %d: a line reaches %.2f, into the bottom margin (%.2f)" % (n, y1, H - 2.5 * cm))
    # the running foot: bottom-left on left pages, bottom-right on right pages
    foot = [w for w in words if w[4] == "Folio%d" % n]
    if len(foot) != 1:
        err.append("page %d: %d page numbers" % (n, len(foot)))
    elif left and abs(foot[0][0] - 3 * cm) > 0.05:
        err.append("page %d: left foot at x %.2f, want %.2f" % (n, foot[0][0], 3 * cm))
    elif not left and abs(foot[0][2] - (W - 3 * cm)) > 0.05:
        err.append("page %d: right foot ends at x %.2f, want %.2f" % (n, foot[0][2], W - 3 * cm))
    if "Notetext" in pg:
        note = [w for w in words if w[4] == "Notetext"][0]
        # the note's first line: its label just inside the page's left
        # margin (labels are set in a box a few points wide)
        line = [w for w in words if abs(w[3] - note[3]) < 0.5]
        lx = min(w[0] for w in line)
        above = max(w[3] for w in words if w[3] < note[1] - 0.5 or w[1] > note[3] + 0.5
                    if not w[4].startswith("Folio"))
        if not (inner - 0.05 <= lx <= inner + 6) or note[3] > H - 2.5 * cm + 1 or above > note[1]:
            err.append("page %d: footnote at %.2f,%.2f" % (n, note[0], note[3]))
        print("footnote on page %d" % n)
print("\n".join(err) if err else "%d pages ok" % len(pages))
sys.exit(1 if err else 0)
PY
    grep -q "footnote on page" "$OUT/pk.log" && ok || bad "pagekind: the footnote was not found"
else
    bad "pagekind: folio failed: $(head -3 "$OUT/pk.err")"
fi

# A page kind whose measure differs: a warning naming the declaration.
printf 'Body text.\n' >"$OUT/w.md"
printf '@page { margin: 2cm }\n@page :first { margin-left: 4cm }\n' >"$OUT/w.css"
if "$FOLIO" "$OUT/w.md" -o "$OUT/w.pdf" --style "$OUT/w.css" 2>"$OUT/w.err"; then
    grep -q "^$OUT/w.css:2:16: warning: the text area of the first page is .* folio keeps one measure; the text area is placed at the left margin" "$OUT/w.err" && ok ||
        bad "pagekind: no width warning: $(cat "$OUT/w.err")"
else bad "pagekind: folio failed on w.md"; fi

echo "e2e pagekind: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
