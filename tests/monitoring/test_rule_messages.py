"""The monitoring checks' messages in both languages, each rendered from its code and
parameters (amounts, levels, reasons, a Pagu as a target): a reading built in memory
(:class:`rakxl.Monitoring` rows), so every phrase is met."""
from rakxl.monitoring import methods as M
from rakxl.monitoring.reader import Monitoring
from rakxl.monitoring.rules import check_monitoring

S = "RAK"


def item(no, method, values, statuses, col="O", row=8, target="4 lap"):
    rec = {"sheet": S, "no": no, "method": method, "target": target}
    for q in range(1, 5):
        rec[f"realisasi_tw{q}"] = values[q - 1]
        rec[f"status_tw{q}"] = statuses[q - 1]
        rec[f"capaian_tw{q}"] = None
        rec[f"cell_realisasi_tw{q}"] = f"{chr(ord(col) + 2 * (q - 1))}{row}"
        rec[f"cell_capaian_tw{q}"] = f"{chr(ord(col) + 2 * (q - 1) + 1)}{row}"
    return rec


def line(no, pagu, spent, row=8):
    rec = {"sheet": S, "no": no, "pagu": pagu, "cell_pagu": f"K{row}"}
    for q in range(1, 5):
        rec[f"realisasi_tw{q}"] = spent[q - 1]
        rec[f"cell_realisasi_tw{q}"] = f"V{row + q}"
        rec[f"kumulatif_tw{q}"] = None
    return rec


def messages(mon, code):
    return [(f.message, f.message_en) for f in check_monitoring(mon, {code})]


def test_invalid_realisations_say_why():
    mon = Monitoring("x.xlsx", None,
                     indicator_rows=[item("1", "nilai_akhir, naik, skala opini", ["BAGUS", None, None, None],
                                          [M.INVALID, M.BLANK, M.BLANK, M.BLANK]),
                                     item("2", "kumulatif, naik", ["selesai", -3.0, None, None],
                                          [M.INVALID, M.OK, M.BLANK, M.BLANK], row=9)],
                     budget_rows=[line("1", 1_000_000, ["satu juta", -5.0, None, None])])
    assert messages(mon, "monev-invalid") == [
        ("Realisasi triwulan 1 'BAGUS' bukan nilai pada skala target",
         "Quarter 1 realisation 'BAGUS' is not a grade of the target's scale"),
        ("Realisasi triwulan 1 'selesai' bukan angka (ketik angka saja, tanpa % atau satuan)",
         "Quarter 1 realisation 'selesai' is not a number (type the number only)"),
        ("Realisasi triwulan 2 '-3' negatif", "Quarter 2 realisation '-3' is negative"),
        ("Realisasi triwulan 1 'satu juta' bukan jumlah rupiah berupa angka",
         "Quarter 1 realisation 'satu juta' is not an amount typed as a number"),
        ("Realisasi triwulan 2 '-5' negatif", "Quarter 2 realisation '-5' is negative"),
    ]


def test_missing_names_the_level_in_each_language():
    mon = Monitoring("x.xlsx", 3, indicator_rows=[item("1", "kumulatif, naik", [1.0, None, None, 4.0],
                                                       [M.OK, M.BLANK, M.BLANK, M.OK])])
    mon.activity_rows = [dict(item("1", "kumulatif, naik", [None, None, None, None], [M.BLANK] * 4, row=9))]
    assert messages(mon, "monev-missing") == [
        ("Realisasi indikator triwulan II, III kosong (belum dilaporkan: Q8, S8), padahal laporan sudah s.d. "
         "triwulan III",
         "The indicator realisation of quarter II, III is blank (not reported: Q8, S8) although the report is up "
         "to quarter III"),
        ("Realisasi kegiatan triwulan I, II, III kosong (belum dilaporkan: O9, Q9, S9), padahal laporan sudah s.d. "
         "triwulan III",
         "The activity realisation of quarter I, II, III is blank (not reported: O9, Q9, S9) although the report "
         "is up to quarter III"),
    ]


def test_cumulative_spending_against_the_pagu_in_rupiah_of_each_language():
    mon = Monitoring("x.xlsx", None, budget_rows=[line("3", 10_000_000, [2_000_000.0, 5_000_000.0, 8_000_000.0,
                                                                         None])])
    (pair,) = messages(mon, "monev-cumulative-typed")
    assert pair == (
        "Realisasi triwulan Rp 2.000.000, Rp 5.000.000, Rp 8.000.000 naik terus dan jumlahnya (Rp 15.000.000) "
        "melampaui target Pagu Rp 10.000.000, padahal nilai terakhir (Rp 8.000.000) tidak; tampaknya angka "
        "kumulatif diketik di sel per triwulan (isi hanya realisasi triwulan itu)",
        "Quarter realisations Rp 2,000,000, Rp 5,000,000, Rp 8,000,000 keep rising and add up to Rp 15,000,000, "
        "above the target Pagu Rp 10,000,000, while the last one (Rp 8,000,000) is not; cumulative figures seem "
        "typed into per-quarter cells")


def test_amounts_typed_on_the_rows_of_a_merge_in_rupiah():
    mon = Monitoring("x.xlsx", None)
    mon.stray = [{"sheet": S, "budget_line": 4, "no": "4", "q": 1, "cells": ["V14", "V15"],
                  "values": [50_000_000.0, 2.5], "row": 14}]
    (pair,) = messages(mon, "monev-budget-repeated")
    assert "(V14, V15: Rp 50.000.000, 2.5)" in pair[0] and "(V14, V15: Rp 50,000,000, 2.5)" in pair[1]
