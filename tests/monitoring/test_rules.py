"""Monitoring checks on a filled monev workbook of the sample: each code, with its cells."""
import warnings

import openpyxl
import pytest
from click.testing import CliRunner

import rakxl
from rakxl.cli import cli
from rakxl.monitoring.rules import check_monitoring

from .helpers import fill

S = "RAK Sekretaris"


@pytest.fixture(scope="module")
def filled(tmp_path_factory, sample_path):
    tmp = tmp_path_factory.mktemp("rules")
    rak = rakxl.read_rak(sample_path)
    acts = rak.activities.copy()
    acts.loc[4, "target_kegiatan"] = "√"                      # goal 3's first activity: no numeric target
    rak = rak.with_frames(activities=acts)
    monev = tmp / "Monev.xlsx"
    rakxl.write_monitoring(rak, monev)
    blank = rakxl.read_monitoring(monev)
    ind, act, bud = blank.indicators, blank.activities, blank.budgets
    line4 = bud.set_index("cell_pagu").loc["K14"]             # goal 4: Pagu merged over K14:K16
    ra1 = line4["cell_realisasi_tw1"].rstrip("0123456789")
    line1 = bud.set_index("cell_pagu").loc["K8"]              # goal 1: Pagu 29,295,000
    g3 = ind[ind["no"] == "3"].iloc[0]
    g7 = ind[ind["no"] == "7"].iloc[0]
    g2 = ind[ind["no"] == "2"].iloc[0]
    a0 = act.iloc[0]
    a4 = act.iloc[4]
    cells = {
        (S, f"{ra1}14"): 50_000_000, (S, f"{ra1}15"): 50_000_000, (S, f"{ra1}16"): 50_000_000,
        (S, line1["cell_realisasi_tw1"]): 20_000_000, (S, line1["cell_realisasi_tw2"]): 15_000_000,
        (S, g3["cell_realisasi_tw1"]): -5, (S, g3["cell_realisasi_tw2"]): "selesai",
        (S, g7["cell_realisasi_tw1"]): 2, (S, g7["cell_realisasi_tw2"]): 4,
        (S, g7["cell_realisasi_tw3"]): 6, (S, g7["cell_realisasi_tw4"]): 8,
        (S, g2["cell_realisasi_tw2"]): 120,
        (S, a0["cell_realisasi_tw1"]): 100,
        (S, a4["cell_realisasi_tw1"]): 1,
    }
    path = fill(monev, tmp / "isi.xlsx", cells, unmerge=[(S, f"{ra1}14:{ra1}16")])
    return path, ra1, line1, g2, g3, g7, a0, a4


def triples(findings):
    return sorted((f.code, f.no, f.cell) for f in findings)


def test_each_monitoring_code(filled):
    path, ra1, line1, g2, g3, g7, a0, a4 = filled
    found = check_monitoring(rakxl.read_monitoring(path, quarter=1))
    by = {}
    for f in found:
        by.setdefault(f.code, []).append(f)
    (rep,) = by["monev-budget-repeated"]
    assert (rep.no, rep.cell, rep.severity) == ("4", f"{ra1}14", "error")
    assert f"{ra1}14, {ra1}15, {ra1}16" in rep.message and "Rp 50.000.000, Rp 50.000.000, Rp 50.000.000" in rep.message
    (over,) = by["monev-over-pagu"]
    assert (over.no, over.cell) == ("1", line1["cell_realisasi_tw2"])
    assert "Rp 35.000.000" in over.message and "Rp 29.295.000" in over.message
    assert triples(by["monev-invalid"]) == sorted([("monev-invalid", "3", g3["cell_realisasi_tw1"]),
                                                   ("monev-invalid", "3", g3["cell_realisasi_tw2"])])
    (cum,) = by["monev-cumulative-typed"]
    assert (cum.no, cum.cell) == ("7", g7["cell_realisasi_tw4"]) and "2, 4, 6, 8" in cum.message
    (nt,) = by["monev-no-target"]
    assert (nt.no, nt.cell, nt.severity) == ("3", a4["cell_realisasi_tw1"], "info")
    (ev,) = by["monev-no-evidence"]
    assert (ev.no, ev.cell) == ("1", a0["cell_bukti_tw1"])
    assert "monev-over-cap" not in by                          # no cap set
    # --tw 1: every indicator and activity blank in quarter 1 is listed
    missing = {f.cell for f in by["monev-missing"]}
    assert g2["cell_realisasi_tw1"] in missing and g3["cell_realisasi_tw1"] not in missing


def test_cap_from_config(filled, tmp_path):
    path, ra1, line1, g2, *_ = filled
    from rakxl.monitoring.config import load_config

    (tmp_path / "rakxl.toml").write_text("[capaian]\ncap = 100\n", encoding="utf-8")
    config = load_config(tmp_path / "rakxl.toml")
    mon = rakxl.read_monitoring(path, config=config)
    found = check_monitoring(mon, codes={"monev-over-cap"})
    # goal 2: 120 of 100 %; goal 7 (8 Kali, kumulatif 2+4+6 and +8): 150 % and 250 %
    assert [(f.no, f.cell) for f in found if f.no == "2"] == [("2", g2["cell_capaian_tw2"])]
    assert "120.00 %" in found[0].message if found[0].no == "2" else True
    assert sorted(f.message.split()[3] for f in found if f.no == "7") == ["150.00", "250.00"]


def test_rakxl_check_runs_them_and_annotates(filled, tmp_path):
    path, ra1, *_ = filled
    out = tmp_path / "temuan.xlsx"
    res = CliRunner().invoke(cli, ["check", str(path), "--tw", "1", "--annotate", str(out), "--json"])
    assert res.exit_code == 1, res.output
    assert "monev-budget-repeated" in res.output and "monev-over-pagu" in res.output
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ws = openpyxl.load_workbook(out)[S]
    assert ws[f"{ra1}14"].comment is not None and "diketik di 3 baris" in ws[f"{ra1}14"].comment.text
