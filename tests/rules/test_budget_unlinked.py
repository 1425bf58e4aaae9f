"""budget-unlinked: a line of a separate budget table that no number or text links to a goal."""
import rakxl
from rakxl.rules import budget_unlinked
from tests import families as F
from tests import variants as V

from .build import triples


def test_lines_numbered_1_to_n_with_their_own_names(tmp_path):
    plan = V.office_plan()
    rak = rakxl.read_rak(F.render(tmp_path / "t.xlsx", "targets-budget", plan, F.Options(numbering="sequential")))
    found = budget_unlinked.check(rak)
    assert [f.cell for f in found] == [f"C{r}" for r in range(21, 29)]   # every line, in sheet order
    assert {t[:2] for t in triples(found)} == {("budget-unlinked", None)}
    assert found[0].severity == "info"
    assert found[0].message == ("Baris anggaran 'Belanja operasional 1' tidak dapat dikaitkan ke satu sasaran "
                                "(nomor atau teksnya tidak menunjuk satu sasaran): dihitung sebagai Pagu "
                                "organisasi, tanpa sasaran")


def test_lines_numbered_under_their_goal(tmp_path):
    for numbering in ("dotted", "grouped"):
        rak = rakxl.read_rak(F.render(tmp_path / f"{numbering}.xlsx", "targets-budget", V.office_plan(),
                                      F.Options(numbering=numbering)))
        assert budget_unlinked.check(rak) == []


def test_kpu_layout(tmp_path):
    assert budget_unlinked.check(rakxl.read_rak(V.ROOT / "samples" / "RAK_2021.xlsx")) == []
