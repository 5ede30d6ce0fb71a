#!/usr/bin/env python3
"""Checks that every word of the expected text appears in the PDF's text in
order.  Usage: words.py EXPECTED.txt ACTUAL.txt.  Words are runs of Unicode
letters and digits; comparison ignores case.  Prints the first lost word
with its context and exits 1 when a word is missing."""
import re
import sys
import unicodedata

WORD = re.compile(r"\w+", re.UNICODE)


def words(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = unicodedata.normalize("NFC", f.read())
    return [w.casefold() for w in WORD.findall(text)]


def main():
    expected, actual = words(sys.argv[1]), words(sys.argv[2])
    j = 0
    for i, w in enumerate(expected):
        while j < len(actual) and actual[j] != w:
            j += 1
        if j == len(actual):
            ctx = " ".join(expected[max(0, i - 5): i + 5])
            print(f"lost word #{i} {w!r} (context: {ctx})")
            return 1
        j += 1
    print(f"{len(expected)} words in order")
    return 0


if __name__ == "__main__":
    sys.exit(main())
