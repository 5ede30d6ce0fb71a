#!/usr/bin/env python3
"""Conformance against a CommonMark-format spec: for every example that
tests/tools/specpdf typeset into DIR (NNNN.md, NNNN.html, NNNN.pdf), the
words of the expected HTML's text (tags dropped, entities decoded) must
appear in the PDF's text (pdftotext) in order, and pdftotext must not warn.

Usage: conformance.py NAME DIR EXCLUSIONS
EXCLUSIONS lists "NAME:N  reason" lines (# comments); an excluded example
that fails is counted as excluded, one that passes is reported as stale.
Prints "conformance NAME: P passed, E excluded, F failed of T" and exits 1
when any example fails without an exclusion."""
import glob
import html
import os
import re
import subprocess
import sys
import unicodedata
from concurrent.futures import ThreadPoolExecutor

# Words: runs of letters and digits (an underscore is punctuation here).
WORD = re.compile(r"[^\W_]+", re.UNICODE)
# A tag, its attribute values quoted or not; an unclosed one runs to the end.
TAG = re.compile(r"""</?[A-Za-z!?](?:"[^"]*"|'[^']*'|[^'">])*(?:>|\Z)""")
# Tags that end a line of text in a browser; others (em, code, a ...) join
# the text on either side.
BLOCK = re.compile(r"^</?(p|div|li|ul|ol|h[1-6]|pre|blockquote|table|thead|tbody|tr|td|th|hr|br|section|img|input)\b", re.I)


def words(text):
    text = unicodedata.normalize("NFC", text)
    return [w.casefold() for w in WORD.findall(text)]


def expected_words(h):
    # Drop tags, decode entities: the text a reader sees.  A task-list
    # check box is an <input>: drawn, not text.
    return words(html.unescape(TAG.sub(lambda m: " " if BLOCK.match(m.group(0)) else "", h)))


def in_order(expected, actual):
    j = 0
    i = 0
    while i < len(expected):
        w = expected[i]
        # A superscript footnote number extracts glued to its word.
        nxt = w + expected[i + 1] if i + 1 < len(expected) else None
        while j < len(actual) and actual[j] != w and actual[j] != nxt:
            j += 1
        if j == len(actual):
            return f"lost word {w!r} (#{i})"
        if actual[j] == nxt and nxt != w:
            i += 1
        i += 1
        j += 1
    return None


def check(base):
    pdf = base + ".pdf"
    if not os.path.exists(pdf):
        err = open(base + ".err").read().strip() if os.path.exists(base + ".err") else ""
        return f"no PDF: {err[:200]}"
    r = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"], capture_output=True)
    if r.stderr.strip():
        return "pdftotext warned: " + r.stderr.decode(errors="replace")[:200]
    with open(base + ".html", encoding="utf-8") as f:
        exp = expected_words(f.read())
    return in_order(exp, words(r.stdout.decode("utf-8", errors="replace")))


def main():
    name, d, excl_path = sys.argv[1], sys.argv[2], sys.argv[3]
    excluded = {}
    if os.path.exists(excl_path):
        for line in open(excl_path, encoding="utf-8"):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            key, _, reason = line.partition(" ")
            if not reason.strip():
                print(f"{excl_path}: exclusion {key} has no reason")
                return 1
            excluded[key] = reason.strip()
    bases = sorted(p[:-3] for p in glob.glob(os.path.join(d, "[0-9]*.md")))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 4) as ex:
        results = list(ex.map(check, bases))
    passed = exc = failed = 0
    for base, why in zip(bases, results):
        key = f"{name}:{int(os.path.basename(base))}"
        if why is None:
            passed += 1
            if key in excluded:
                print(f"conformance: {key} passes but is excluded (stale exclusion)")
        elif key in excluded:
            exc += 1
        else:
            failed += 1
            print(f"FAIL: conformance {key}: {why}")
    print(f"conformance {name}: {passed} passed, {exc} excluded, {failed} failed of {len(bases)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
