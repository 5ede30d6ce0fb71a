#!/usr/bin/env python3
"""Checks a PDF's table of contents: every entry's page number is the page
its heading is on.  Usage: toc.py FILE.pdf.  Reads the text page by page
with pdftotext -layout; TOC lines end in dotted leaders and a number.
Prints the number of entries checked; exits 1 on a wrong number."""
import re
import subprocess
import sys

pdf = sys.argv[1]
text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                      text=True, check=True).stdout
pages = text.split("\f")
entry = re.compile(r"^\s*(.+?)\s*(?:\.\s)+\.?\s*(\d+)\s*$")
toc, toc_pages = [], 0
for i, p in enumerate(pages):
    found = [entry.match(l) for l in p.splitlines()]
    found = [m for m in found if m]
    if not found:
        if toc:
            break
        continue
    toc += [(m.group(1).strip(), int(m.group(2))) for m in found]
    toc_pages = i + 1
if not toc:
    print("no table of contents found")
    sys.exit(1)
bad = 0
for title, num in toc:
    where = [i + 1 for i, p in enumerate(pages) if i >= toc_pages and
             any(l.strip() == title for l in p.splitlines())]
    if not where or where[0] != num:
        print(f"'{title}': TOC says page {num}, heading is on {where[:1]}")
        bad += 1
print(f"{len(toc)} entries on {toc_pages} TOC page(s), {bad} wrong")
sys.exit(1 if bad else 0)
