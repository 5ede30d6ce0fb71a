#!/usr/bin/env python3
"""Structural checks on a PDF through `qpdf --json=2` (no PDF library needed).

Usage: inspect.py CHECK FILE.pdf [ARG]   exits 0 when the check holds and
prints what it found otherwise.  Checks:
  catalog KEY=VALUE...   catalog entries (values as qpdf JSON shows them)
  has-id                 trailer /ID: two equal 16-byte strings
  pdfa                   the PDF/A-2b points folio is responsible for:
                         sRGB output intent (GTS_PDFA1, ICC stream with
                         /N 3), /Metadata with pdfaid part 2 / conformance B,
                         no /Encrypt, every ExtGState free of /SMask, /TR,
                         /TR2, /HTP and non-standard /BM, no transparency
                         /Group on pages, every annotation with the Print
                         flag, every font with an embedded font program
  fonts-once             no two font dictionaries with the same /BaseFont
                         and no two FontFile2 streams with the same data
  attachment NAME MIME SIZE   the /EmbeddedFiles entry NAME has /Subtype MIME,
                         /Params /Size SIZE and a /Desc
"""
import hashlib
import json
import subprocess
import sys


def load(path, data=False):
    args = ["qpdf", "--json=2", "--json-stream-data=" + ("inline" if data else "none")]
    if data:
        args.append("--decode-level=generalized")
    out = subprocess.run(args + [path], check=True, capture_output=True).stdout
    j = json.loads(out)
    return j["qpdf"][0], j["qpdf"][1]


def resolve(objs, v):
    while isinstance(v, str) and v.endswith(" R"):
        v = objs.get("obj:" + v, {})
        v = v.get("value", v.get("stream", {}).get("dict", v))
    return v


def body(o):
    return o.get("value", o.get("stream", {}).get("dict"))


def main():
    check, path = sys.argv[1], sys.argv[2]
    args = sys.argv[3:]
    head, objs = load(path, data=check in ("fonts-once", "pdfa"))
    trailer = objs["trailer"]["value"]
    cat = resolve(objs, trailer["/Root"])
    bad = []
    if check == "catalog":
        for kv in args:
            k, v = kv.split("=", 1)
            got = cat.get(k)
            if isinstance(got, str) and got.endswith(" R"):
                got = "ref"
            if v == "*" and got is None or v != "*" and str(got) != v:
                bad.append("catalog %s is %r, want %s" % (k, got, v))
    elif check == "has-id":
        ids = trailer.get("/ID")
        # qpdf shows a string as "b:HEX", or as "u:TEXT" when its bytes
        # happen to start with the UTF-16 byte order mark FE FF (an ID is
        # 16 arbitrary bytes, so that happens for 1 document in 65 536)
        def nbytes(s):
            if s.startswith("b:"):
                return len(s) // 2 - 1
            if s.startswith("u:"):  # UTF-16 with its mark, or PDFDocEncoding
                t = s[2:]
                return 16 if 16 in (2 + len(t.encode("utf-16-be")), len(t)) else -1
            return -1
        if not ids or len(ids) != 2 or ids[0] != ids[1] or nbytes(ids[0]) != 16 \
                or ids[0] == "b:" + "0" * 32:
            bad.append("trailer /ID is %r" % (ids,))
    elif check == "pdfa":
        if "/Encrypt" in trailer:
            bad.append("encrypted")
        if "/ID" not in trailer:
            bad.append("no /ID")
        ois = resolve(objs, cat.get("/OutputIntents")) or []
        if len(ois) != 1:
            bad.append("%d output intents" % len(ois))
        for oi in ois:
            oi = resolve(objs, oi)
            if oi.get("/S") != "/GTS_PDFA1":
                bad.append("output intent /S %r" % oi.get("/S"))
            prof = resolve(objs, oi.get("/DestOutputProfile"))
            if not isinstance(prof, dict) or prof.get("/N") != 3:
                bad.append("DestOutputProfile %r" % (prof,))
        meta = cat.get("/Metadata")
        xmp = ""
        if meta:
            s = objs.get("obj:" + meta, {}).get("stream", {})
            if "/Filter" in s.get("dict", {}):
                bad.append("metadata stream is filtered")
            import base64
            xmp = base64.b64decode(s.get("data", "")).decode("utf-8", "replace")
        if "<pdfaid:part>2</pdfaid:part>" not in xmp or \
           "<pdfaid:conformance>B</pdfaid:conformance>" not in xmp:
            bad.append("XMP has no pdfaid part 2 / conformance B")
        for k, o in objs.items():
            if not k.startswith("obj:"):
                continue
            d = body(o)
            if not isinstance(d, dict):
                continue
            t = d.get("/Type")
            if t == "/ExtGState" or "/ca" in d or "/CA" in d:
                for key in ("/SMask", "/TR", "/TR2", "/HTP", "/HTO"):
                    if key in d and not (key == "/SMask" and d[key] == "/None"):
                        bad.append("%s: ExtGState has %s" % (k, key))
                if d.get("/BM", "/Normal") not in ("/Normal", "/Compatible"):
                    bad.append("%s: blend mode %s" % (k, d.get("/BM")))
            if t == "/Page" and "/Group" in d:
                bad.append("%s: page transparency group" % k)
            if t == "/Annot" and d.get("/Subtype") != "/Popup" and not (d.get("/F", 0) & 4):
                bad.append("%s: annotation without the Print flag" % k)
            if t == "/FontDescriptor" and not any(
                    f in d for f in ("/FontFile", "/FontFile2", "/FontFile3")):
                bad.append("%s: font %s not embedded" % (k, d.get("/FontName")))
    elif check == "fonts-once":
        names, datas = [], []
        for k, o in objs.items():
            d = body(o)
            if not isinstance(d, dict):
                continue
            if d.get("/Type") == "/Font" and d.get("/Subtype") == "/Type0":
                names.append(d.get("/BaseFont"))
            if "/Length1" in d:
                datas.append(hashlib.sha256(o["stream"].get("data", "").encode()).hexdigest())
        if len(set(names)) != len(names):
            bad.append("duplicate fonts: %r" % sorted(names))
        if len(set(datas)) != len(datas):
            bad.append("duplicate font programs")
        if not names:
            bad.append("no Type0 fonts")
    elif check == "attachment":
        name, mime, size = args
        tree = resolve(objs, resolve(objs, cat.get("/Names", {})).get("/EmbeddedFiles"))
        arr = (tree or {}).get("/Names", [])
        found = None
        for i in range(0, len(arr) - 1, 2):
            if arr[i] == "u:" + name:
                found = resolve(objs, arr[i + 1])
        if not found:
            bad.append("no attachment %s in %r" % (name, arr[::2]))
        else:
            ef = resolve(objs, resolve(objs, found.get("/EF")).get("/F"))
            if ef.get("/Subtype") != "/" + mime:
                bad.append("%s: /Subtype %r" % (name, ef.get("/Subtype")))
            if str(resolve(objs, ef.get("/Params", {})).get("/Size")) != size:
                bad.append("%s: /Params %r" % (name, ef.get("/Params")))
            if not found.get("/Desc"):
                bad.append("%s: no /Desc" % name)
    else:
        bad.append("unknown check " + check)
    if bad:
        print("; ".join(bad))
        sys.exit(1)


if __name__ == "__main__":
    main()
