"""Generate RAK workbooks of any size for the benchmarks, laid out like the official one.

Run from the project root:  python benchmarks/generate.py 10000 [out.xlsx]

Each workbook has what the official RAK has (samples/build_sample.py writes its title
and header rows): the title rows merged across the table, a two-row header with "Pelaksanaan
Kegiatan Triwulan" merged over I-IV, the column-number row (1)..(12), one row per
activity with the hierarchy in vertical merges (No and Sasaran over a goal, Indikator
and its Target over an indicator's activities), one Pagu Anggaran merged over the
rows it pays for and its Pelaksana merged alike, a JUMLAH row and the signature block.
Some goals have no Pagu, some have one per indicator; some activity targets are
numbers formatted as percentages (shown as ``100%``), as offices type them.

This file deliberately does not use rakxl: the workbooks are independent inputs. The
figures a correct reader must find (rows, goals, budget lines, total Pagu) are known
from the construction and written next to each workbook as ``<name>.json``.
"""
from __future__ import annotations

import functools
import itertools
import json
import os
import random
import sys
from pathlib import Path

SAMPLE_BUILDER = Path(__file__).resolve().parent.parent / "samples" / "build_sample.py"
PELAKSANA = ["Subbag Umum dan Logistik", "Subbag Keuangan", "Subbag Program dan Data",
             "Subbag Teknis dan Hupmas", "Subbag Hukum", "Subbag SDM"]
SASARAN = ["Terwujudnya tata kelola keuangan yang akuntabel", "Meningkatnya kualitas layanan umum",
           "Terlaksananya pemutakhiran data pemilih berkelanjutan", "Meningkatnya kapasitas SDM",
           "Terselenggaranya sosialisasi dan pendidikan pemilih", "Tertibnya administrasi hukum"]
INDIKATOR = ["Persentase laporan keuangan tepat waktu", "Jumlah dokumen yang disusun",
             "Persentase pegawai yang mengikuti diklat", "Indeks kepuasan layanan",
             "Persentase data pemilih yang dimutakhirkan"]
KEGIATAN = ["Penyusunan laporan keuangan triwulan", "Rapat koordinasi", "Perjalanan dinas dalam rangka supervisi",
            "Pengadaan alat tulis kantor", "Pemeliharaan gedung dan kendaraan", "Bimbingan teknis",
            "Sosialisasi kepada pemilih pemula", "Monitoring dan evaluasi", "Penyusunan produk hukum"]
SIGNATURE = ["Serang, 28 Januari 2021", "KOMISI PEMILIHAN UMUM PROVINSI BANTEN", "Pt. Sekretaris,",
             None, None, None, "ANNISA ROSPA.P", "NIP. 19710703 199903 2 007"]


_UNIT_KINDS = ["Dinas", "Badan", "Bagian", "Subbag", "Seksi", "Bidang", "UPT"]
_UNIT_SUBJECTS = ["Pendidikan", "Kesehatan", "Perhubungan", "Pertanian", "Perikanan", "Kependudukan",
                  "Pencatatan Sipil", "Sosial", "Tenaga Kerja", "Koperasi", "Pariwisata", "Kebudayaan",
                  "Lingkungan Hidup", "Pekerjaan Umum", "Penataan Ruang", "Perumahan", "Permukiman",
                  "Ketahanan Pangan", "Perdagangan", "Perindustrian", "Komunikasi", "Informatika",
                  "Statistik", "Persandian", "Perpustakaan", "Kearsipan", "Kepegawaian", "Keuangan",
                  "Pendapatan", "Perencanaan", "Penelitian", "Pengembangan", "Kepemudaan", "Olahraga"]
_UNIT_PLACES = ["Kabupaten Serang", "Kabupaten Lebak", "Kabupaten Pandeglang", "Kabupaten Tangerang",
                "Kota Serang", "Kota Cilegon", "Kota Tangerang", "Kota Tangerang Selatan", "Provinsi Banten",
                "Kabupaten Bogor", "Kabupaten Bekasi", "Kota Depok", "Kabupaten Garut", "Kabupaten Cianjur",
                "Kota Sukabumi", "Kabupaten Karawang", "Kabupaten Subang", "Kabupaten Indramayu",
                "Kota Cirebon", "Kabupaten Kuningan"]


def unit_names(n: int, seed: int = 2021) -> list[str]:
    """``n`` distinct unit names as a national list holds them (``Dinas Pendidikan
    Kabupaten Serang``...), one in twenty written again with a one-letter typo or a
    word left out, so that the pelaksana-variant rule has real work."""
    rnd = random.Random(seed)
    names: dict[str, None] = {}
    while len(names) < n:
        name = f"{rnd.choice(_UNIT_KINDS)} {rnd.choice(_UNIT_SUBJECTS)} {rnd.choice(_UNIT_PLACES)}"
        if names and rnd.random() < 0.05:
            words = rnd.choice(list(names)).split()
            if rnd.random() < 0.5:
                del words[rnd.randrange(1, len(words))]
            else:
                w = max(range(len(words)), key=lambda i: len(words[i]))
                x = rnd.randrange(len(words[w]))
                words[w] = words[w][:x] + words[w][x + 1:]
            name = " ".join(words)
        names[name] = None
    return list(names)


def plan(n_rows: int, seed: int = 2021, units: int | None = None) -> list[dict]:
    """The goals of a RAK with exactly ``n_rows`` activity rows.

    Each goal: ``{"no", "sasaran", "indicators": [(indikator, target, [activity, ...])],
    "budgets": [(first, last, pagu, pelaksana)]}`` with activity indexes within the goal.
    ``units``: draw the Pelaksana from that many distinct unit names (:func:`unit_names`)
    instead of a secretariat's six subdivisions.
    """
    rnd = random.Random(seed)
    if units:  # every name used: in turn
        names = itertools.cycle(unit_names(units, seed))
        pick = lambda: next(names)  # noqa: E731
    else:
        pick = lambda: rnd.choice(PELAKSANA)  # noqa: E731
    goals, left = [], n_rows
    while left > 0:
        indicators = []
        for _ in range(rnd.choice((1, 1, 2, 3))):
            k = min(left, rnd.choice((1, 2, 2, 3, 4)))
            if k == 0:
                break
            acts = []
            for _ in range(k):
                pct = rnd.random() < 0.3
                acts.append({
                    "kegiatan": f"{rnd.choice(KEGIATAN)} {n_rows - left + len(acts) + 1}",
                    "target": 1.0 if pct else f"{rnd.choice((1, 2, 4, 12))} Dokumen",
                    "quarters": [rnd.choice(("√", "√", "", "1 Laporan")) for _ in range(4)],
                })
            left -= k
            # Numbered, so that two indicators in a row never share a text (a reader may
            # rightly read a repeated text as the same indicator continued).
            indicators.append((f"{rnd.choice(INDIKATOR)} ({sum(len(g['indicators']) for g in goals) + len(indicators) + 1})",
                               rnd.choice(("100%", "90 %", "12 Dokumen")), acts))
        n_acts = sum(len(a) for _, _, a in indicators)
        budgets = []
        kind = rnd.random()
        if kind < 0.1:
            pass  # a goal without a Pagu, as the official sample has four
        elif kind < 0.7 or len(indicators) == 1:
            budgets.append((0, n_acts - 1, rnd.randrange(1_000, 500_000) * 1000, pick()))
        else:
            first = 0
            for _, _, acts in indicators:
                budgets.append((first, first + len(acts) - 1, rnd.randrange(1_000, 200_000) * 1000,
                                pick()))
                first += len(acts)
        goals.append({"no": str(len(goals) + 1), "sasaran": rnd.choice(SASARAN), "indicators": indicators,
                      "budgets": budgets})
    return goals


@functools.lru_cache(maxsize=None)
def _sample_builder():
    """samples/build_sample.py, whose title and header rows these workbooks share."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_sample", SAMPLE_BUILDER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(target: Path, n_rows: int, seed: int = 2021, units: int | None = None) -> dict:
    """Write a RAK workbook of ``n_rows`` activity rows to ``target``; return its figures
    (``units``: see :func:`plan`)."""
    import xlsxwriter

    goals = plan(n_rows, seed, units)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    wb = xlsxwriter.Workbook(str(tmp))
    ws = wb.add_worksheet("RAK")
    top = _sample_builder().write_heading(wb, ws)  # the official sample's title and header
    text = wb.add_format({"valign": "top", "text_wrap": True, "border": 1})
    center = wb.add_format({"valign": "top", "align": "center", "text_wrap": True, "border": 1})
    percent = wb.add_format({"valign": "top", "align": "center", "border": 1, "num_format": "0%"})
    money = wb.add_format({"valign": "top", "border": 1, "num_format": "#,##0"})
    bold_money = wb.add_format({"bold": True, "border": 1, "num_format": "#,##0"})
    bold = wb.add_format({"bold": True, "align": "center", "border": 1})
    sign = wb.add_format({"align": "center"})


    def put(r1, r2, col, value, fmt):
        if r2 > r1:
            ws.merge_range(r1, col, r2, col, None, fmt)
        if isinstance(value, (int, float)):
            ws.write_number(r1, col, value, fmt)
        else:
            ws.write_string(r1, col, value, fmt)

    r = top
    total = n_budgets = n_indicators = 0
    for goal in goals:
        g1 = r
        for indikator, target_ind, acts in goal["indicators"]:
            put(r, r + len(acts) - 1, 2, indikator, text)
            put(r, r + len(acts) - 1, 3, target_ind, center)
            n_indicators += 1
            for act in acts:
                ws.write_string(r, 4, act["kegiatan"], text)
                if isinstance(act["target"], float):
                    ws.write_number(r, 5, act["target"], percent)
                else:
                    ws.write_string(r, 5, act["target"], center)
                for q, value in enumerate(act["quarters"]):
                    if value:
                        ws.write_string(r, 6 + q, value, center)
                    else:
                        ws.write_blank(r, 6 + q, None, center)
                r += 1
        put(g1, r - 1, 0, goal["no"], center)
        put(g1, r - 1, 1, goal["sasaran"], text)
        covered = set()
        for first, last, pagu, pelaksana in goal["budgets"]:
            put(g1 + first, g1 + last, 10, pagu, money)
            put(g1 + first, g1 + last, 11, pelaksana, text)
            covered.update(range(g1 + first, g1 + last + 1))
            total += pagu
            n_budgets += 1
        for row in set(range(g1, r)) - covered:
            ws.write_blank(row, 10, None, money)
            ws.write_blank(row, 11, None, text)
    ws.merge_range(r, 0, r, 9, "JUMLAH", bold)
    ws.write_number(r, 10, total, bold_money)
    r += 2
    for line in SIGNATURE:
        if line is not None:
            ws.merge_range(r, 9, r, 11, line, sign)
        r += 1
    ws.freeze_panes(top, 0)
    wb.close()
    os.replace(tmp, target)
    figures = {"activities": n_rows, "goals": len(goals), "indicators": n_indicators,
               "budget_lines": n_budgets, "total_pagu": total, "seed": seed}
    if units:
        figures["units"] = len({b[3] for g in goals for b in g["budgets"]})
    target.with_suffix(".json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return figures


def ensure(target: Path, n_rows: int, seed: int = 2021) -> dict:
    """Build ``target`` unless it is already there (with its figures); return the figures."""
    target = Path(target)
    figures_file = target.with_suffix(".json")
    if target.exists() and figures_file.exists():
        figures = json.loads(figures_file.read_text(encoding="utf-8"))
        if figures.get("activities") == n_rows and figures.get("seed") == seed:
            return figures
    return build(target, n_rows, seed)


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 70
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(f"RAK_{n}.xlsx")
    print(json.dumps(build(out, n), indent=2))
