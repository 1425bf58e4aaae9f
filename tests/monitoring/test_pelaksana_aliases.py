"""rakxl.toml's canonical Pelaksana names, used by the checker and by totals."""
import shutil

import rakxl

ALIAS = '[pelaksana]\n"Subbag Umum dan Logistik" = ["Subbag Logistik"]\n'
DISTINCT = '[pelaksana]\n"Subbag Umum dan Logistik" = []\n"Subbag Logistik" = []\n'


def sample_with(folder, sample_path, toml):
    folder.mkdir(exist_ok=True)
    path = folder / "RAK_2021.xlsx"
    shutil.copyfile(sample_path, path)
    if toml is not None:
        (folder / "rakxl.toml").write_text(toml, encoding="utf-8")
    return path


def variants(path):
    return [(f.no, f.cell, f.message) for f in rakxl.check_file(path) if f.code == "pelaksana-variant"]


def test_checker_follows_the_canonical_names(tmp_path, sample_path):
    (no, cell, message), = variants(sample_with(tmp_path / "a", sample_path, None))
    assert (no, cell) == ("28", "L69")
    (no, cell, message), = variants(sample_with(tmp_path / "b", sample_path, ALIAS))
    assert (no, cell) == ("28", "L69") and "'Subbag Umum dan Logistik'" in message
    assert variants(sample_with(tmp_path / "c", sample_path, DISTINCT)) == []


def test_totals_group_aliases_under_the_canonical_name(tmp_path, sample_path):
    path = sample_with(tmp_path, sample_path, ALIAS)
    table = rakxl.budget_totals([rakxl.read_rak(path)], by=("pelaksana",))
    pagu = dict(zip(table["pelaksana"], table["pagu"]))
    assert "Subbag Logistik" not in pagu
    assert pagu["Subbag Umum dan Logistik"] == 2_633_827_000 + 29_295_000    # goals 1, 4, 15-18 and 28
    plain = rakxl.budget_totals([rakxl.read_rak(sample_path)], by=("pelaksana",))
    assert dict(zip(plain["pelaksana"], plain["pagu"]))["Subbag Logistik"] == 29_295_000
