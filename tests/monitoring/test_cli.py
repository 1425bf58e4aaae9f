"""rakxl monev and rakxl capaian: thin wrappers, exit codes, outputs."""
import json

from click.testing import CliRunner

from rakxl.cli import cli

from .helpers import fill


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_monev_then_capaian(sample_path, tmp_path):
    out = tmp_path / "Monev.xlsx"
    res = run("monev", sample_path, "-o", out)
    assert res.exit_code == 0, res.output
    assert "38 indikator, 68 kegiatan, 29 baris Pagu" in res.output
    filled = fill(out, tmp_path / "isi.xlsx", {("RAK Sekretaris", "O12"): 76})   # goal 3, 95 %
    res = run("capaian", filled, "--tw", "1")
    assert res.exit_code == 0, res.output
    line = next(x for x in res.output.splitlines() if x.startswith("3 "))
    assert "80,00 %" in line and "Baik" in line
    res = run("capaian", filled, "--json")
    data = json.loads(res.output)
    rec = next(r for r in data["indicators"] if r["no"] == "3")
    assert (rec["capaian_tw1"], rec["cell_realisasi_tw1"]) == (80.0, "O12")
    for suffix in ("xlsx", "csv", "json"):
        assert run("capaian", filled, "-o", tmp_path / f"lap.{suffix}").exit_code == 0
        assert (tmp_path / f"lap.{suffix}").stat().st_size > 0


def test_capaian_on_a_plain_rak_is_one_line_exit_2(sample_path):
    res = run("capaian", sample_path)
    assert res.exit_code == 2
    assert "bukan workbook monev" in res.output and "\n" == res.output[-1] and res.output.count("\n") == 1


def test_bad_config_is_one_line_naming_the_key(sample_path, tmp_path):
    bad = tmp_path / "rakxl.toml"
    bad.write_text('[capaian]\ncap = "banyak"\n', encoding="utf-8")
    res = run("monev", sample_path, "-o", tmp_path / "M.xlsx", "--config", bad)
    assert res.exit_code == 2
    assert res.output.count("\n") == 1 and "capaian.cap" in res.output


def test_monev_of_a_monev_workbook_is_refused(sample_path, tmp_path):
    out = tmp_path / "Monev.xlsx"
    assert run("monev", sample_path, "-o", out).exit_code == 0
    res = run("monev", out, "-o", tmp_path / "lagi.xlsx")
    assert res.exit_code == 2 and "sudah workbook monev" in res.output and "--from" in res.output
    assert not (tmp_path / "lagi.xlsx").exists()
