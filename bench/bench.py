#!/usr/bin/env python3
"""bench.py — folio's benchmark (run by `make bench`; see docs/performance.md).

Builds the inputs under bench/out/ (the seed report repeated 1, 20, 200 and
2000 times with renumbered headings, plus the corpus reports), then for each
input runs, in alternating order, folio, the shaping floor (build/floor:
itemize + shape + break attributes), the PangoLayout floor (build/floor
--layout: Pango's own greedy line breaking of every block) and
the peers that are installed (pandoc -> HTML -> WeasyPrint; Typst through
the npm package @myriaddreamin/typst-ts-node-compiler), several times.  It
prints per input and tool: median wall time, pages, pages per second, peak
RSS (/usr/bin/time -v) and PDF bytes, and folio's ratio to the floor and to
each peer.  Missing peers are reported as skipped.  The table is also
written to bench/out/results.md.

Options: --runs N (default 5), --sizes 1,20,200,2000, --no-peers,
--peer-runs-large N (runs of the peers on inputs over 1 MB, default 1),
--timings (also print `folio --timings` for the 200x input).
"""
import argparse
import glob
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
FOLIO = os.path.join(ROOT, "build", "folio")
FLOOR = os.path.join(ROOT, "build", "floor")
FONTS = os.path.join(ROOT, "fonts")
SEED = os.path.join(ROOT, "content", "report.md")
TYPST_JS = os.path.join(ROOT, "bench", "typst.js")
PEER_CSS = os.path.join(ROOT, "bench", "peer.css")


def gen_repeated(n, path):
    """The seed repeated n times; the level-1 heading of repetition r reads
    "r. Title" and its level-2 headings "r.j Title"."""
    if os.path.exists(path) and os.path.getmtime(path) >= os.path.getmtime(SEED):
        return
    lines = open(SEED, encoding="utf-8").read().split("\n")
    out = []
    for r in range(1, n + 1):
        j = 0
        for l in lines:
            if l.startswith("# "):
                l = "# %d. %s" % (r, l[2:])
            elif l.startswith("## "):
                j += 1
                l = "## %d.%d %s" % (r, j, l[3:])
            out.append(l)
        out.append("")
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    os.replace(path + ".tmp", path)


TYP_SPECIAL = re.compile(r'([\\#$*_`<>@\[\]~"=+/-])')


def typ_escape(s):
    return TYP_SPECIAL.sub(r"\\\1", s)


def typ_inline(s):
    """Markdown inline -> Typst markup for the subset the inputs use:
    **strong**, *emph*, `code`, [text](url); everything else escaped."""
    parts = re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*|`[^`]+`|\[[^\]]+\]\([^)]+\))", s)
    out = []
    for p in parts:
        if p.startswith("**") and p.endswith("**") and len(p) > 4:
            out.append("*" + typ_escape(p[2:-2]) + "*")
        elif p.startswith("*") and p.endswith("*") and len(p) > 2:
            out.append("_" + typ_escape(p[1:-1]) + "_")
        elif p.startswith("`") and p.endswith("`") and len(p) > 2:
            out.append('#raw("' + p[1:-1].replace("\\", "\\\\").replace('"', '\\"') + '")')
        elif p.startswith("[") and "](" in p:
            text, url = p[1:].split("](", 1)
            out.append('#link("' + url[:-1].replace('"', '') + '")[' + typ_escape(text) + "]")
        else:
            out.append(typ_escape(p))
    return "".join(out)


def md_to_typst(md_path, typ_path):
    """A small Markdown -> Typst conversion (headings, paragraphs, lists,
    block quotes, code blocks, tables as plain rows) with a house style like
    folio's default: A4, 25/22 mm margins, Noto Serif 10.5 pt justified."""
    if os.path.exists(typ_path) and os.path.getmtime(typ_path) >= os.path.getmtime(md_path):
        return
    src = open(md_path, encoding="utf-8").read()
    if src.startswith("---\n"):  # YAML front matter
        end = src.find("\n---", 4)
        if end > 0:
            src = src[end + 4:]
    out = [
        '#set page(paper: "a4", margin: (x: 22mm, y: 25mm), numbering: "1")',
        '#set text(font: "Noto Serif", size: 10.5pt, lang: "en")',
        "#set par(justify: true, leading: 0.55em)",
        '#show heading: set text(font: "Noto Sans", fill: rgb("#1f3550"))',
        "",
    ]
    in_code = False
    for line in src.split("\n"):
        if line.startswith("```"):
            out.append("```" if in_code else "```" + line[3:].strip())
            in_code = not in_code
            continue
        if in_code:
            out.append(line)
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", line)
        if m:
            out.append("=" * len(m.group(1)) + " " + typ_inline(m.group(2)))
            continue
        m = re.match(r"^(\s*)[-*+]\s+(.*)$", line)
        if m:
            out.append(m.group(1) + "- " + typ_inline(m.group(2)))
            continue
        m = re.match(r"^(\s*)\d+[.)]\s+(.*)$", line)
        if m:
            out.append(m.group(1) + "+ " + typ_inline(m.group(2)))
            continue
        if re.match(r"^\s*\|?\s*:?-{3,}", line):
            continue
        if line.lstrip().startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            out.append(" #h(1em) ".join(typ_inline(c) for c in cells) + " \\")
            continue
        if line.startswith(">"):
            out.append(typ_inline(line.lstrip("> ")))
            continue
        if re.match(r"^\s*([-*_]\s*){3,}$", line):
            out.append("#line(length: 100%)")
            continue
        out.append(typ_inline(line))
    with open(typ_path + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    os.replace(typ_path + ".tmp", typ_path)


def run_timed(cmd, env=None):
    """Runs cmd under /usr/bin/time -v; returns (wall s, peak RSS KiB, ok)."""
    tfile = os.path.join(OUT, ".time")
    t0 = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-v", "-o", tfile] + cmd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, env=env)
    wall = time.monotonic() - t0
    rss = 0
    try:
        for l in open(tfile):
            if "Maximum resident set size" in l:
                rss = int(l.split(":")[1])
    except OSError:
        pass
    if p.returncode != 0:
        sys.stderr.write("bench: %s failed (%d): %s\n" % (cmd[0], p.returncode,
                                                          p.stderr.decode(errors="replace")[-500:]))
    return wall, rss, p.returncode == 0


def pdf_pages(path):
    try:
        out = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
        m = re.search(r"^Pages:\s+(\d+)", out, re.M)
        return int(m.group(1)) if m else 0
    except OSError:
        return 0


class Tool:
    def __init__(self, name, cmd_for, pdf_for, prepare=None, runs_cap=None):
        self.name, self.cmd_for, self.pdf_for = name, cmd_for, pdf_for
        self.prepare, self.runs_cap = prepare, runs_cap


def tools(args):
    ts = []
    ts.append(Tool("folio", lambda i: [FOLIO, "-q", "--max-pages", "100000", i, "-o", i[:-3] + ".folio.pdf"],
                   lambda i: i[:-3] + ".folio.pdf"))
    ts.append(Tool("floor", lambda i: [FLOOR, i, FONTS], lambda i: None))
    ts.append(Tool("floor-layout", lambda i: [FLOOR, "--layout", i, FONTS], lambda i: None))
    skipped = []
    if args.no_peers:
        return ts, ["peers (--no-peers)"]
    if shutil.which("pandoc") and shutil.which("weasyprint"):
        def wp_cmd(i):
            html = i[:-3] + ".html"
            return ["sh", "-c", 'pandoc -f gfm -t html5 -s --metadata pagetitle=bench -c "$1" '
                    '-o "$2" "$3" && weasyprint -q "$2" "$4"', "sh", PEER_CSS, html, i,
                    i[:-3] + ".weasy.pdf"]
        ts.append(Tool("pandoc+weasyprint", wp_cmd, lambda i: i[:-3] + ".weasy.pdf", runs_cap="large"))
    else:
        skipped.append("pandoc+weasyprint (%s not installed)" %
                       " and ".join(t for t in ("pandoc", "weasyprint") if not shutil.which(t)))
    node = shutil.which("node")
    if node and typst_module():
        ts.append(Tool("typst", lambda i: [node, TYPST_JS, i[:-3] + ".typ", i[:-3] + ".typst.pdf", FONTS],
                       lambda i: i[:-3] + ".typst.pdf",
                       prepare=lambda i: md_to_typst(i, i[:-3] + ".typ"), runs_cap="large"))
    else:
        skipped.append("typst (node or @myriaddreamin/typst-ts-node-compiler not installed)")
    return ts, skipped


def typst_module():
    try:
        p = subprocess.run(["node", "-e", "require.resolve('@myriaddreamin/typst-ts-node-compiler')"],
                           capture_output=True, env=node_env())
        return p.returncode == 0
    except OSError:
        return False


def node_env():
    env = dict(os.environ)
    extra = [os.path.join(ROOT, "bench", "node_modules"), "/opt/typst-ts/node_modules"]
    try:
        g = subprocess.run(["npm", "root", "-g"], capture_output=True, text=True).stdout.strip()
        if g:
            extra.append(g)
    except OSError:
        pass
    env["NODE_PATH"] = ":".join(extra + [env.get("NODE_PATH", "")])
    return env


def fmt_bytes(n):
    return "%.1f MiB" % (n / 1048576) if n >= 1048576 else "%.0f KiB" % (n / 1024)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sizes", default="1,20,200,2000")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--peer-runs-large", type=int, default=1)
    ap.add_argument("--timings", action="store_true")
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    for exe in (FOLIO, FLOOR):
        if not os.access(exe, os.X_OK):
            sys.exit("bench: %s is missing; run `make bench`" % exe)

    inputs = []
    for n in [int(s) for s in args.sizes.split(",") if s]:
        p = os.path.join(OUT, "report-%dx.md" % n)
        gen_repeated(n, p)
        inputs.append(("seed x%d" % n, p))
    corpus = os.environ.get("FOLIO_CORPUS", os.path.join(ROOT, "..", "shared", "corpus"))
    found = sorted(glob.glob(os.path.join(corpus, "reports", "*.md")))
    if not found:
        print("bench: corpus reports not found under %s; skipped" % corpus)
    for c in found:
        p = os.path.join(OUT, "corpus-" + os.path.basename(c))
        shutil.copyfile(c, p)
        inputs.append(("corpus " + os.path.basename(c), p))

    ts, skipped = tools(args)
    env = node_env()
    results = []
    print("bench: %d run(s) per input, tools in alternating order; %s" %
          (args.runs, "peers skipped: " + "; ".join(skipped) if skipped else "all peers installed"))
    for label, path in inputs:
        large = os.path.getsize(path) > 1_000_000
        for t in ts:
            if t.prepare:
                t.prepare(path)
        samples = {t.name: [] for t in ts}
        for r in range(args.runs):
            order = ts[r % len(ts):] + ts[:r % len(ts)]
            for t in order:
                if t.runs_cap == "large" and large and r >= args.peer_runs_large:
                    continue
                wall, rss, ok = run_timed(t.cmd_for(path), env=env)
                if ok:
                    samples[t.name].append((wall, rss))
        row = {"input": label, "bytes": os.path.getsize(path), "tools": {}}
        for t in ts:
            s = samples[t.name]
            if not s:
                continue
            pdf = t.pdf_for(path)
            pages = pdf_pages(pdf) if pdf and os.path.exists(pdf) else 0
            size = os.path.getsize(pdf) if pdf and os.path.exists(pdf) else 0
            row["tools"][t.name] = dict(wall=statistics.median(w for w, _ in s),
                                        rss=max(k for _, k in s), pages=pages, pdf=size, n=len(s))
        results.append(row)
        print_row(row)
    if args.timings:
        p = os.path.join(OUT, "report-200x.md")
        if os.path.exists(p):
            print("\nfolio --timings on seed x200:")
            subprocess.run([FOLIO, "-q", "--timings", p, "-o", p[:-3] + ".folio.pdf"])
    write_md(results, skipped)


def print_row(row):
    print("\n%s (%s of Markdown)" % (row["input"], fmt_bytes(row["bytes"])))
    print("  %-18s %9s %6s %9s %10s %10s %4s  %s" % ("tool", "median s", "pages", "pages/s",
                                                  "peak RSS", "PDF", "runs", "ratio"))
    f = row["tools"].get("folio")
    for name, v in row["tools"].items():
        pps = "%.0f" % (v["pages"] / v["wall"]) if v["pages"] and v["wall"] > 0 else "-"
        ratio = ""
        if f and name.startswith("floor"):
            ratio = "folio/%s %.2fx" % (name, f["wall"] / v["wall"])
        elif f and name != "folio":
            ratio = "%s/folio %.2fx%s" % (name, v["wall"] / f["wall"],
                                          "" if v["wall"] > f["wall"] else "  (folio slower)")
        print("  %-18s %9.3f %6s %9s %10s %10s %4d  %s" % (
            name, v["wall"], v["pages"] or "-", pps, fmt_bytes(v["rss"] * 1024),
            fmt_bytes(v["pdf"]) if v["pdf"] else "-", v["n"], ratio))


def write_md(results, skipped):
    lines = ["| input | tool | median s | pages | pages/s | peak RSS | PDF | ratio |",
             "|---|---|---:|---:|---:|---:|---:|---|"]
    for row in results:
        f = row["tools"].get("folio")
        for name, v in row["tools"].items():
            pps = "%.0f" % (v["pages"] / v["wall"]) if v["pages"] and v["wall"] > 0 else "-"
            ratio = ""
            if f and name.startswith("floor"):
                ratio = "folio/%s %.2f×" % (name, f["wall"] / v["wall"])
            elif f and name != "folio":
                ratio = "%s/folio %.2f×" % (name, v["wall"] / f["wall"])
            lines.append("| %s | %s | %.3f | %s | %s | %s | %s | %s |" % (
                row["input"], name, v["wall"], v["pages"] or "-", pps, fmt_bytes(v["rss"] * 1024),
                fmt_bytes(v["pdf"]) if v["pdf"] else "-", ratio))
    if skipped:
        lines.append("\nSkipped: " + "; ".join(skipped))
    with open(os.path.join(OUT, "results.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\nbench: table written to bench/out/results.md")


if __name__ == "__main__":
    main()
