"""--from: a revised RAK keeps what was reported, matched as the revision diff matches.

The revision is made as tests/test_revisions.py makes them: the sample's own rows
edited (one activity renamed, one inserted) and laid out by samples/build_sample.py.
"""
import copy
import warnings

import openpyxl
from click.testing import CliRunner

import rakxl
from rakxl.cli import cli
from tests.test_revisions import KEGIATAN, ROWS, at, build_sample

from .helpers import fill, realisation_set

S = "RAK Sekretaris"
RENAMED = ("Reviu atas lapoan keuangan triwulan", "Reviu atas laporan keuangan triwulan")
INSERTED = "Survei Internal Integritas"


def build(tmp_path, monkeypatch, edit, name):
    rows = copy.deepcopy(ROWS)
    edit(rows)
    text = tmp_path / (name + ".txt")
    text.write_text("\n".join("\t".join(r) for r in rows), encoding="utf-8")
    monkeypatch.setattr(build_sample, "SOURCE", text)
    return build_sample.build(tmp_path / name)


def revision(rows):
    i = at(5, 1)
    assert rows[i][KEGIATAN] == RENAMED[0]
    rows[i][KEGIATAN] = RENAMED[1]
    rows.insert(at(9, 2), ["", "", "", "", INSERTED, "1 lap", "", "", "", "", "", ""])


def filled_old(tmp_path, sample_path):
    old = tmp_path / "Monev_lama.xlsx"
    rakxl.write_monitoring(sample_path, old)
    blank = rakxl.read_monitoring(old)
    cells = realisation_set(blank)
    for k, rec in enumerate(blank.activities.to_dict("records")):
        cells[(S, rec["cell_kendala_tw1"])] = f"kendala {k}"
        cells[(S, rec["cell_tindak_lanjut_tw2"])] = f"tindak lanjut {k}"
        cells[(S, rec["cell_bukti_tw3"])] = f"https://bukti.example/{k}"
    return fill(old, tmp_path / "Monev_lama_isi.xlsx", cells)


def reported(frame, key):
    """{key: (values...)} of every reported field of a frame."""
    out = {}
    fields = [c for c in frame.columns if c.startswith(("realisasi_tw", "kendala_tw", "tindak_lanjut_tw", "bukti_tw"))]
    for rec in frame.to_dict("records"):
        out[key(rec)] = tuple(None if v != v else v for v in (rec[f] for f in fields))
    return out


def test_everything_carried_over_a_renamed_and_an_inserted_activity(tmp_path, monkeypatch, sample_path):
    old = filled_old(tmp_path, sample_path)
    new_rak = build(tmp_path, monkeypatch, revision, "RAK_revisi.xlsx")
    out = tmp_path / "Monev_baru.xlsx"
    res = CliRunner().invoke(cli, ["monev", str(new_rak), "--from", str(old), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "0 tidak terpetakan" in res.output
    before, after = rakxl.read_monitoring(old), rakxl.read_monitoring(out)
    assert (len(after.indicators), len(after.activities), len(after.budgets)) == (38, 69, 29)
    rename = dict([RENAMED])
    acts_before = reported(before.activities, lambda r: (r["no"], rename.get(r["kegiatan"], r["kegiatan"]),
                                                        r["sheet"]) + (r["row"] if r["no"] in ("26", "29") else 0,))
    acts_after = reported(after.activities, lambda r: (r["no"], r["kegiatan"], r["sheet"]) +
                          (r["row"] - (1 if r["row"] > 31 else 0) if r["no"] in ("26", "29") else 0,))
    inserted = [k for k in acts_after if k[1] == INSERTED]
    assert len(inserted) == 1 and set(acts_after.pop(inserted[0])) == {None}
    assert acts_after == acts_before
    assert acts_after[("5", RENAMED[1], S, 0)] == acts_before[("5", RENAMED[1], S, 0)]
    assert any(v is not None for v in acts_after[("5", RENAMED[1], S, 0)])
    ind = lambda r: (r["no"], r["indikator"])  # noqa: E731
    assert reported(after.indicators, ind) == reported(before.indicators, ind)
    bud = lambda r: (r["no"], r["pagu"])  # noqa: E731
    assert reported(after.budgets, bud) == reported(before.budgets, bud)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert "Tidak Terpetakan" not in openpyxl.load_workbook(out).sheetnames


def test_unmatched_is_listed_and_kept_in_a_sheet(tmp_path, monkeypatch, sample_path):
    old = filled_old(tmp_path, sample_path)

    def remove(rows):
        del rows[at(16, 1)]   # "Rapat Koordinasi ... ke KPU RI", reported on in the old workbook

    new_rak = build(tmp_path, monkeypatch, remove, "RAK_revisi2.xlsx")
    out = tmp_path / "Monev_baru2.xlsx"
    res = CliRunner().invoke(cli, ["monev", str(new_rak), "--from", str(old), "-o", str(out)])
    assert res.exit_code == 0, res.output
    before = rakxl.read_monitoring(old).activities
    gone = before[before["kegiatan"].str.startswith("Rapat Koordinasi dan Konsultasi pengelolaan")].iloc[0]
    expected = 3 + sum(gone[f"realisasi_tw{q}"] is not None and gone[f"realisasi_tw{q}"] == gone[f"realisasi_tw{q}"]
                       for q in range(1, 5))
    assert expected == 6                  # three realisations, a Kendala, a Tindak Lanjut, a Bukti Dukung
    assert f"{expected} tidak terpetakan" in res.output
    assert f"Kendala TW 1 = kendala {gone.name} ({S}!{gone['cell_kendala_tw1']})" in res.output
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = openpyxl.load_workbook(out)["Tidak Terpetakan"]
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True)]
    assert len(rows) == expected
    assert {r[0] for r in rows} == {"Kegiatan"} and {r[1] for r in rows} == {"16"}
