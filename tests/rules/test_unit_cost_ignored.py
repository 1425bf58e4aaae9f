"""unit-cost-ignored: a unit cost (Biaya) beside the total (Jumlah): the total is the budget."""
import rakxl
from rakxl.rules import unit_cost_ignored
from tests import families as F
from tests import variants as V

from .build import triples


def test_workplan_with_vol_biaya_jumlah(tmp_path):
    plan = V.office_plan()
    rak = rakxl.read_rak(F.render(tmp_path / "w.xlsx", "workplan", plan))
    found = unit_cost_ignored.check(rak)
    assert triples(found) == [("unit-cost-ignored", None, "G5")]
    assert found[0].message == "Kolom 'Biaya' adalah biaya satuan; Pagu dibaca dari kolom 'Jumlah (Rp.)'"
    assert found[0].message_en == "Column 'Biaya' is a unit cost; the budget is read from column 'Jumlah (Rp.)'"
    assert rak.total_pagu == plan.total


def test_kpu_layout(tmp_path):
    assert unit_cost_ignored.check(rakxl.read_rak(V.ROOT / "samples" / "RAK_2021.xlsx")) == []
