"""The table contract (issue 13): tables that look like a RAK are refused, not guessed,
and the refusal says what was found and what is missing.

Every shape is built by tests/contract_shapes.py and written here by xlsxwriter and by
openpyxl, and the openpyxl files converted to legacy .xls by LibreOffice (where it
is installed): each shape must read (or be refused) the same from every producer.
Expected texts and figures are written out from the shapes as built.
"""
import json

import pytest

import rakxl
from rakxl.exceptions import RakInputError
from tests import contract_shapes as S
from tests import variants as V
from tests.helpers import run_apart as run

ENGINES = ("xlsxwriter", "openpyxl")


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """{(shape, producer): path} for every shape; producer ``xls`` = LibreOffice's
    conversion of the openpyxl file."""
    d = tmp_path_factory.mktemp("shapes")
    out = {}
    for name, build in S.SHAPES.items():
        for engine in ENGINES:
            out[name, engine] = S.write(d / f"{name}_{engine}.xlsx", build(), engine)
    if V.soffice_missing() is None:
        xls = V.to_xls([out[name, "openpyxl"] for name in S.SHAPES], d / "xls")
        for name, path in zip(S.SHAPES, xls):
            out[name, "xls"] = path
    return out


def producers():
    return list(ENGINES) + ([] if V.soffice_missing() else ["xls"])


@pytest.fixture(scope="module")
def code_list(tmp_path_factory):
    d = tmp_path_factory.mktemp("codes")
    return {engine: S.write(d / f"kode_{engine}.xlsx", S.code_list(), engine) for engine in ENGINES}


def refusal(path) -> str:
    with pytest.raises(RakInputError) as info:
        rakxl.read_workbook(path)
    message = str(info.value)
    assert message.count("\n") == 0 and str(path) in message  # one line naming the file
    return message


# -- the RKPD review table -------------------------------------------------------------------

@pytest.mark.parametrize("producer", producers())
def test_rkpd_review_is_refused_saying_what_it_has(files, producer):
    message = refusal(files["rkpd_review", producer])
    assert "bukan tabel RAK (diperiksa: 'J-1', 'J-2', 'J-3', 'Catatan')" in message
    assert ("sheet 'J-3' baris 6 punya No (A6), Program/ Kegiatan (B6), Indikator Kinerja (D6), "
            "tetapi tidak ada kolom Pagu Anggaran") in message
    assert ("No, Program/ Kegiatan, Indikator Kinerja ada dua kali di baris judul (A6/G6, B6/H6, D6/J6): "
            "dua tabel berdampingan") in message
    assert "kolom 'Pagu Indikatif (Rp.)' (F6) bukan Pagu Anggaran" in message
    assert message.endswith("tampaknya Renja / rancangan RKPD (review program dan kegiatan)")
    with pytest.raises(RakInputError, match=r"bukan tabel RAK \(diperiksa: 'J-3'\); sheet 'J-3' baris 6"):
        rakxl.read_rak(files["rkpd_review", producer], sheet="J-3")


def test_rkpd_review_on_the_command_line(files):
    path = files["rkpd_review", "openpyxl"]
    for args in (("show", path), ("export", path), ("check", path), ("format", path, "-o", path.with_name("f.xlsx"))):
        res = run(*args)
        assert res.exit_code == 2, (args, res.output)
        assert "bukan tabel RAK" in res.stderr and "Traceback" not in res.stderr
    assert not path.with_name("f.xlsx").exists()  # no "ready to sign" RAK with JUMLAH 0


def test_totals_lists_refused_files_never_as_rp_0(files, tmp_path):
    folder = tmp_path / "kiriman"
    folder.mkdir()
    for name in ("rkpd_review", "labelled", "rollup"):
        (folder / f"{name}.xlsx").write_bytes(files[name, "xlsxwriter"].read_bytes())
    res = run("totals", folder, "--by", "file", "--json")
    assert res.exit_code == 1
    rows = json.loads(res.stdout)
    assert [(r["file"].rsplit("/", 1)[-1], r["pagu"]) for r in rows] == [("labelled.xlsx", 60_000_000)]
    listed = dict(line.strip().split(": ", 1) for line in res.stderr.splitlines()[1:])
    assert listed[str(folder / "rkpd_review.xlsx")].startswith("bukan tabel RAK (diperiksa: 'J-1', 'J-2', 'J-3'")
    assert "baris ringkasan" in listed[str(folder / "rollup.xlsx")]


# -- the national code list ------------------------------------------------------------------

@pytest.mark.parametrize("engine", ENGINES)
def test_code_list_is_refused(code_list, engine):
    message = refusal(code_list[engine])
    assert ("sheet 'Sub Kegiatan' baris 4 punya No (A4), Nama Kegiatan (C4), Indikator (D4), Penanggung Jawab (F4), "
            "tetapi tidak ada kolom Pagu Anggaran") in message
    assert message.endswith("tampaknya daftar kode program/kegiatan/sub-kegiatan")


def test_code_list_check_and_totals(code_list, tmp_path):
    res = run("check", code_list["xlsxwriter"])
    assert res.exit_code == 2 and "bukan tabel RAK" in res.stderr
    res = run("totals", code_list["xlsxwriter"], "--json")
    assert res.exit_code == 1 and json.loads(res.stdout) == []


def test_code_list_names_1070_units():
    rows = S.code_list()[0].rows[4:]
    assert len(rows) == 7_765 and len({r[5] for r in rows}) == 1_070


# -- shapes refused -------------------------------------------------------------------------

@pytest.mark.parametrize("producer", producers())
def test_side_by_side_tables_are_refused(files, producer):
    with pytest.raises(RakInputError) as info:
        rakxl.read_rak(files["side_by_side", producer])
    assert info.value.sheet == "RAK" and info.value.cell == "H3"
    assert ("No, Sasaran, Indikator Kinerja, Nama Kegiatan/Aksi, Pagu Anggaran, Pelaksana ada dua kali di baris "
            "judul (A3/H3, B3/I3, C3/J3, D3/K3, E3/L3, F3/M3): dua tabel berdampingan") in info.value.reason


@pytest.mark.parametrize("producer", producers())
def test_rollup_rows_are_refused_not_summed_twice(files, producer):
    with pytest.raises(RakInputError) as info:
        rakxl.read_workbook(files["rollup", producer])
    assert info.value.cell == "E6"
    assert info.value.reason == (
        "bukan tabel RAK: baris ringkasan: Pagu Rp 300.000.000 di E6 (No I) adalah jumlah 2 baris Pagu di bawahnya "
        "(E7:E8), dan 1 baris ringkasan lain; program di atas kegiatan dihitung dua kali bila dijumlahkan")


def test_an_amount_equal_to_the_next_two_by_chance_is_no_rollup(tmp_path):
    """Goal 2's Pagu equals goals 3 and 4 together, numbered on (not 1 again): a RAK."""
    rows = S.TITLE + [S.KPU_HEAD]
    for no, amount in ((1, 5_000_000), (2, 20_000_000), (3, 10_000_000), (4, 10_000_000)):
        rows.append([no, f"Sasaran {no}", f"Indikator {no}", f"Kegiatan {no}", amount, "Subbag Umum"])
    rak = rakxl.read_rak(S.write(tmp_path / "rak.xlsx", [S.Sheet("RAK", rows)]))
    assert rak.total_pagu == 45_000_000 and len(rak.goals) == 4


@pytest.mark.parametrize("producer", producers())
def test_amounts_in_thousands_are_refused(files, producer):
    message = refusal(files["thousands", producer])
    assert "tetapi tidak ada kolom Pagu Anggaran" in message
    assert "kolom 'Pagu Anggaran (Rp. 000)' (E5) dalam ribuan rupiah; rakxl tidak mengalikan sendiri" in message


@pytest.mark.parametrize("shape, said", [
    ("renja_evaluation", "tampaknya formulir evaluasi Renja (Permendagri 86/2017)"),
    ("anggaran_kas", "tampaknya anggaran kas (Rencana Anggaran Kas, bukan Rencana Aksi Kinerja)"),
    ("dpa_export", "tampaknya ekspor DPA/RKA dari aplikasi keuangan"),
])
@pytest.mark.parametrize("producer", producers())
def test_relatives_are_named(files, shape, said, producer):
    assert refusal(files[shape, producer]).endswith(said)


def test_relatives_say_what_they_have_and_miss(files):
    assert ("sheet 'Anggaran Kas' baris 4 punya Triwulan I (D4), Triwulan II (E4), Triwulan III (F4), "
            "Triwulan IV (G4), tetapi tidak ada kolom Nama Kegiatan/Aksi, kolom Pagu Anggaran dan kolom Sasaran "
            "atau Indikator") in refusal(files["anggaran_kas", "xlsxwriter"])
    assert "tidak ada baris judul kolom yang dikenal" in refusal(files["dpa_export", "xlsxwriter"])


@pytest.mark.parametrize("producer", producers())
def test_a_header_without_activity_rows_is_no_rak(files, producer):
    message = refusal(files["empty_template", producer])
    assert message.endswith("judul kolom RAK lengkap tetapi tidak ada satu pun baris kegiatan di bawahnya")
    raks = rakxl.read_workbook(files["template_and_plan", producer])
    assert [(r.sheet, r.total_pagu) for r in raks] == [("RAK Sekretariat", 10_000_000)]


# -- shapes read, with what was chosen said ---------------------------------------------------

@pytest.mark.parametrize("producer", producers())
def test_unit_cost_beside_total_reads_the_total(files, producer):
    rak = rakxl.read_rak(files["unit_cost", producer])
    assert rak.total_pagu == sum(total for _, _, _, total in S.UNIT_COST_ROWS) == 25_000_000
    assert rak.columns["pagu"] == "F" and "Biaya" in rak.extra_columns
    notes = [(n.code, n.cell, n.value) for n in rak.notes]
    assert notes == [("unit-cost-ignored", "E5", "Biaya -> Jumlah (Rp.)")]


@pytest.mark.parametrize("producer", producers())
def test_category_labels_are_no_goals_and_captions_no_unit(files, producer):
    rak = rakxl.read_rak(files["labelled", producer])
    assert rak.goals["no"].tolist() == ["1", "2", "3"]
    assert rak.activities["kegiatan"].tolist() == ["Kegiatan satu", "Kegiatan dua", "Kegiatan tiga"]
    assert rak.total_pagu == 60_000_000
    assert [(n.code, n.cell, n.value) for n in rak.notes] == [
        ("category-label", "D8", "Urusan Wajib"), ("category-label", "A11", "Bidang Otonomi Daerah")]
    assert (rak.meta.year, rak.meta.organization, rak.meta.unit) == (
        2021, "KOMISI PEMILIHAN UMUM PROVINSI BANTEN", "SEKRETARIAT")
    only = rakxl.read_rak(files["captions_only", producer])
    assert (only.meta.organization, only.meta.unit) == (None, None)


def test_two_budget_columns_are_refused_one_like_named_column_is_an_extra(tmp_path):
    body = [1, "Sasaran 1", "Indikator 1", "Kegiatan 1", 10_000_000, "Subbag Umum", 12_000_000]
    two_pagu = S.TITLE + [S.KPU_HEAD + ["Pagu Anggaran"], body]
    with pytest.raises(RakInputError, match=r"Pagu Anggaran ada dua kali di baris judul \(E5/G5\)"):
        rakxl.read_rak(S.write(tmp_path / "two.xlsx", [S.Sheet("RAK", two_pagu)]))
    like = S.TITLE + [S.KPU_HEAD + ["Program/Kegiatan"], body[:6] + ["Program Dukungan Manajemen"]]
    rak = rakxl.read_rak(S.write(tmp_path / "like.xlsx", [S.Sheet("RAK", like)]))
    assert rak.columns["kegiatan"] == "D" and rak.extra_columns == ["Program/Kegiatan"]
    assert rak.total_pagu == 10_000_000


# -- several RAK sheets, said ------------------------------------------------------------------

def _two_units(path, engine="xlsxwriter"):
    def plan(amount):
        return S.TITLE + [S.KPU_HEAD, [1, "Sasaran satu", "Indikator satu", "Kegiatan satu", amount, "Subbag Umum"]]

    return S.write(path, [S.Sheet("Petunjuk", [["Isi RAK pada sheet berikut."]]),
                          S.Sheet("Sekretariat", plan(10_000_000)), S.Sheet("Bagian Umum", plan(25_000_000))], engine)


@pytest.mark.parametrize("engine", ENGINES)
def test_show_and_export_say_the_other_rak_sheets(tmp_path, engine):
    path = _two_units(tmp_path / "units.xlsx", engine)
    res = run("show", path)
    assert res.exit_code == 0 and "[Sekretariat]" in res.stdout
    assert "Sheet RAK lain: 'Bagian Umum' (pilih dengan --sheet NAMA)" in res.stdout
    res = run("show", path, "--sheet", "Bagian Umum", "--json")
    data = json.loads(res.stdout)
    assert (data["sheet"], data["total_pagu"], data["other_sheets"]) == ("Bagian Umum", 25_000_000, ["Sekretariat"])
    res = run("export", path, "--to", "csv")
    assert res.exit_code == 0 and "Kegiatan satu" in res.stdout
    assert res.stderr.strip() == ("rakxl: dibaca sheet 'Sekretariat'; sheet RAK lain: 'Bagian Umum' "
                                  "(pilih dengan --sheet NAMA)")
    assert run("export", path, "--to", "csv", "--quiet").stderr == ""
    single = run("show", S.write(tmp_path / "one.xlsx", S.labelled(), engine), "--json")
    assert json.loads(single.stdout)["other_sheets"] == []


def _units_book(path, sheets, engine="xlsxwriter"):
    """A workbook of RAK sheets: ``{sheet name: (unit line, amount)}``."""
    out = []
    for name, (unit, amount) in sheets.items():
        rows = [["RENCANA AKSI KINERJA TAHUN 2021"], ["KOMISI PEMILIHAN UMUM PROVINSI BANTEN"], [unit], [],
                S.KPU_HEAD, [1, "Sasaran satu", "Indikator satu", "Kegiatan satu", amount, "Subbag Umum"]]
        out.append(S.Sheet(name, rows))
    return S.write(path, out, engine)


def test_diff_compares_every_rak_sheet_by_name(tmp_path):
    old = _units_book(tmp_path / "old.xlsx", {"Sekretariat": ("SEKRETARIAT", 10_000_000),
                                              "Bagian Umum": ("BAGIAN UMUM", 25_000_000)})
    new = _units_book(tmp_path / "new.xlsx", {"Bagian Umum": ("BAGIAN UMUM", 30_000_000),
                                              "Sekretariat": ("SEKRETARIAT", 10_000_000)}, "openpyxl")
    wd = rakxl.diff_workbooks(old, new)
    assert [(p.old.sheet, p.new.sheet, p.diff.is_empty) for p in wd.pairs] == [
        ("Sekretariat", "Sekretariat", True), ("Bagian Umum", "Bagian Umum", False)]
    res = run("diff", old, new)
    assert res.exit_code == 1
    lines = res.stdout.splitlines()
    assert "== Sheet 'Sekretariat' -> 'Sekretariat' ==" in lines and "== Sheet 'Bagian Umum' -> 'Bagian Umum' ==" in lines
    assert "Total Pagu: Rp 25.000.000 -> Rp 30.000.000 (+Rp 5.000.000)" in lines
    data = json.loads(run("diff", old, new, "--json").stdout)
    assert [(s["change"], s["old_sheet"], s["pagu_old"], s["pagu_new"]) for s in data["sheets"]] == [
        ("compared", "Sekretariat", 10_000_000, 10_000_000), ("compared", "Bagian Umum", 25_000_000, 30_000_000)]
    out = tmp_path / "perubahan.xlsx"
    assert run("diff", old, new, "-o", out).exit_code == 1
    from rakxl.marker import read_mark

    assert read_mark(out).report_sheets == ("Perubahan", "Perubahan 2")
    assert [(r.sheet, r.total_pagu) for r in rakxl.read_workbook(out)] == [("Sekretariat", 10_000_000),
                                                                         ("Bagian Umum", 30_000_000)]
    one = run("diff", old, new, "--sheet", "Sekretariat")
    assert one.exit_code == 0 and "Tidak ada perubahan." in one.stdout
    assert run("diff", old, new, "--sheet", "Keuangan").exit_code == 2


def test_diff_of_several_sheets_confirms_what_it_wrote(tmp_path):
    """The confirmation names the sheets the workbook holds and the rows the CSV holds."""
    import csv

    import openpyxl

    old = _units_book(tmp_path / "old.xlsx", {"Sekretariat": ("SEKRETARIAT", 10_000_000),
                                              "Bagian Umum": ("BAGIAN UMUM", 25_000_000),
                                              "Keuangan": ("KEUANGAN", 5_000_000)})
    new = _units_book(tmp_path / "new.xlsx", {"Bagian Umum": ("BAGIAN UMUM", 30_000_000),
                                              "Sekretariat": ("SEKRETARIAT", 12_000_000)})
    as_csv = tmp_path / "perubahan.csv"
    assert run("diff", old, new, "-o", as_csv).exit_code == 1
    with open(as_csv, encoding="utf-8-sig", newline="") as fh:
        rows = len(list(csv.reader(fh))) - 1
    assert rows >= 2
    as_xlsx = tmp_path / "perubahan.xlsx"
    res = run("diff", old, new, "-o", as_xlsx)
    sheets = openpyxl.load_workbook(as_xlsx, read_only=True).sheetnames
    assert len(sheets) == 5      # Perubahan, Perubahan 2, Sheet (Keuangan removed), the two new plans
    assert res.stderr.strip() == f"rakxl: ditulis: {as_xlsx} (5 sheet, {rows} baris)"
    res = run("diff", old, new, "-o", tmp_path / "perubahan2.csv", "--lang", "en")
    assert res.stderr.strip() == f"rakxl: wrote {tmp_path / 'perubahan2.csv'} ({rows} rows)"


def test_a_sheet_missing_in_the_new_plan_is_a_change(tmp_path):
    old = _units_book(tmp_path / "old.xlsx", {"Sekretariat": ("SEKRETARIAT", 10_000_000),
                                              "Bagian Umum": ("BAGIAN UMUM", 25_000_000)})
    new = _units_book(tmp_path / "new.xlsx", {"Sekretariat": ("SEKRETARIAT", 10_000_000)})
    res = run("diff", old, new)
    assert res.exit_code == 1
    assert "Sheet RAK 'Bagian Umum' tidak ada lagi di RAK baru (Pagu Rp 25.000.000 hilang)" in res.stdout
    out = tmp_path / "perubahan.xlsx"
    assert run("diff", old, new, "-o", out).exit_code == 1
    from rakxl.marker import read_mark

    assert read_mark(out).report_sheets == ("Perubahan", "Sheet")
    assert [r.sheet for r in rakxl.read_workbook(out)] == ["Sekretariat"]


def test_sheets_matched_by_unit_then_the_last_pair(tmp_path):
    old = _units_book(tmp_path / "old.xlsx", {"RAK 1": ("SEKRETARIAT", 10_000_000),
                                              "RAK 2": ("BAGIAN UMUM", 25_000_000)})
    new = _units_book(tmp_path / "new.xlsx", {"Umum": ("Bagian Umum", 25_000_000),
                                              "Sekretariat": ("Sekretariat", 12_000_000)})
    wd = rakxl.diff_workbooks(old, new)
    assert [(p.old.sheet, p.new.sheet) for p in wd.pairs] == [("RAK 1", "Sekretariat"), ("RAK 2", "Umum")]
    single_old = _units_book(tmp_path / "a.xlsx", {"RAK": ("SEKRETARIAT", 10_000_000)})
    single_new = _units_book(tmp_path / "b.xlsx", {"RAK Revisi": ("SEKRETARIAT", 10_000_000)})
    res = run("diff", single_old, single_new, "--json")
    assert res.exit_code == 0 and json.loads(res.stdout)["new"]["sheet"] == "RAK Revisi"  # one pair: as before


@pytest.mark.parametrize("producer", producers())
def test_amounts_in_thousands_read_only_when_scaled_explicitly_and_said(files, producer):
    rak = rakxl.read_rak(files["thousands", producer], scale=1000)
    assert rak.budgets["pagu"].tolist() == [15_000_000, 30_000_000, 45_000_000]
    assert rak.total_pagu == 90_000_000
    assert [(n.code, n.cell, n.value) for n in rak.notes] == [
        ("amount-scaled", "E5", "Pagu Anggaran (Rp. 000) x 1.000")]
    assert [r.total_pagu for r in rakxl.read_workbook(files["thousands", producer], scale=1000)] == [90_000_000]
    plain = rakxl.read_rak(files["labelled", producer], scale=1000)  # a header in rupiah is never scaled
    assert plain.total_pagu == 60_000_000 and not [n for n in plain.notes if n.code == "amount-scaled"]


@pytest.mark.parametrize("engine", ENGINES)
def test_rollup_rows_without_numbers_told_by_their_level_words(tmp_path, engine):
    head = ["Sasaran", "Indikator Kinerja", "Program/Kegiatan", "Pagu Anggaran", "Pelaksana"]
    rows = S.TITLE + [head] + [["Meningkatnya layanan", "Indeks kepuasan", name, amount, "Subbag Umum"]
                               for _, name, amount in S.ROLLUP_ROWS]
    with pytest.raises(RakInputError) as info:
        rakxl.read_rak(S.write(tmp_path / "r.xlsx", [S.Sheet("RAK", rows)], engine))
    assert info.value.reason.startswith("bukan tabel RAK: baris ringkasan: Pagu Rp 300.000.000 di D6 (No -) "
                                        "adalah jumlah 2 baris Pagu di bawahnya (D7:D8)")
    plain = [[f"Sasaran {i}", f"Indikator {i}", name.replace("Program", "Kegiatan"), amount, "Subbag Umum"]
             for i, (_, name, amount) in enumerate(S.ROLLUP_ROWS)]
    rak = rakxl.read_rak(S.write(tmp_path / "p.xlsx", [S.Sheet("RAK", S.TITLE + [head] + plain)], engine))
    assert rak.total_pagu == sum(a for _, _, a in S.ROLLUP_ROWS)  # no level words, no numbers: read
