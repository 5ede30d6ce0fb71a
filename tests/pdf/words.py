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


def words(text, expected=False):
    text = unicodedata.normalize("NFC", text)
    if expected:
        text = TASK.sub(r"\1", text)
    return [w.casefold() for w in WORD.findall(text)]


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def main():
    actual = words(read(sys.argv[2]))
    # The body, then each footnote after a line holding only U+001E: notes
    # sit at the foot of pages, between body text, so each part is checked
    # on its own (extra words between matches are allowed anyway).
    total = 0
    for part in read(sys.argv[1]).split("\n\x1e\n"):
        expected = words(part, True)
        if check(expected, actual):
            return 1
        total += len(expected)
    print(f"{total} words in order")
    return 0


def check(expected, actual):
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
