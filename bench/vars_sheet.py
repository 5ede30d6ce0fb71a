#!/usr/bin/env python3
"""Writes a 5 000-rule style sheet heavy in custom properties and var()
(docs/performance.md, "Custom properties"): default.css imported, 50
colours and two lengths on :root, and 5 000 rules of three kinds — type
selectors using var() (20 %), rules that give a custom property a scope
and use it in a shorthand (10 %), class rules that match nothing (70 %).

Usage: bench/vars_sheet.py OUT.css   (copy styles/default.css next to it)
"""
import random
import sys

random.seed(7)
out = ['@import "default.css";',
       ':root {' + ' '.join(f'--c{i}: #{i*37%256:02x}{i*91%256:02x}{i*13%256:02x};'
                            for i in range(50))
       + ' --gap: 4pt; --rule: 1pt solid var(--c3); }']
types = ['p', 'li', 'em', 'strong', 'code', 'h2', 'h3', 'td', 'th', 'blockquote', 'a', 'pre']
for i in range(5000):
    k = i % 10
    if k < 2:
        t = random.choice(types)
        out.append(f'{t} {{ color: var(--c{i%50}); margin-bottom: var(--gap, 3pt) }}')
    elif k == 2:
        t = random.choice(['li', 'blockquote', 'td', 'h2'])
        out.append(f'body {t} {{ --accent: var(--c{i%50}); border-left: var(--rule); }}')
    else:
        out.append(f'.x{i} p, h4.y{i} {{ color: var(--c{i%50}); padding: var(--gap) 0; --z{i%97}: 1pt }}')
with open(sys.argv[1], 'w') as f:
    f.write('\n'.join(out) + '\n')
