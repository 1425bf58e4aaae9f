"""Compare an .xlsx written by rakxl with a reference saved by LibreOffice, part by part.

After XlsxWriter's ``test/helperfunctions.py``: both files are unzipped and each part
that matters for a feature is reduced to plain data; volatile values (document
properties, dates, the application name, the theme, LibreOffice's view settings) are
left out. The two programs write very different XML for the same sheet, so the parts
are compared by what they mean:

- ``cells``: every cell with a value: type (``s`` text, ``n`` number), value, formula;
- ``merges``: the merged ranges;
- ``styles``: the resolved style of every cell with a value (font, fill, borders,
  alignment, number format);
- ``page``: orientation, paper, scale, margins, footer, manual page breaks, print
  titles and print area;
- ``sizes``: column widths and row heights (to 0.3 pt / 0.1 character);
- ``comments``: the comments by cell;
- ``sheets``: the sheet names in order.
"""
from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
import zipfile

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
PARTS = ("sheets", "cells", "merges", "styles", "page", "sizes", "comments")
#: Built-in number formats a file may refer to by id alone.
BUILTIN_FORMATS = {0: "General", 1: "0", 3: "#,##0", 49: "@"}
#: Page margins LibreOffice always rewrites (the header margin it derives itself).
VOLATILE_MARGINS = ("header",)


def _xml(z: zipfile.ZipFile, name: str):
    return ET.fromstring(z.read(name))


def _true(value) -> bool:
    return str(value).lower() in ("1", "true")


def _color(el) -> str | None:
    if el is None:
        return None
    rgb = el.get("rgb")
    return rgb[-6:].upper() if rgb else None


class _Styles:
    def __init__(self, root):
        fmts = dict(BUILTIN_FORMATS)
        for f in root.iterfind("m:numFmts/m:numFmt", NS):
            fmts[int(f.get("numFmtId"))] = f.get("formatCode")
        fonts = []
        for f in root.iterfind("m:fonts/m:font", NS):
            def val(tag, default=None):
                el = f.find(f"m:{tag}", NS)
                return default if el is None else el.get("val", "true")
            fonts.append({
                "name": val("name"), "size": float(val("sz", 11)),
                "bold": _true(val("b", "false")), "italic": _true(val("i", "false")),
                "underline": val("u", "none") not in ("none", None),
            })
        fills = []
        for f in root.iterfind("m:fills/m:fill", NS):
            p = f.find("m:patternFill", NS)
            solid = p is not None and p.get("patternType") == "solid"
            fills.append(_color(p.find("m:fgColor", NS)) if solid else None)
        borders = []
        for b in root.iterfind("m:borders/m:border", NS):
            borders.append(tuple((b.find(f"m:{side}", NS).get("style") if b.find(f"m:{side}", NS) is not None
                                  else None) or "none" for side in ("left", "right", "top", "bottom")))
        self.xfs = []
        for xf in root.iterfind("m:cellXfs/m:xf", NS):
            al = xf.find("m:alignment", NS)
            self.xfs.append({
                "font": fonts[int(xf.get("fontId", 0))],
                "fill": fills[int(xf.get("fillId", 0))],
                "border": borders[int(xf.get("borderId", 0))],
                "format": fmts.get(int(xf.get("numFmtId", 0)), "?"),
                "horizontal": (al.get("horizontal") if al is not None else None) or "general",
                "vertical": (al.get("vertical") if al is not None else None) or "bottom",
                "wrap": al is not None and _true(al.get("wrapText", "false")),
            })

    def of(self, index) -> dict:
        return self.xfs[int(index or 0)]


def read_parts(path) -> dict:
    """Every comparable part of a workbook, as plain data."""
    with zipfile.ZipFile(path) as z:
        book = _xml(z, "xl/workbook.xml")
        rels = _xml(z, "xl/_rels/workbook.xml.rels")
        target = {r.get("Id"): r.get("Target") for r in rels}
        strings = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in _xml(z, "xl/sharedStrings.xml").iterfind("m:si", NS):
                strings.append("".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")))
        styles = _Styles(_xml(z, "xl/styles.xml"))
        names = [s.get("name") for s in book.iterfind("m:sheets/m:sheet", NS)]
        defined = {}
        for d in book.iterfind("m:definedNames/m:definedName", NS):
            defined[(int(d.get("localSheetId", -1)), d.get("name"))] = d.text.replace("'", "")
        out = {"sheets": names, "cells": {}, "merges": {}, "styles": {}, "page": {}, "sizes": {},
               "comments": {}}
        for i, s in enumerate(book.iterfind("m:sheets/m:sheet", NS)):
            name = s.get("name")
            part = posixpath.normpath(posixpath.join("xl", target[s.get(REL)].lstrip("/").removeprefix("xl/")))
            sheet = _xml(z, part)
            cells, cell_styles = {}, {}
            for c in sheet.iterfind("m:sheetData/m:row/m:c", NS):
                v, f = c.find("m:v", NS), c.find("m:f", NS)
                inline = c.find("m:is", NS)
                if v is None and f is None and inline is None:
                    continue
                kind = c.get("t", "n")
                if kind == "s":
                    value = strings[int(v.text)]
                elif kind in ("inlineStr", "str"):
                    value = "".join(t.text or "" for t in c.iter(f"{{{NS['m']}}}t")) if inline is not None \
                        else (v.text if v is not None else "")
                    kind = "s"
                else:
                    value = float(v.text) if v is not None and v.text else None
                cells[c.get("r")] = (kind, value, f.text if f is not None else None)
                cell_styles[c.get("r")] = styles.of(c.get("s"))
            out["cells"][name] = cells
            out["styles"][name] = cell_styles
            out["merges"][name] = sorted(m.get("ref") for m in sheet.iterfind("m:mergeCells/m:mergeCell", NS))
            setup = sheet.find("m:pageSetup", NS)
            margins = sheet.find("m:pageMargins", NS)
            options = sheet.find("m:printOptions", NS)
            footer = sheet.find("m:headerFooter/m:oddFooter", NS)
            breaks = sheet.find("m:rowBreaks", NS)
            out["page"][name] = {
                "orientation": setup.get("orientation") if setup is not None else None,
                "paper": int(setup.get("paperSize", 1)) if setup is not None else None,
                "scale": int(setup.get("scale", 100)) if setup is not None else None,
                "margins": {k: round(float(v), 2) for k, v in (margins.attrib if margins is not None else {}).items()
                            if k not in VOLATILE_MARGINS},
                "centered": options is not None and _true(options.get("horizontalCentered", "false")),
                "footer": footer.text if footer is not None else None,
                "breaks": [int(b.get("id")) for b in breaks.iterfind("m:brk", NS)] if breaks is not None else [],
                "titles": defined.get((i, "_xlnm.Print_Titles")),
                "area": defined.get((i, "_xlnm.Print_Area")),
            }
            widths = {}
            for col in sheet.iterfind("m:cols/m:col", NS):
                for n in range(int(col.get("min")), min(int(col.get("max")), 64) + 1):
                    widths[n] = float(col.get("width"))
            heights = {int(r.get("r")): float(r.get("ht")) for r in sheet.iterfind("m:sheetData/m:row", NS)
                       if r.get("ht") is not None}
            out["sizes"][name] = {"widths": widths, "heights": heights}
            out["comments"][name] = {}
            sheet_rels = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
            if sheet_rels in z.namelist():
                for r in _xml(z, sheet_rels):
                    if r.get("Type", "").endswith("/comments"):
                        cpart = posixpath.normpath(posixpath.join(posixpath.dirname(part), r.get("Target")))
                        for cm in _xml(z, cpart).iterfind("m:commentList/m:comment", NS):
                            text = "".join(t.text or "" for t in cm.iter(f"{{{NS['m']}}}t"))
                            out["comments"][name][cm.get("ref")] = text
        return out


def _close(a: dict, b: dict, tol: float) -> dict:
    """Entries of a and b that differ by more than tol (or exist in one only)."""
    return {k: (a.get(k), b.get(k)) for k in sorted(set(a) | set(b))
            if a.get(k) is None or b.get(k) is None or abs(a[k] - b[k]) > tol}


def compare_xlsx(got_path, exp_path, parts=PARTS) -> dict:
    """The differences between two workbooks in ``parts``; empty when they agree."""
    got, exp = read_parts(got_path), read_parts(exp_path)
    diff = {}
    for part in parts:
        g, e = got[part], exp[part]
        if part == "sizes":
            d = {name: {"widths": _close(g[name]["widths"], e[name]["widths"], 0.1),
                        "heights": _close(g[name]["heights"], e[name]["heights"], 0.3)}
                 for name in e}
            d = {k: v for k, v in d.items() if v["widths"] or v["heights"]}
            if d:
                diff[part] = d
        elif g != e:
            if isinstance(e, dict):
                diff[part] = {}
                for name in sorted(set(g) | set(e)):
                    gs, es = g.get(name), e.get(name)
                    if isinstance(es, dict) and isinstance(gs, dict):
                        keys = sorted(set(gs) | set(es), key=str)
                        diff[part][name] = {k: (gs.get(k), es.get(k)) for k in keys if gs.get(k) != es.get(k)}
                    elif gs != es:
                        diff[part][name] = (gs, es)
            else:
                diff[part] = (g, e)
    return diff

