"""The workbook and rakxl agree: realisations filled with openpyxl (no saved values),
LibreOffice recalculates, and every Capaian and Serapan cell it computed equals
rakxl's own computation, for every method, blanks and zeros included."""
import shutil
import subprocess
import warnings
from collections import Counter

import openpyxl
import pytest

import rakxl
from rakxl.monitoring import config as cfg
from rakxl.monitoring import methods as M

from .helpers import fill, realisation_set

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")

TOML = '''
[capaian]
cap = 120

[[methods]]
goal = "12"
direction = "turun_rasio"

[[methods]]
goal = "14"
aggregation = "persentase"
'''


def recalculate(path, outdir):
    """Let LibreOffice open and save the workbook (it computes formulas that have no value)."""
    profile = outdir / "profile"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "xlsx",
                    "--outdir", str(outdir / "lo"), str(path)], check=True, capture_output=True, timeout=240)
    return outdir / "lo" / path.name


def expected(frame_value, status):
    return {M.OK: frame_value, M.BLANK: "", M.UNDEFINED: M.NOT_DEFINED_MARK, M.INVALID: M.INVALID_MARK}[status]


def same(lo_value, mine):
    if mine == "":
        return lo_value in ("", None)
    if isinstance(mine, float):
        return isinstance(lo_value, (int, float)) and lo_value == pytest.approx(mine, rel=1e-12, abs=1e-9)
    return lo_value == mine


def test_libreoffice_computes_what_rakxl_computes(sample_path, tmp_path):
    rak = rakxl.read_rak(sample_path)
    # two range targets and a grade activity, so every method meets LibreOffice
    acts = rak.activities
    acts.loc[0, "target_kegiatan"] = "80-90 %"
    acts.loc[2, "target_kegiatan"] = "90 - 100 %"
    acts.loc[4, "target_kegiatan"] = "√"              # no numeric target: capaian not defined
    rak = rak.with_frames(activities=acts)
    (tmp_path / "rakxl.toml").write_text(TOML, encoding="utf-8")
    config = cfg.load_config(tmp_path / "rakxl.toml")
    monev = tmp_path / "Monev.xlsx"
    rakxl.write_monitoring(rak, monev, config=config)
    blank = rakxl.read_monitoring(monev, config=config)
    filled = fill(monev, tmp_path / "filled.xlsx", realisation_set(blank))
    mine = rakxl.read_monitoring(filled, config=config)
    lo_path = recalculate(filled, tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = openpyxl.load_workbook(lo_path, data_only=True)["RAK Sekretaris"]

    seen, statuses, compared = Counter(), Counter(), 0
    for frame in (mine.indicators, mine.activities):
        for rec in frame.to_dict("records"):
            for q in range(1, 5):
                status = rec[f"status_tw{q}"]
                value = rec[f"capaian_tw{q}"]
                want = expected(None if value != value else value, status)
                got = ws[rec[f"cell_capaian_tw{q}"]].value
                assert same(got, want), (rec["no"], rec["method"], q, rec[f"realisasi_tw{q}"], got, want)
                compared += 1
                statuses[status] += 1
                if status == M.OK:
                    seen[rec["method"]] += 1
                    if "-" in str(rec["target"]):
                        seen["range"] += 1
                    if rec[f"realisasi_tw{q}"] == 0:
                        seen["zero"] += 1
    for rec in mine.budgets.to_dict("records"):
        for q in range(1, 5):
            for what, name in (("kumulatif", "kumulatif_tw"), ("serapan", "serapan_tw")):
                value = rec[f"{name}{q}"]
                want = "" if value is None or value != value else value
                target = rec[f"cell_{what}_tw{q}"]
                assert same(ws[target].value, want), (rec["cell_pagu"], q, what, ws[target].value, want)
                compared += 1
    # every method, blank, zero, cap and not-defined met LibreOffice
    for method in ("nilai_akhir, naik", "kumulatif, naik", "kumulatif, turun", "nilai_akhir, naik, skala opini",
                   "nilai_akhir, naik, skala predikat", "kumulatif, turun_rasio", "persentase, naik"):
        assert seen[method] > 0, method
    assert seen["zero"] > 0 and seen["range"] > 0 and statuses[M.BLANK] > 0 and statuses[M.UNDEFINED] >= 4   # the √ target, and T / R with R = 0
    capped = mine.indicators[[f"capaian_tw{q}" for q in range(1, 5)]].max().max()
    assert capped == 120.0
    assert compared == (38 + 68) * 4 + 29 * 4 * 2


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler not installed")
def test_prints_a4_landscape_with_the_header_on_every_page(sample_path, tmp_path):
    """LibreOffice opens the sample's monev workbook and prints it: every page A4
    landscape; every page of the monev sheet repeats the header rows and the
    identifying columns (No..Target Kegiatan); the plan prints first, then one page
    across per quarter."""
    monev = tmp_path / "Monev.xlsx"
    rakxl.write_monitoring(sample_path, monev)
    profile = tmp_path / "profile"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(monev)], check=True, capture_output=True, timeout=240)
    pdf = tmp_path / "Monev.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(x for x in info.splitlines() if x.startswith("Pages:")).split()[1])
    texts = []
    for p in range(1, pages + 1):
        size = subprocess.run(["pdfinfo", "-f", str(p), "-l", str(p), str(pdf)], capture_output=True, text=True,
                              check=True).stdout
        line = next(x for x in size.splitlines() if x.startswith(f"Page {p:>4} size:") or "size:" in x)
        w, h = [float(v) for v in line.split("size:")[1].split("pts")[0].split("x")]
        assert (round(w), round(h)) == (842, 595), (p, line)          # A4 landscape
        texts.append(subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), "-layout", str(pdf), "-"],
                                    capture_output=True, text=True, check=True).stdout)
    # Petunjuk and Metode print first; the monev sheet from its title on (the map sheet is hidden)
    start = next(i for i, t in enumerate(texts) if "MONITORING DAN EVALUASI RENCANA AKSI KINERJA TAHUN 2021" in t)
    assert "PETUNJUK" in texts[0] and start >= 2
    sheet_pages = texts[start:]
    assert len(sheet_pages) >= 5                               # the plan, then four quarters (at least)
    for t in sheet_pages:
        assert "Nama Kegiatan/Aksi" in t and "Kegiatan/Aksi" in t.replace("Nama Kegiatan/Aksi", "") and "(6)" in t
    quarters = [t for t in sheet_pages if "Realisasi Triwulan" in t]
    assert {q for q in ("I", "II", "III", "IV") for t in quarters if f"Realisasi Triwulan {q}\n" in t
            or f"Realisasi Triwulan {q} " in t}
    assert len(quarters) == 4 * (len(sheet_pages) - len(quarters))    # each plan page, then its 4 quarters
    # every one of the 68 activities is printed with the plan
    plan_text = "".join(t for t in sheet_pages if "Realisasi Triwulan" not in t)
    for name in ("Operasional Kantor", "Revisi ke 4", "Honor Satpam", "Pengelolaan JDIH", "Zona Integritas (ZI)"):
        assert name in plan_text, name
