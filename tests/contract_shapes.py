"""Fixture builder: the shapes of issue 13, tables that look like a RAK but are not one
(or are one only under the table contract), written by several producers.

Each shape is a list of :class:`Sheet` (rows of values, merged ranges) written by
:func:`write` with xlsxwriter or openpyxl; :func:`tests.variants.to_xls` converts
them with LibreOffice into legacy .xls. Nothing here uses rakxl: what a test expects
is written in the test, from the shape as built here.

The two real shapes of the issue:

- :func:`rkpd_review`: the "Review terhadap Rancangan Awal RKPD" table: a page label
  (``J-3``) and a caption (``Tabel``) above, a header repeated side by side
  (``... | Pagu Indikatif (Rp.)`` then ``... | Kebutuhan Dana (Rp.)``), category label
  rows (``Urusan Wajib``, ``Bidang Otonomi Daerah``), programs I, II, III whose amount
  is the sum of the kegiatan below them, kegiatan numbered 1..n again under each
  program; three other sheets beside it.
- :func:`code_list`: a national list of 7,765 sub-kegiatan with 1,070 unit names.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Sheet:
    name: str
    rows: list[list]                      # row by row from A1; None for a blank cell
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)   # 0-based r1, c1, r2, c2


def write(path: Path, sheets: list[Sheet], engine: str = "xlsxwriter") -> Path:
    """Write ``sheets`` with ``engine`` (``xlsxwriter`` or ``openpyxl``)."""
    path = Path(path)
    if engine == "xlsxwriter":
        import xlsxwriter

        wb = xlsxwriter.Workbook(str(path), {"constant_memory": False})
        for sh in sheets:
            ws = wb.add_worksheet(sh.name)
            for r1, c1, r2, c2 in sh.merges:
                ws.merge_range(r1, c1, r2, c2, None)
            for r, row in enumerate(sh.rows):
                for c, v in enumerate(row):
                    if v is None:
                        continue
                    if isinstance(v, str):
                        ws.write_string(r, c, v)
                    else:
                        ws.write_number(r, c, v)
        wb.close()
    elif engine == "openpyxl":
        import openpyxl

        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for sh in sheets:
            ws = wb.create_sheet(sh.name)
            for r, row in enumerate(sh.rows, 1):
                for c, v in enumerate(row, 1):
                    if v is not None:
                        ws.cell(r, c, v)
            for r1, c1, r2, c2 in sh.merges:
                ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
        wb.save(str(path))
    else:
        raise ValueError(engine)
    return path


# -- the RKPD review table ---------------------------------------------------------------

RKPD_HALF = ["No", "Program/ Kegiatan", "Lokasi", "Indikator Kinerja", "Target Capaian", "Pagu Indikatif (Rp.)"]
RKPD_NEEDS = ["No", "Program/ Kegiatan", "Lokasi", "Indikator Kinerja", "Target Capaian", "Kebutuhan Dana (Rp.)"]
#: (program, [(kegiatan, amount), ...]): each program's amount is the sum of its kegiatan.
RKPD_PROGRAMS = [
    ("Program Pelayanan Administrasi Perkantoran", [("Penyediaan jasa surat menyurat", 15_000_000),
                                                     ("Penyediaan alat tulis kantor", 42_500_000),
                                                     ("Rapat-rapat koordinasi dan konsultasi", 120_000_000)]),
    ("Program Peningkatan Sarana dan Prasarana Aparatur", [("Pengadaan kendaraan dinas", 350_000_000),
                                                           ("Pemeliharaan gedung kantor", 80_000_000)]),
    ("Program Peningkatan Kapasitas Sumber Daya Aparatur", [("Bimbingan teknis aparatur", 65_000_000),
                                                            ("Pendidikan dan pelatihan formal", 90_000_000),
                                                            ("Sosialisasi peraturan perundang-undangan",
                                                             25_000_000)]),
]
RKPD_HEADER_ROW = 5   # 0-based: sheet row 6


def rkpd_review() -> list[Sheet]:
    rows: list[list] = [["J-3"], ["Tabel"],
                        ["Review terhadap Rancangan Awal RKPD Kabupaten Lebak Tahun 2021"], [],
                        ["Rancangan Awal RKPD", None, None, None, None, None, "Hasil Analisis Kebutuhan"],
                        RKPD_HALF + RKPD_NEEDS,
                        [f"({i})" for i in range(1, 13)],
                        [None, "Urusan Wajib"],
                        [None, "Bidang Otonomi Daerah, Pemerintahan Umum dan Administrasi Keuangan Daerah"]]
    for p, (program, kegiatan) in enumerate(RKPD_PROGRAMS):
        roman = ["I", "II", "III"][p]
        total = sum(a for _, a in kegiatan)
        half = [roman, program, "Kab. Lebak", "Persentase pelayanan terpenuhi", "100%", total]
        rows.append(half + half[:5] + [total])
        for k, (name, amount) in enumerate(kegiatan, 1):
            half = [k, name, "Kab. Lebak", f"Jumlah {name.lower()}", "12 bulan", amount]
            rows.append(half + half[:5] + [amount])
    merges = [(2, 0, 2, 11), (4, 0, 4, 5), (4, 6, 4, 11)]
    other = [
        Sheet("J-1", [["J-1"], ["Tabel"], ["Evaluasi Hasil Pelaksanaan RKPD Tahun Lalu"],
                      ["No", "Uraian", "Keterangan"], [1, "Capaian kinerja tahun lalu", "terlampir"]]),
        Sheet("J-2", [["J-2"], ["Tabel"], ["Rumusan Rencana Program dan Kegiatan Tahun 2021"],
                      ["No", "Urusan", "Keterangan"], [1, "Urusan Wajib", "-"]]),
        Sheet("J-3", rows, merges),
        Sheet("Catatan", [["Catatan: angka dalam rupiah; review oleh Bappeda."]]),
    ]
    return other


# -- the national code list ----------------------------------------------------------------

CODE_LIST_ROWS = 7_765
CODE_LIST_UNITS = 1_070
CODE_LIST_HEADER = ["No", "Kode", "Nama Kegiatan", "Indikator", "Satuan", "Penanggung Jawab"]


def code_list_units() -> list[str]:
    """1,070 distinct unit names, as a national list holds them."""
    kinds = ["Dinas", "Badan", "Bagian", "Subbag", "Bidang"]
    subjects = ["Pendidikan", "Kesehatan", "Perhubungan", "Pertanian", "Sosial", "Koperasi", "Pariwisata",
                "Perdagangan", "Kearsipan", "Kepegawaian", "Keuangan", "Perencanaan", "Statistik", "Olahraga"]
    out = []
    for i in range(CODE_LIST_UNITS):
        out.append(f"{kinds[i % 5]} {subjects[(i // 5) % 14]} Daerah {i // 70 + 1}")
    assert len(set(out)) == CODE_LIST_UNITS
    return out


def code_list() -> list[Sheet]:
    units = code_list_units()
    rows: list[list] = [["DAFTAR KODE DAN NOMENKLATUR SUB KEGIATAN"], ["Lampiran Kepmendagri"], [],
                        CODE_LIST_HEADER]
    for i in range(CODE_LIST_ROWS):
        code = f"{1 + i // 2000}.{(i // 100) % 20 + 1:02d}.{(i // 10) % 10 + 1:02d}.2.{i % 10 + 1:02d}.{i % 7 + 1:04d}"
        rows.append([i + 1, code, f"Sub kegiatan nomor {i + 1}", f"Jumlah dokumen sub kegiatan {i + 1}",
                     "Dokumen", units[i % CODE_LIST_UNITS]])
    return [Sheet("Sub Kegiatan", rows)]


# -- small shapes ----------------------------------------------------------------------------

KPU_HEAD = ["No", "Sasaran", "Indikator Kinerja", "Nama Kegiatan/Aksi", "Pagu Anggaran", "Pelaksana"]
TITLE = [["RENCANA AKSI KINERJA TAHUN 2021"], ["KOMISI PEMILIHAN UMUM PROVINSI BANTEN"], ["SEKRETARIAT"], []]


def side_by_side() -> list[Sheet]:
    """Two RAK tables (2021 and 2022) side by side under one header row."""
    rows = [["RENCANA AKSI KINERJA TAHUN 2021 DAN 2022"], [], KPU_HEAD + [None] + KPU_HEAD]
    for i in range(1, 4):
        left = [i, f"Sasaran {i}", f"Indikator {i}", f"Kegiatan {i}", i * 10_000_000, "Subbag Umum"]
        rows.append(left + [None] + left[:4] + [i * 12_000_000, "Subbag Umum"])
    return [Sheet("RAK", rows)]


#: (No, kegiatan, amount) rows: programs I and II over their kegiatan.
ROLLUP_ROWS = [("I", "Program Dukungan Manajemen", 300_000_000), ("1", "Rapat koordinasi", 100_000_000),
               ("2", "Penyusunan laporan", 200_000_000), ("II", "Program Fasilitasi Pemilu", 500_000_000),
               ("1", "Sosialisasi pemilih", 250_000_000), ("2", "Bimbingan teknis", 150_000_000),
               ("3", "Monitoring", 100_000_000)]


def rollup() -> list[Sheet]:
    """A RAK-like table with a Pagu column whose program rows sum their kegiatan."""
    head = ["No", "Sasaran", "Indikator Kinerja", "Program/Kegiatan", "Pagu Anggaran", "Pelaksana"]
    rows = TITLE + [head]
    for no, name, amount in ROLLUP_ROWS:
        rows.append([no, "Meningkatnya kualitas layanan", "Indeks kepuasan", name, amount, "Subbag Umum"])
    return [Sheet("RAK", rows)]


def thousands() -> list[Sheet]:
    """The official columns, amounts in thousands of rupiah (``Pagu Anggaran (Rp. 000)``)."""
    head = KPU_HEAD[:4] + ["Pagu Anggaran (Rp. 000)", "Pelaksana"]
    rows = TITLE + [head] + [[i, f"Sasaran {i}", f"Indikator {i}", f"Kegiatan {i}", i * 15_000, "Subbag SDM"]
                             for i in range(1, 4)]
    return [Sheet("RAK", rows)]


#: (kegiatan, unit cost, volume, total) of the unit-cost shape.
UNIT_COST_ROWS = [("Rapat koordinasi", 150_000, 40, 6_000_000), ("Perjalanan dinas", 1_500_000, 12, 18_000_000),
                  ("Penggandaan dokumen", 500, 2_000, 1_000_000)]


def unit_cost() -> list[Sheet]:
    """A unit cost (``Biaya``) beside its total (``Jumlah (Rp.)``)."""
    head = ["No", "Sasaran", "Indikator Kinerja", "Nama Kegiatan/Aksi", "Biaya", "Jumlah (Rp.)", "Pelaksana"]
    rows = TITLE + [head]
    for i, (name, cost, _vol, total) in enumerate(UNIT_COST_ROWS, 1):
        rows.append([i, f"Sasaran {i}", f"Indikator {i}", name, cost, total, "Subbag Keuangan"])
    return [Sheet("RAK", rows)]


def labelled() -> list[Sheet]:
    """A RAK with category label rows: one above the first goal, one merged across the table."""
    rows = [["J-3"], ["Tabel"]] + TITLE + [KPU_HEAD, [None, None, None, "Urusan Wajib"],
                                           [1, "Sasaran satu", "Indikator satu", "Kegiatan satu", 10_000_000, "Subbag Umum"],
                                           [2, "Sasaran dua", "Indikator dua", "Kegiatan dua", 20_000_000, "Subbag SDM"],
                                           ["Bidang Otonomi Daerah"],
                                           [3, "Sasaran tiga", "Indikator tiga", "Kegiatan tiga", 30_000_000, "Subbag Hukum"]]
    band = len(rows) - 2
    return [Sheet("RAK", rows, [(band, 0, band, 5)])]


def captions_only() -> list[Sheet]:
    """A RAK whose only lines above the header are a page label and a caption."""
    rows = [["J-3"], ["Tabel"], [], KPU_HEAD,
            [1, "Sasaran satu", "Indikator satu", "Kegiatan satu", 10_000_000, "Subbag Umum"]]
    return [Sheet("RAK", rows)]


def renja_evaluation() -> list[Sheet]:
    head = ["No", "Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan",
            "Indikator Kinerja Program (outcome)/ Kegiatan (output)", "Target Renstra",
            "Realisasi Capaian Kinerja Renstra", "Target Kinerja dan Anggaran Renja Tahun Berjalan",
            "Realisasi Kinerja Triwulan I", "Realisasi Kinerja Triwulan II", "Perangkat Daerah Penanggung Jawab"]
    rows = [["Tabel T-C.29"], ["EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH KABUPATEN LEBAK"], [], head,
            [1, "1.01.01", "Program Pelayanan Administrasi", "Persentase layanan", "100%", "95%", "100%", "25%", "50%",
             "Dinas Pendidikan"]]
    return [Sheet("Evaluasi Renja", rows)]


def anggaran_kas() -> list[Sheet]:
    head = ["Kode Rekening", "Uraian", "Anggaran Tahun Ini", "Triwulan I", "Triwulan II", "Triwulan III",
            "Triwulan IV", "Jumlah"]
    rows = [["ANGGARAN KAS SATUAN KERJA PERANGKAT DAERAH"], ["Tahun Anggaran 2021"], [], head,
            ["5.2.1.01", "Honorarium panitia", 12_000_000, 3_000_000, 3_000_000, 3_000_000, 3_000_000, 12_000_000]]
    return [Sheet("Anggaran Kas", rows)]


def dpa_export() -> list[Sheet]:
    head = ["Kode Rekening", "Uraian", "Koefisien", "Satuan", "Harga", "PPN", "Jumlah"]
    rows = [["DOKUMEN PELAKSANAAN ANGGARAN SATUAN KERJA PERANGKAT DAERAH (DPA-SKPD)"], [], head,
            ["5.1.02.01.01.0024", "Alat Tulis Kantor", "10 Rim", "Rim", 55_000, 0, 550_000]]
    return [Sheet("DPA", rows)]


def empty_template() -> list[Sheet]:
    return [Sheet("Template", TITLE + [KPU_HEAD, [], []])]


def template_and_plan() -> list[Sheet]:
    plan = TITLE + [KPU_HEAD, [1, "Sasaran satu", "Indikator satu", "Kegiatan satu", 10_000_000, "Subbag Umum"]]
    return empty_template() + [Sheet("RAK Sekretariat", plan)]


#: Every shape by name (the tests write each with several producers).
SHAPES = {
    "rkpd_review": rkpd_review, "side_by_side": side_by_side, "rollup": rollup, "thousands": thousands,
    "unit_cost": unit_cost, "labelled": labelled, "captions_only": captions_only,
    "renja_evaluation": renja_evaluation, "anggaran_kas": anggaran_kas, "dpa_export": dpa_export,
    "empty_template": empty_template, "template_and_plan": template_and_plan,
}
