"""rakxl.diff: revision pairs built from the sample, diffed and asserted exactly.

Each revision is made the way an office makes one: the sample's own rows
(samples/RAK_2021.txt, parsed by samples/build_sample.py) are edited - a goal
inserted and the rest renumbered, typos fixed, a budget moved, a Pagu range split,
rows added and removed, a target and a quarter changed, a Pelaksana renamed - and
laid out again by build_sample.py (merged No, Sasaran, Indikator, Pagu and
Pelaksana, as the official workbook). rakxl's writer plays no part in the
fixtures, so the expectations below come from the edits alone.

Rows of the sample (sheet rows): activities start on row 8; goal 3 is rows 12-13,
goal 4 rows 14-16, goal 5 rows 17-19, goal 9 rows 30-31, goal 10 rows 32-33, goal 11
rows 34-36, goal 16 rows 42-43, goal 17 rows 44-46, goal 26 rows 63-65 (three
identical activities), goal 29 rows 71-75.
"""
import copy
import json

import pytest
from click.testing import CliRunner

import rakxl
from rakxl.cli import cli
from rakxl import revisions
from rakxl.revisions.align import _align, _assign, _increasing_chain
from rakxl.revisions.compare import _diff
from rakxl.text import fold_words
from tests.conftest import ROOT
from tests.helpers import load_script

build_sample = load_script(ROOT / "samples" / "build_sample.py", "build_sample")

ROWS = build_sample.parse_rows((ROOT / "samples" / "RAK_2021.txt").read_text(encoding="utf-8"))
NO, SASARAN, INDIKATOR, TARGET_IND, KEGIATAN, TARGET, TW1, TW2, TW3, TW4, PAGU, PELAKSANA = range(12)
TOTAL = 3_051_446_000


def at(goal: int, k: int = 0) -> int:
    """Index in ROWS of the k-th activity row of goal No ``goal``."""
    return [i for i, r in enumerate(ROWS) if r[NO] == str(goal)][0] + k


def renumber(rows, start: int, step: int):
    for r in rows[start:]:
        if r[NO]:
            r[NO] = str(int(r[NO]) + step)


@pytest.fixture
def revise(tmp_path, monkeypatch, sample):
    """revise(edit) -> the diff from the sample to the sample's rows after ``edit(rows)``."""
    def make(edit, name="revisi.xlsx"):
        rows = copy.deepcopy(ROWS)
        edit(rows)
        text = tmp_path / (name + ".txt")
        text.write_text("\n".join("\t".join(r) for r in rows), encoding="utf-8")
        monkeypatch.setattr(build_sample, "SOURCE", text)
        path = build_sample.build(tmp_path / name)
        return same_as_plain(sample, rakxl.read_rak(path))
    return make


def same_as_plain(old, new):
    """rakxl.diff(old, new), proven equal to the plain path (every goal pair compared
    activity by activity, identical ones too): every diff of this file goes through it."""
    fast, plain = rakxl.diff(old, new), _diff(old, new, fast=False)
    assert (fast.goal_rows, fast.activity_rows, fast.total_rows, fast.meta_rows) == \
        (plain.goal_rows, plain.activity_rows, plain.total_rows, plain.meta_rows)
    return fast


def changed_goals(d):
    g = d.goals[d.goals["change"] != "same"]
    return [(r.no_old, r.no_new, r.change, r.pagu_old, r.pagu_new, r.delta, r.fields)
            for r in g.itertuples()]


def activity_rows(d, *cols):
    import pandas as pd

    return [tuple(None if pd.isna(v) else v for v in row)
            for row in d.activities[list(cols)].itertuples(index=False)]


def moved_totals(d):
    t = d.totals[d.totals["delta"] != 0]
    return [(r.pelaksana, r.pagu_old, r.pagu_new, r.delta) for r in t.itertuples()]


# -- nothing changed ----------------------------------------------------------------

def test_sample_against_itself_is_empty(sample):
    d = same_as_plain(sample, sample)
    assert d.is_empty
    assert len(d.goals) == 29 and set(d.goals["change"]) == {"same"}
    assert d.goals["no_old"].tolist() == d.goals["no_new"].tolist() == [str(n) for n in range(1, 30)]
    assert len(d.activities) == 0 and len(d.meta) == 0 and len(d.changes) == 0
    assert d.totals.iloc[-1].tolist() == ["JUMLAH", TOTAL, TOTAL, 0]
    assert len(d.totals) == 8  # seven Pelaksana and the grand total


def test_rendered_again_is_empty(revise):
    """The fixture machinery itself: the unedited rows laid out again diff empty."""
    assert revise(lambda rows: None).is_empty


def test_sample_against_its_format_output_is_empty(sample, sample_path, tmp_path):
    out = tmp_path / "rapi.xlsx"
    res = CliRunner().invoke(cli, ["format", str(sample_path), "-o", str(out)])
    assert res.exit_code == 0, res.output
    d = same_as_plain(sample, rakxl.read_rak(out))
    assert d.is_empty, d.summary()


def test_spacing_only_is_no_change(revise):
    def edit(rows):
        rows[at(2, 1)][KEGIATAN] = "Supervisi  Pengelolaan program dan   Anggaran Tahun Anggaran 2020 "
        rows[at(7)][SASARAN] = " Terwujudnya Rencana Kerja dan  anggaran yang efektif dan efisien"
    assert revise(edit).is_empty


# -- goals --------------------------------------------------------------------------

def test_goal_inserted_others_renumbered(revise):
    def edit(rows):
        i = at(4)
        renumber(rows, i, +1)
        rows[i:i] = [
            ["4", "Meningkatnya Integritas Pegawai", "Persentase pegawai yang lulus uji integritas", "90 %",
             "Uji integritas pegawai", "100 %", "", "", "", "", "10,000,000", "Subbag SDM"],
            ["", "", "", "", "Laporan hasil uji integritas", "1 lap", "", "", "", "", "", ""],
        ]
    d = revise(edit)
    assert not d.is_empty
    assert changed_goals(d) == [(None, "4", "added", 0, 10_000_000, 10_000_000, "")]
    same = d.goals[d.goals["change"] == "same"]
    assert same["no_old"].tolist() == [str(n) for n in range(1, 30)]
    assert same["no_new"].tolist() == ["1", "2", "3"] + [str(n) for n in range(5, 31)]
    assert activity_rows(d, "change", "no_new", "kegiatan_new", "target_kegiatan_new", "pelaksana_new",
                         "pagu_new", "pagu_cell_new", "row_new") == [
        ("added", "4", "Uji integritas pegawai", "100 %", "Subbag SDM", 10_000_000, "K14:K15", 14),
        ("added", "4", "Laporan hasil uji integritas", "1 lap", "Subbag SDM", 10_000_000, "K14:K15", 15),
    ]
    assert moved_totals(d) == [("Subbag SDM", 35_164_000, 45_164_000, 10_000_000),
                               ("JUMLAH", TOTAL, TOTAL + 10_000_000, 10_000_000)]
    changes = d.changes
    assert changes["change"].value_counts().to_dict() == {"renumbered": 26, "added": 4, "changed": 1}
    summary = d.summary()
    assert summary[-1] == "Nomor Sasaran berubah, isi sama: 4-29 -> 5-30"
    assert "Sasaran 4 baru: Meningkatnya Integritas Pegawai  Pagu Rp 0 -> Rp 10.000.000 (+Rp 10.000.000)" in summary


def test_typos_fixed_are_changes_not_removals(revise):
    def edit(rows):
        rows[at(3, 1)][KEGIATAN] = rows[at(3, 1)][KEGIATAN].replace("Penyeleenggaraan", "Penyelenggaraan")
        for k in (1, 2):
            rows[at(5, k)][KEGIATAN] = rows[at(5, k)][KEGIATAN].replace("lapoan", "laporan")
        rows[at(8)][SASARAN] = rows[at(8)][SASARAN].replace("Adminstrasi", "Administrasi")
        # goal 17 said "guna", goal 4 "Guna": now both say "Guna"
        rows[at(17)][SASARAN] = rows[at(17)][SASARAN].replace("guna", "Guna")
        rows[at(29, 4)][KEGIATAN] = "Rapat Koordinasi Pemutakhiran data pemilih berkelanjutan"
    d = revise(edit)
    assert changed_goals(d) == [
        ("3", "3", "changed", 6_700_000, 6_700_000, 0, "kegiatan"),
        ("5", "5", "changed", 46_124_000, 46_124_000, 0, "kegiatan"),
        ("8", "8", "changed", 7_084_000, 7_084_000, 0, "sasaran"),
        ("17", "17", "changed", 1_159_691_000, 1_159_691_000, 0, "sasaran"),
        ("29", "29", "changed", 39_044_000, 39_044_000, 0, "kegiatan"),
    ]
    g8 = d.goals[d.goals["no_new"] == "8"].iloc[0]
    assert g8["sasaran_old"] == ("Terwujudnya Sistem Adminstrasi penyelenggara Pemilu yang tertib, efektif "
                                 "dan efisien")
    assert g8["sasaran"] == ("Terwujudnya Sistem Administrasi penyelenggara Pemilu yang tertib, efektif "
                             "dan efisien")
    g17 = d.goals[d.goals["no_new"] == "17"].iloc[0]
    assert g17["sasaran_old"] == ("Terwujudnya Dukungan Sarana dan Prasarana guna Meningkatkan Kelancaran "
                                  "Tugas KPU")
    assert activity_rows(d, "change", "no_new", "kegiatan_old", "kegiatan_new", "fields", "row_old",
                         "row_new") == [
        ("renamed", "3", "Penyeleenggaraan tes assesmenet di Lingkungan KPU provinsi dan KPU KabupatenKota",
         "Penyelenggaraan tes assesmenet di Lingkungan KPU provinsi dan KPU KabupatenKota", "kegiatan", 13, 13),
        ("renamed", "5", "Reviu atas lapoan keuangan triwulan", "Reviu atas laporan keuangan triwulan",
         "kegiatan", 18, 18),
        ("renamed", "5", "Reviu atas lapoan keuangan semester", "Reviu atas laporan keuangan semester",
         "kegiatan", 19, 19),
        ("renamed", "29", "Rapat Koordinasi Pemutakhira data pemilih berkelanjutan",
         "Rapat Koordinasi Pemutakhiran data pemilih berkelanjutan", "kegiatan", 75, 75),
    ]
    assert moved_totals(d) == []


def test_goal_4_removed_is_not_goal_17(revise):
    """Goals 4 and 17 carry the same Sasaran but for case: removing goal 4 must not
    be read as goal 4 turning into goal 17."""
    def edit(rows):
        i = at(4)
        del rows[i:i + 3]
        renumber(rows, i, -1)
    d = revise(edit)
    assert changed_goals(d) == [("4", None, "removed", 1_159_691_000, 0, -1_159_691_000, "")]
    g = d.goals.set_index("no_old")
    assert (g.loc["17", "no_new"], g.loc["17", "change"]) == ("16", "same")
    assert activity_rows(d, "change", "no_old", "kegiatan_old", "row_old") == [
        ("removed", "4", "Operasional Kantor", 14),
        ("removed", "4", "Penatausahaan BMN", 15),
        ("removed", "4", "Pengelolaan dan Penerapan Kearsipan", 16),
    ]
    assert moved_totals(d) == [("Subbag Umum dan Logistik", 2_633_827_000, 1_474_136_000, -1_159_691_000),
                               ("JUMLAH", TOTAL, 1_891_755_000, -1_159_691_000)]


def test_goals_4_and_17_both_edited_keep_their_partners(revise):
    def edit(rows):
        rows[at(4, 2)][TARGET] = "90 %"
        rows[at(17, 1)][TARGET] = "80 %"
        rows[at(17)][SASARAN] = rows[at(17)][SASARAN].replace("guna", "Guna")
    d = revise(edit)
    assert changed_goals(d) == [
        ("4", "4", "changed", 1_159_691_000, 1_159_691_000, 0, "kegiatan"),
        ("17", "17", "changed", 1_159_691_000, 1_159_691_000, 0, "sasaran, kegiatan"),
    ]
    assert activity_rows(d, "no_new", "kegiatan_new", "target_kegiatan_old", "target_kegiatan_new") == [
        ("4", "Pengelolaan dan Penerapan Kearsipan", "100 %", "90 %"),
        ("17", "Belanja Operasional Perkantoran", "100 %", "80 %"),
    ]


def test_neighbouring_goals_told_apart_by_text(revise):
    """Goal 24 removed; goal 25 (now 24) has a typo in its Sasaran and every activity
    renamed, so only text similarity can match it - to old 25, not to old 24, whose
    Sasaran starts alike (ratio 0.54, under the 0.8 needed)."""
    def edit(rows):
        i = at(24)
        del rows[i:i + 3]
        renumber(rows, i, -1)
        rows[i][SASARAN] = rows[i][SASARAN].replace("Perempuan", "Perempuaan")
        for k in range(3):
            rows[i + k][KEGIATAN] = rows[i + k][KEGIATAN].replace("Sosialisasi Peningkatan", "Bimtek")
    d = revise(edit)
    assert changed_goals(d) == [
        ("24", None, "removed", 22_000_000, 0, -22_000_000, ""),
        ("25", "24", "changed", 0, 0, 0, "sasaran, kegiatan"),
    ]
    assert activity_rows(d, "change", "no_old", "no_new", "kegiatan_new", "row_old", "row_new")[3:] == [
        ("renamed", "25", "24", f"Bimtek partisipasi pemilih {who} dalam pelaksanaan pemilu/pemilihan", old, new)
        for who, old, new in (("perempuan", 60, 57), ("pemula", 61, 58), ("disabilitas", 62, 59))
    ]
    assert d.summary()[-1] == "Nomor Sasaran berubah, isi sama: 26-29 -> 25-28"


def test_goal_moved_to_the_end(revise):
    def edit(rows):
        moved = rows[at(2):at(3)]
        del rows[at(2):at(3)]
        renumber(rows, at(2), -1)
        moved[0][NO] = "29"
        rows.extend(moved)
    d = revise(edit)
    assert changed_goals(d) == []
    assert len(d.activities) == 0 and moved_totals(d) == []
    assert not d.is_empty  # the numbers changed
    assert d.goals["no_old"].tolist() == ["1"] + [str(n) for n in range(3, 30)] + ["2"]
    assert d.goals["no_new"].tolist() == [str(n) for n in range(1, 30)]


# -- budget -------------------------------------------------------------------------

def test_budget_moved_between_goals(revise):
    def edit(rows):
        rows[at(1)][PAGU] = "19,295,000"
        rows[at(2)][PAGU] = "33,134,000"
    d = revise(edit)
    assert changed_goals(d) == [
        ("1", "1", "changed", 29_295_000, 19_295_000, -10_000_000, "pagu, kegiatan"),
        ("2", "2", "changed", 23_134_000, 33_134_000, 10_000_000, "pagu, kegiatan"),
    ]
    assert int(d.goals["delta"].sum()) == 0
    assert activity_rows(d, "change", "no_new", "row_new", "fields", "pagu_old", "pagu_new", "pagu_cell_old",
                         "pagu_cell_new") == [
        ("changed", "1", 8, "pagu", 29_295_000, 19_295_000, "K8:K9", "K8:K9"),
        ("changed", "1", 9, "pagu", 29_295_000, 19_295_000, "K8:K9", "K8:K9"),
        ("changed", "2", 10, "pagu", 23_134_000, 33_134_000, "K10:K11", "K10:K11"),
        ("changed", "2", 11, "pagu", 23_134_000, 33_134_000, "K10:K11", "K10:K11"),
    ]
    assert moved_totals(d) == [("Subbag Umum dan Logistik", 2_633_827_000, 2_623_827_000, -10_000_000),
                               ("Subbag Program dan Data", 125_044_000, 135_044_000, 10_000_000)]
    assert d.totals.iloc[-1].tolist() == ["JUMLAH", TOTAL, TOTAL, 0]


def test_pagu_range_split_in_two(revise):
    def edit(rows):
        rows[at(4)][PAGU] = "1,000,000,000"
        rows[at(4, 1)][PAGU] = "159,691,000"
    d = revise(edit)
    assert d.summary("en")[-2:] == [
        '  ~ Pagu: Rp 1.159.691.000 (K14:K16) -> Rp 1.000.000.000 (K14): "Operasional Kantor"',
        '  ~ Pagu: Rp 1.159.691.000 (K14:K16) -> Rp 159.691.000 (K15:K16): "Penatausahaan BMN" '
        '(and 1 more)',
    ]
    assert changed_goals(d) == [("4", "4", "changed", 1_159_691_000, 1_159_691_000, 0, "kegiatan")]
    assert activity_rows(d, "kegiatan_new", "fields", "pagu_old", "pagu_new", "pagu_cell_old",
                         "pagu_cell_new") == [
        ("Operasional Kantor", "pagu", 1_159_691_000, 1_000_000_000, "K14:K16", "K14"),
        ("Penatausahaan BMN", "pagu", 1_159_691_000, 159_691_000, "K14:K16", "K15:K16"),
        ("Pengelolaan dan Penerapan Kearsipan", "pagu", 1_159_691_000, 159_691_000, "K14:K16", "K15:K16"),
    ]
    assert moved_totals(d) == []
    assert not d.is_empty


# -- activities ---------------------------------------------------------------------

def test_activities_added_and_removed(revise):
    def edit(rows):
        del rows[at(26, 2)]   # the last of goal 26's three identical rows
        del rows[at(16, 1)]   # "Rapat Koordinasi ... ke KPU RI"
        rows.insert(at(9, 2), ["", "", "", "", "Survei Internal Integritas", "1 lap", "", "", "", "", "", ""])
    d = revise(edit)
    assert changed_goals(d) == [
        ("9", "9", "changed", 8_204_000, 8_204_000, 0, "kegiatan"),
        ("16", "16", "changed", 30_398_000, 30_398_000, 0, "kegiatan"),
        ("26", "26", "changed", 9_000_000, 9_000_000, 0, "kegiatan"),
    ]
    assert activity_rows(d, "change", "no_new", "kegiatan_old", "kegiatan_new", "target_kegiatan_new",
                         "pagu_new", "pagu_cell_new", "row_old", "row_new") == [
        ("added", "9", None, "Survei Internal Integritas", "1 lap", 8_204_000, "K30:K32", None, 32),
        ("removed", "16", "Rapat Koordinasi dan Konsultasi pengelolaan dan penerapan kearsipan ke KPU RI",
         None, None, None, None, 43, None),
        ("removed", "26", "Perjalanan dinas dalam rangka supervisi dan monitoring pilot project desa melek "
         "politik", None, None, None, None, 65, None),
    ]
    assert moved_totals(d) == []


def test_target_and_quarter_changed(revise):
    def edit(rows):
        rows[at(10)][TARGET] = "90 %"                 # Kenaikan Pangkat
        rows[at(10, 1)][TW3] = ""                     # Rapat TPK: "3 Orang" cleared
        rows[at(11, 2)][TW2] = "30 Pegawai"           # Siprenja
        rows[at(26, 1)][TARGET] = "50 %"              # the middle of three identical rows
    d = revise(edit)
    assert activity_rows(d, "change", "no_new", "kegiatan_new", "fields", "target_kegiatan_old",
                         "target_kegiatan_new", "tw2_old", "tw2_new", "tw3_old", "tw3_new", "row_old",
                         "row_new") == [
        ("changed", "10", "Kenaikan Pangkat", "target_kegiatan", "100 %", "90 %", None, None, None, None, 32, 32),
        ("changed", "10", "Rapat Tim Penilai Kinerja (TPK) Sekretariat KPU Provinsi Banten", "tw3",
         None, None, None, None, "3 Orang", None, 33, 33),
        ("changed", "11", "Sistem Informasi Presensi dan Kinerja (Siprenja)", "tw2", None, None,
         "34 Pegawai", "30 Pegawai", None, None, 36, 36),
        ("changed", "26", "Perjalanan dinas dalam rangka supervisi dan monitoring pilot project desa melek "
         "politik", "target_kegiatan", "100 %", "50 %", None, None, None, None, 64, 64),
    ]
    assert [g[1] for g in changed_goals(d)] == ["10", "11", "26"]


def test_pelaksana_renamed(revise):
    def edit(rows):
        for r in rows:
            r[PELAKSANA] = r[PELAKSANA].replace("Subbag SDM", "Subbag Sumber Daya Manusia")
    d = revise(edit)
    assert activity_rows(d, "no_new", "row_new", "fields", "pelaksana_old", "pelaksana_new") == [
        (no, row, "pelaksana", "Subbag SDM", "Subbag Sumber Daya Manusia")
        for no, row in (("3", 12), ("3", 13), ("9", 30), ("9", 31), ("10", 32), ("10", 33),
                        ("11", 34), ("11", 35), ("11", 36))
    ]
    assert [g[1] for g in changed_goals(d)] == ["3", "9", "10", "11"]
    assert int(d.goals["delta"].abs().sum()) == 0
    assert moved_totals(d) == [("Subbag Sumber Daya Manusia", 0, 35_164_000, 35_164_000),
                               ("Subbag SDM", 35_164_000, 0, -35_164_000)]


def test_signature_date_changed(revise, monkeypatch):
    signature = ["Serang, 1 April 2021"] + build_sample.SIGNATURE[1:]
    monkeypatch.setattr(build_sample, "SIGNATURE", signature)
    d = revise(lambda rows: None)
    assert not d.is_empty
    assert d.meta.values.tolist() == [["signed_on", "2021-01-28", "2021-04-01"]]
    assert d.summary()[-2:] == ["Judul dan tanda tangan:", "  Tanggal: 28 Januari 2021 -> 1 April 2021"]
    assert len(d.activities) == 0 and set(d.goals["change"]) == {"same"}


# -- matching helpers ---------------------------------------------------------------

def test_fold():
    assert fold_words("Terwujudnya  Dukungan Sarana, dan Prasarana Guna\n") == (
        "terwujudnya dukungan sarana dan prasarana guna")
    assert fold_words(None) == ""


def test_assignment_is_optimal_not_greedy():
    # Greedy takes (0, 0) = 0.9 and leaves 1 unmatched; the best total is 0.85 + 0.84.
    edges = {(0, 0): 0.9, (0, 1): 0.85, (1, 0): 0.84}
    assert sorted(_assign(edges)) == [(0, 1), (1, 0)]


# -- long plans: the matching stays linear and finds the same ----------------------

@pytest.fixture
def plan_of(tmp_path, monkeypatch):
    """plan_of(rows, name) -> the reading of ``rows`` laid out by build_sample.py."""
    def make(rows, name):
        text = tmp_path / (name + ".txt")
        text.write_text("\n".join("\t".join(r) for r in rows), encoding="utf-8")
        monkeypatch.setattr(build_sample, "SOURCE", text)
        return rakxl.read_rak(build_sample.build(tmp_path / name))
    return make


def _difflib_align(old_keys, new_keys):
    """The plain path: difflib's matching blocks, then the rest in order of appearance."""
    import difflib

    pairs = []
    for a, b, size in difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_matching_blocks():
        pairs.extend((a + k, b + k) for k in range(size))
    used_old, used_new = {i for i, _ in pairs}, {j for _, j in pairs}
    waiting = {}
    for j, key in enumerate(new_keys):
        if j not in used_new:
            waiting.setdefault(key, []).append(j)
    for i, key in enumerate(old_keys):
        if i not in used_old and waiting.get(key):
            pairs.append((i, waiting[key].pop(0)))
    return pairs


def _edited(keys, rnd, alphabet, edits):
    keys = list(keys)
    for _ in range(edits):
        roll = rnd.random()
        if roll < 0.3 and keys:
            del keys[rnd.randrange(len(keys))]
        elif roll < 0.6:
            keys.insert(rnd.randrange(len(keys) + 1), rnd.randrange(alphabet))
        elif roll < 0.8 and keys:
            keys[rnd.randrange(len(keys))] = rnd.randrange(alphabet)
        elif keys:
            keys.insert(rnd.randrange(len(keys)), keys.pop(rnd.randrange(len(keys))))
    return keys


def test_align_of_short_plans_is_difflibs():
    """Up to ALL_PAIRS_LIMIT pairs (plans of up to 50 goals) the alignment is exactly
    difflib's, repeated keys included."""
    import random

    rnd = random.Random(19)
    for _ in range(600):
        alphabet = rnd.choice((3, 8, 40))
        old = [rnd.randrange(alphabet) for _ in range(rnd.randrange(0, 42))]
        new = _edited(old, rnd, alphabet, rnd.randrange(0, 8))
        assert len(old) * len(new) <= revisions.ALL_PAIRS_LIMIT
        assert sorted(_align(old, new)) == sorted(_difflib_align(old, new))


def test_align_of_long_plans_pairs_every_equal_key_and_keeps_the_order():
    """Beyond it (the patience alignment): every pair joins equal keys, one to one, as
    many as the keys allow; with keys found once each (real plans: a goal with its
    activities and budget lines) the order-keeping chain is as long as difflib's."""
    import random
    from collections import Counter

    rnd = random.Random(8)
    for trial in range(60):
        unique = trial % 2 == 0
        old = list(range(400)) if unique else [rnd.randrange(30) for _ in range(300)]
        rnd.shuffle(old) if trial % 6 == 0 else None
        new = _edited(old, rnd, 10_000 if unique else 30, rnd.randrange(1, 60))
        if unique:
            new = list(dict.fromkeys(new))  # an inserted key may repeat an old one
        pairs = _align(old, new)
        assert all(old[i] == new[j] for i, j in pairs)
        assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
        co, cn = Counter(old), Counter(new)
        assert len(pairs) == sum(min(co[k], cn[k]) for k in co)
        if unique:
            assert len(_increasing_chain(pairs)) >= len(_increasing_chain(_difflib_align(old, new)))


def test_long_plan_every_other_goal_edited(plan_of):
    """116 goals (the sample four times over), every other Sasaran edited: each edited
    goal is found changed in place, every other one the same; nothing is added or
    removed (difflib alone took quadratic time on such a plan)."""
    rows = []
    for copy_no in range(4):
        for r in copy.deepcopy(ROWS):
            if r[NO]:
                r[NO] = str(int(r[NO]) + 29 * copy_no)
                r[SASARAN] = f"{r[SASARAN]} wilayah {copy_no + 1}"
            rows.append(r)
    edited = copy.deepcopy(rows)
    numbers = []
    for r in edited:
        if r[NO] and int(r[NO]) % 2 == 0:
            r[SASARAN] = r[SASARAN].replace("wilayah", "di wilayah")
            numbers.append(r[NO])
    old, new = plan_of(rows, "lama.xlsx"), plan_of(edited, "baru.xlsx")
    assert len(old.goals) == 116
    d = same_as_plain(old, new)
    changed = d.goals[d.goals["change"] != "same"]
    assert changed["no_new"].tolist() == numbers
    assert set(changed["fields"]) == {"sasaran"} and set(changed["change"]) == {"changed"}
    assert d.goals["no_old"].tolist() == d.goals["no_new"].tolist() == [str(n) for n in range(1, 117)]
    assert len(d.activities) == 0 and d.totals.iloc[-1].tolist() == ["JUMLAH", 4 * TOTAL, 4 * TOTAL, 0]


def test_long_goal_of_one_repeated_activity(plan_of, monkeypatch):
    """One goal of 120 rows of the same activity, one target changed: found on its own
    row. Same-name rows of a long goal are paired within a window of positions; the
    result equals the plain path's (every pair scored), forced by a huge limit."""
    rows = [["1", "Terwujudnya koordinasi", "Jumlah rapat", "120 kali", "Rapat koordinasi", "1 kali",
             "√", "", "", "", "120,000,000", "Subbag Umum"]]
    rows += [["", "", "", "", "Rapat koordinasi", "1 kali", "√", "", "", "", "", ""] for _ in range(119)]
    edited = copy.deepcopy(rows)
    edited[57][TARGET] = "2 kali"
    old, new = plan_of(rows, "lama.xlsx"), plan_of(edited, "baru.xlsx")
    d = same_as_plain(old, new)
    assert activity_rows(d, "change", "fields", "row_old", "row_new", "target_kegiatan_old",
                         "target_kegiatan_new") == [("changed", "target_kegiatan", 65, 65, "1 kali", "2 kali")]
    monkeypatch.setattr(revisions.align, "ALL_PAIRS_LIMIT", 10**9)
    plain = rakxl.diff(old, new)
    assert plain.activities.equals(d.activities) and plain.goals.equals(d.goals)


# -- command line -------------------------------------------------------------------

def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def revision(tmp_path, monkeypatch):
    """A revised workbook: Rp 10.000.000 moved from goal 1 to goal 2, a typo fixed in
    goal 5 and an activity added to goal 9."""
    rows = copy.deepcopy(ROWS)
    rows[at(1)][PAGU] = "19,295,000"
    rows[at(2)][PAGU] = "33,134,000"
    rows[at(5, 1)][KEGIATAN] = "Reviu atas laporan keuangan triwulan"
    rows.insert(at(9, 2), ["", "", "", "", "Survei Internal Integritas", "1 lap", "", "", "", "", "", ""])
    text = tmp_path / "revisi.txt"
    text.write_text("\n".join("\t".join(r) for r in rows), encoding="utf-8")
    monkeypatch.setattr(build_sample, "SOURCE", text)
    return build_sample.build(tmp_path / "RAK_2021_revisi1.xlsx")


def test_cli_summary_indonesian(sample_path, revision):
    res = run("diff", sample_path, revision)
    assert res.exit_code == 1, res.output
    lines = res.output.splitlines()
    assert lines[1:5] == [
        "Total Pagu: Rp 3.051.446.000 -> Rp 3.051.446.000 (Rp 0)",
        "Pagu per Pelaksana:",
        "  Subbag Umum dan Logistik  Rp 2.633.827.000 -> Rp 2.623.827.000 (-Rp 10.000.000)",
        "  Subbag Program dan Data   Rp 125.044.000 -> Rp 135.044.000 (+Rp 10.000.000)",
    ]
    assert ("Sasaran 1 diubah: Terwujudnya Dukungan Logistik dalam Penyelenggaraan Pemilu/Pemilihan"
            "  Pagu Rp 29.295.000 -> Rp 19.295.000 (-Rp 10.000.000)") in lines
    assert '  ~ "Reviu atas lapoan keuangan triwulan" -> "Reviu atas laporan keuangan triwulan" (ganti nama)' in lines
    assert '  + Kegiatan baru: "Survei Internal Integritas"' in lines
    # one line for a budget line shared by two activities
    assert ('  ~ Pagu: Rp 29.295.000 (K8:K9) -> Rp 19.295.000 (K8:K9): "Evaluasi dan Dokumentasi '
            'Pendistribusian Logistik Pemilih..." (dan 1 kegiatan lain)') in lines
    # goal by goal, in plan order
    heads = [ln.split(":")[0] for ln in lines if ln.startswith("Sasaran ")]
    assert heads == ["Sasaran 1 diubah", "Sasaran 2 diubah", "Sasaran 5 diubah", "Sasaran 9 diubah"]


def test_cli_english(sample_path, revision):
    res = run("diff", sample_path, revision, "--lang", "en")
    assert res.exit_code == 1
    assert '  + Activity added: "Survei Internal Integritas"' in res.output.splitlines()
    assert "Goal 2 changed: Terwujudnya Tahapan Pemilu/Pemilihan Sesuai Jadwal" in res.output


def test_cli_no_change_exit_0(sample_path):
    res = run("diff", sample_path, sample_path)
    assert res.exit_code == 0
    assert res.output.splitlines()[-1] == "Tidak ada perubahan."


def test_cli_json(sample_path, revision):
    res = run("diff", sample_path, revision, "--json")
    assert res.exit_code == 1
    data = json.loads(res.output)
    assert data["is_empty"] is False
    assert (data["old"]["total_pagu"], data["new"]["total_pagu"]) == (TOTAL, TOTAL)
    assert [(a["change"], a["no_new"], a["kegiatan_new"]) for a in data["activities"]
            if a["change"] != "changed"] == [("renamed", "5", "Reviu atas laporan keuangan triwulan"),
                                             ("added", "9", "Survei Internal Integritas")]
    assert data["totals"][-1] == {"pelaksana": "JUMLAH", "pagu_old": TOTAL, "pagu_new": TOTAL, "delta": 0}


def test_cli_unreadable_exit_2(sample_path, tmp_path):
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(b"bukan workbook")
    res = run("diff", sample_path, bad)
    assert res.exit_code == 2
    assert "rusak.xlsx" in res.output and "Traceback" not in res.output


def test_cli_refuses_to_overwrite_an_input(sample_path, revision):
    before = revision.read_bytes()
    res = run("diff", sample_path, revision, "-o", revision)
    assert res.exit_code == 2
    assert revision.read_bytes() == before


RUPIAH = '"Rp "#,##0'


def test_cli_workbook(sample_path, revision, tmp_path):
    import openpyxl

    out = tmp_path / "perubahan.xlsx"
    res = run("diff", sample_path, revision, "-o", out)
    assert res.exit_code == 1, res.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Perubahan", "RAK Sekretaris"]
    rows = list(book["Perubahan"].iter_rows(values_only=True))
    assert rows[0] == ("Bagian", "Perubahan", "No lama", "No baru", "Sasaran", "Kegiatan", "Pelaksana", "Kolom",
                       "Nilai lama", "Nilai baru", "Pagu lama", "Pagu baru", "Selisih", "Sel lama", "Sel")
    # Pagu as numbers in the Pagu columns; the budget line's range in its own columns
    body = [(r[0], r[1], r[3], r[5], r[7], r[8], r[9], r[10], r[11], r[12], r[13]) for r in rows[1:]]
    goal1 = "Terwujudnya Dukungan Logistik dalam Penyelenggaraan Pemilu/Pemilihan"
    evaluasi = "Evaluasi dan Dokumentasi Pendistribusian Logistik Pemilihan Tahun 2020"
    penyusunan = ("Penyusunan Laporan dan Evaluasi Pelaksanaan Pengelolaan Pemeliharaan dan "
                  "Inventarisasi Pemilihan")
    supervisi = "Supervisi dan Monitoring Pelaksanaan Akhir Tahapan dan Jadwal pemiliha serentak Tahun 2020"
    anggaran = "Supervisi Pengelolaan program dan Anggaran Tahun Anggaran 2020"
    assert body == [
        ("Sasaran", "diubah", "1", None, "Pagu", None, None, 29_295_000, 19_295_000, -10_000_000, None),
        ("Kegiatan", "diubah", "1", evaluasi, "Pagu", None, None, 29_295_000, 19_295_000, None, "K8:K9"),
        ("Kegiatan", "diubah", "1", penyusunan, "Pagu", None, None, 29_295_000, 19_295_000, None, "K8:K9"),
        ("Sasaran", "diubah", "2", None, "Pagu", None, None, 23_134_000, 33_134_000, 10_000_000, None),
        ("Kegiatan", "diubah", "2", supervisi, "Pagu", None, None, 23_134_000, 33_134_000, None, "K10:K11"),
        ("Kegiatan", "diubah", "2", anggaran, "Pagu", None, None, 23_134_000, 33_134_000, None, "K10:K11"),
        ("Kegiatan", "ganti nama", "5", "Reviu atas laporan keuangan triwulan", "Nama Kegiatan",
         "Reviu atas lapoan keuangan triwulan", "Reviu atas laporan keuangan triwulan", None, None, None, None),
        ("Kegiatan", "baru", "9", "Survei Internal Integritas", "Nama Kegiatan", None,
         "Survei Internal Integritas", None, None, None, None),
        ("Pelaksana", "diubah", None, None, "Pagu", None, None, 2_633_827_000, 2_623_827_000, -10_000_000, None),
        ("Pelaksana", "diubah", None, None, "Pagu", None, None, 125_044_000, 135_044_000, 10_000_000, None),
    ]
    assert [r[14] for r in rows[2:4]] == ["K8:K9", "K8:K9"]
    ws = book["Perubahan"]
    assert ws["K2"].number_format == RUPIAH and ws["M2"].number_format == RUPIAH
    # print-ready: A4 landscape, one page wide, header repeated, wrapped rows sized
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1"
    assert ws.row_dimensions[3].height and ws.row_dimensions[3].height > 15
    assert rows[1][4] == goal1
    assert (rows[-2][6], rows[-1][6]) == ("Subbag Umum dan Logistik", "Subbag Program dan Data")
    # The new plan, in the official layout, with changed and added cells marked.
    ws = book["RAK Sekretaris"]
    marked = {}
    for row in ws.iter_rows():
        for c in row:
            if c.comment is not None:
                marked[c.coordinate] = (c.fill.fgColor.rgb[-6:], c.comment.text)
    new = rakxl.read_rak(out, sheet="RAK Sekretaris")
    assert new.total_pagu == TOTAL and len(new.activities) == 69
    kegiatan, pagu = new.columns["kegiatan"], new.columns["pagu"]
    first = {r.no: r.first_row for r in new.goals.itertuples()}
    survei = int(new.activities.loc[new.activities["kegiatan"] == "Survei Internal Integritas", "row"].iloc[0])
    reviu = int(new.activities.loc[new.activities["kegiatan"] == "Reviu atas laporan keuangan triwulan",
                                   "row"].iloc[0])
    assert marked[f"{pagu}{first['1']}"] == ("FFEB9C", "Sebelumnya: Rp 29.295.000 (K8:K9)")
    assert marked[f"{pagu}{first['2']}"] == ("FFEB9C", "Sebelumnya: Rp 23.134.000 (K10:K11)")
    assert marked[f"{kegiatan}{reviu}"] == ("FFEB9C", "Sebelumnya: Reviu atas lapoan keuangan triwulan")
    assert marked[f"{kegiatan}{survei}"][1] == "Kegiatan baru"
    assert len([k for k in marked if k.startswith(kegiatan)]) == 2
    assert len([k for k in marked if k.startswith(pagu)]) == 2


def test_cli_csv(sample_path, revision, tmp_path):
    import csv

    out = tmp_path / "perubahan.csv"
    assert run("diff", sample_path, revision, "-o", out).exit_code == 1
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 10
    assert rows[0]["field"] == "pagu" and (rows[0]["old"], rows[0]["new"], rows[0]["delta"]) == (
        "29295000", "19295000", "-10000000")
