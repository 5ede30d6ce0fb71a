#!/usr/bin/env python3
"""Checks that every word of the expected text appears in the PDF's text in
order.  Usage: words.py EXPECTED.txt ACTUAL.txt.  Words are runs of Unicode
letters and digits; comparison ignores case.  Prints the first lost word
with its context and exits 1 when a word is missing."""
import re
import sys
import unicodedata

WORD = re.compile(r"\w+", re.UNICODE)


# A task-list item's "[ ]" / "[x]" is drawn as a check box, not as text.
TASK = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+)\[[ xX]\]", re.MULTILINE)


def words(path, expected=False):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = unicodedata.normalize("NFC", f.read())
    if expected:
        text = TASK.sub(r"\1", text)
    return [w.casefold() for w in WORD.findall(text)]


def main():
    expected, actual = words(sys.argv[1], True), words(sys.argv[2])
    j = 0
    i = 0
    while i < len(expected):
        w = expected[i]
        # A footnote number set as a superscript extracts glued to its word.
        nxt = w + expected[i + 1] if i + 1 < len(expected) else None
        while j < len(actual) and actual[j] != w and actual[j] != nxt:
            j += 1
        if j == len(actual):
            ctx = " ".join(expected[max(0, i - 5): i + 5])
            print(f"lost word #{i} {w!r} (context: {ctx})")
            return 1
        if actual[j] == nxt and nxt != w:
            i += 1
        i += 1
        j += 1
    print(f"{len(expected)} words in order")
    return 0


if __name__ == "__main__":
    sys.exit(main())
