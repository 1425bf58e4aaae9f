"""rakxl's output against references saved by LibreOffice, one file per feature.

A reference is rakxl's workbook for that feature, opened and saved by LibreOffice
(tests/comparison/make_files.py). Comparing today's output with it, part by part
(tests/comparison/helperfunctions.py), checks that a real spreadsheet program read
every merge, value, formula, style and print setting the way rakxl meant them, and
that nothing changed since. Volatile values (dates, application, theme, views) are
left out.
"""
import pytest

from tests.comparison.features import FEATURES
from tests.comparison.helperfunctions import compare_xlsx, read_parts
from tests.comparison.make_files import REFERENCES


@pytest.mark.parametrize("name", sorted(FEATURES))
def test_matches_libreoffice_reference(name, tmp_path):
    build, parts = FEATURES[name]
    got = tmp_path / f"{name}.xlsx"
    build(got)
    exp = REFERENCES / f"{name}.xlsx"
    assert exp.exists(), f"no reference {exp}; run python -m tests.comparison.make_files"
    assert compare_xlsx(got, exp, parts) == {}


def test_reference_holds_what_the_feature_is_about():
    """The references are not empty shells: spot checks of literal content."""
    header = read_parts(REFERENCES / "header_merge01.xlsx")
    assert header["cells"]["RAK Sekretaris"]["G5"] == ("s", "Pelaksanaan Kegiatan Triwulan", None)
    assert "G5:J5" in header["merges"]["RAK Sekretaris"]
    total = read_parts(REFERENCES / "total01.xlsx")
    assert total["cells"]["RAK Sekretaris"]["K76"] == ("n", 3_051_446_000.0, "SUM(K8:K75)")
    page = read_parts(REFERENCES / "print02.xlsx")["page"]["RAK Sekretaris"]
    assert (page["orientation"], page["paper"], page["titles"]) == ("landscape", 14, "RAK Sekretaris!$5:$7")
    marks = read_parts(REFERENCES / "marks01.xlsx")
    assert marks["comments"]["RAK Sekretaris"]["K8"] == "dulu: 1"
    assert marks["styles"]["RAK Sekretaris"]["E8"]["fill"] == "FFEB9C"
    sheets = read_parts(REFERENCES / "sheets01.xlsx")["sheets"]
    assert sheets == ["RAK Bagian _Umum__ Tahun 2021_2", "RAK Bagian _Umum__ Tahun 20 (2)"]
